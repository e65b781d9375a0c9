/**
 * Funnel definitions (docs/domain.md), written once: milestones of one member, the per-join-day rollup
 * the panel reads, and the figures computed from rollups (stages, medians, cohort matrix).
 * Day arithmetic: the join day is day 1 of membership, so with the default windows a member is
 * activated by activity on days 1–7, retained by activity on ≥ 3 distinct days among days 8–30,
 * and converted by paid VIP on days 1–60. Pure: no IO, no clock.
 */
import { addDays, daysBetween } from './day';
import type { FunnelWindows } from './settings';

/** The four funnel stages in order: 拉新 → 激活 → 留存 → 转化. */
export const STAGES = ['acquired', 'activated', 'retained', 'converted'] as const;

/** One funnel stage key. */
export type StageKey = (typeof STAGES)[number];

/** Stages reached after joining (acquired is reached by joining itself). */
export type LaterStage = Exclude<StageKey, 'acquired'>;

/** Count per value (e.g. members per days-to-reach, or per week since joining). */
export type Histogram = Record<string, number>;

/** A member's funnel bookkeeping, stored on the member document. */
export interface MemberFunnel {
  joinDay: string;
  /** Milestone facts: the activity day that reached each one (set once). */
  activatedDay: string | null;
  retainedDay: string | null;
  convertedDay: string | null;
  /** Distinct active days inside the retention window. */
  retentionActiveDays: number;
  /** Distinct active days overall. */
  activeDays: number;
  lastActiveDay: string | null;
  /** Weeks since joining (0 = days 1–7) with any activity, ascending. */
  activeWeeks: number[];
  /**
   * Funnel stage reached, nested: 1 acquired, 2 activated, 3 activated and retained, 4 all three
   * plus converted. A stage counts only once every earlier one is reached, so the funnel never widens.
   */
  stage: number;
  /** Days since joining when the member reached each nested stage. */
  reach: Partial<Record<LaterStage, number>>;
}

/** The change one event makes to its join-day rollup (all zero: nothing to write). */
export interface RollupDelta {
  stages: LaterStage[];
  /** Days since joining at which those stages were reached. */
  daysSinceJoin: number;
  /** The week since joining that became active for the first time, if any. */
  newWeek: number | null;
  /** True when this event is the member's conversion (paid VIP within the window), nested or not. */
  convertedMilestone?: boolean;
}

/** Counts for one join day and channel (`funnelDaily/<joinDay>:<channel>`). */
export interface FunnelRollup {
  joinDay: string;
  channel: string;
  acquired: number;
  activated: number;
  retained: number;
  converted: number;
  /** Members converted within the window whether or not they passed 激活 and 留存 (the conversion rate). */
  convertedAny: number;
  /** Days-to-reach histograms per stage (medians come from these). */
  reach: Record<LaterStage, Histogram>;
  /** Sum of days-to-reach per stage (mean time-to-convert). */
  reachSum: Record<LaterStage, number>;
  /** Members of this join day active in week w since joining, by w. */
  activeByWeek: Histogram;
}

/** Day of membership of `day` for someone who joined on `joinDay` (the join day is day 1). */
export function membershipDay(joinDay: string, day: string): number {
  return daysBetween(joinDay, day) + 1;
}

/** Week since joining of a membership day (0 = days 1–7). */
export function weekOfMembership(memberDay: number): number {
  return Math.floor((memberDay - 1) / 7);
}

/** The funnel state of a member who has just joined. */
export function joinedFunnel(joinDay: string): MemberFunnel {
  return {
    joinDay,
    activatedDay: null,
    retainedDay: null,
    convertedDay: null,
    retentionActiveDays: 0,
    activeDays: 0,
    lastActiveDay: null,
    activeWeeks: [],
    stage: 1,
    reach: {},
  };
}

function nestedStage(f: MemberFunnel): number {
  if (!f.activatedDay) return 1;
  if (!f.retainedDay) return 2;
  return f.convertedDay ? 4 : 3;
}

function advance(before: MemberFunnel, after: MemberFunnel, day: string, newWeek: number | null): { state: MemberFunnel; delta: RollupDelta } {
  const stage = nestedStage(after);
  const stages: LaterStage[] = [];
  const since = daysBetween(after.joinDay, day);
  const reach = { ...after.reach };
  for (let s = before.stage + 1; s <= stage; s += 1) {
    const key = STAGES[s - 1] as LaterStage;
    stages.push(key);
    reach[key] = since;
  }
  return { state: { ...after, stage: Math.max(stage, before.stage), reach }, delta: { stages, daysSinceJoin: since, newWeek } };
}

/**
 * Apply one new active day (a day not recorded before; the caller guarantees it) to a member's
 * funnel: milestones reached, retention count, active weeks. Days before joining change nothing.
 */
