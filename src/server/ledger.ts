import type { LedgerReason } from '../../types/domain';
import { endOfFollowingYear } from '../core/day';
import { AppError } from '../core/errors';
import { applyDelta } from '../core/ledger';
import type { AccountDoc, LedgerDoc } from './model';
import type { Tx } from './store/port';

/** One ledger line to post; `key` is its idempotency key and becomes the entry id. */
export interface Posting {
  key: string;
  delta: number;
  reason: LedgerReason;
  ref: string | null;
}

/**
 * Append entries to a member's ledger and move the account balance, inside the caller's
 * transaction (reads the account once, writes it once). Throws NOT_FOUND for a missing account,
 * INSUFFICIENT_POINTS if a debit would go below zero, and DuplicateError on a reused key.
 */
export async function post(
  tx: Tx,
  memberId: string,
  postings: Posting[],
  now: Date,
  timezone: string,
): Promise<{ balance: number; entries: LedgerDoc[] }> {
  const account = await tx.get<AccountDoc>('accounts', memberId);
  if (!account) throw new AppError('NOT_FOUND', '积分账户不存在');
  let balance = account.balance;
  let earned = account.lifetimeEarned;
  const entries: LedgerDoc[] = [];
  for (const p of postings) {
    balance = applyDelta(balance, p.delta);
    if (p.delta > 0) earned += p.delta;
    const entry: LedgerDoc = {
      id: p.key,
      memberId,
      delta: p.delta,
      reason: p.reason,
      ref: p.ref,
      balanceAfter: balance,
      createdAt: now.toISOString(),
      expiresAt: p.delta > 0 ? endOfFollowingYear(now, timezone).toISOString() : null,
    };
    await tx.create('ledger', entry);
    entries.push(entry);
  }
  await tx.set('accounts', { ...account, balance, lifetimeEarned: earned, updatedAt: now.toISOString() });
  return { balance, entries };
}
