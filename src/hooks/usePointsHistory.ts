import type { LedgerEntryView } from '../../types/domain';
import { fetchHistory } from '../services/points';
import { login } from '../services/session';
import { usePaged } from './usePaged';

/** The member's points history, newest first, `pageSize` lines a page. */
export function usePointsHistory(pageSize = 20, sessionKey = '') {
  return usePaged<LedgerEntryView>(async (after) => {
    await login();
    const page = await fetchHistory(after, pageSize);
    return { items: page.entries, next: page.next };
  }, `history:${pageSize}:${sessionKey}`);
}
