import dayjs from 'dayjs';
import { addDays } from './day';

/** Where a lesson is watched: a 视频号 live id, a meeting link, or a note shown in the app. */
export type WatchKind = 'channels' | 'meeting' | 'note';

/** Lesson states as members see them; `draft` is visible to hosts only. */
export type LessonStatus = 'draft' | 'scheduled' | 'live' | 'ended' | 'replay';

/** Longest a lesson may run. */
export const MAX_LESSON_MS = 12 * 3_600_000;

/** Members may check in to a lesson from its start until this long after its end. */
export const ATTEND_GRACE_MS = 30 * 60_000;

/** Reminders go out this long before a lesson starts. */
export const REMINDER_LEAD_MS = 15 * 60_000;

/** Points for checking in to a lesson (签到听课), paid once per member and lesson. */
export const LESSON_ATTEND_POINTS = 10;

/** Text limits of a lesson and its questions and ratings (characters). */
export const LESSON_LIMITS = { title: 40, lecturer: 20, outline: 2000, cover: 512, watch: 300, question: 200, answer: 1000, comment: 200, replayUrl: 512, transcript: 20000 } as const;

/** The lesson times a rule checks. */
export interface LessonTimes {
  startsAt: string;
  endsAt: string;
}

/** Why a lesson's times are unacceptable, or null when they are fine. */
export function lessonTimesProblem(times: LessonTimes): string | null {
  const start = Date.parse(times.startsAt);
  const end = Date.parse(times.endsAt);
  if (!Number.isFinite(start) || !Number.isFinite(end)) return '时间格式不正确';
  if (end <= start) return '结束时间必须晚于开始时间';
  if (end - start > MAX_LESSON_MS) return '一节课最长 12 小时';
  return null;
}

/** A lesson's state at `now`: draft until published, then by the clock; `replay` once a replay is added after the end. */
export function lessonStatus(lesson: LessonTimes & { published: boolean; hasReplay: boolean }, now: Date): LessonStatus {
  if (!lesson.published) return 'draft';
  const t = now.getTime();
  if (t < Date.parse(lesson.startsAt)) return 'scheduled';
  if (t < Date.parse(lesson.endsAt)) return 'live';
  return lesson.hasReplay ? 'replay' : 'ended';
}

/** Whether `now` is inside the attendance window: from the start until ATTEND_GRACE_MS after the end. */
export function attendWindow(lesson: LessonTimes, now: Date): 'early' | 'open' | 'closed' {
  const t = now.getTime();
  if (t < Date.parse(lesson.startsAt)) return 'early';
  if (t > Date.parse(lesson.endsAt) + ATTEND_GRACE_MS) return 'closed';
  return 'open';
}

/** The Monday (`YYYY-MM-DD`) of the Monday–Sunday week containing `day`. */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** The seven day keys of the week containing `day`, Monday first. */
export function weekDays(day: string): string[] {
  const monday = mondayOf(day);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/**
 * 听课率: members who checked in to the lesson ÷ members who had joined by its attendance deadline
 * (end + 30 min; every attendee joined before it, so the rate never exceeds 1). Null when
 * nobody had joined (nothing to divide by).
 */
export function attendanceRate(attendees: number, members: number): number | null {
  return members > 0 ? attendees / members : null;
}

/** 满意度: the mean of 1–5 scores, or null without ratings. */
export function averageRating(scores: number[]): number | null {
  return scores.length > 0 ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
}

/** Words the local content check rejects (a stand-in for WeChat's msgSecCheck in local mode). */
export const BLOCKED_WORDS: readonly string[] = ['赌博', '博彩', '代开发票', '色情', '毒品', '枪支', '加微信返现', '刷单'];

/** The first blocked word `text` contains (ignoring spaces and case), or null when clean. */
export function blockedWordIn(text: string, words: readonly string[] = BLOCKED_WORDS): string | null {
  const flat = text.replace(/\s+/g, '').toLowerCase();
  return words.find((w) => flat.includes(w.toLowerCase())) ?? null;
}

/** Weekday names, Monday first (matches `weekDays`). */
export const WEEKDAY_LABEL: readonly string[] = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** How each lesson status reads on a tag. */
export const LESSON_STATUS_LABEL: Record<LessonStatus, string> = { draft: '草稿', scheduled: '未开始', live: '直播中', ended: '已结束', replay: '有回放' };

/** How each way of watching is named. */
export const WATCH_LABEL: Record<WatchKind, string> = { channels: '视频号直播', meeting: '会议链接', note: '观看说明' };

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** `HH:mm` of an instant in the community time zone `tz`. */
export function clockOf(iso: string, tz: string): string {
  let format = clockFormats.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clockFormats.set(tz, format);
  }
  return format.format(new Date(iso));
}

/** The instant (ISO, UTC) of wall-clock `hhmm` (`HH:mm`) on community day `day` in `tz`; null when malformed. */
export function zonedInstant(day: string, hhmm: string, tz: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(hhmm)) return null;
  const at = dayjs.tz(`${day} ${hhmm}`, 'YYYY-MM-DD HH:mm', tz);
  return at.isValid() && at.format('YYYY-MM-DD') === day ? at.toISOString() : null;
}