export function applyActivity(f: MemberFunnel, day: string, w: FunnelWindows): { state: MemberFunnel; delta: RollupDelta } {
  const md = membershipDay(f.joinDay, day);
  if (md < 1) return { state: f, delta: { stages: [], daysSinceJoin: md - 1, newWeek: null } };
  const next: MemberFunnel = {
    ...f,
    activeDays: f.activeDays + 1,
    lastActiveDay: f.lastActiveDay && f.lastActiveDay > day ? f.lastActiveDay : day,
  };
  const week = weekOfMembership(md);
  let newWeek: number | null = null;
  if (!f.activeWeeks.includes(week)) {
    newWeek = week;
    next.activeWeeks = [...f.activeWeeks, week].sort((a, b) => a - b);
  }
  if (!f.activatedDay && md <= w.activationDays) next.activatedDay = day;
  if (md >= w.retentionFromDay && md <= w.retentionToDay) {
    next.retentionActiveDays = f.retentionActiveDays + 1;
    if (!f.retainedDay && next.retentionActiveDays >= w.retentionMinActiveDays) next.retainedDay = day;
  }
  return advance(f, next, day, newWeek);
}

/** Apply a paid-VIP purchase on `day`: converted when inside the conversion window and not before. */
export function applyConversion(f: MemberFunnel, day: string, w: FunnelWindows): { state: MemberFunnel; delta: RollupDelta } {
  const md = membershipDay(f.joinDay, day);
  if (f.convertedDay || md < 1 || md > w.conversionDays) return { state: f, delta: { stages: [], daysSinceJoin: md - 1, newWeek: null } };
  const result = advance(f, { ...f, convertedDay: day }, day, null);
  return { state: result.state, delta: { ...result.delta, convertedMilestone: true } };
}

/** Milestones from first principles, given every active day and the paid-VIP day (tests and repair). */
export function milestonesOf(
  joinDay: string,
  activeDays: readonly string[],
  vipDay: string | null,
  w: FunnelWindows,
): { activated: boolean; retained: boolean; converted: boolean } {
  const days = [...new Set(activeDays)].map((d) => membershipDay(joinDay, d));
  const activated = days.some((d) => d >= 1 && d <= w.activationDays);
  const retained = days.filter((d) => d >= w.retentionFromDay && d <= w.retentionToDay).length >= w.retentionMinActiveDays;
  const vip = vipDay === null ? null : membershipDay(joinDay, vipDay);
  const converted = vip !== null && vip >= 1 && vip <= w.conversionDays;
  return { activated, retained, converted };
}

/** An empty rollup for one join day and channel. */
export function emptyRollup(joinDay: string, channel: string): FunnelRollup {
  return {
    joinDay,
    channel,
    acquired: 0,
    activated: 0,
    retained: 0,
    converted: 0,
    convertedAny: 0,
    reach: { activated: {}, retained: {}, converted: {} },
    reachSum: { activated: 0, retained: 0, converted: 0 },
    activeByWeek: {},
  };
}

/** True when a delta changes nothing in the rollup. */
export function isEmptyDelta(d: RollupDelta): boolean {
  return d.stages.length === 0 && d.newWeek === null && !d.convertedMilestone;
}

/** Add one member's delta to a rollup (returns a new rollup). */
export function addToRollup(r: FunnelRollup, d: RollupDelta): FunnelRollup {
  const next: FunnelRollup = {
    ...r,
    reach: { activated: { ...r.reach.activated }, retained: { ...r.reach.retained }, converted: { ...r.reach.converted } },
    reachSum: { ...r.reachSum },
    activeByWeek: { ...r.activeByWeek },
  };
  for (const s of d.stages) {
    next[s] += 1;
    const key = String(d.daysSinceJoin);
    next.reach[s][key] = (next.reach[s][key] ?? 0) + 1;
    next.reachSum[s] += d.daysSinceJoin;
  }
  if (d.newWeek !== null) next.activeByWeek[String(d.newWeek)] = (next.activeByWeek[String(d.newWeek)] ?? 0) + 1;
  if (d.convertedMilestone) next.convertedAny = (r.convertedAny ?? 0) + 1;
  return next;
}

/** Rollups rebuilt from member states alone (the repair path; must equal the incremental ones). */
export function rollupsFromMembers(members: Iterable<{ channel: string; funnel: MemberFunnel }>): Map<string, FunnelRollup> {
  const out = new Map<string, FunnelRollup>();
  for (const { channel, funnel: f } of members) {
    const key = `${f.joinDay}:${channel}`;
    let r = out.get(key) ?? emptyRollup(f.joinDay, channel);
    r = { ...r, acquired: r.acquired + 1 };
    for (let s = 2; s <= f.stage; s += 1) {
      const stage = STAGES[s - 1] as LaterStage;
      r = addToRollup(r, { stages: [stage], daysSinceJoin: f.reach[stage] ?? 0, newWeek: null });
    }
    for (const week of f.activeWeeks) r = addToRollup(r, { stages: [], daysSinceJoin: 0, newWeek: week });
    if (f.convertedDay) r = addToRollup(r, { stages: [], daysSinceJoin: 0, newWeek: null, convertedMilestone: true });
    out.set(key, r);
  }
  return out;
}

