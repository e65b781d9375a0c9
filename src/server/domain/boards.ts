/**
 * Precomputed leaderboards (issue 19). A member's figures ride on their account document, written
 * in the same transaction as the fact they count (a check-in, a credit, an attendance, a praise)
 * at no extra store operation; the bounded `rankBoards` job copies the accounts changed since its
 * last run into `boardScores` (one document per member, board and period). A board view reads the
 * top rows by an ordered index query and the caller's own rank by one indexed count: it never
 * scans members.
 */
import type { CronRun } from '../../../types/api';
import { BOARDS, BOARD_KEYS, boardPeriod, type BoardKey, type BoardSource } from '../../core/games';
import { dayKey } from '../../core/day';
import { carried, type MemberState } from './memberState';
import type { AccountDoc } from './model';
import type { Store } from '../store/port';

/** One member's figure on one board and period (`boardScores/<board>:<scope>[:<period>]:<memberId>`). */
export interface BoardScoreDoc {
  id: string;
  /** `<board>:<scope>:<period>`: the rows of one board view share it. */
  key: string;
  board: string;
  memberId: string;
  figure: number;
  updatedAt: string;
}

/** The `rankBoards` job's progress (`boardRuns/cursor`): accounts changed at or after `since` are copied next. */
export interface BoardRunDoc {
  id: string;
  since: string;
}

/** The community-wide scope; a group board uses its group id as the scope. */
export const ALL_SCOPE = 'all';

/** Most accounts one `rankBoards` run copies; the next run continues. */
export const RANK_BATCH_LIMIT = 5_000;

/** How far back each `rankBoards` run looks again, for transactions that committed late. */
export const LOOKBACK_MS = 5 * 60_000;

/** The key a board view reads for `period` in `scope`. */
export function boardKey(board: BoardKey, scope: string, period: string): string {
  return `${board}:${scope}:${period}`;
}

/** The document id of a member's figure: rolling boards keep one document per member, periodic ones one per period. */
export function boardDocId(board: BoardKey, scope: string, period: string, memberId: string): string {
  return BOARDS[board].period === 'rolling' ? `${board}:${scope}:${memberId}` : `${board}:${scope}:${period}:${memberId}`;
}

function touch(state: MemberState, board: BoardKey, scope: string, period: string, next: (previous: number) => number, now: Date): void {
  const figures = { ...(carried(state.account).boards ?? {}) };
  const id = boardDocId(board, scope, period, state.memberId);
  const key = boardKey(board, scope, period);
  const stored = figures[id];
  figures[id] = { key, board, figure: next(stored && stored.key === key ? stored.figure : 0) };
  // Figures of past periods (of this board and scope) are already copied; the account keeps only the live ones.
  const scoped = `${board}:${scope}:`;
  for (const [docId, f] of Object.entries(figures)) if (f.board === board && f.key.startsWith(scoped) && docId !== id && BOARDS[board].period !== 'rolling') delete figures[docId];
  state.account = { ...state.account, boards: figures, updatedAt: now.toISOString() };
}

/**
 * The scopes a member's figures are written in: the whole community and each WeChat group the
 * member is in (seen or joined, carried on the account), so `games.boards` with a `groupId` ranks
 * that group's members only. A member counts on a group's board from when they are in it.
 */
export function memberScopes(state: MemberState): string[] {
  return [ALL_SCOPE, ...(carried(state.account).groups ?? [])];
}

/**
 * Add `amount` to every periodic board fed by `source` (points earned, lessons attended, praise
 * received) for the member of `state`, in `scopes` (default the community and the member's groups). Errors: none.
 */
export function feedBoards(state: MemberState, source: BoardSource, amount: number, now: Date, timezone: string, scopes: string[] = memberScopes(state)): void {
  if (amount === 0) return;
  const day = dayKey(now, timezone);
  for (const board of BOARD_KEYS) {
    const def = BOARDS[board];
    if (def.source !== source || def.period === 'rolling') continue;
    for (const scope of scopes) touch(state, board, scope, boardPeriod(def.period, day), (f) => f + amount, now);
  }
}

/** Set the member's current value on every rolling board fed by `source` (the streak, last kept on `lastDay`) in `scopes` (default the community and the member's groups). Errors: none. */
export function setRollingBoards(state: MemberState, source: BoardSource, value: number, lastDay: string, now: Date, scopes: string[] = memberScopes(state)): void {
  for (const board of BOARD_KEYS) {
    const def = BOARDS[board];
    if (def.source !== source || def.period !== 'rolling') continue;
    for (const scope of scopes) touch(state, board, scope, lastDay, () => value, now);
  }
}

/**
 * The cron job: copy the board figures of every account changed since the last run into
 * `boardScores`, oldest change first, at most `RANK_BATCH_LIMIT` accounts a run. Safe to run twice
 * at once: each copy is a plain set of the account's current figures. `accounts` counts accounts copied.
 */
export async function rankBoards(store: Store, now: Date): Promise<CronRun> {
  const since = (await store.get('boardRuns', 'cursor'))?.since ?? '';
  let copied = 0;
  let last = since;
  let after: string | null = null;
  do {
    const page: { docs: AccountDoc[]; next: string | null } = await store.find('accounts', { where: { updatedAt: { $gte: since } }, orderBy: { field: 'updatedAt', direction: 'asc' }, limit: 100, after });
    for (const account of page.docs) {
      const figures = Object.entries(carried(account).boards ?? {});
      if (figures.length > 0) {
        await store.transaction(async (tx) => {
          for (const [id, f] of figures) await tx.set('boardScores', { id, key: f.key, board: f.board, memberId: account.id, figure: f.figure, updatedAt: now.toISOString() });
        });
      }
      copied += 1;
      if (account.updatedAt > last) last = account.updatedAt;
    }
    after = page.next;
  } while (after && copied < RANK_BATCH_LIMIT);
  // A transaction stamped before `last` may commit after this read: the next run looks back a little.
  const next = [last, new Date(now.getTime() - LOOKBACK_MS).toISOString()].sort()[0];
  if (next > since) await store.transaction((tx) => tx.set('boardRuns', { id: 'cursor', since: next }));
  return { job: 'rankBoards', accounts: copied, points: 0 };
}
