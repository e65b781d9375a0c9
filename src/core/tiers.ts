import { addDays, daysBetween } from './day';

/** Member tier keys, lowest first. */
export type TierKey = 'normal' | 'silver' | 'gold' | 'diamond';

/** One tier: its growth threshold and the name members see. */
export interface Tier {
  key: TierKey;
  name: string;
  threshold: number;
}

/** A tier with its benefits: the points multiplier on check-ins and lessons, and the badge shown. */
export interface TierRule extends Tier {
  multiplier: number;
  badge: string;
}

/** Tier policy (docs/domain.md): the table, the rolling growth window, the downgrade grace, lesson growth. */
export interface TierSettings {
  /** Growth counts points earned in the last `windowDays` community days (today included). */
  windowDays: number;
  /** Days a member below their tier keeps it before the next evaluation may downgrade one step. */
  graceDays: number;
  /** Extra growth per lesson attended (0: none). */
  lessonGrowth: number;
  table: TierRule[];
}

/** The default tier table (普通 0 / 白银 500 / 黄金 2000 / 钻石 5000 growth). */
export const DEFAULT_TIERS: Tier[] = [
  { key: 'normal', name: '普通', threshold: 0 },
  { key: 'silver', name: '白银', threshold: 500 },
  { key: 'gold', name: '黄金', threshold: 2000 },
  { key: 'diamond', name: '钻石', threshold: 5000 },
];

const BENEFITS: Record<TierKey, { multiplier: number; badge: string }> = {
  normal: { multiplier: 1, badge: '普' },
  silver: { multiplier: 1.1, badge: '银' },
  gold: { multiplier: 1.2, badge: '金' },
  diamond: { multiplier: 1.5, badge: '钻' },
};

/** Tier policy of a new community. */
export const DEFAULT_TIER_SETTINGS: TierSettings = {
  windowDays: 365,
  graceDays: 30,
  lessonGrowth: 0,
  table: DEFAULT_TIERS.map((t) => ({ ...t, ...BENEFITS[t.key] })),
};

/** The highest tier whose threshold `growth` reaches. */
export function tierFor<T extends Tier>(growth: number, tiers: T[] = DEFAULT_TIERS as T[]): T {
  return [...tiers].sort((a, b) => b.threshold - a.threshold).find((t) => growth >= t.threshold) ?? tiers[0];
}

/** True when `tier` is `required` or higher. */
export function meetsTier(tier: TierKey, required: TierKey, tiers: Tier[] = DEFAULT_TIERS): boolean {
  const rank = (k: TierKey) => tiers.findIndex((t) => t.key === k);
  return rank(tier) >= rank(required);
}

/** The Chinese name of a tier key. */
export function tierName(key: TierKey, tiers: Tier[] = DEFAULT_TIERS): string {
  return tiers.find((t) => t.key === key)?.name ?? key;
}

function sorted<T extends Tier>(tiers: T[]): T[] {
  return [...tiers].sort((a, b) => a.threshold - b.threshold);
}

/** Position of a tier in the table, lowest 0 (unknown keys rank lowest). */
export function tierRank(key: TierKey, tiers: Tier[]): number {
  return Math.max(0, sorted(tiers).findIndex((t) => t.key === key));
}

/** The rule of a tier key (the lowest tier when the key is unknown). */
export function tierRule(key: TierKey, tiers: TierRule[]): TierRule {
  return tiers.find((t) => t.key === key) ?? sorted(tiers)[0];
}

/** Points earned per community day (`YYYY-MM-DD` → points), the store of growth. */
export type GrowthBuckets = Record<string, number>;

/** First community day whose points still count on `day`. */
export function windowStart(day: string, windowDays: number): string {
  return addDays(day, -(windowDays - 1));
}

/**
 * Growth on `day` from the buckets recorded so far: points earned on days from
 * `windowStart(day)` up to `day` (a credit earned on day d counts through d + windowDays − 1).
 */
export function growthOn(buckets: GrowthBuckets, day: string, windowDays: number): number {
  const from = windowStart(day, windowDays);
  let sum = 0;
  for (const [d, points] of Object.entries(buckets)) if (d >= from && d <= day) sum += points;
  return sum;
}

