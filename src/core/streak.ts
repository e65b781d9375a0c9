import { addDays } from './day';

/** What the store keeps per member to answer streak questions without scanning history. */
export interface StreakState {
  lastDay: string | null;
  streak: number;
  longest: number;
  total: number;
}

/** A member who has never checked in. */
export const EMPTY_STREAK: StreakState = { lastDay: null, streak: 0, longest: 0, total: 0 };

/**
 * The state after a check-in on `day`. The streak continues only from yesterday; any gap restarts
 * it at 1. `day` must be later than `lastDay` (one check-in per day is enforced by the store id).
 */
export function advanceStreak(state: StreakState, day: string): StreakState {
  const continues = state.lastDay !== null && addDays(state.lastDay, 1) === day;
  const streak = continues ? state.streak + 1 : 1;
  return { lastDay: day, streak, longest: Math.max(state.longest, streak), total: state.total + 1 };
}

/** The streak shown on `today`: consecutive days ending today or yesterday, else 0. */
export function currentStreak(state: StreakState, today: string): number {
  if (state.lastDay === today || (state.lastDay !== null && addDays(state.lastDay, 1) === today)) return state.streak;
  return 0;
}