/** Sum of histograms. */
export function mergeHistograms(into: Histogram, from: Histogram): Histogram {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
  return into;
}

/** Median of the values a histogram counts (mean of the two middle values for an even count); null when empty. */
export function medianOf(h: Histogram): number | null {
  const entries = Object.entries(h)
    .map(([k, n]) => [Number(k), n] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const valueAt = (rank: number) => {
    let seen = 0;
    for (const [v, n] of entries) {
      seen += n;
      if (rank < seen) return v;
    }
    return entries[entries.length - 1][0];
  };
  return total % 2 === 1 ? valueAt((total - 1) / 2) : (valueAt(total / 2 - 1) + valueAt(total / 2)) / 2;
}

/** One funnel stage as the panel shows it; ratios are 0–1, null when there is nobody to divide by. */
export interface StageFigure {
  key: StageKey;
  count: number;
  /** Share of the previous stage that reached this one (1 for acquired). */
  stepConversion: number | null;
  /** Share of acquired members that reached this one. */
  overallConversion: number | null;
  /** Members lost since the previous stage (0 for acquired). */
  dropOff: number;
  /** Median days from joining to reaching this stage; null for acquired or nobody. */
  medianDaysToReach: number | null;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** The four stages from summed rollups. */
export function stageFigures(total: FunnelRollup): StageFigure[] {
  return STAGES.map((key, i) => {
    const count = total[key];
    const prev = i === 0 ? count : total[STAGES[i - 1]];
    return {
      key,
      count,
      stepConversion: i === 0 ? ratio(count, count) : ratio(count, prev),
      overallConversion: ratio(count, total.acquired),
      dropOff: i === 0 ? 0 : prev - count,
      medianDaysToReach: key === 'acquired' ? null : medianOf(total.reach[key]),
    };
  });
}

/** Add rollups together (channel and joinDay of the first are kept). */
export function sumRollups(rollups: Iterable<FunnelRollup>, joinDay = '', channel = 'all'): FunnelRollup {
  const total = emptyRollup(joinDay, channel);
  for (const r of rollups) {
    total.acquired += r.acquired;
    total.convertedAny += r.convertedAny ?? 0;
    for (const s of ['activated', 'retained', 'converted'] as const) {
      total[s] += r[s];
      mergeHistograms(total.reach[s], r.reach[s]);
      total.reachSum[s] += r.reachSum[s];
    }
    mergeHistograms(total.activeByWeek, r.activeByWeek);
  }
  return total;
}

/** Monday of the calendar week `day` falls in (cohorts and the weekly trend start on Mondays). */
export function weekStart(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  const weekday = new Date(t).getUTCDay();
  return new Date(t - ((weekday + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
}

/** One weekly join cohort: its size and, per week since joining, the share active (null: not observable yet). */
export interface CohortRow {
  week: string;
  members: number;
  shares: Array<number | null>;
}

/**
 * Weekly cohorts × weeks since joining. A member's week w counts only once it has fully passed
 * (join day + 7w + 6 < today), so the current week never shows as a false drop.
 */
export function cohortMatrix(rollups: Iterable<FunnelRollup>, today: string, maxWeeks: number): CohortRow[] {
  const byWeek = new Map<string, FunnelRollup[]>();
  for (const r of rollups) {
    const wk = weekStart(r.joinDay);
    const list = byWeek.get(wk) ?? [];
    list.push(r);
    byWeek.set(wk, list);
  }
  const rows: CohortRow[] = [];
  for (const week of [...byWeek.keys()].sort()) {
    const list = byWeek.get(week) ?? [];
    const members = list.reduce((s, r) => s + r.acquired, 0);
    if (members === 0) continue;
    const shares: Array<number | null> = [];
    for (let w = 0; w < maxWeeks; w += 1) {
      let base = 0;
      let active = 0;
      for (const r of list) {
        if (addDays(r.joinDay, 7 * w + 6) >= today) continue;
        base += r.acquired;
        active += r.activeByWeek[String(w)] ?? 0;
      }
      shares.push(base > 0 ? active / base : null);
    }
    while (shares.length > 0 && shares[shares.length - 1] === null) shares.pop();
    rows.push({ week, members, shares });
  }
  return rows;
}
