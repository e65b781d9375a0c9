/**
 * The one formatter for every time a person sees. It formats from the community's UTC offset,
 * which `login` receives from the server, never from the device zone or `Intl` with `timeZone`
 * (ignored on Android WeChat). Day keys (`YYYY-MM-DD`) come from the server as they are.
 */
import { DEFAULT_UTC_OFFSET_MINUTES, instantAt, localClock, localDateTime, localDateWords, localDay, localMonthDayTime } from '../core/timeFormat';

let offsetMinutes = DEFAULT_UTC_OFFSET_MINUTES;

/** Adopt the community's offset from the login answer (ignored unless a whole number within ±14 h). */
export function setCommunityOffset(minutes: unknown): void {
  if (typeof minutes === 'number' && Number.isInteger(minutes) && Math.abs(minutes) <= 14 * 60) offsetMinutes = minutes;
}

/** The community's offset in minutes east of UTC, as the formatters below use it. */
export function communityOffset(): number {
  return offsetMinutes;
}

type Instant = string | number | Date;

/** `YYYY-MM-DD HH:mm` in the community (orders, ledger lines, logs). */
export const showDateTime = (at: Instant): string => localDateTime(at, offsetMinutes);
/** `MM-DD HH:mm` in the community (compact rows). */
export const showMonthDayTime = (at: Instant): string => localMonthDayTime(at, offsetMinutes);
/** `HH:mm` in the community (lesson and activity times). */
export const showClock = (at: Instant): string => localClock(at, offsetMinutes);
/** The community day `YYYY-MM-DD` an instant falls on (join dates, form prefill). */
export const showDay = (at: Instant): string => localDay(at, offsetMinutes);
/** `2026年12月2日`, or `12月2日` with `withYear` false. */
export const showDateWords = (at: Instant, withYear = true): string => localDateWords(at, offsetMinutes, withYear);
/** The instant a host means by day `YYYY-MM-DD` and time `HH:mm` in the community; null when malformed. */
export const instantInCommunity = (day: string, hhmm: string): string | null => instantAt(day, hhmm, offsetMinutes);
