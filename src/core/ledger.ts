import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { endOfFollowingYear } from './day';
import { AppError } from './errors';
import type { ExpiryPolicy } from './settings';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Largest absolute amount one ledger entry may move; guards against overflow and typos. */
export const MAX_ENTRY_POINTS = 1_000_000;

/** Throws VALIDATION unless `delta` is a non-zero safe integer within ±MAX_ENTRY_POINTS. */
export function assertEntryAmount(delta: number): void {
  if (!Number.isSafeInteger(delta) || delta === 0 || Math.abs(delta) > MAX_ENTRY_POINTS) {
    throw new AppError('VALIDATION', '积分数额不正确');
  }
}

/**
 * The balance after applying `delta`. Throws VALIDATION for a non-integer or oversized delta and
 * INSUFFICIENT_POINTS when a debit would drive the balance below zero.
 */
export function applyDelta(balance: number, delta: number): number {
  assertEntryAmount(delta);
  const next = balance + delta;
  if (next < 0) throw new AppError('INSUFFICIENT_POINTS', '积分不足');
  return next;
}

/**
 * Unspent credited points that expire together (a lot, bucketed by expiry instant; null never
 * expires). Credits with the same expiry share one bucket, so an account holds a handful of them.
 */
export interface Lot {
  expiresAt: string | null;
  remaining: number;
}

function order(a: Lot, b: Lot): number {
  if (a.expiresAt === b.expiresAt) return 0;
  if (a.expiresAt === null) return 1;
  if (b.expiresAt === null) return -1;
  return a.expiresAt < b.expiresAt ? -1 : 1;
}

/** Points in `lots`. */
export function sumLots(lots: readonly Lot[]): number {
  return lots.reduce((sum, l) => sum + l.remaining, 0);
}

/** `lots` with `amount` added to the bucket expiring at `expiresAt`, soonest-expiring first. */
export function addToLots(lots: readonly Lot[], expiresAt: string | null, amount: number): Lot[] {
  const next = lots.map((l) => ({ ...l }));
  const bucket = next.find((l) => l.expiresAt === expiresAt);
  if (bucket) bucket.remaining += amount;
  else next.push({ expiresAt, remaining: amount });
  return next.filter((l) => l.remaining > 0).sort(order);
}

/**
 * Take `amount` from `lots`: the `prefer` bucket first (reversing a credit takes back that
 * credit's own points), then soonest-expiring first. Returns the remaining lots and what was drawn
 * from each bucket (kept on the debit entry so a refund can restore the same expiry).
 * Throws INSUFFICIENT_POINTS when the lots hold less than `amount`.
 */
export function drawFromLots(lots: readonly Lot[], amount: number, prefer?: string | null): { lots: Lot[]; draws: Lot[] } {
  if (sumLots(lots) < amount) throw new AppError('INSUFFICIENT_POINTS', '积分不足');
  const next = lots.map((l) => ({ ...l })).sort(order);
  if (prefer !== undefined) {
    const i = next.findIndex((l) => l.expiresAt === prefer);
    if (i > 0) next.unshift(...next.splice(i, 1));
  }
  const draws: Lot[] = [];
  let left = amount;
  for (const lot of next) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    if (take === 0) continue;
    lot.remaining -= take;
    left -= take;
    draws.push({ expiresAt: lot.expiresAt, remaining: take });
  }
  return { lots: next.filter((l) => l.remaining > 0).sort(order), draws };
}

/** Split `lots` into those still live at `nowIso` and those whose expiry has passed. */
export function splitExpired(lots: readonly Lot[], nowIso: string): { live: Lot[]; expired: Lot[] } {
  const live: Lot[] = [];
  const expired: Lot[] = [];
  for (const lot of lots) (lot.expiresAt !== null && lot.expiresAt <= nowIso ? expired : live).push(lot);
  return { live, expired };
}

/** The soonest expiry among `lots`, or null when nothing expires (indexed, so cron finds due accounts). */
export function nextExpiry(lots: readonly Lot[]): string | null {
  return [...lots].sort(order).find((l) => l.expiresAt !== null)?.expiresAt ?? null;
}

/** When a credit made at `at` expires under `policy`, in the community zone; null for never. */
export function expiryFor(policy: ExpiryPolicy, at: Date, tz: string): string | null {
  switch (policy.kind) {
    case 'never':
      return null;
    case 'rolling':
      // Rolling N days: the lot lasts to the end of the community day N days after the credit.
      return dayjs(at).tz(tz).add(policy.days, 'day').endOf('day').toDate().toISOString();
    case 'end_of_next_year':
      return endOfFollowingYear(at, tz).toISOString();
  }
}

/** Which history filter a ledger line belongs to (积分明细 tabs: 获得 / 使用 / 过期). */
export type EntryKind = 'earn' | 'spend' | 'expire';

/** The history filter of an entry with this reason and amount. */
export function entryKind(reason: string, delta: number): EntryKind {
  if (reason === 'expire') return 'expire';
  return delta > 0 ? 'earn' : 'spend';
}
