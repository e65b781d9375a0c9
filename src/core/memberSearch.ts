import { isInviteCode } from './inviteCode';

/** Most characters of a member search query. */
export const SEARCH_MAX = 20;

/**
 * The stored search key of a nickname (`members.nicknameKey`): NFKC-folded, trimmed, lower case,
 * inner spaces removed. The document store only answers equality, range and `in` on indexed
 * fields, so a nickname is searched by prefix (a range on this key), never by substring.
 */
export function nicknameKey(nickname: string): string {
  return nickname.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');
}

/** How one query is answered: an exact invite-code lookup (when it looks like one) and a nickname-prefix range. */
export interface SearchPlan {
  inviteCode: string | null;
  prefix: { $gte: string; $lt: string };
}

/** The lookups for query `q`; null when nothing searchable is left after normalising. */
export function searchPlan(q: string): SearchPlan | null {
  const key = nicknameKey(q);
  if (!key) return null;
  const code = q.trim().toUpperCase();
  // U+FFFF sorts after every BMP character in both UTF-16 (CloudBase) and UTF-8 (SQLite) order.
  return { inviteCode: isInviteCode(code) ? code : null, prefix: { $gte: key, $lt: `${key}\uffff` } };
}
