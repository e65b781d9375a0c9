/**
 * One member's hot state inside one transaction (issue 13: operations on CloudBase). The account
 * document (`accounts/<memberId>`) carries, next to the balance and lots, everything a check-in,
 * lesson or redemption reads and writes every time: the streak, the growth buckets, the funnel
 * milestones, a mirror of the stored tier and the per-item redemption counts. It is read once and
 * written once per transaction, however many bookkeeping steps touch it; the member document
 * keeps the queried copies (tier, funnel, last active day) and gets one patch at the end.
 *
 * Steps open a scope with `withMemberState`; a scope opened inside another one for the same member
 * and transaction joins it, and only the outermost one writes. Every writer of the carried fields
 * goes through a scope, so the mirrors on the member document never drift from the account.
 */
import type { MemberFunnel } from '../../core/funnel';
import type { DayRun } from '../../core/streakRuns';
import { AppError } from '../../core/errors';
import type { AccountDoc, MemberDoc } from './model';
import type { Tx } from '../store/port';

/** The state of one member in one transaction; mutate `account` and `memberPatch`, the scope writes them. */
export interface MemberState {
  readonly memberId: string;
  account: AccountDoc;
  /** Fields to patch on the member document when the scope closes (empty: no write). */
  memberPatch: Record<string, unknown>;
  /** Writes of other documents the scope makes once when it closes, by key (e.g. one per rollup). */
  beforeSave: Map<string, () => Promise<void>>;
  /** The member document, read at most once and only when a mirror is missing (accounts made before them). */
  member(): Promise<MemberDoc | null>;
}

const open = new WeakMap<Tx, Map<string, MemberState>>();

/**
 * Run `fn` with the member's state: joins an open scope of the same transaction, else reads the
 * account (NOT_FOUND when absent) and writes it and the member patch once `fn` returns.
 */
export async function withMemberState<T>(tx: Tx, memberId: string, fn: (state: MemberState) => Promise<T>): Promise<T> {
  let scopes = open.get(tx);
  const joined = scopes?.get(memberId);
  if (joined) return fn(joined);
  const account = await tx.get('accounts', memberId);
  if (!account) throw new AppError('NOT_FOUND', '积分账户不存在');
  let member: Promise<MemberDoc | null> | null = null;
  const state: MemberState = {
    memberId,
    account,
    memberPatch: {},
    beforeSave: new Map(),
    member: () => (member ??= tx.get('members', memberId)),
  };
  if (!scopes) open.set(tx, (scopes = new Map()));
  scopes.set(memberId, state);
  try {
    const result = await fn(state);
    for (const write of state.beforeSave.values()) await write();
    await tx.set('accounts', state.account);
    if (Object.keys(state.memberPatch).length > 0) await tx.update('members', memberId, state.memberPatch);
    return result;
  } finally {
    scopes.delete(memberId);
  }
}

/** Streak bookkeeping carried on the account (was `checkinStats/<memberId>`). */
export interface StreakFields {
  lastDay: string | null;
  streak: number;
  longest: number;
  total: number;
  /** Runs of consecutive days, newest last (absent on streaks recorded before run tracking). */
  runs?: DayRun[];
}

/** The account fields this module adds. */
export interface CarriedFields {
  streak?: StreakFields;
  growth?: { buckets: Record<string, number>; updatedAt: string; evaluatedOn?: string };
  funnel?: MemberFunnel & { channel: string };
  tier?: { tier: string; tierSince: string | null; graceUntil: string | null; tierReviewDue: string | null };
  /** Redemptions per `<itemId>:<period>` in the current periods (the per-member limit). */
  redeemed?: Record<string, number>;
  /** Leaderboard figures by board document id (issue 19); the `rankBoards` job copies them to `boardScores`. */
  boards?: Record<string, { key: string; board: string; figure: number }>;
  /** The WeChat groups the member is in (seen or joined, issue 15): the check-in counts itself in each, at no extra read. */
  groups?: string[];
}

/** The carried fields of an account (typed view). */
export function carried(account: AccountDoc | null): CarriedFields {
  return (account ?? {}) as CarriedFields;
}
