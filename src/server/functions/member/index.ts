import * as z from 'zod/mini';
import type { MemberAdjustmentLine, MemberCheckinLine, MemberDetail, MemberOrderLine } from '../../../../types/api';
import type { Channel } from '../../../../types/domain';
import { dayKey, utcOffsetMinutes } from '../../../core/day';
import { AppError } from '../../../core/errors';
import { assertTextAllowed } from '../../domain/contentCheck';
import { isInviteCode } from '../../../core/inviteCode';
import { nicknameKey, searchPlan, SEARCH_MAX } from '../../../core/memberSearch';
import { hasRole } from '../../../core/roles';
import { tierRule, type TierKey } from '../../../core/tiers';
import { tierSettings } from '../../domain/growth';
import { carried } from '../../domain/memberState';
import { REGISTRATION_IP_BUDGET, type RateBudget } from '../../../core/rateLimits';
import { cursorSchema, defineFunction, limitSchema, requestIdSchema, type RouteContext } from '../../kernel/handler';
import { choice, ref, text } from '../../kernel/fields';
import { countJoin, withJoinFields } from '../../domain/funnelRollups';
import { recordReferral } from '../../domain/referralRecords';
import { randomInviteCode } from '../../kernel/ids';
import type { MemberDoc } from '../../domain/model';
import { DuplicateError } from '../../store/port';
import { memberView } from '../../domain/views';
import { onboardingRoutes, onboardingViewOf } from './onboarding';
import { admittedFields } from '../../domain/admission';
import { statusNow } from '../../domain/admission';
import { nicknameFormatProblem } from '../../../core/entry';

const channelSchema = z.enum(['referral', 'poster', 'group', 'lesson', 'organic']);
const roleSchema = choice(['member', 'host', 'owner'], '请选择角色');
const MAX_CODE_ATTEMPTS = 5;
/** Logins per openid per minute: a client stuck in a login loop is slowed, not served. */
const LOGIN_BUDGET: RateBudget = { name: 'member.login', max: 10, per: 'minute' };
/** Member searches per host per minute: a picker typing a name is served, a script walking the member list is slowed. */
const SEARCH_BUDGET: RateBudget = { name: 'member.search', max: 60, per: 'minute' };
/** Lines of each history on the member detail page. */
const DETAIL_LINES = 10;
const memberIdSchema = z.string().check(z.minLength(1, '请选择成员'), z.maxLength(64, '请选择成员'));
/**
 * Owners are exactly the openids in QUNYUN_OWNER_OPENIDS, checked on every call: no in-app grant
 * can outlive its removal there, and no owner can remove the last one.
 */
const OWNER_BY_CONFIG = '群主由部署配置 QUNYUN_OWNER_OPENIDS 指定，不能在应用内设置或取消';

async function viewOf(ctx: RouteContext, member: MemberDoc) {
  return memberView(member, await ctx.store.get('accounts', member.id));
}

/** The inviter behind a valid invite code: never oneself, an unknown code or a banned member. */
async function resolveInviter(ctx: RouteContext, ref: string | undefined): Promise<string | null> {
  if (!ref || !isInviteCode(ref)) return null;
  const invite = await ctx.store.get('invites', ref);
  if (!invite || invite.memberId === ctx.memberId) return null;
  const inviter = await ctx.store.get('members', invite.memberId);
  if (!inviter || inviter.banned === true) return null;
  return invite.memberId;
}

/**
 * Entry status of a new member (issue 16): admitted at once in `open` mode, with a valid invite
 * code in `referral` mode, and always for configured owners; otherwise pending until they apply
 * and a host approves (`application`) or they pay (`paid`).
 */
function entryFields(ctx: RouteContext, invitedBy: string | null, nowIso: string): Partial<MemberDoc> {
  const mode = ctx.settings.entry.mode;
  // Configured owners run the community: admitted, without the newcomer ritual or greeting queue.
  if (ctx.isOwnerByConfig) return { status: 'admitted' };
  if (mode === 'open' || (mode === 'referral' && invitedBy)) return admittedFields(nowIso);
  return { status: 'pending', applicationState: 'none' };
}

