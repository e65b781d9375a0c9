/**
 * Times as a person reads them, from a fixed UTC offset in minutes (the community's, sent by the
 * server). Pure arithmetic on the UTC fields of a shifted instant: it never consults the device
 * zone or `Intl` with `timeZone` (ignored on Android WeChat, which falls back to the device zone).
 */

/** The offset of the default community zone, Asia/Shanghai (UTC+8), until the server says otherwise. */
export const DEFAULT_UTC_OFFSET_MINUTES = 480;

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall-clock fields of `at` at `offsetMinutes` east of UTC; null for an unreadable instant. */
function wallClock(at: string | number | Date, offsetMinutes: number) {
  const ms = new Date(at).getTime();
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms + offsetMinutes * 60_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/** `YYYY-MM-DD` of the community day `at` falls on (empty for an unreadable instant). */
export function localDay(at: string | number | Date, offsetMinutes: number): string {
  const w = wallClock(at, offsetMinutes);
  return w ? `${w.year}-${pad(w.month)}-${pad(w.day)}` : '';
}

/** `HH:mm` of `at` in the community (empty for an unreadable instant). */
export function localClock(at: string | number | Date, offsetMinutes: number): string {
  const w = wallClock(at, offsetMinutes);
  return w ? `${pad(w.hour)}:${pad(w.minute)}` : '';
}

/** `YYYY-MM-DD HH:mm` in the community: order times, ledger lines, logs. */
export function localDateTime(at: string | number | Date, offsetMinutes: number): string {
  const day = localDay(at, offsetMinutes);
  return day ? `${day} ${localClock(at, offsetMinutes)}` : '';
}

/** `MM-DD HH:mm` in the community: compact rows where the year is obvious. */
export function localMonthDayTime(at: string | number | Date, offsetMinutes: number): string {
  const day = localDay(at, offsetMinutes);
  return day ? `${day.slice(5)} ${localClock(at, offsetMinutes)}` : '';
}

/** `2026年12月2日` (or `12月2日` without the year) of the community day `at` falls on. */
export function localDateWords(at: string | number | Date, offsetMinutes: number, withYear = true): string {
  const w = wallClock(at, offsetMinutes);
  if (!w) return '';
  return withYear ? `${w.year}年${w.month}月${w.day}日` : `${w.month}月${w.day}日`;
}

/**
 * The instant (ISO, UTC) of wall-clock `hhmm` (`HH:mm`) on community day `day` (`YYYY-MM-DD`) at
 * `offsetMinutes`; null when either is malformed or not a real date/time. The inverse of the above
 * for host forms.
 */
export function instantAt(day: string, hhmm: string, offsetMinutes: number): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const t = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!d || !t) return null;
  const utc = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  const check = new Date(utc);
  if (check.getUTCFullYear() !== Number(d[1]) || check.getUTCMonth() + 1 !== Number(d[2]) || check.getUTCDate() !== Number(d[3])) return null;
  return new Date(utc - offsetMinutes * 60_000).toISOString();
}
