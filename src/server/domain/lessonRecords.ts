import type { CronRun } from '../../../types/api';
import type { LessonView, OutboxView, QuestionView, WatchView } from '../../../types/lessons';
import { dayKey } from '../../core/day';
import { ATTEND_GRACE_MS, REMINDER_LEAD_MS, attendanceRate, averageRating, clockOf, lessonStatus } from '../../core/lessonRules';
import type { CommunitySettings } from '../../core/settings';
import { sendOnce, type MessagingPort, type OutboxDoc } from './messaging';
import type { Doc, DocOf, FieldOf, Store, WhereOf } from '../store/port';
import { scan, scanAll } from '../store/scan';
import type { SupportQuestionDoc } from './supportRecords';

/** A lesson as stored (`lessons/<id>`); `version` grows whenever its time changes. */
export interface LessonDoc extends Doc {
  title: string;
  lecturer: string;
  startsAt: string;
  endsAt: string;
  day: string;
  outline: string;
  cover: string | null;
  watch: WatchView | null;
  capacity: number | null;
  published: boolean;
  replay: { url: string; transcript: string; addedAt: string } | null;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** A member's 提醒我 on a lesson (`lessonSubs/<lessonId>:<memberId>`). */
export interface LessonSubDoc extends Doc {
  lessonId: string;
  memberId: string;
  templateId: string;
  at: string;
}

/** A question before a lesson (`lessonQuestions/<lessonId>:<memberId>:<requestId>`). */
export interface QuestionDoc extends Doc {
  lessonId: string;
  memberId: string;
  text: string;
  createdAt: string;
  /** When the first answer was written (the response time counts to it); later edits keep it. */
  answeredAt: string | null;
  answeredBy: string | null;
  /** The host's written answer; absent on questions only marked answered before answers existed. */
  answer?: { text: string; byName: string; at: string } | null;
}

/** Id of a member's subscription to a lesson. */
export function subId(lessonId: string, memberId: string): string {
  return `${lessonId}:${memberId}`;
}

/** A lesson for the wire, its status derived at `now`. */
export function lessonView(doc: LessonDoc, now: Date, subscribers: number): LessonView {
  return {
    id: doc.id,
    title: doc.title,
    lecturer: doc.lecturer,
    startsAt: doc.startsAt,
    endsAt: doc.endsAt,
    day: doc.day,
    outline: doc.outline,
    cover: doc.cover,
    watch: doc.watch,
    capacity: doc.capacity,
    status: lessonStatus({ ...doc, hasReplay: doc.replay !== null }, now),
    replay: doc.replay,
    subscribers,
  };
}

/** When attendance closes (end + 30 min): attendees all joined before it, so it bounds the 听课率 denominator. */
export function attendDeadline(lesson: { endsAt: string }): Date {
  return new Date(Date.parse(lesson.endsAt) + ATTEND_GRACE_MS);
}

/** Lessons with their subscriber counts. */
export async function lessonViews(store: Store, docs: LessonDoc[], now: Date): Promise<LessonView[]> {
  return Promise.all(docs.map(async (d) => lessonView(d, now, await store.count('lessonSubs', { lessonId: d.id }))));
}

/** A question for the wire. */
export function questionView(doc: QuestionDoc, nickname: string): QuestionView {
  const responseMinutes = doc.answeredAt ? Math.round((Date.parse(doc.answeredAt) - Date.parse(doc.createdAt)) / 60_000) : null;
  return { id: doc.id, lessonId: doc.lessonId, memberId: doc.memberId, nickname, text: doc.text, createdAt: doc.createdAt, answeredAt: doc.answeredAt, responseMinutes, answer: doc.answer ?? null };
}

/** Nicknames of members by id (missing members read as 已退出). */
export async function nicknames(store: Store, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const docs = await Promise.all(unique.map((id) => store.get('members', id)));
  return new Map(unique.map((id, i) => [id, docs[i]?.nickname ?? '已退出']));
}

/** An outbox message for the wire. */
export function outboxView(doc: OutboxDoc, nickname: string): OutboxView {
  return { id: doc.id, kind: doc.kind, memberId: doc.memberId, nickname, lessonId: doc.lessonId, title: doc.title, body: doc.body, state: doc.state, channel: doc.channel, createdAt: doc.createdAt, fields: Object.keys(doc.data ?? {}).sort().map((k) => doc.data?.[k]?.value ?? '') };
}

/** Every subscription of a lesson, page by page. */
export function lessonSubs(store: Store, lessonId: string): AsyncGenerator<LessonSubDoc> {
  return scan(store, 'lessonSubs', { where: { lessonId }, orderBy: { field: 'at', direction: 'asc' } });
}

/** `YYYY-MM-DD HH:mm` in the community zone (the format WeChat's `time` template fields accept). */
function clock(iso: string, timezone: string): string {
  return `${dayKey(iso, timezone)} ${clockOf(iso, timezone)}`;
}

/**
 * Deliver one message to a subscriber at most once: the outbox document is created first (its
 * deterministic id is the claim; a second sender collides and sends nothing), one unit of the
 * member's subscription quota is spent in the same transaction, and the WeChat call happens only
 * after commit (template fields: thing1 课程名称, time2 开课时间, thing3 温馨提示). A refused send is
 * marked failed and its quota unit returned; a crash between commit and send leaves it queued,
 * never sent twice. Returns true when this call sent (or queued) the message.
 */
export async function deliver(
  store: Store,
  messaging: MessagingPort,
  message: { kind: 'reminder' | 'time_change'; lesson: LessonDoc; sub: LessonSubDoc; body: string },
  now: Date,
  settings: CommunitySettings,
): Promise<boolean> {
  const { lesson, sub } = message;
  return sendOnce(
    store,
    messaging,
    { id: `${message.kind}:${lesson.id}:v${lesson.version}:${sub.memberId}`, kind: message.kind, memberId: sub.memberId, lessonId: lesson.id, templateId: sub.templateId, title: lesson.title, body: message.body },
    now,
    () => ({
      page: `subpackages/member/lesson/index?id=${lesson.id}`,
      data: { thing1: { value: lesson.title.slice(0, 20) }, time2: { value: clock(lesson.startsAt, settings.timezone) }, thing3: { value: message.kind === 'reminder' ? '直播即将开始，点击进入' : '开课时间已调整，请留意' } },
    }),
  );
}

/** The reminder text of a lesson. */
export function reminderBody(lesson: LessonDoc, settings: CommunitySettings): string {
  return `直播课「${lesson.title}」将于 ${clock(lesson.startsAt, settings.timezone)} 开始`;
}

/** The notice sent when a lesson's time changes. */
export function timeChangeBody(lesson: LessonDoc, settings: CommunitySettings): string {
  return `直播课「${lesson.title}」改到 ${clock(lesson.startsAt, settings.timezone)} 开始`;
}

/**
 * Cron job: remind every subscriber of each published lesson starting within the next 15 minutes,
 * once per member and lesson time (the outbox id carries the lesson's time version). Any cadence
 * of 15 minutes or less reaches every lesson; two runs at once send each reminder once.
 */
export async function lessonReminders(store: Store, now: Date, settings: CommunitySettings, messaging: MessagingPort): Promise<CronRun> {
  const due = await store.find('lessons', {
    where: { startsAt: { $gt: now.toISOString(), $lte: new Date(now.getTime() + REMINDER_LEAD_MS).toISOString() } },
    orderBy: { field: 'startsAt', direction: 'asc' },
    limit: 100,
  });
  let messages = 0;
  const members = new Set<string>();
  for (const lesson of due.docs) {
    if (!lesson.published) continue;
    for await (const sub of lessonSubs(store, lesson.id)) {
      if (await deliver(store, messaging, { kind: 'reminder', lesson, sub, body: reminderBody(lesson, settings) }, now, settings)) {
        messages += 1;
        members.add(sub.memberId);
      }
    }
  }
  return { job: 'lessonReminders', accounts: members.size, points: 0, messages };
}

/** The median of `values`, or null when empty. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Lesson figures for the owner's operating metrics, over lessons that ended in a recent window. */
export interface LessonMetrics {
  lessons: number;
  /** Σ attendees ÷ Σ members who had joined by each lesson's attendance deadline; null without lessons. */
  attendanceRate: number | null;
  /** Mean of every 1–5 rating; null without ratings. */
  satisfaction: number | null;
  /** Median minutes from a question to its answer; null without answered questions. */
  questionResponseMinutes: number | null;
}

/** Collections keyed by lesson with a `lessonId` index. */
type PerLessonCollection = 'lessonSubs' | 'lessonQuestions' | 'lessonAttendance' | 'lessonRatings';

/** Every document of a per-lesson collection (`lessonId` + order field index), page by page. */
export function allOf<C extends PerLessonCollection>(store: Store, collection: C, lessonId: string, orderField: FieldOf<C>): Promise<Array<DocOf<C>>> {
  return scanAll(store, collection, { where: { lessonId } as WhereOf<C>, orderBy: { field: orderField, direction: 'asc' } });
}

/**
 * 听课率, 满意度 and question response time over published lessons that ended in the last
 * `days` days (at most 100 lessons), for `funnel.metrics`. Reads only; throws what the store throws.
 */
export async function lessonMetrics(store: Store, now: Date, days = 30): Promise<LessonMetrics> {
  const page = await store.find('lessons', {
    where: { startsAt: { $gte: new Date(now.getTime() - days * 86_400_000).toISOString(), $lt: now.toISOString() } },
    orderBy: { field: 'startsAt', direction: 'desc' },
    limit: 100,
  });
  const ended = page.docs.filter((l) => l.published && Date.parse(l.endsAt) <= now.getTime());
  let attendees = 0;
  let members = 0;
  const scores: number[] = [];
  const minutes: number[] = [];
  for (const lesson of ended) {
    attendees += await store.count('lessonAttendance', { lessonId: lesson.id });
    members += await store.count('members', { joinedAt: { $lte: attendDeadline(lesson).toISOString() } });
    for (const r of await allOf(store, 'lessonRatings', lesson.id, 'at')) scores.push(r.score);
    for (const q of await lessonQuestionsOf(store, lesson.id)) {
      if (q.answeredAt) minutes.push((Date.parse(q.answeredAt) - Date.parse(q.createdAt)) / 60_000);
    }
  }
  return {
    lessons: ended.length,
    attendanceRate: attendanceRate(attendees, members),
    satisfaction: averageRating(scores),
    questionResponseMinutes: median(minutes),
  };
}

/** The id of the host's answer to a lesson question on the desk (`lessons.answer` rewrites it in place). */
export function lessonAnswerId(questionId: string): string {
  return `a_lesson_${questionId}`;
}

/**
 * A desk question about a lesson as the lesson pages read it: answered when someone other than
 * the asker first answered; the answer shown is the host's lesson answer, else the accepted one,
 * else the first.
 */
export async function asLessonQuestion(store: Store, q: SupportQuestionDoc): Promise<QuestionDoc> {
  let answer: QuestionDoc['answer'] = null;
  if (q.answers > 0) {
    const chosen =
      (await store.get('supportAnswers', lessonAnswerId(q.id))) ??
      (q.acceptedAnswerId ? await store.get('supportAnswers', q.acceptedAnswerId) : null) ??
      (await store.find('supportAnswers', { where: { questionId: q.id }, orderBy: { field: 'createdAt', direction: 'asc' }, limit: 1 })).docs[0] ??
      null;
    if (chosen) answer = { text: chosen.text, byName: (await store.get('members', chosen.memberId))?.nickname ?? '讲师', at: chosen.editedAt ?? chosen.createdAt };
  }
  return { id: q.id, lessonId: q.lessonId ?? '', memberId: q.memberId, text: q.text, createdAt: q.createdAt, answeredAt: q.firstResponseAt, answeredBy: q.firstResponseBy, answer };
}

/**
 * Every question of a lesson, oldest first: those asked on the support desk with the lesson as
 * topic (where `lessons.ask` writes since issue 18, so there is one Q&A) and those stored in
 * `lessonQuestions` before.
 */
export async function lessonQuestionsOf(store: Store, lessonId: string): Promise<QuestionDoc[]> {
  const [legacy, desk] = await Promise.all([
    allOf(store, 'lessonQuestions', lessonId, 'createdAt'),
    scanAll(store, 'supportQuestions', { where: { lessonId }, orderBy: { field: 'createdAt', direction: 'asc' } }),
  ]);
  const mapped = await Promise.all(desk.map((q) => asLessonQuestion(store, q)));
  return [...legacy, ...mapped].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
