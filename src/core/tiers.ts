/** Member tier keys, lowest first. */
export type TierKey = 'normal' | 'silver' | 'gold' | 'diamond';

/** One tier: its growth threshold and the name members see. */
export interface Tier {
  key: TierKey;
  name: string;
  threshold: number;
}

/** The default tier table (普通 0 / 白银 500 / 黄金 2000 / 钻石 5000 growth). */
export const DEFAULT_TIERS: Tier[] = [
  { key: 'normal', name: '普通', threshold: 0 },
  { key: 'silver', name: '白银', threshold: 500 },
  { key: 'gold', name: '黄金', threshold: 2000 },
  { key: 'diamond', name: '钻石', threshold: 5000 },
];

/** The highest tier whose threshold `growth` reaches. */
export function tierFor(growth: number, tiers: Tier[] = DEFAULT_TIERS): Tier {
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
