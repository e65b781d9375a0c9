import { useCallback } from 'react';
import type { LessonInput, LessonPage, LessonStats, LessonView, LessonWeek, OutboxView, QuestionView } from '../../types/lessons';
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
import { useAction } from './useAction';
import { usePaged } from './usePaged';
import { useRemote } from './useRemote';

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

/** Host lesson desk: questions, 听课率 / 满意度, write answers, add the replay. */
export function useLessonDesk(lessonId: string) {
  const remote = useRemote<{ lesson: LessonView; questions: QuestionView[]; stats: LessonStats }>(async () => {
    const [{ lesson, questions }, stats] = await Promise.all([fetchQuestions(lessonId), fetchLessonStats(lessonId)]);
    return { lesson, questions, stats };
  }, `lesson-desk:${lessonId}`);
  const reload = remote.reload;
  const answer = useAction(useCallback((rid: string, questionId: string, text: string) => answerQuestion(questionId, text, rid), []), reload);
  const replay = useAction(useCallback((rid: string, url: string, transcript: string) => addReplay(lessonId, url, transcript, rid), [lessonId]), reload);
  return { ...remote, answer, replay };
}

/** Owner: the reminder outbox, newest first, page by page. */
export function useOutbox() {
  return usePaged<OutboxView>(async (after) => {
    const page = await fetchOutbox(after);
    return { items: page.messages, next: page.next };
  }, 'outbox');
}
