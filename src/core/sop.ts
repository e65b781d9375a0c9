import type { Cadence } from '../../types/content';
import { addDays } from './day';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The Chinese weekday names, Monday = 1 … Sunday = 7. */
export const WEEKDAY_LABEL = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** A sentence saying what is wrong with a cadence, or null when it is well formed. */
export function cadenceProblem(c: Cadence): string | null {
  if (!TIME.test(c.time)) return '请填写 HH:mm 格式的时间，例如 08:00';
  if (c.kind === 'weekly' && !(Number.isInteger(c.weekday) && c.weekday >= 1 && c.weekday <= 7)) return '请选择星期几';
  if ((c.kind === 'monthly' || c.kind === 'yearly') && !(Number.isInteger(c.day) && c.day >= 1 && c.day <= 31)) return '日期需为 1–31 的整数';
  if (c.kind === 'yearly' && !(Number.isInteger(c.month) && c.month >= 1 && c.month <= 12)) return '月份需为 1–12 的整数';
  return null;
}

/** ISO weekday of a day key (Monday = 1 … Sunday = 7). */
export function weekdayOf(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

function lastDayOfMonth(day: string): number {
  const [y, m] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * True when a routine of cadence `c` is due on community day `day`. A monthly (or yearly) day past
 * the month's end falls on its last day (31 → 30 April, 29 February → 28 in common years).
 */
export function dueOn(c: Cadence, day: string): boolean {
  const [, m, d] = day.split('-').map(Number);
  if (c.kind === 'daily') return true;
  if (c.kind === 'weekly') return weekdayOf(day) === c.weekday;
  const target = Math.min(c.day, lastDayOfMonth(day));
  if (c.kind === 'monthly') return d === target;
  return m === c.month && d === target;
}

/** The due days of `c` from `from` to `to` inclusive, oldest first. */
export function dueDays(c: Cadence, from: string, to: string): string[] {
  const out: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) if (dueOn(c, day)) out.push(day);
  return out;
}

/** The words for a cadence ("每天 08:00", "每周一 20:00", "每月 1 日 10:00", "每年 12 月 31 日 10:00"). */
export function cadenceLabel(c: Cadence): string {
  if (c.kind === 'daily') return `每天 ${c.time}`;
  if (c.kind === 'weekly') return `每${WEEKDAY_LABEL[c.weekday] ?? ''} ${c.time}`;
  if (c.kind === 'monthly') return `每月 ${c.day} 日 ${c.time}`;
  return `每年 ${c.month} 月 ${c.day} 日 ${c.time}`;
}

/** Minutes after the due time a routine still counts as on time. */
export const ON_TIME_GRACE_MINUTES = 60;

/** How one occurrence went: on time (by due + grace), late (done later), or missed (not done). */
export function occurrenceOutcome(dueAtMs: number, doneAtMs: number | null): 'on_time' | 'late' | 'missed' {
  if (doneAtMs === null) return 'missed';
  return doneAtMs <= dueAtMs + ON_TIME_GRACE_MINUTES * 60_000 ? 'on_time' : 'late';
}
