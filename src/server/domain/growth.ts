/**
 * Growth (成长值) and stored tiers (docs/domain.md, issue 7). Growth lives in per-day buckets on the
 * member's account (`accounts/<memberId>.growth`, see memberState.ts), written in the same
 * transaction as each credit, so the current growth and the growth leaving the window by any date
 * cost the account read the credit makes anyway. The stored tier is on the member (`tier`,
 * `tierSince`, `graceUntil`, `tierReviewDue`, queried) with a mirror on the account (read in the
 * credit's transaction): upgrades happen here at once, downgrades only in the monthly
 * `evaluateTiers` job, and both write the two copies together.
 */
import type { CronRun } from '../../../types/api';
import { dayKey } from '../../core/day';
import type { CommunitySettings } from '../../core/settings';
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
} from '../../core/tiers';
import { carried, withMemberState, type MemberState } from './memberState';
import type { LedgerDoc, MemberDoc } from './model';
import type { Store, Tx } from '../store/port';
import { scanPages } from '../store/scan';

/** A member's growth buckets (`accounts/<memberId>.growth`): points earned per community day inside the window. */
export interface GrowthDoc {
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

/** The growth buckets of a member as committed (null before any growth). */
export async function growthOf(store: Store, memberId: string): Promise<GrowthDoc | null> {
  return carried(await store.get('accounts', memberId)).growth ?? null;
}

/** The stored tier fields of a member in a transaction: the account's mirror, else the member document. */
async function storedTier(state: MemberState): Promise<{ fields: Partial<MemberTierFields>; known: boolean } | null> {
  const mirror = carried(state.account).tier;
  if (mirror) return { fields: mirror as Partial<MemberTierFields>, known: true };
  const member = await state.member();
  if (!member) return null;
  return { fields: { tier: member.tier as TierKey, tierSince: member.tierSince as string, graceUntil: member.graceUntil as string | null, tierReviewDue: member.tierReviewDue as string | null }, known: typeof member.tier === 'string' };
}

function writeTier(state: MemberState, fields: MemberTierFields): void {
  state.account = { ...state.account, tier: fields };
  state.memberPatch = { ...state.memberPatch, ...fields };
}

/**
 * Add `points` of growth to the member in `state` on today's community day, and upgrade the stored
 * tier at once when the growth reaches a higher one (or end a downgrade grace when it is back at
 * the tier). The account carrying the buckets is written by the scope, so a concurrent evaluation
 * conflicts instead of acting on stale growth. No-op for `points` ≤ 0.
 */
export async function addGrowthTo(state: MemberState, points: number, now: Date, settings: Partial<CommunitySettings> & Pick<CommunitySettings, 'timezone'>): Promise<void> {
  if (points <= 0) return;
  const policy = tierSettings(settings);
  const nowIso = now.toISOString();
  const day = dayKey(now, settings.timezone);
  const stored = carried(state.account).growth;
  const buckets = addGrowth(stored?.buckets ?? {}, day, points, policy.windowDays);
  state.account = { ...state.account, growth: { ...(stored ?? {}), buckets, updatedAt: nowIso } };
  const tier = await storedTier(state);
  if (!tier) return;
  const before: TierState = { tier: (typeof tier.fields.tier === 'string' ? tier.fields.tier : 'normal') as TierKey, graceUntil: typeof tier.fields.graceUntil === 'string' ? tier.fields.graceUntil : null };
  const after = afterGrowth(before, growthOn(buckets, day, policy.windowDays), policy.table);
  if (!after.upgraded && after.graceUntil === before.graceUntil && tier.known) {
    // Accounts made before the mirror get it on their first credit.
    if (!carried(state.account).tier) state.account = { ...state.account, tier: { tier: before.tier, tierSince: tier.fields.tierSince ?? null, graceUntil: before.graceUntil, tierReviewDue: tier.fields.tierReviewDue ?? null } };
    return;
  }
  writeTier(state, {
    tier: after.tier,
    tierSince: after.upgraded || typeof tier.fields.tierSince !== 'string' ? nowIso : tier.fields.tierSince,
    graceUntil: after.graceUntil,
    tierReviewDue: tierRank(after.tier, policy.table) === 0 ? null : typeof tier.fields.tierReviewDue === 'string' ? tier.fields.tierReviewDue : nextEvaluationDay(day),
  });
}

/** `addGrowthTo` as its own step of the caller's transaction (joins an open member-state scope). Throws NOT_FOUND (no account). */
export async function recordGrowth(tx: Tx, memberId: string, points: number, now: Date, settings: Partial<CommunitySettings> & Pick<CommunitySettings, 'timezone'>): Promise<void> {
  if (points <= 0) return;
  await withMemberState(tx, memberId, (state) => addGrowthTo(state, points, now, settings));
}

/** Most members one evaluation run looks at; the next run continues. */
export const EVALUATE_BATCH_LIMIT = 5_000;

/**
 * Evaluate one member whose review is due, inside its own transaction: re-checks that the review
 * is still due (a parallel run already did it: nothing), applies `evaluateTier`, moves the review
 * to the next month and writes the member and the account (growth and tier mirror). Returns the outcome.
 */
export async function evaluateMember(store: Store, memberId: string, now: Date, settings: CommunitySettings): Promise<'downgraded' | 'evaluated' | 'skipped'> {
  const policy = tierSettings(settings);
  const today = dayKey(now, settings.timezone);
  return store.transaction(async (tx) => {
    const member = await tx.get('members', memberId);
    if (!member || typeof member.tierReviewDue !== 'string' || member.tierReviewDue > today) return 'skipped';
    return withMemberState(tx, memberId, async (state) => {
      const growthDoc = carried(state.account).growth;
      const buckets = addGrowth(growthDoc?.buckets ?? {}, today, 0, policy.windowDays);
      const result = evaluateTier(tierStateOf(member), growthOn(buckets, today, policy.windowDays), today, policy);
      writeTier(state, {
        tier: result.tier,
        tierSince: result.outcome === 'downgraded' ? now.toISOString() : typeof member.tierSince === 'string' ? member.tierSince : now.toISOString(),
        graceUntil: result.graceUntil,
        tierReviewDue: tierRank(result.tier, policy.table) === 0 ? null : nextEvaluationDay(today),
      });
      state.account = { ...state.account, growth: { ...(growthDoc ?? {}), buckets, updatedAt: growthDoc?.updatedAt ?? now.toISOString(), evaluatedOn: today } };
      return result.outcome === 'downgraded' ? 'downgraded' : 'evaluated';
    });
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
  for await (const page of scanPages(store, 'members', { where: { tierReviewDue: { $lte: today } }, orderBy: { field: 'tierReviewDue', direction: 'asc' } })) {
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