/** Growth that leaves the window between `today` and `by` if nothing more is earned. */
export function expiringBy(buckets: GrowthBuckets, today: string, by: string, windowDays: number): number {
  const onlyKnown = Object.fromEntries(Object.entries(buckets).filter(([d]) => d <= today));
  return growthOn(onlyKnown, today, windowDays) - growthOn(onlyKnown, by, windowDays);
}

/** Add `points` earned on `day`, dropping buckets that can no longer count. */
export function addGrowth(buckets: GrowthBuckets, day: string, points: number, windowDays: number): GrowthBuckets {
  const from = windowStart(day, windowDays);
  const next: GrowthBuckets = {};
  for (const [d, p] of Object.entries(buckets)) if (d >= from) next[d] = p;
  next[day] = (next[day] ?? 0) + points;
  return next;
}

/** The stored tier state of a member. */
export interface TierState {
  tier: TierKey;
  /** Last day of the downgrade grace (set when an evaluation found growth below the tier). */
  graceUntil: string | null;
}

/**
 * After new growth: upgrade at once to the tier the growth reaches, and end any grace once growth
 * is back at the stored tier. Never lowers the tier.
 */
export function afterGrowth(state: TierState, growth: number, tiers: Tier[]): TierState & { upgraded: boolean } {
  const earned = tierFor(growth, tiers).key;
  const higher = tierRank(earned, tiers) > tierRank(state.tier, tiers);
  const atOrAbove = tierRank(earned, tiers) >= tierRank(state.tier, tiers);
  return { tier: higher ? earned : state.tier, graceUntil: atOrAbove ? null : state.graceUntil, upgraded: higher };
}

/** What one evaluation did. */
export type Evaluation = 'kept' | 'grace_started' | 'in_grace' | 'downgraded';

/**
 * The monthly evaluation: growth below the tier starts a grace of `graceDays`; an evaluation on or
 * after the grace's last day lowers the tier by exactly one step (and starts a new grace when the
 * growth is still below the lower tier). Growth at or above the tier clears the grace.
 */
export function evaluateTier(state: TierState, growth: number, today: string, settings: Pick<TierSettings, 'graceDays' | 'table'>): TierState & { outcome: Evaluation } {
  const table = sorted(settings.table);
  const earned = tierRank(tierFor(growth, table).key, table);
  const rank = tierRank(state.tier, table);
  if (earned >= rank) return { tier: state.tier, graceUntil: null, outcome: 'kept' };
  if (state.graceUntil === null) return { tier: state.tier, graceUntil: addDays(today, settings.graceDays), outcome: 'grace_started' };
  if (today < state.graceUntil) return { ...state, outcome: 'in_grace' };
  const lower = rank - 1;
  return { tier: table[lower].key, graceUntil: earned < lower ? addDays(today, settings.graceDays) : null, outcome: 'downgraded' };
}

