/** A bonus paid when the streak reaches exactly `day`. */
export interface Milestone {
  day: number;
  bonus: number;
}

/** The owner's check-in reward table (docs/domain.md). */
export interface CheckinRules {
  basePoints: number;
  milestones: Milestone[];
  /** Most points one check-in may award, base and bonus together; null means no cap. */
  dailyCap: number | null;
}

/** Defaults from the operating playbooks: +5 a day, bonuses on days 7/14/21/30. */
export const DEFAULT_CHECKIN_RULES: CheckinRules = {
  basePoints: 5,
  milestones: [
    { day: 7, bonus: 20 },
    { day: 14, bonus: 40 },
    { day: 21, bonus: 60 },
    { day: 30, bonus: 100 },
  ],
  dailyCap: null,
};

/** Points for a check-in that brings the streak to `streak`, split into base and milestone bonus. */
export function rewardFor(streak: number, rules: CheckinRules): { base: number; bonus: number; total: number } {
  const bonusRaw = rules.milestones.filter((m) => m.day === streak).reduce((sum, m) => sum + m.bonus, 0);
  const cap = rules.dailyCap ?? Number.POSITIVE_INFINITY;
  const base = Math.min(rules.basePoints, cap);
  const bonus = Math.min(bonusRaw, cap - base);
  return { base, bonus, total: base + bonus };
}

/**
 * The next milestone ahead of a member whose current streak is `streak` (today's check-in, if
 * done, included). `daysLeft` counts the check-ins still needed, today's included when not done.
 */
export function nextMilestone(streak: number, rules: CheckinRules): { day: number; bonus: number; daysLeft: number } | null {
  const next = [...rules.milestones].sort((a, b) => a.day - b.day).find((m) => m.day > streak);
  return next ? { day: next.day, bonus: next.bonus, daysLeft: next.day - streak } : null;
}
