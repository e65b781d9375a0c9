import * as z from 'zod/mini';
import type { HeldReferralView, InviteeView, ReferralRewardView } from '../../../../types/api';
import { dayKey } from '../../../core/day';
import { AppError } from '../../../core/errors';
import { REWARD_REASON, maskName, type RewardOutcome } from '../../../core/referral';
import { assertNotSelf } from '../../kernel/access';
import { cursorSchema, defineFunction, limitSchema, requestIdSchema, type RouteContext } from '../../kernel/handler';
import { choice, ref } from '../../kernel/fields';
import type { MemberDoc } from '../../domain/model';
import { reviewReferral, type ReferralDoc } from '../../domain/referralRecords';
import type { Store } from '../../store/port';
import { scan } from '../../store/scan';

/** The page a shared invite opens; `ref` is the inviter's code. */
export function sharePathFor(code: string): string {
  return `/pages/index/index?ref=${code}`;
}

function rewardView(outcome: RewardOutcome): ReferralRewardView {
  return { ...outcome, reason: outcome.status === 'paid' ? `已发放 +${outcome.amount}` : REWARD_REASON[outcome.status] };
}

async function nameOf(store: Store, memberId: string): Promise<string> {
  return (await store.get('members', memberId))?.nickname ?? '已注销成员';
}

async function heldView(store: Store, r: ReferralDoc): Promise<HeldReferralView> {
  return {
    inviteeId: r.inviteeId,
    inviteeName: r.inviteeName,
    inviterId: r.inviterId,
    inviterName: await nameOf(store, r.inviterId),
    hold: r.hold,
    state: r.state,
    review: r.review,
    registeredAt: r.registeredAt,
  };
}

function me(ctx: RouteContext): MemberDoc {
  return ctx.member as MemberDoc;
}

/** `referral`: invite codes and sharing, each invitee's state and reward, the leaderboard and the owner's review. */
export const referralFunction = defineFunction('referral', {
  mine: {
    access: 'member',
    schema: z.strictObject({}),
    async handle(ctx) {
      const page = await ctx.store.find('referrals', {
        where: { inviterId: ctx.memberId },
        orderBy: { field: 'registeredAt', direction: 'desc' },
        limit: 100,
      });
      const stats = await ctx.store.get('referralStats', ctx.memberId);
      const invitees: InviteeView[] = page.docs.map((r) => ({
        name: maskName(r.inviteeName),
        state: r.state,
        registeredAt: r.registeredAt,
        activation: rewardView(r.activation),
        conversion: rewardView(r.conversion),
      }));
      const code = me(ctx).inviteCode;
      return {
        code,
        sharePath: sharePathFor(code),
        invitees,
        totals: {
          invited: await ctx.store.count('referrals', { inviterId: ctx.memberId }),
          activated: stats?.activatedTotal ?? 0,
          converted: page.docs.filter((r) => r.state === 'converted').length,
          points: stats?.rewardPoints ?? 0,
        },
      };
    },
  },
  board: {
    access: 'member',
    schema: z.strictObject({}),
    async handle(ctx) {
      const month = dayKey(ctx.now, ctx.settings.timezone).slice(0, 7);
      const page = await ctx.store.find('referralBoard', { where: { month }, orderBy: { field: 'activated', direction: 'desc' }, limit: 10 });
      const leaders = [];
      for (const [i, row] of page.docs.entries()) {
        leaders.push({ rank: i + 1, name: maskName(await nameOf(ctx.store, row.inviterId)), activated: row.activated, isMe: row.inviterId === ctx.memberId });
      }
      return { month, leaders };
    },
  },
  poster: {
    access: 'member',
    schema: z.strictObject({}),
    async handle(ctx) {
      const code = me(ctx).inviteCode;
      const scene = `r=${code}`;
      return { image: await ctx.platform.miniCode(scene, 'pages/index/index'), scene, sharePath: sharePathFor(code) };
    },
  },
  held: {
    access: 'owner',
    schema: z.strictObject({ limit: z.optional(limitSchema), after: z.optional(cursorSchema) }),
    async handle(ctx, params) {
      const page = await ctx.store.find('referrals', {
        where: { queue: 'held' },
        orderBy: { field: 'registeredAt', direction: 'asc' },
        limit: params.limit ?? 30,
        after: params.after ?? null,
      });
      const referrals: HeldReferralView[] = [];
      for (const r of page.docs) referrals.push(await heldView(ctx.store, r));
      return { referrals, next: page.next };
    },
  },
  review: {
    access: 'owner',
    schema: z.strictObject({ requestId: requestIdSchema, inviteeId: ref(64, '请选择被邀请人'), decision: choice(['approved', 'rejected'], '请选择通过或驳回') }),
    async handle(ctx, params) {
      // The inviter of a referral never changes, so the committed copy is enough to refuse one's own.
      const held = await ctx.store.get('referrals', params.inviteeId);
      if (held) assertNotSelf(ctx, held.inviterId, '不能审核自己邀请的好友');
      const referral = await ctx.write((tx) => reviewReferral(tx, params.inviteeId, params.decision, ctx.now, ctx.settings));
      return { referral: await heldView(ctx.store, referral) };
    },
  },
  overview: {
    access: 'owner',
    schema: z.strictObject({}),
    async handle(ctx) {
      const members = await ctx.store.count('members');
      const invitersWithActivation = await ctx.store.count('referralStats', { activatedTotal: { $gte: 1 } });
      let rewardsPaid = 0;
      for await (const s of scan(ctx.store, 'referralStats')) rewardsPaid += s.rewardPoints;
      const [registered, activated, converted, held] = await Promise.all([
        ctx.store.count('referrals', { state: 'registered' }),
        ctx.store.count('referrals', { state: 'activated' }),
        ctx.store.count('referrals', { state: 'converted' }),
        ctx.store.count('referrals', { queue: 'held' }),
      ]);
      if (members === 0) throw new AppError('NOT_FOUND', '社群还没有成员');
      return {
        members,
        invitersWithActivation,
        referralRate: invitersWithActivation / members,
        byState: { registered, activated, converted },
        held,
        rewardsPaid,
      };
    },
  },
});
