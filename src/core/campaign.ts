import { addDays, daysBetween } from './day';

/** The last community day of a campaign that starts on `startDay` and runs `length` days. */
export function campaignEnd(startDay: string, length: number): string {
  return addDays(startDay, length - 1);
}

/** Where a campaign stands on `today`. */
export function campaignPhase(startDay: string, endDay: string, today: string): 'upcoming' | 'active' | 'ended' {
  if (today < startDay) return 'upcoming';
  return today > endDay ? 'ended' : 'active';
}

/** 1-based day number of `day` inside the campaign, or null outside it. */
export function campaignDayIndex(startDay: string, length: number, day: string): number | null {
  const index = daysBetween(startDay, day) + 1;
  return index >= 1 && index <= length ? index : null;
}

/**
 * True when a check-in bringing a member to `days` check-ins completes the campaign: one check-in
 * per campaign day, so reaching `length` is only possible on the last day, with no day missed.
 */
export function completesCampaign(days: number, length: number): boolean {
  return days === length;
}