/** Create the caller's member record, account and invite code in one transaction (first login only). */
async function register(ctx: RouteContext, ref: string | undefined, channel: Channel | undefined): Promise<{ member: MemberDoc; isNew: boolean }> {
  const invitedBy = await resolveInviter(ctx, ref);
  const risk = invitedBy ? await ctx.platform.riskRank(ctx.openid) : 'low';
  const joinedAt = ctx.now.toISOString();
  for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt += 1) {
    const inviteCode = randomInviteCode();
    const member: MemberDoc = {
      id: ctx.memberId,
      openid: ctx.openid,
      nickname: `会员${inviteCode.slice(0, 4)}`,
      nicknameKey: nicknameKey(`会员${inviteCode.slice(0, 4)}`),
      role: ctx.isOwnerByConfig ? 'owner' : 'member',
      inviteCode,
      channel: channel ?? (invitedBy ? 'referral' : 'organic'),
      invitedBy,
      joinedAt,
      joinDay: dayKey(ctx.now, ctx.settings.timezone),
      ...entryFields(ctx, invitedBy, joinedAt),
    };
    try {
      const created = await ctx.store.transaction(async (tx) => {
        const existing = await tx.get('members', ctx.memberId);
        if (existing) return { member: existing, isNew: false };
        const registrations = await ctx.consume(tx, [REGISTRATION_IP_BUDGET]);
        await tx.create('members', withJoinFields(member));
        await countJoin(tx, member);
        await tx.create('invites', { id: inviteCode, memberId: ctx.memberId });
        await tx.create('accounts', { id: ctx.memberId, balance: 0, lifetimeEarned: 0, lots: [], nextExpiry: null, seq: 0, updatedAt: joinedAt });
        if (invitedBy && ref) {
          await recordReferral(tx, { inviterId: invitedBy, inviteeId: ctx.memberId, inviteeName: member.nickname, code: ref, channel: member.channel, risk, sameNetworkThisHour: registrations[REGISTRATION_IP_BUDGET.name] }, ctx.now, ctx.settings);
        }
        return { member, isNew: true };
      });
      return created;
    } catch (error) {
      if (error instanceof DuplicateError && error.collection === 'members') {
        const existing = await ctx.store.get('members', ctx.memberId);
        if (existing) return { member: existing, isNew: false };
      }
      if (!(error instanceof DuplicateError && error.collection === 'invites')) throw error;
    }
  }
  throw new AppError('BUSY', '注册人数较多，请稍后再试');
}

/** Most characters in a nickname. */
export const NICKNAME_MAX = 20;

/**
 * `member`: login (first call registers), profile (setNickname passes the content check:
 * VALIDATION "内容含有不适宜的词语…"), member list and role management (member ⇄ host; owners only
 * by configuration). Errors: VALIDATION, NOT_FOUND, FORBIDDEN, UNAUTHENTICATED, RATE_LIMITED.
 */
