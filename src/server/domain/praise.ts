/**
 * Praise (表扬, issue 19): a host praises a member for something specific, optionally with points
 * drawn from the host's daily manual-adjustment allowance (`settings.points.hostDailyAdjustLimit`,
 * the same `adjustmentDaily/<hostId>:<day>` counter `points.adjust` uses; owners are not held to it).
 * The praise shows on the member's profile and feeds the praise board. `groupId` records the group
 * it was given in (the groups branch's `group.praise` calls `praiseMember` with it).
 */
import { addContribution } from './contribution';
import { createHash } from 'node:crypto';
import type { PraiseView } from '../../../types/games';
import { dayKey } from '../../core/day';
import { AppError } from '../../core/errors';
import { assertNotSelf } from '../kernel/access';
import type { RouteContext } from '../kernel/handler';
import type { Tx } from '../store/port';
import { feedBoards } from './boards';
import { assertTextAllowed } from './contentCheck';
import type { PraiseDoc } from './gameRecords';
import { post } from './ledger';
import { withMemberState } from './memberState';

/** What a praise says and gives; `points` 0 or absent: words only. */
export interface PraiseInput {
  requestId: string;
  memberId: string;
  text: string;
  points?: number;
  groupId?: string | null;
}

/** The view of a stored praise. */
export function praiseView(doc: PraiseDoc): PraiseView {
  return { id: doc.id, memberName: doc.memberName, byName: doc.byName, text: doc.text, points: doc.points, at: doc.createdAt };
}

function praiseId(hostId: string, requestId: string): string {
  return `${hostId}:${createHash('sha256').update(requestId).digest('base64url').slice(0, 16)}`;
}

/**
 * The transaction body of one praise: checks and writes the host's daily allowance (when points
 * are given), posts the points (ledger key `praise:<praiseId>`), stores the praise and feeds the
 * praise board. Safe to run twice. Errors: NOT_FOUND (member), FORBIDDEN (oneself),
 * LIMIT_REACHED (allowance), DuplicateError (the praise id exists).
 */
export async function praiseIn(tx: Tx, ctx: RouteContext, input: PraiseInput): Promise<{ praise: PraiseView; balance: number | null }> {
  assertNotSelf(ctx, input.memberId, '不能表扬自己');
  const member = await tx.get('members', input.memberId);
  if (!member) throw new AppError('NOT_FOUND', '该成员不存在');
  const points = input.points ?? 0;
  const id = praiseId(ctx.memberId, input.requestId);
  if (points > 0 && ctx.role !== 'owner') {
    const dailyId = `${ctx.memberId}:${dayKey(ctx.now, ctx.settings.timezone)}`;
    const daily = await tx.get('adjustmentDaily', dailyId);
    const used = daily?.used ?? 0;
    const left = ctx.settings.points.hostDailyAdjustLimit - used;
    if (points > left) throw new AppError('LIMIT_REACHED', left > 0 ? `今天还能发放 ${left} 积分，请减少表扬积分` : '今天可发放的积分已用完，可以只写表扬不送积分');
    await tx.set('adjustmentDaily', { id: dailyId, used: used + points });
  }
  const doc: PraiseDoc = {
    id,
    memberId: member.id,
    memberName: member.nickname,
    byId: ctx.memberId,
    byName: ctx.member?.nickname ?? '',
    text: input.text,
    points,
    groupId: input.groupId ?? null,
    createdAt: ctx.now.toISOString(),
  };
  await tx.create('praise', doc);
  await addContribution(tx, member.id, 'praise_received', { now: ctx.now, settings: ctx.settings });
  const balance = await withMemberState(tx, member.id, async (state) => {
    feedBoards(state, 'praise', 1, ctx.now, ctx.settings.timezone);
    if (points === 0) return null;
    return (await post(tx, member.id, [{ key: `praise:${id}`, delta: points, reason: 'praise', ref: id, note: `表扬 · ${input.text.slice(0, 20)}`, by: ctx.memberId }], ctx.now, ctx.settings)).balance;
  });
  return { praise: praiseView(doc), balance };
}

/**
 * Praise a member once per requestId (`ctx.write`), after the content check. The `games.praise`
 * route and `group.praise` both call this. Errors: as `praiseIn`, VALIDATION (unsuitable text).
 */
export async function praiseMember(ctx: RouteContext, input: PraiseInput): Promise<{ praise: PraiseView; balance: number | null }> {
  await assertTextAllowed(ctx.contentCheck, input.text, ctx.openid, 'comment');
  return ctx.write((tx) => praiseIn(tx, ctx, input));
}
