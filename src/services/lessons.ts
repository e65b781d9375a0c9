import Taro from '@tarojs/taro';
import type { LessonInput, LessonPage, LessonStats, LessonView, LessonWeek, OutboxView, QuestionView } from '../../types/lessons';
import { ApiFailure, call, newRequestId } from './api';

/** The lesson-reminder template id from the build (empty when none is configured). */
export function lessonTemplateId(): string {
  return typeof QUNYUN_LESSON_TEMPLATE_ID === 'string' ? QUNYUN_LESSON_TEMPLATE_ID : '';
}

/** The community week (Monday–Sunday) containing `day`; omitted: this week. */
export function fetchWeek(day?: string): Promise<LessonWeek> {
  return call('lessons', 'week', day ? { day } : {});
}

/** Ended lessons, newest first (with replays where added). */
export function fetchPastLessons(after?: string): Promise<{ lessons: LessonView[]; next: string | null }> {
  return call('lessons', 'past', after ? { after } : {});
}

/** One lesson with the caller's subscription, attendance, rating and questions. */
export function fetchLesson(lessonId: string): Promise<LessonPage> {
  return call('lessons', 'get', { lessonId });
}

/** Publish a lesson (or save it as a draft); hosts only. */
export function publishLesson(lesson: LessonInput, draft: boolean, requestId: string = newRequestId()): Promise<{ lesson: LessonView }> {
  return call('lessons', 'publish', { requestId, lesson, draft });
}

/** Edit a lesson (a time change notifies subscribers); `publish` turns a draft into a scheduled lesson. */
export function updateLesson(lessonId: string, lesson: LessonInput, publish: boolean, requestId: string = newRequestId()): Promise<{ lesson: LessonView; notified: number }> {
  return call('lessons', 'update', { requestId, lessonId, lesson, publish });
}

/**
 * 提醒我: on WeChat first ask for the one-time subscription (when a template is configured); a
 * refusal throws ApiFailure CONFLICT. Then record the subscription.
 */
export async function subscribeLesson(lessonId: string, requestId: string = newRequestId()): Promise<{ quota: number }> {
  const templateId = lessonTemplateId();
  if (process.env.TARO_ENV === 'weapp' && templateId) {
    const answer = (await Taro.requestSubscribeMessage({ tmplIds: [templateId] } as unknown as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>;
    if (answer[templateId] !== 'accept') throw new ApiFailure('CONFLICT', '你没有允许提醒消息，开课前将无法通知你');
    return call('lessons', 'subscribe', { requestId, lessonId, templateId });
  }
  return call('lessons', 'subscribe', { requestId, lessonId });
}

/** Ask a question before the lesson (≤ 200 characters). */
export function askQuestion(lessonId: string, text: string, requestId: string = newRequestId()): Promise<{ question: QuestionView }> {
  return call('lessons', 'ask', { requestId, lessonId, text });
}

/** 签到听课: check in to a live lesson (points once). */
export function attendLesson(lessonId: string, requestId: string = newRequestId()): Promise<{ awarded: number; balance: number }> {
  return call('lessons', 'attend', { requestId, lessonId });
}

/** Rate an ended lesson 1–5 with an optional comment (once). */
export function rateLesson(lessonId: string, score: number, comment: string, requestId: string = newRequestId()): Promise<{ score: number; comment: string }> {
  return call('lessons', 'rate', { requestId, lessonId, score, ...(comment ? { comment } : {}) });
}

/** Add the replay link and transcript (hosts). */
export function addReplay(lessonId: string, url: string, transcript: string, requestId: string = newRequestId()): Promise<{ lesson: LessonView }> {
  return call('lessons', 'addReplay', { requestId, lessonId, url, transcript });
}

/** A lesson's questions (hosts). */
export function fetchQuestions(lessonId: string): Promise<{ lesson: LessonView; questions: QuestionView[] }> {
  return call('lessons', 'questions', { lessonId });
}

/** Write or rewrite the answer to a question (hosts). Errors: VALIDATION (empty, too long, unsuitable), NOT_FOUND, FORBIDDEN. */
export function answerQuestion(questionId: string, text: string, requestId: string = newRequestId()): Promise<{ question: QuestionView }> {
  return call('lessons', 'answer', { requestId, questionId, text });
}

/** 听课率, 满意度 and question figures of one lesson (hosts). */
export function fetchLessonStats(lessonId: string): Promise<LessonStats> {
  return call('lessons', 'stats', { lessonId });
}

/** Reminder and notice messages, newest first (owners). */
export function fetchOutbox(after?: string): Promise<{ messages: OutboxView[]; next: string | null }> {
  return call('lessons', 'outbox', after ? { after } : {});
}
