/**
 * 贡献值 (contribution): what members do for others, weighted by `settings.entry.contributionWeights`.
 * One document per member (`contributions/<memberId>`) holds day buckets of the last 30 community
 * days, lifetime counts per kind and the stored 30-day figure `last30` (as of `asOfDay`), which
 * the KOC list, the 积极分子 badge and any leaderboard read (indexed: order by `last30` desc).
 * `last30` is exact on the day it was written; readers that need it exact today use `last30Of`.
 */
import { addDays, dayKey } from '../../core/day';
import { CONTRIBUTION_WINDOW_DAYS, windowSum, type ContributionKind } from '../../core/entry';
import type { CronRun } from '../../../types/api';
import type { CommunitySettings } from '../../core/settings';
import type { Store, Tx } from '../store/port';

/** A member's contribution (`contributions/<memberId>`). */
export interface ContributionDoc {
  id: string;
  memberId: string;
  /** Points per community day, only the last 30 days kept. */
  buckets: Record<string, number>;
  /** Events per kind, lifetime (what each KOC did). */
  counts: Partial<Record<ContributionKind, number>>;
  /** Points per kind, lifetime. */
  points: Partial<Record<ContributionKind, number>>;
  total: number;
  /** Points over the 30 community days ending `asOfDay` (the stored 30-day figure; indexed). */
  last30: number;
  asOfDay: string;
  /**
   * The first day `last30` shrinks (the oldest bucket leaves the window), absent when it is 0: the
   * `refreshContributions` job finds due documents by this index, so each is rewritten only on the
   * days its figure changes.
   */
  nextDrop?: string;
  updatedAt: string;
}

/** The first day of the 30-day window ending `today`. */
export function windowStart(today: string): string {
  return addDays(today, -(CONTRIBUTION_WINDOW_DAYS - 1));
}

/** The 30-day figure of `doc` as of `today` (the stored `last30` may be older). */
export function last30Of(doc: ContributionDoc | null, today: string): number {
  return doc ? windowSum(doc.buckets, windowStart(today)) : 0;
}

/**
 * Add one contribution of `kind` to `memberId` inside the caller's transaction (reads and writes
 * `contributions/<memberId>` once). `points` defaults to the kind's weight in the settings; a
 * weight of 0 records the event without points. Idempotency is the caller's: call it in the same
 * transaction as the fact it counts (a greeting, an accepted answer), whose own id is unique.
 */
export async function addContribution(tx: Tx, memberId: string, kind: ContributionKind, args: { now: Date; settings: CommunitySettings; points?: number }): Promise<ContributionDoc> {
  const today = dayKey(args.now, args.settings.timezone);
  const points = args.points ?? args.settings.entry.contributionWeights[kind] ?? 0;
  const stored = await tx.get('contributions', memberId);
  const from = windowStart(today);
  const buckets: Record<string, number> = {};
  for (const [day, value] of Object.entries(stored?.buckets ?? {})) if (day >= from) buckets[day] = value;
  buckets[today] = (buckets[today] ?? 0) + points;
  const next: ContributionDoc = withNextDrop({
    id: memberId,
    memberId,
    buckets,
    counts: { ...(stored?.counts ?? {}), [kind]: (stored?.counts?.[kind] ?? 0) + 1 },
    points: { ...(stored?.points ?? {}), [kind]: (stored?.points?.[kind] ?? 0) + points },
    total: (stored?.total ?? 0) + points,
    last30: windowSum(buckets, from),
    asOfDay: today,
    updatedAt: args.now.toISOString(),
  });
  await tx.set('contributions', next);
  return next;
}

/** `doc` with `nextDrop` set from its buckets (removed when the 30-day figure is 0). */
function withNextDrop(doc: ContributionDoc): ContributionDoc {
  const { nextDrop: _old, ...rest } = doc;
  const days = Object.keys(doc.buckets).filter((d) => doc.buckets[d] > 0).sort();
  return doc.last30 > 0 && days.length > 0 ? { ...rest, nextDrop: addDays(days[0], CONTRIBUTION_WINDOW_DAYS) } : rest;
}

/** Most documents one `refreshContributions` run rewrites; the next run continues. */
export const REFRESH_BATCH_LIMIT = 1_000;

/**
 * The cron job behind the 贡献榜: rewrite `last30` of every contribution whose oldest counted day
 * has left the window (index `nextDrop`), so the stored figure the board orders and counts by is
 * exact for today. Bounded (at most `REFRESH_BATCH_LIMIT` a run); safe to run twice at once (each
 * rewrite re-reads the document in its transaction and recomputes from its buckets).
 * `accounts` counts documents rewritten, `points` the contribution that left the window.
 */
export async function refreshContributions(store: Store, now: Date, settings: CommunitySettings): Promise<CronRun> {
  const today = dayKey(now, settings.timezone);
  const from = windowStart(today);
  let rewritten = 0;
  let dropped = 0;
  while (rewritten < REFRESH_BATCH_LIMIT) {
    const page = await store.find('contributions', { where: { nextDrop: { $lte: today } }, orderBy: { field: 'nextDrop', direction: 'asc' }, limit: 100 });
    if (page.docs.length === 0) break;
    for (const due of page.docs) {
      dropped += await store.transaction(async (tx) => {
        const doc = await tx.get('contributions', due.id);
        if (!doc) return 0;
        const buckets: Record<string, number> = {};
        for (const [day, value] of Object.entries(doc.buckets)) if (day >= from) buckets[day] = value;
        const last30 = windowSum(buckets, from);
        await tx.set('contributions', withNextDrop({ ...doc, buckets, last30, asOfDay: today, updatedAt: now.toISOString() }));
        return Math.max(0, doc.last30 - last30);
      });
      rewritten += 1;
    }
  }
  return { job: 'refreshContributions', accounts: rewritten, points: dropped };
}

/**
 * The top contributors over the last 30 days as of `today`, highest first: reads the stored
 * figures (index on `last30`), recomputes each for today and drops the zeros.
 */
export async function topContributors(store: Store, today: string, limit: number): Promise<Array<{ doc: ContributionDoc; last30: number }>> {
  const page = await store.find('contributions', { where: { last30: { $gt: 0 } }, orderBy: { field: 'last30', direction: 'desc' }, limit: Math.min(100, Math.max(limit * 2, limit)) });
  return page.docs
    .map((doc) => ({ doc, last30: last30Of(doc, today) }))
    .filter((r) => r.last30 > 0)
    .sort((a, b) => b.last30 - a.last30 || a.doc.id.localeCompare(b.doc.id))
    .slice(0, limit);
}
