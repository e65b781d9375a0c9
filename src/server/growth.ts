/**
 * Growth (成长值) and stored tiers (docs/domain.md, issue 7). Growth lives in per-day buckets on
 * `growth/<memberId>`, written in the same transaction as each credit, so the current growth and
 * the growth leaving the window by any date cost one document read. The stored tier is on the
 * member (`tier`, `tierSince`, `graceUntil`, `tierReviewDue`): upgrades happen here at once,
 * downgrades only in the monthly `evaluateTiers` job.
 */
import type { CronRun } from '../../types/api';
import { dayKey } from '../core/day';
import type { CommunitySettings } from '../core/settings';
import {
  DEFAULT_TIER_SETTINGS,
  DEFAULT_VIP_SETTINGS,
  addGrowth,
  effectiveTier,
  multiplied,
  multipliedReward,
  afterGrowth,
  evaluateTier,
  growthOn,
  nextEvaluationDay,
  tierRank,
  tierRule,
  type GrowthBuckets,
  type TierKey,
  type TierSettings,
  type TierState,
} from '../core/tiers';
import type { LedgerDoc, MemberDoc } from './model';
import type { Doc, Store, Tx } from './store/port';
import { scanPages } from './store/scan';

/** A member's growth buckets (`growth/<memberId>`): points earned per community day inside the window. */
export interface GrowthDoc extends Doc {
  buckets: GrowthBuckets;
  updatedAt: string;
  /** Day of the last monthly evaluation that read this document. */
  evaluatedOn?: string;
}

/** Tier fields kept on the member document. */
export type MemberTierFields = {
  tier: TierKey;
  tierSince: string;
  graceUntil: string | null;
  /** Day the next monthly evaluation is due (null at the lowest tier: nothing to lower). */
  tierReviewDue: string | null;
};

/** The tier policy in force (settings stored before tiers existed get the defaults). */
export function tierSettings(settings: Partial<Pick<CommunitySettings, 'tiers'>>): TierSettings {
  return settings.tiers ?? DEFAULT_TIER_SETTINGS;
}

/** The stored tier state of a member (members stored before tiers start at the lowest tier). */
export function tierStateOf(member: MemberDoc | null): TierState {
  return {
    tier: (typeof member?.tier === 'string' ? member.tier : 'normal') as TierKey,
    graceUntil: typeof member?.graceUntil === 'string' ? member.graceUntil : null,
  };
}

/** Growth a set of fresh ledger entries adds: credits, but not refunds or reversals. */
export function growthOfEntries(entries: LedgerDoc[]): number {
  return entries.filter((e) => e.delta > 0 && e.reason !== 'refund' && !e.reverses).reduce((sum, e) => sum + e.delta, 0);
}

/**
 * Add `points` of growth for `memberId` on today's community day inside the caller's transaction,
 * and upgrade the stored tier at once when the growth reaches a higher one (or end a downgrade
 * grace when it is back at the tier). Reads and writes the growth document every time, so a
 * concurrent evaluation conflicts instead of acting on stale growth. No-op for `points` ≤ 0.
 */
export async function recordGrowth(tx: Tx, memberId: string, points: number, now: Date, settings: Partial<CommunitySettings> & Pick<CommunitySettings, 'timezone'>): Promise<void> {
  if (points <= 0) return;
  const policy = tierSettings(settings);
  const nowIso = now.toISOString();
  const day = dayKey(now, settings.timezone);
  const stored = await tx.get<GrowthDoc>('growth', memberId);
  const buckets = addGrowth(stored?.buckets ?? {}, day, points, policy.windowDays);
  await tx.set('growth', { ...(stored ?? {}), id: memberId, buckets, updatedAt: nowIso });
  const member = await tx.get<MemberDoc>('members', memberId);
  if (!member) return;
  const before = tierStateOf(member);
  const after = afterGrowth(before, growthOn(buckets, day, policy.windowDays), policy.table);
  if (!after.upgraded && after.graceUntil === before.graceUntil && typeof member.tier === 'string') return;
  const fields: MemberTierFields = {
    tier: after.tier,
    tierSince: after.upgraded || typeof member.tierSince !== 'string' ? nowIso : member.tierSince,
    graceUntil: after.graceUntil,
    tierReviewDue: tierRank(after.tier, policy.table) === 0 ? null : typeof member.tierReviewDue === 'string' ? member.tierReviewDue : nextEvaluationDay(day),
  };
  await tx.update('members', memberId, fields);
}

