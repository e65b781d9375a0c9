import { useCallback, useRef, useState } from 'react';
import type { LessonInput, LessonPage, LessonStats, LessonView, LessonWeek, OutboxView, QuestionView } from '../../types/lessons';
import type { ApiFailure } from '../services/api';
import { newRequestId } from '../services/api';
import {
  addReplay,
  answerQuestion,
  askQuestion,
  attendLesson,
  fetchLesson,
  fetchLessonStats,
  fetchOutbox,
  fetchPastLessons,
  fetchQuestions,
  fetchWeek,
  publishLesson,
  rateLesson,
  subscribeLesson,
  updateLesson,
} from '../services/lessons';
import { login } from '../services/session';
import { asFailure, useRemote } from './useRemote';

/**
 * One user intent (a tap) that writes: a requestId kept across retries of the same intent
 * (network loss, BUSY) and dropped once the server has answered; submitting and error state.
 */
export function useAction<A extends unknown[], R>(run: (requestId: string, ...args: A) => Promise<R>, after?: () => Promise<void>) {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const pending = useRef<string | null>(null);
  const busy = useRef(false);
  const submit = useCallback(
    async (...args: A): Promise<R | null> => {
      if (busy.current) return null;
      busy.current = true;
      setSubmitting(true);
      setError(null);
      pending.current = pending.current ?? newRequestId();
      try {
        const result = await run(pending.current, ...args);
        pending.current = null;
        if (after) await after();
        return result;
      } catch (e) {
        const failure = asFailure(e);
        if (failure.code !== 'INTERNAL' && failure.code !== 'BUSY') pending.current = null;
        setError(failure);
        if (failure.code === 'CONFLICT' && after) await after();
        return null;
      } finally {
        busy.current = false;
        setSubmitting(false);
      }
    },
    [run, after],
  );
  return { submit, submitting, error };
}

/** 课程 tab: this week's schedule by day plus ended lessons (replays). */
export function useLessonSchedule(sessionKey = '') {
  return useRemote<{ week: LessonWeek; past: LessonView[]; canPublish: boolean }>(async () => {
    const member = await login();
    const [week, past] = await Promise.all([fetchWeek(), fetchPastLessons()]);
    return { week, past: past.lessons, canPublish: member.role !== 'member' };
  }, `lessons:${sessionKey}`);
}

/** 首页 今日课程: today's lessons in the community day. */
export function useTodayLessons(sessionKey = '') {
  return useRemote<{ today: string; lessons: LessonView[] }>(async () => {
    await login();
    const week = await fetchWeek();
    return { today: week.today, lessons: week.days.find((d) => d.day === week.today)?.lessons ?? [] };
  }, `today-lessons:${sessionKey}`);
}

/** The lesson page: data plus 提醒我 / 提问 / 签到听课 / 评分, each reloading the page after. */
export function useLesson(lessonId: string) {
  const remote = useRemote<LessonPage & { canManage: boolean }>(async () => {
    const member = await login();
    return { ...(await fetchLesson(lessonId)), canManage: member.role !== 'member' };
  }, `lesson:${lessonId}`);
  const reload = remote.reload;
  const subscribe = useAction(useCallback((rid: string) => subscribeLesson(lessonId, rid), [lessonId]), reload);
  const ask = useAction(useCallback((rid: string, text: string) => askQuestion(lessonId, text, rid), [lessonId]), reload);
  const attend = useAction(useCallback((rid: string) => attendLesson(lessonId, rid), [lessonId]), reload);
  const rate = useAction(useCallback((rid: string, score: number, comment: string) => rateLesson(lessonId, score, comment, rid), [lessonId]), reload);
  return { ...remote, subscribe, ask, attend, rate };
}

/** Host editor: the lesson being edited (none when publishing a new one) and save. */
export function useLessonEditor(lessonId: string) {
  const remote = useRemote<LessonPage | null>(async () => (lessonId ? fetchLesson(lessonId) : null), `lesson-edit:${lessonId}`);
  const save = useAction(
    useCallback(
      (rid: string, lesson: LessonInput, draft: boolean): Promise<{ lesson: LessonView; notified: number }> =>
        lessonId ? updateLesson(lessonId, lesson, !draft, rid) : publishLesson(lesson, draft, rid).then((r) => ({ ...r, notified: 0 })),
      [lessonId],
    ),
  );
  return { ...remote, save };
}

/** Host lesson desk: questions, 听课率 / 满意度, mark answered, add the replay. */
export function useLessonDesk(lessonId: string) {
  const remote = useRemote<{ lesson: LessonView; questions: QuestionView[]; stats: LessonStats }>(async () => {
    const [{ lesson, questions }, stats] = await Promise.all([fetchQuestions(lessonId), fetchLessonStats(lessonId)]);
    return { lesson, questions, stats };
  }, `lesson-desk:${lessonId}`);
  const reload = remote.reload;
  const answer = useAction(useCallback((rid: string, questionId: string) => answerQuestion(questionId, rid), []), reload);
  const replay = useAction(useCallback((rid: string, url: string, transcript: string) => addReplay(lessonId, url, transcript, rid), [lessonId]), reload);
  return { ...remote, answer, replay };
}

/** Owner: the reminder outbox (newest first). */
export function useOutbox() {
  return useRemote<{ messages: OutboxView[]; next: string | null }>(() => fetchOutbox(), 'outbox');
}
