import type { ActivityInput, ActivityPage, ActivityView, SignupStatus } from '../../types/activities';
import { call, newRequestId } from './api';

/** Activities from a week ago on (or from community day `from`), soonest first. */
export async function fetchActivities(from?: string): Promise<ActivityView[]> {
  return (await call('activities', 'list', from ? { from } : {})).activities;
}

/** One activity with the caller's sign-up (and the roster for hosts). */
export function fetchActivity(activityId: string): Promise<ActivityPage> {
  return call('activities', 'get', { activityId });
}

/** Create an activity (hosts). */
export function createActivity(activity: ActivityInput, requestId: string = newRequestId()): Promise<{ activity: ActivityView }> {
  return call('activities', 'create', { requestId, activity });
}

/** Sign up: a place while there is one, else the waitlist. */
export function signUp(activityId: string, requestId: string = newRequestId()): Promise<{ status: SignupStatus; position: number | null }> {
  return call('activities', 'signup', { requestId, activityId });
}

/** Cancel a sign-up (before the start); the first waitlisted member takes the place. */
export function cancelSignup(activityId: string, requestId: string = newRequestId()): Promise<{ promoted: string | null }> {
  return call('activities', 'cancel', { requestId, activityId });
}

/** Check an attendee in (hosts). */
export function checkInAttendee(activityId: string, memberId: string, requestId: string = newRequestId()): Promise<{ attendedAt: string }> {
  return call('activities', 'checkIn', { requestId, activityId, memberId });
}

/** Write the activity summary (hosts). */
export function summarizeActivity(activityId: string, summary: string, requestId: string = newRequestId()): Promise<{ activity: ActivityView }> {
  return call('activities', 'summarize', { requestId, activityId, summary });
}

/** Award prize points to one participant, once, with a reason (hosts). */
export function awardPrize(activityId: string, memberId: string, points: number, reason: string, requestId: string = newRequestId()): Promise<{ points: number; balance: number }> {
  return call('activities', 'award', { requestId, activityId, memberId, points, reason });
}