export const memberFunction = defineFunction('member', {
  ...onboardingRoutes,
  login: {
    access: 'guest',
    limits: [LOGIN_BUDGET],
    schema: z.strictObject({
      ref: z.optional(z.string().check(z.maxLength(16), z.trim(), z.toUpperCase())),
      channel: z.optional(channelSchema),
    }),
    async handle(ctx, params) {
      if (ctx.member) {
        const stored = await ctx.store.get('members', ctx.memberId);
        let member = stored ?? ctx.member;
        // Keep the stored role (a mirror shown in member lists) in step with the configured owners.
        const mirrored = ctx.isOwnerByConfig ? 'owner' : member.role === 'owner' ? 'member' : member.role;
        if (mirrored !== member.role) {
          await ctx.store.transaction((tx) => tx.update('members', ctx.memberId, { role: mirrored }));
          member = { ...member, role: mirrored };
        }
        return { member: await viewOf(ctx, member), isNew: false, utcOffsetMinutes: utcOffsetMinutes(ctx.settings.timezone, ctx.now) };
      }
      const { member, isNew } = await register(ctx, params.ref, params.channel);
      return { member: await viewOf(ctx, member), isNew, utcOffsetMinutes: utcOffsetMinutes(ctx.settings.timezone, ctx.now) };
    },
  },
  me: {
    access: 'member',
    schema: z.strictObject({}),
    async handle(ctx) {
      const member = ctx.member as MemberDoc;
      return { member: await viewOf(ctx, member), status: statusNow(member, ctx.settings, ctx.now), onboarding: await onboardingViewOf(ctx, member) };
    },
  },
  list: {
    access: 'host',
    schema: z.strictObject({ role: z.optional(roleSchema), limit: z.optional(limitSchema), after: z.optional(cursorSchema) }),
    async handle(ctx, params) {
      const page = await ctx.store.find('members', {
        where: params.role ? { role: params.role } : {},
        orderBy: { field: 'joinedAt', direction: 'desc' },
        limit: params.limit ?? 30,
        after: params.after ?? null,
      });
      const members = await Promise.all(page.docs.map((m) => viewOf(ctx, m)));
      return { members, next: page.next };
    },
  },
  setNickname: {
    access: 'member',
    schema: z.strictObject({ requestId: requestIdSchema, nickname: text(1, NICKNAME_MAX, '昵称') }),
    async handle(ctx, params) {
      const formatProblem = nicknameFormatProblem(ctx.settings.entry.nicknameFormat, params.nickname);
      if (formatProblem) throw new AppError('VALIDATION', formatProblem);
      await assertTextAllowed(ctx.contentCheck, params.nickname, ctx.openid, 'profile');
      const member = await ctx.write(async (tx) => {
        const stored = await tx.get('members', ctx.memberId);
        if (!stored) throw new AppError('NOT_FOUND', '该成员不存在');
        const updated: MemberDoc = { ...stored, nickname: params.nickname, nicknameKey: nicknameKey(params.nickname) };
        await tx.set('members', updated);
        return updated;
      });
      return { member: await viewOf(ctx, member) };
    },
  },
  search: {
    access: 'host',
    limits: [SEARCH_BUDGET],
    schema: z.strictObject({
      q: z.string().check(z.trim(), z.minLength(1, '请输入昵称或邀请码'), z.maxLength(SEARCH_MAX, `最多输入 ${SEARCH_MAX} 个字`)),
      limit: z.optional(limitSchema),
      after: z.optional(cursorSchema),
    }),
    async handle(ctx, params) {
      const plan = searchPlan(params.q);
      if (!plan) return { members: [], next: null };
      const found: MemberDoc[] = [];
      // The invite-code hit leads the first page; later pages are nickname prefixes only.
      if (plan.inviteCode && !params.after) {
        const invite = await ctx.store.get('invites', plan.inviteCode);
        const owner = invite ? await ctx.store.get('members', invite.memberId) : null;
        if (owner) found.push(owner);
      }
      const page = await ctx.store.find('members', {
        where: { nicknameKey: plan.prefix },
        orderBy: { field: 'nicknameKey', direction: 'asc' },
        limit: params.limit ?? 20,
        after: params.after ?? null,
      });
      for (const m of page.docs) if (!found.some((f) => f.id === m.id)) found.push(m);
      return { members: await Promise.all(found.map((m) => viewOf(ctx, m))), next: page.next };
    },
  },
  detail: {
    access: 'host',
    schema: z.strictObject({ memberId: memberIdSchema }),
    async handle(ctx, params): Promise<MemberDetail> {
      const target = await ctx.store.get('members', params.memberId);
      if (!target) throw new AppError('NOT_FOUND', '该成员不存在');
      const account = await ctx.store.get('accounts', target.id);
      const state = carried(account);
      const [checkins, orders, ledger] = await Promise.all([
        ctx.store.find('checkins', { where: { memberId: target.id }, orderBy: { field: 'day', direction: 'desc' }, limit: DETAIL_LINES }),
        ctx.store.find('orders', { where: { memberId: target.id }, orderBy: { field: 'createdAt', direction: 'desc' }, limit: DETAIL_LINES }),
        // Manual adjustments among the member's latest 100 entries (the ledger has no reason index).
        ctx.store.find('ledger', { where: { memberId: target.id }, orderBy: { field: 'seq', direction: 'desc' }, limit: 100 }),
      ]);
      const checkinLines: MemberCheckinLine[] = checkins.docs.map((c) => ({ day: c.day, makeup: c.makeup !== undefined, note: c.note?.text || null }));
      const orderLines: MemberOrderLine[] = orders.docs.map((o) => ({ itemTitle: o.itemTitle, qty: o.qty, totalPoints: o.totalPoints, status: o.status, createdAt: o.createdAt }));
      const adjustments: MemberAdjustmentLine[] = ledger.docs
        .filter((e) => e.reason === 'manual')
        .slice(0, DETAIL_LINES)
        .map((e) => ({ delta: e.delta, note: e.note, createdAt: e.createdAt }));
      const table = tierSettings(ctx.settings).table;
      const tierKey = (target.tier as TierKey | undefined) ?? [...table].sort((a, b) => a.threshold - b.threshold)[0].key;
      const vipUntil = typeof target.vipUntil === 'string' && Date.parse(target.vipUntil) > ctx.now.getTime() ? target.vipUntil : null;
      const self = target.id === ctx.memberId;
      const owner = hasRole(ctx.role, 'owner');
      return {
        member: memberView(target, account),
        tierName: tierRule(tierKey, table).name,
        vipUntil,
        streak: state.streak?.streak ?? 0,
        longestStreak: state.streak?.longest ?? 0,
        totalCheckins: state.streak?.total ?? 0,
        lastActiveDay: (target.lastActiveDay as string | null | undefined) ?? null,
        needsCleanup: target.needsCleanup === true,
        checkins: checkinLines,
        orders: orderLines,
        adjustments,
        can: { adjust: !self, grantVip: owner, changeRole: owner && !self && target.role !== 'owner', markCleanup: owner && !self && target.role === 'member' },
      };
    },
  },
  markCleanup: {
    access: 'owner',
    schema: z.strictObject({ requestId: requestIdSchema, memberId: memberIdSchema, needsCleanup: z.boolean() }),
    async handle(ctx, params) {
      if (params.memberId === ctx.memberId) throw new AppError('VALIDATION', '不能标记自己');
      return ctx.write(async (tx) => {
        const target = await tx.get('members', params.memberId);
        if (!target) throw new AppError('NOT_FOUND', '该成员不存在');
        if (target.role !== 'member') throw new AppError('VALIDATION', '讲师和群主不能标记为待清理');
        await tx.set('members', { ...target, needsCleanup: params.needsCleanup, cleanupMarkedBy: ctx.memberId, cleanupMarkedAt: ctx.now.toISOString() });
        return { memberId: target.id, needsCleanup: params.needsCleanup };
      });
    },
  },
  setRole: {
    access: 'owner',
    schema: z.strictObject({ requestId: requestIdSchema, memberId: ref(64, '请选择成员'), role: roleSchema }),
    async handle(ctx, params) {
      if (params.memberId === ctx.memberId) throw new AppError('VALIDATION', '不能修改自己的角色');
      if (params.role === 'owner') throw new AppError('VALIDATION', OWNER_BY_CONFIG);
      const member = await ctx.write(async (tx) => {
        const target = await tx.get('members', params.memberId);
        if (!target) throw new AppError('NOT_FOUND', '该成员不存在');
        if (target.role === 'owner') throw new AppError('VALIDATION', OWNER_BY_CONFIG);
        const updated: MemberDoc = { ...target, role: params.role, roleChangedBy: ctx.memberId, roleChangedAt: ctx.now.toISOString() };
        await tx.set('members', updated);
        return updated;
      });
      return { member: await viewOf(ctx, member) };
    },
  },
});
