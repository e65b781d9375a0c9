import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The community time zone unless the owner sets another (docs/domain.md). */
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

const DAY_KEY = /^\d{4}-\d{2}-\d{2}$/;

/** True for a well-formed, real calendar day key `YYYY-MM-DD`. */
export function isDayKey(value: string): boolean {
  return DAY_KEY.test(value) && dayjs.utc(value, 'YYYY-MM-DD').format('YYYY-MM-DD') === value;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(tz: string): Intl.DateTimeFormat {
  let format = dayFormats.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(tz, format);
  }
  return format;
}

/**
 * The community day (`YYYY-MM-DD` in `tz`) that the instant `at` falls on; never the process zone.
 * On every request's hot path, so it reuses one Intl formatter per zone instead of dayjs's `.tz()`
 * (which cost about a quarter of a check-in's CPU time in bench/checkin).
 */
export function dayKey(at: Date | number | string, tz: string = DEFAULT_TIMEZONE): string {
  const parts = dayFormat(tz).formatToParts(new Date(at));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Minutes east of UTC of zone `tz` at instant `at` (Asia/Shanghai: 480). Computed on the server,
 * whose Intl knows every zone, and sent to the client, which formats times from it alone.
 */
export function utcOffsetMinutes(tz: string, at: Date | number | string): number {
  let format = offsetFormats.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    offsetFormats.set(tz, format);
  }
  const ms = Math.floor(new Date(at).getTime() / 60_000) * 60_000;
  const parts = format.formatToParts(new Date(ms));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour') % 24, part('minute'));
  return Math.round((wall - ms) / 60_000);
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

const yearEnds = new Map<string, number>();

/** End of the calendar year after the one `at` falls in, in `tz` (the default points expiry). */
export function endOfFollowingYear(at: Date | number | string, tz: string = DEFAULT_TIMEZONE): Date {
  const year = Number(dayKey(at, tz).slice(0, 4)) + 1;
  const key = `${year}|${tz}`;
  let end = yearEnds.get(key);
  if (end === undefined) {
    end = dayjs.tz(`${year + 1}-01-01`, tz).valueOf() - 1;
    yearEnds.set(key, end);
  }
  return new Date(end);
}
