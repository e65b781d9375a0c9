import { useCallback } from 'react';
import type { ActivityInput, ActivityPage, ActivityView } from '../../types/activities';
import type { LessonView } from '../../types/lessons';
import { awardPrize, cancelSignup, checkInAttendee, createActivity, fetchActivities, fetchActivity, signUp, summarizeActivity } from '../services/activities';
import { fetchWeek } from '../services/lessons';
import { login } from '../services/session';
import { useAction } from './useAction';
import { useRemote } from './useRemote';

/** Activities from a week ago on, for the 课程 tab. */
export function useActivityList(sessionKey = '') {
  return useRemote<ActivityView[]>(async () => {
    await login();
    return fetchActivities();
  }, `activities:${sessionKey}`);
}

/** One activity: data plus 报名 / 取消报名, and for hosts 签到 / 总结 / 发奖; each reloads after. */
export function useActivity(activityId: string) {
  const remote = useRemote<ActivityPage & { canManage: boolean }>(async () => {
    const member = await login();
    return { ...(await fetchActivity(activityId)), canManage: member.role !== 'member' };
  }, `activity:${activityId}`);
  const reload = remote.reload;
  const signup = useAction(useCallback((rid: string) => signUp(activityId, rid), [activityId]), reload);
  const cancel = useAction(useCallback((rid: string) => cancelSignup(activityId, rid), [activityId]), reload);
  const checkIn = useAction(useCallback((rid: string, memberId: string) => checkInAttendee(activityId, memberId, rid), [activityId]), reload);
  const summarize = useAction(useCallback((rid: string, summary: string) => summarizeActivity(activityId, summary, rid), [activityId]), reload);
  const award = useAction(useCallback((rid: string, memberId: string, points: number, reason: string) => awardPrize(activityId, memberId, points, reason, rid), [activityId]), reload);
  return { ...remote, signup, cancel, checkIn, summarize, award };
}

/** Host: create an activity. */
export function useCreateActivity() {
  return useAction(useCallback((rid: string, activity: ActivityInput) => createActivity(activity, rid), []));
}

/** One day of the 周活动日历: its lessons and the activities starting that day. */
export interface CalendarDay {
  day: string;
  lessons: LessonView[];
  activities: ActivityView[];
}

/** 周活动日历: lessons and activities of the community week containing `day` (omitted: this week). */
export function useWeekCalendar(day: string, sessionKey = '') {
  return useRemote<{ today: string; monday: string; days: CalendarDay[] }>(async () => {
    await login();
    const week = await fetchWeek(day || undefined);
    const activities = await fetchActivities(week.monday);
    return {
      today: week.today,
      monday: week.monday,
      days: week.days.map((d) => ({ day: d.day, lessons: d.lessons.filter((l) => l.status !== 'draft'), activities: activities.filter((a) => a.day === d.day) })),
    };
  }, `week-calendar:${day}:${sessionKey}`);
}
