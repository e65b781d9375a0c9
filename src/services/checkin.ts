import type { CheckinCalendar, CheckinDone, CheckinToday, MakeupDone } from '../../types/api';
import { call, newRequestId } from './api';

/** Today's check-in state and the recent-days strip. */
export function fetchCheckinToday(): Promise<CheckinToday> {
  return call('checkin', 'today', {});
}

/** Check in for today; pass the same requestId when retrying the same tap. */
export function checkIn(requestId: string = newRequestId()): Promise<CheckinDone> {
  return call('checkin', 'do', { requestId });
}

/** One month (`YYYY-MM`; omitted: the current community month) of the check-in calendar with the makeup allowance. */
export function fetchCheckinCalendar(month?: string): Promise<CheckinCalendar> {
  return call('checkin', 'calendar', month ? { month } : {});
}

/** Make up (补签) a missed `day`; pass the same requestId when retrying the same tap. */
export function makeUpDay(day: string, requestId: string = newRequestId()): Promise<MakeupDone> {
  return call('checkin', 'makeup', { requestId, day });
}

/** Count one share of the check-in card (a new requestId per share). */
export function recordCheckinShare(requestId: string = newRequestId()): Promise<{ day: string; sharesToday: number }> {
  return call('checkin', 'share', { requestId });
}

/** Owner only: shares and distinct sharing members per day, newest first. */
export async function fetchShareStats(days = 14): Promise<Array<{ day: string; shares: number; members: number }>> {
  return (await call('checkin', 'shareStats', { days })).days;
}
