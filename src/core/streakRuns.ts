import { addDays, daysBetween } from './day';

/** A run of consecutive checked community days, `from` to `to` inclusive. */
export interface DayRun {
  from: string;
  to: string;
}

/**
 * How many recent runs a member's stats keep. A makeup reaches back at most 7 days, and runs are
 * separated by at least one missed day, so only the last few runs can ever merge again.
 */
export const KEPT_RUNS = 12;

/** The runs of a set of day keys (any order, duplicates ignored), oldest first. */
export function runsFromDays(days: readonly string[]): DayRun[] {
  const sorted = [...new Set(days)].sort();
  const runs: DayRun[] = [];
  for (const day of sorted) {
    const last = runs[runs.length - 1];
    if (last && addDays(last.to, 1) === day) last.to = day;
    else runs.push({ from: day, to: day });
  }
  return runs;
}

/** The runs after also checking `day` (merging with neighbours), keeping the last KEPT_RUNS. */
export function addDayToRuns(runs: readonly DayRun[], day: string): DayRun[] {
  const days: string[] = [day];
  const merged: DayRun[] = [];
  for (const run of runs) {
    if (run.from <= day && day <= run.to) return runs.slice(-KEPT_RUNS).map((r) => ({ ...r }));
    if (addDays(run.to, 1) === day || addDays(day, 1) === run.from) days.push(run.from, run.to);
    else merged.push({ ...run });
  }
  const sortedDays = days.sort();
  merged.push({ from: sortedDays[0], to: sortedDays[sortedDays.length - 1] });
  merged.sort((a, b) => (a.from < b.from ? -1 : 1));
  return merged.slice(-KEPT_RUNS);
}

/** Length in days of a run. */
export function runLength(run: DayRun): number {
  return daysBetween(run.from, run.to) + 1;
}

/** True when `day` is inside one of the runs. */
export function runsContain(runs: readonly DayRun[], day: string): boolean {
  return runs.some((r) => r.from <= day && day <= r.to);
}

/**
 * The streak shown on `today` from a set of checked day keys: consecutive days ending today or
 * yesterday, else 0. Time zones are already folded into the day keys (docs/domain.md).
 */
export function streakFromDays(days: readonly string[], today: string): number {
  return streakFromRuns(runsFromDays(days), today);
}

/** `streakFromDays` over runs. */
export function streakFromRuns(runs: readonly DayRun[], today: string): number {
  const last = runs.filter((r) => r.to <= today).pop();
  if (!last) return 0;
  return last.to === today || addDays(last.to, 1) === today ? runLength(last) : 0;
}

/** The longest run among `runs`, at least `known` (the longest ever recorded). */
export function longestOf(runs: readonly DayRun[], known: number): number {
  return runs.reduce((max, r) => Math.max(max, runLength(r)), known);
}