/** Most members one evaluation run looks at; the next run continues. */
export const EVALUATE_BATCH_LIMIT = 5_000;

/**
 * Evaluate one member whose review is due, inside its own transaction: re-checks that the review
 * is still due (a parallel run already did it: nothing), applies `evaluateTier`, moves the review
 * to the next month and writes both the member and the growth document. Returns the outcome.
 */
export async function evaluateMember(store: Store, memberId: string, now: Date, settings: CommunitySettings): Promise<'downgraded' | 'evaluated' | 'skipped'> {
  const policy = tierSettings(settings);
  const today = dayKey(now, settings.timezone);
  return store.transaction(async (tx) => {
    const member = await tx.get<MemberDoc>('members', memberId);
    if (!member || typeof member.tierReviewDue !== 'string' || member.tierReviewDue > today) return 'skipped';
    const growthDoc = await tx.get<GrowthDoc>('growth', memberId);
    const buckets = addGrowth(growthDoc?.buckets ?? {}, today, 0, policy.windowDays);
    const result = evaluateTier(tierStateOf(member), growthOn(buckets, today, policy.windowDays), today, policy);
    const fields: MemberTierFields = {
      tier: result.tier,
      tierSince: result.outcome === 'downgraded' ? now.toISOString() : typeof member.tierSince === 'string' ? member.tierSince : now.toISOString(),
      graceUntil: result.graceUntil,
      tierReviewDue: tierRank(result.tier, policy.table) === 0 ? null : nextEvaluationDay(today),
    };
    await tx.update('members', memberId, fields);
    await tx.set('growth', { ...(growthDoc ?? {}), id: memberId, buckets, updatedAt: growthDoc?.updatedAt ?? now.toISOString(), evaluatedOn: today });
    return result.outcome === 'downgraded' ? 'downgraded' : 'evaluated';
  });
}

/**
 * Cron job: the monthly tier evaluation. Members carry the day their next review is due (the
 * first of a month), so a run finds exactly the due ones through an index and any cadence works;
 * each is evaluated at most once per month, also when two runs overlap. `accounts` counts the
 * members evaluated, `points` the downgrades.
 */
export async function evaluateTiers(store: Store, now: Date, settings: CommunitySettings): Promise<CronRun> {
  const today = dayKey(now, settings.timezone);
  let evaluated = 0;
  let downgraded = 0;
  for await (const page of scanPages<MemberDoc>(store, 'members', { where: { tierReviewDue: { $lte: today } }, orderBy: { field: 'tierReviewDue', direction: 'asc' } })) {
    for (const m of page) {
      const outcome = await evaluateMember(store, m.id, now, settings);
      if (outcome !== 'skipped') evaluated += 1;
      if (outcome === 'downgraded') downgraded += 1;
    }
    if (evaluated >= EVALUATE_BATCH_LIMIT) break;
  }
  return { job: 'evaluateTiers', accounts: evaluated, points: downgraded };
}

/** The threshold of a member's stored tier. */
export function thresholdOf(tier: TierKey, settings: CommunitySettings): number {
  return tierRule(tier, tierSettings(settings).table).threshold;
}

/** The tier whose benefits a member enjoys at `now` (stored tier, lifted to the VIP floor while VIP lasts). */
export function benefitTier(member: MemberDoc | null, now: Date, settings: CommunitySettings): TierKey {
  return effectiveTier(member, now.toISOString(), tierSettings(settings).table, settings.vip ?? DEFAULT_VIP_SETTINGS);
}

/** A check-in or lesson reward with the member's tier multiplier applied: call once per reward. */
export function boosted(points: number, member: MemberDoc | null, now: Date, settings: CommunitySettings): number {
  return multiplied(points, benefitTier(member, now, settings), tierSettings(settings).table);
}

/** A check-in reward (base + milestone bonus) with the member's tier multiplier applied once. */
export function boostedReward<R extends { base: number; bonus: number; total: number }>(reward: R, member: MemberDoc | null, now: Date, settings: CommunitySettings): R {
  return multipliedReward(reward, benefitTier(member, now, settings), tierSettings(settings).table);
}
