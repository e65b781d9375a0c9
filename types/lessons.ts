import type { WriteParams, Action } from './api';

/** Lesson states as members see them (`draft` only hosts see). */
export type LessonStatusView = 'draft' | 'scheduled' | 'live' | 'ended' | 'replay';

/** Where to watch: 视频号 live id, meeting link, or a note shown in the app. */
export interface WatchView {
  kind: 'channels' | 'meeting' | 'note';
  value: string;
}

/** A lesson as a host writes it (`lessons.publish`, `lessons.update`); ISO-8601 times. */
export interface LessonInput {
  title: string;
  lecturer: string;
  startsAt: string;
  endsAt: string;
  outline: string;
  cover?: string;
  watch?: WatchView;
  /** Most members who can check in to it; omitted: no limit. */
  capacity?: number;
}

/** A lesson on the schedule. */
export interface LessonView {
  id: string;
  title: string;
  lecturer: string;
  startsAt: string;
  endsAt: string;
  /** Community day (`YYYY-MM-DD`) it starts on. */
  day: string;
  outline: string;
  cover: string | null;
  watch: WatchView | null;
  capacity: number | null;
  status: LessonStatusView;
  replay: { url: string; transcript: string; addedAt: string } | null;
  subscribers: number;
}

/** One day of the week schedule. */
export interface LessonDay {
  day: string;
  lessons: LessonView[];
}

/** Answer of `lessons.week`: Monday–Sunday of the community week containing `day`. */
export interface LessonWeek {
  today: string;
  monday: string;
  days: LessonDay[];
}

/** A question asked before a lesson. */
export interface QuestionView {
  id: string;
  lessonId: string;
  memberId: string;
  nickname: string;
  text: string;
  createdAt: string;
  answeredAt: string | null;
  /** Minutes from asking to the first answer. */
  responseMinutes: number | null;
  /** The host's answer (latest text; `at` is when it was last written). */
  answer: { text: string; byName: string; at: string } | null;
}

/** Answer of `lessons.get`: the lesson and what the caller has done with it. */
export interface LessonPage {
  lesson: LessonView;
  mine: {
    subscribed: boolean;
    attended: boolean;
    rating: { score: number; comment: string } | null;
    questions: QuestionView[];
  };
  /** Every answered question of the lesson (anyone's), oldest first: the lesson's Q&A, kept after it ends. */
  answered: QuestionView[];
  /** Points for checking in to a lesson. */
  attendPoints: number;
  /** Attendance stays open until this instant (end + 30 min). */
  attendUntil: string;
  /** True while the caller can still check in (open window, not yet attended). */
  canAttend: boolean;
}

/** Per-lesson figures for hosts and owners, with the definitions they are computed by. */
export interface LessonStats {
  lessonId: string;
  subscribers: number;
  attendees: number;
  /** Members who had joined by the attendance deadline (end + 30 min): the 听课率 denominator. */
  members: number;
  attendanceRate: number | null;
  ratings: number;
  averageRating: number | null;
  questions: number;
  answered: number;
  /** Median minutes from a question to its answer. */
  medianResponseMinutes: number | null;
  definitions: { attendanceRate: string; averageRating: string };
}

/** One message of the outbox: a lesson reminder, a time-change notice, a VIP renewal reminder, a nudge or a content reminder. */
export interface OutboxView {
  id: string;
  kind: 'reminder' | 'time_change' | 'vip_renewal' | 'reactivation' | 'support_overdue' | 'content';
  memberId: string;
  nickname: string;
  /** The lesson a lesson message is about; null for VIP renewal reminders. */
  lessonId: string | null;
  title: string;
  body: string;
  /** queued → sent (or failed on WeChat); no_quota when the member had no subscription left. */
  state: 'queued' | 'sent' | 'failed' | 'no_quota';
  channel: 'outbox' | 'wechat';
  createdAt: string;
  /** The template values sent (or that would be sent) to WeChat, in keyword order; empty for messages recorded before they were kept. */
  fields: string[];
}

/** The `lessons` function's actions. */
export interface LessonsContract {
  publish: Action<WriteParams & { lesson: LessonInput; draft?: boolean }, { lesson: LessonView }>;
  update: Action<WriteParams & { lessonId: string; lesson: LessonInput; publish?: boolean }, { lesson: LessonView; notified: number }>;
  week: Action<{ day?: string }, LessonWeek>;
  past: Action<{ limit?: number; after?: string }, { lessons: LessonView[]; next: string | null }>;
  get: Action<{ lessonId: string }, LessonPage>;
  addReplay: Action<WriteParams & { lessonId: string; url: string; transcript: string }, { lesson: LessonView }>;
  subscribe: Action<WriteParams & { lessonId: string; templateId?: string }, { subscribed: true; quota: number }>;
  ask: Action<WriteParams & { lessonId: string; text: string }, { question: QuestionView }>;
  questions: Action<{ lessonId: string }, { lesson: LessonView; questions: QuestionView[] }>;
  /** Write (or rewrite) the answer to a question; the first answer sets the response time. */
  answer: Action<WriteParams & { questionId: string; text: string }, { question: QuestionView }>;
  attend: Action<WriteParams & { lessonId: string }, { awarded: number; balance: number }>;
  rate: Action<WriteParams & { lessonId: string; score: number; comment?: string }, { score: number; comment: string }>;
  stats: Action<{ lessonId: string }, LessonStats>;
  outbox: Action<{ limit?: number; after?: string }, { messages: OutboxView[]; next: string | null }>;
}
