import type { ErrorCode } from '../../types/errors';
import { addDays } from './day';
import type { MakeupRules } from './settings';
import type { StreakState } from './streak';
import { addDayToRuns, longestOf, runLength, type DayRun } from './streakRuns';

/** Why a makeup is refused: the wire code and the sentence the member reads. */
export interface Refusal {
  code: ErrorCode;
  message: string;
}

/** The calendar month (`YYYY-MM`) a day key falls in; the makeup quota counts per month of the makeup. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/**
 * Whether a member may make up `day` on `today` (before reading any stored state beyond the
 * month's usage): VALIDATION for today/future/before joining/outside the window, LIMIT_REACHED
 * when the monthly quota is used. "Already checked" (CONFLICT) and price (INSUFFICIENT_POINTS)
 * are decided by the store and the ledger.
 */
export function makeupRefusal(input: { day: string; today: string; joinDay: string; rules: MakeupRules; usedThisMonth: number }): Refusal | null {
  const { day, today, joinDay, rules, usedThisMonth } = input;
  if (day >= today) return { code: 'VALIDATION', message: day === today ? '今天的签到请直接点签到' : '不能补签未来的日子' };
  if (day < joinDay) return { code: 'VALIDATION', message: '加入社群之前的日子不能补签' };
  if (day < addDays(today, -rules.windowDays)) return { code: 'VALIDATION', message: `只能补签最近 ${rules.windowDays} 天内漏签的日子` };
  if (rules.monthlyQuota <= 0) return { code: 'LIMIT_REACHED', message: '社群暂未开放补签' };
  if (usedThisMonth >= rules.monthlyQuota) return { code: 'LIMIT_REACHED', message: `本月补签次数已用完（每月 ${rules.monthlyQuota} 次）` };
  return null;
}

/** The missed days a member could still make up today (window and join day only), oldest first. */
export function makeupCandidates(today: string, joinDay: string, windowDays: number, checked: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = windowDays; i >= 1; i -= 1) {
    const day = addDays(today, -i);
    if (day >= joinDay && !checked.has(day)) out.push(day);
  }
  return out;
}

/**
 * Streak bookkeeping after filling the gap `day` in the past. The streak is recomputed from the
 * runs of checked days (a makeup can join two runs), not advanced like a normal check-in.
 */
export function streakAfterMakeup(state: StreakState, runs: readonly DayRun[], day: string): { state: StreakState; runs: DayRun[] } {
  const next = addDayToRuns(runs, day);
  const lastDay = state.lastDay !== null && state.lastDay > day ? state.lastDay : day;
  const lastRun = next.find((r) => r.from <= lastDay && lastDay <= r.to);
  const streak = lastRun ? runLength(lastRun) : 1;
  return {
    state: { lastDay, streak, longest: longestOf(next, state.longest), total: state.total + 1 },
    runs: next,
  };
}

/** The runs implied by stored stats that predate run tracking: only the latest run is known. */
export function runsOfState(state: StreakState & { runs?: DayRun[] }): DayRun[] {
  if (state.runs) return state.runs;
  if (state.lastDay === null || state.streak <= 0) return [];
  return [{ from: addDays(state.lastDay, -(state.streak - 1)), to: state.lastDay }];
}