/** The first day of the month after `day`: when the monthly evaluation next runs. */
export function nextEvaluationDay(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** What it takes to keep the tier: `need` more growth by `by` (`days` from today); need 0 = safe. */
export interface KeepTierPreview {
  tier: TierKey;
  name: string;
  need: number;
  by: string;
  days: number;
  inGrace: boolean;
}

/**
 * The keep-tier preview ("30 天内再获得 120 成长值可保持黄金"): the growth the member must add
 * before the deadline (the grace's last day, else the next evaluation) so that, after the growth
 * leaving the window by then, they still reach their tier. Null for the lowest tier.
 */
export function keepTierPreview(state: TierState, buckets: GrowthBuckets, today: string, settings: Pick<TierSettings, 'windowDays' | 'table'>): KeepTierPreview | null {
  const rule = tierRule(state.tier, settings.table);
  if (tierRank(state.tier, settings.table) === 0) return null;
  const by = state.graceUntil ?? nextEvaluationDay(today);
  const onlyKnown = Object.fromEntries(Object.entries(buckets).filter(([d]) => d <= today));
  const atDeadline = growthOn(onlyKnown, by, settings.windowDays);
  return { tier: rule.key, name: rule.name, need: Math.max(0, rule.threshold - atDeadline), by, days: Math.max(0, daysBetween(today, by)), inGrace: state.graceUntil !== null };
}

/** The sentence members read for a preview. */
export function keepTierText(p: KeepTierPreview): string {
  return p.need > 0 ? `${p.days} 天内再获得 ${p.need} 成长值可保持${p.name}` : `成长值已达标，${p.by} 评定时将保持${p.name}`;
}

/** Progress to the next tier: the next tier (null at the top), growth still needed, and a 0–1 fraction. */
export function progressToNext(growth: number, tiers: TierRule[]): { next: TierRule | null; need: number; fraction: number } {
  const table = sorted(tiers);
  const current = tierFor(growth, table);
  const next = table.find((t) => t.threshold > growth) ?? null;
  if (!next) return { next: null, need: 0, fraction: 1 };
  const span = next.threshold - current.threshold;
  return { next, need: next.threshold - growth, fraction: span > 0 ? Math.min(1, Math.max(0, (growth - current.threshold) / span)) : 0 };
}

/** Paid-VIP policy: the tier whose benefits a paying member enjoys at least, and reminder leads. */
export interface VipSettings {
  /** While VIP, the member has at least this tier's benefits (null: VIP adds no tier). */
  floorTier: TierKey | null;
  /** Days before expiry a renewal reminder goes out, e.g. [7, 1]. */
  reminderDays: number[];
  /** Subscription-message template of renewal reminders ('local' without WeChat). */
  templateId: string;
  /** What members can buy with WeChat Pay: days for a price in fen (分). */
  plans: VipPlan[];
}

/** One paid-VIP plan sold through WeChat Pay. */
export interface VipPlan {
  id: string;
  name: string;
  days: number;
  priceFen: number;
}

/** Paid-VIP policy of a new community. */
export const DEFAULT_VIP_SETTINGS: VipSettings = {
  floorTier: 'gold',
  reminderDays: [7, 1],
  templateId: 'local',
  plans: [
    { id: 'month', name: '月卡', days: 30, priceFen: 9900 },
    { id: 'year', name: '年卡', days: 365, priceFen: 69900 },
  ],
};

/** True while a VIP expiry lies after `nowIso`. */
export function isVip(vipUntil: unknown, nowIso: string): boolean {
  return typeof vipUntil === 'string' && vipUntil > nowIso;
}

/** The tier whose benefits apply now: the earned tier, lifted to the VIP floor while VIP lasts. */
export function effectiveTier(member: { tier?: unknown; vipUntil?: unknown } | null, nowIso: string, tiers: TierRule[], vip: Pick<VipSettings, 'floorTier'>): TierKey {
  const earned = (typeof member?.tier === 'string' ? member.tier : 'normal') as TierKey;
  if (!vip.floorTier || !isVip(member?.vipUntil, nowIso)) return earned;
  return tierRank(vip.floorTier, tiers) > tierRank(earned, tiers) ? vip.floorTier : earned;
}

/** A reward scaled by a tier's multiplier, rounded to whole points (apply once per reward). */
export function multiplied(points: number, tier: TierKey, tiers: TierRule[]): number {
  return Math.round(points * tierRule(tier, tiers).multiplier);
}

/** A check-in reward (base + bonus) scaled by the tier multiplier; `total` stays their sum. */
export function multipliedReward<R extends { base: number; bonus: number; total: number }>(reward: R, tier: TierKey, tiers: TierRule[]): R {
  const base = multiplied(reward.base, tier, tiers);
  const bonus = multiplied(reward.bonus, tier, tiers);
  return { ...reward, base, bonus, total: base + bonus };
}

/**
 * The renewal reminder due at `nowIso` for an expiry: the smallest lead (days before expiry) whose
 * moment has passed, or null when none is due or VIP has already ended.
 */
export function reminderLeadDue(vipUntil: string, nowIso: string, leads: number[]): number | null {
  if (vipUntil <= nowIso) return null;
  const left = Date.parse(vipUntil) - Date.parse(nowIso);
  const due = leads.filter((d) => left <= d * 86_400_000);
  return due.length ? Math.min(...due) : null;
}
