/** Text limits of an activity (characters). */
export const ACTIVITY_LIMITS = { title: 40, place: 100, description: 2000, summary: 2000, reason: 100 } as const;

/** Longest an activity may run (打卡赛 can last weeks). */
export const MAX_ACTIVITY_MS = 60 * 86_400_000;

/** Largest prize one award may carry. */
export const MAX_AWARD_POINTS = 10_000;

/** Longest waitlist kept per activity (it lives in the activity document). */
export const MAX_WAITLIST = 500;

/** How each kind of activity is named. */
export const ACTIVITY_KIND_LABEL = { salon: '沙龙', branch: '分会', challenge: '打卡赛' } as const;

/** Why an activity's times are unacceptable, or null when they are fine. */
export function activityTimesProblem(a: { startsAt: string; endsAt: string; signupDeadline: string }): string | null {
  const start = Date.parse(a.startsAt);
  const end = Date.parse(a.endsAt);
  const deadline = Date.parse(a.signupDeadline);
  if (![start, end, deadline].every(Number.isFinite)) return '时间格式不正确';
  if (end <= start) return '结束时间必须晚于开始时间';
  if (end - start > MAX_ACTIVITY_MS) return '一个活动最长 60 天';
  if (deadline > start) return '报名截止时间不能晚于开始时间';
  return null;
}

/** Where an activity stands at `now`: sign-up open until the deadline, then closed, ongoing, ended. */
export function activityStatus(a: { startsAt: string; endsAt: string; signupDeadline: string }, now: Date): 'open' | 'closed' | 'ongoing' | 'ended' {
  const t = now.getTime();
  if (t >= Date.parse(a.endsAt)) return 'ended';
  if (t >= Date.parse(a.startsAt)) return 'ongoing';
  return t < Date.parse(a.signupDeadline) ? 'open' : 'closed';
}

/** The outcome of a sign-up given the places taken: a confirmed place or the end of the waitlist. */
export function placeFor(confirmed: number, capacity: number): 'confirmed' | 'waitlist' {
  return confirmed < capacity ? 'confirmed' : 'waitlist';
}
