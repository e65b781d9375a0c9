import type { LedgerEntryView } from '../../types/domain';
import { call } from './api';

/** The member's balance and lifetime earned points. */
export function fetchBalance(): Promise<{ balance: number; lifetimeEarned: number }> {
  return call('points', 'balance', {});
}

/** One page of the member's ledger, newest first; pass `after` from the previous page. */
export function fetchHistory(after?: string, limit = 20): Promise<{ entries: LedgerEntryView[]; next: string | null }> {
  return call('points', 'history', { limit, ...(after ? { after } : {}) });
}
