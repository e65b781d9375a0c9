import type { HistoryFilter } from '../../types/api';
import type { LedgerEntryView } from '../../types/domain';
import { fetchHistory } from '../services/points';
import { login } from '../services/session';
import { usePaged } from './usePaged';

/** The member's points history, newest first, `pageSize` lines a page, optionally filtered. */
export function usePointsHistory(pageSize = 20, sessionKey = '', filter: HistoryFilter = 'all') {
  return usePaged<LedgerEntryView>(async (after) => {
    await login();
    const page = await fetchHistory(after, pageSize, filter);
    return { items: page.entries, next: page.next };
  }, `history:${pageSize}:${sessionKey}:${filter}`);
}
