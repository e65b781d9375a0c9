import { AppError } from './errors';

/** Largest absolute amount one ledger entry may move; guards against overflow and typos. */
export const MAX_ENTRY_POINTS = 1_000_000;

/**
 * The balance after applying `delta`. Throws VALIDATION for a non-integer or oversized delta and
 * INSUFFICIENT_POINTS when a debit would drive the balance below zero.
 */
export function applyDelta(balance: number, delta: number): number {
  if (!Number.isSafeInteger(delta) || delta === 0 || Math.abs(delta) > MAX_ENTRY_POINTS) {
    throw new AppError('VALIDATION', '积分数额不正确');
  }
  const next = balance + delta;
  if (next < 0) throw new AppError('INSUFFICIENT_POINTS', '积分不足');
  return next;
}
