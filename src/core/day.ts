import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The community time zone unless the owner sets another (DESIGN §6). */
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

const DAY_KEY = /^\d{4}-\d{2}-\d{2}$/;

/** True for a well-formed, real calendar day key `YYYY-MM-DD`. */
export function isDayKey(value: string): boolean {
  return DAY_KEY.test(value) && dayjs.utc(value, 'YYYY-MM-DD').format('YYYY-MM-DD') === value;
}

/** The community day (`YYYY-MM-DD` in `tz`) that the instant `at` falls on; never the process zone. */
export function dayKey(at: Date | number | string, tz: string = DEFAULT_TIMEZONE): string {
  return dayjs(at).tz(tz).format('YYYY-MM-DD');
}

/** The day key `n` calendar days after `day` (negative goes back). */
export function addDays(day: string, n: number): string {
  return dayjs.utc(day).add(n, 'day').format('YYYY-MM-DD');
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return dayjs.utc(to).diff(dayjs.utc(from), 'day');
}

/** The instant a community day starts (00:00 in `tz`). */
export function startOfDay(day: string, tz: string = DEFAULT_TIMEZONE): Date {
  return dayjs.tz(day, tz).toDate();
}

/** The `count` day keys ending at `lastDay`, oldest first. */
export function dayRange(lastDay: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(lastDay, i - count + 1));
}

/** End of the calendar year after the one `at` falls in, in `tz` (the default points expiry). */
export function endOfFollowingYear(at: Date | number | string, tz: string = DEFAULT_TIMEZONE): Date {
  return dayjs(at).tz(tz).add(1, 'year').endOf('year').toDate();
}
