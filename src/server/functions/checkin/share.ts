import * as z from 'zod/mini';
import { addDays, dayKey } from '../../../core/day';
import { SHARE_BUDGET } from '../../../core/rateLimits';
import { requestIdSchema, type Route } from '../../kernel/handler';
import type { Doc } from '../../store/port';
import { scan } from '../../store/scan';

/** Shards of the per-day share counter, so simultaneous shares rarely write the same document. */
export const SHARE_SHARDS = 4;

function shardOf(memberId: string): number {
  let h = 0;
  for (let i = 0; i < memberId.length; i += 1) h = (h * 31 + memberId.charCodeAt(i)) >>> 0;
  return h % SHARE_SHARDS;
}

/** A member's shares on one community day (`shareCounts/<memberId>:<day>`). */
export type MemberShareDoc = Doc & { memberId: string; day: string; count: number };
/** One shard of a day's share totals (`shareDaily/<day>:<shard>`). */
export type DailyShareDoc = Doc & { day: string; shares: number; members: number };

/** `checkin.share`: count one share of the check-in card for the member and the community day. */
export const shareRoute: Route<{ requestId: string }, { day: string; sharesToday: number }> = {
  access: 'member',
  limits: [SHARE_BUDGET],
  schema: z.strictObject({ requestId: requestIdSchema }),
  async handle(ctx) {
    const day = dayKey(ctx.now, ctx.settings.timezone);
    return ctx.write(async (tx) => {
      const mineId = `${ctx.memberId}:${day}`;
      const mine = await tx.get('shareCounts', mineId);
      const count = (mine?.count ?? 0) + 1;
      await tx.set('shareCounts', { id: mineId, memberId: ctx.memberId, day, count });
      const shardId = `${day}:${shardOf(ctx.memberId)}`;
      const shard = await tx.get('shareDaily', shardId);
      await tx.set('shareDaily', { id: shardId, day, shares: (shard?.shares ?? 0) + 1, members: (shard?.members ?? 0) + (mine ? 0 : 1) });
      return { day, sharesToday: count };
    });
  },
};

/** `checkin.shareStats` (owner): shares and distinct sharing members per community day, newest first. */
export const shareStatsRoute: Route<{ days?: number }, { days: Array<{ day: string; shares: number; members: number }> }> = {
  access: 'owner',
  schema: z.strictObject({ days: z.optional(z.int().check(z.minimum(1), z.maximum(60))) }),
  async handle(ctx, params) {
    const today = dayKey(ctx.now, ctx.settings.timezone);
    const span = params.days ?? 14;
    const from = addDays(today, -(span - 1));
    const totals = new Map<string, { shares: number; members: number }>();
    for await (const d of scan(ctx.store, 'shareDaily', { where: { day: { $gte: from, $lte: today } }, orderBy: { field: 'day', direction: 'desc' } })) {
      const t = totals.get(d.day) ?? { shares: 0, members: 0 };
      totals.set(d.day, { shares: t.shares + d.shares, members: t.members + d.members });
    }
    const days = Array.from({ length: span }, (_, i) => addDays(today, -i)).map((day) => ({ day, ...(totals.get(day) ?? { shares: 0, members: 0 }) }));
    return { days };
  },
};
