import type { CheckinDone, CheckinToday } from '../../types/api';
import { call, newRequestId } from './api';

/** Today's check-in state and the recent-days strip. */
export function fetchCheckinToday(): Promise<CheckinToday> {
  return call('checkin', 'today', {});
}

/** Check in for today; pass the same requestId when retrying the same tap. */
export function checkIn(requestId: string = newRequestId()): Promise<CheckinDone> {
  return call('checkin', 'do', { requestId });
}
