import type { LedgerReason } from '../../../types/domain';
import { dayKey } from '../../core/day';
import { AppError } from '../../core/errors';
import { addToLots, applyDelta, assertEntryAmount, drawFromLots, entryKind, expiryFor, nextExpiry, splitExpired, type EntryKind, type Lot } from '../../core/ledger';
import { withDefaults, type CommunitySettings } from '../../core/settings';
import { addGrowthTo, growthOfEntries } from './growth';
import { withMemberState, type MemberState } from './memberState';
import { feedBoards } from './boards';
import type { LedgerDoc } from './model';
import { DuplicateError, NotFoundError, inc, type Tx } from '../store/port';

/** One ledger line to post; `key` is its idempotency key and becomes the entry id. */
export interface Posting {
  key: string;
  delta: number;
  reason: LedgerReason;
  ref: string | null;
  /** Written reason a member reads (manual adjustments, corrections). */
  note?: string | null;
  /** Member id of the host or owner who made a manual entry. */
  by?: string | null;
  /** Id of the entry this one reverses. */
  reverses?: string | null;
  /** Credits only: put the points back into these expiry buckets (a refund of a debit). */
  restore?: Lot[];
  /** Debits only: draw this expiry bucket first (taking back a credit's own points). */
  prefer?: string | null;
  /**
   * A move between members (a member's own red packet: the send, its grabs, its refund, and any
   * reversal of those): neither issued nor redeemed in `pointsMonthly`, so it is not incentive cost.
   */
  transfer?: boolean;
}

/** What a posting needs of the settings: the community zone and the expiry policy. */
export type LedgerSettings = Pick<CommunitySettings, 'timezone' | 'points'>;

/** Counter shards per month, so concurrent postings rarely touch the same counter document. */
export const MONTHLY_SHARDS = 8;

function shardOf(memberId: string): number {
  let h = 0;
  for (let i = 0; i < memberId.length; i += 1) h = (h * 31 + memberId.charCodeAt(i)) >>> 0;
  return h % MONTHLY_SHARDS;
}

/** Monthly totals of one counter shard (`pointsMonthly/<YYYY-MM>:<shard>`). */
export interface MonthlyDoc {
  id: string;
  month: string;
  issued: number;
  redeemed: number;
  expired: number;
}

function monthlyEffect(p: { delta: number; reason: LedgerReason; reverses?: string | null; transfer?: boolean }): { issued: number; redeemed: number; expired: number } {
  if (p.transfer) return { issued: 0, redeemed: 0, expired: 0 };
  if (p.reason === 'expire') return { issued: 0, redeemed: 0, expired: -p.delta };
  if (p.reason === 'refund') return { issued: 0, redeemed: -p.delta, expired: 0 };
  if (p.delta > 0) return { issued: p.delta, redeemed: 0, expired: 0 };
  if (p.reverses) return { issued: p.delta, redeemed: 0, expired: 0 };
  return { issued: 0, redeemed: -p.delta, expired: 0 };
}

function asSettings(scope: LedgerSettings | string): LedgerSettings {
  return typeof scope === 'string' ? { ...withDefaults(null), timezone: scope } : scope;
}

/**
 * Append entries to a member's ledger inside the caller's transaction, after first expiring any
 * lots whose time has passed. Credits become lots (expiry from the settings); debits draw the
 * soonest-expiring lots first. Reads and writes the account once (joining an open member-state
 * scope), so a replayed body is harmless. Throws NOT_FOUND (no account), INSUFFICIENT_POINTS,
 * VALIDATION (bad amount) and DuplicateError when a key was already used.
 */
export async function post(
  tx: Tx,
  memberId: string,
  postings: Posting[],
  now: Date,
  scope: LedgerSettings | string,
): Promise<{ balance: number; entries: LedgerDoc[] }> {
  return withMemberState(tx, memberId, (state) => postTo(tx, state, postings, now, scope));
}

async function postTo(tx: Tx, state: MemberState, postings: Posting[], now: Date, scope: LedgerSettings | string): Promise<{ balance: number; entries: LedgerDoc[] }> {
  const settings = asSettings(scope);
  const memberId = state.memberId;
  const account = state.account;
  const nowIso = now.toISOString();
  let balance = account.balance;
  let earned = account.lifetimeEarned;
  let seq = account.seq ?? 0;
  const { live, expired } = splitExpired(account.lots ?? [], nowIso);
  let lots: Lot[] = live;
  const lines: Array<Posting & { draws?: Lot[]; placed?: Lot[]; expiresAt: string | null }> = [];

  for (const lot of expired) {
    lines.push({ key: `expire:${memberId}:${lot.expiresAt}`, delta: -lot.remaining, reason: 'expire', ref: lot.expiresAt, expiresAt: null, draws: [lot] });
  }
  for (const p of postings) {
    assertEntryAmount(p.delta);
    if (p.delta > 0) {
      const defaultExpiry = expiryFor(settings.points.expiry, now, settings.timezone);
      const placed = p.restore
        ? p.restore.map((l) => ({ remaining: l.remaining, expiresAt: l.expiresAt === null || l.expiresAt > nowIso ? l.expiresAt : defaultExpiry }))
        : [{ remaining: p.delta, expiresAt: defaultExpiry }];
      if (placed.reduce((s, l) => s + l.remaining, 0) !== p.delta) throw new Error('restore must add up to the credit');
      for (const l of placed) lots = addToLots(lots, l.expiresAt, l.remaining);
      lines.push({ ...p, placed, expiresAt: placed[0]?.expiresAt ?? null });
    } else {
      const drawn = drawFromLots(lots, -p.delta, p.prefer);
      lots = drawn.lots;
      lines.push({ ...p, draws: drawn.draws, expiresAt: null });
    }
  }

  const entries: LedgerDoc[] = [];
  const monthly = { issued: 0, redeemed: 0, expired: 0 };
  for (const line of lines) {
    balance = applyDelta(balance, line.delta);
    if (line.delta > 0 && line.reason !== 'refund') earned += line.delta;
    seq += 1;
    const kind: EntryKind = entryKind(line.reason, line.delta);
    const entry: LedgerDoc = {
      id: line.key,
      memberId,
      seq,
      kind,
      delta: line.delta,
      reason: line.reason,
      ref: line.ref,
      note: line.note ?? null,
      by: line.by ?? null,
      reverses: line.reverses ?? null,
      balanceAfter: balance,
      createdAt: nowIso,
      expiresAt: line.expiresAt,
      ...(line.placed ? { placed: line.placed } : {}),
      ...(line.draws ? { draws: line.draws } : {}),
      ...(line.transfer ? { transfer: true } : {}),
    };
    await tx.create('ledger', entry);
    entries.push(entry);
    const effect = monthlyEffect(line);
    monthly.issued += effect.issued;
    monthly.redeemed += effect.redeemed;
    monthly.expired += effect.expired;
  }

  const month = dayKey(now, settings.timezone).slice(0, 7);
  await bumpMonthly(tx, `${month}:${shardOf(memberId)}`, month, monthly);
  state.account = { ...state.account, balance, lifetimeEarned: earned, lots, nextExpiry: nextExpiry(lots), seq, updatedAt: nowIso };
  // Growth (成长值) and tier upgrades move with the credit, in the same transaction.
  await addGrowthTo(state, growthOfEntries(entries), now, settings);
  // The week and month points boards count the same earned points, in the same transaction.
  feedBoards(state, 'points', growthOfEntries(entries), now, settings.timezone);
  return { balance, entries };
}

/**
 * Add to a monthly counter shard with one blind increment; only the first posting of a month in a
 * shard creates it (after an absent read, so a concurrent creator makes this body re-run).
 */
async function bumpMonthly(tx: Tx, id: string, month: string, by: { issued: number; redeemed: number; expired: number }): Promise<void> {
  const patch = Object.fromEntries(Object.entries(by).filter(([, n]) => n !== 0).map(([k, n]) => [k, inc(n)]));
  if (Object.keys(patch).length === 0) return;
  try {
    await tx.update('pointsMonthly', id, patch);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    const stored = await tx.get('pointsMonthly', id);
    if (stored) await tx.set('pointsMonthly', { ...stored, issued: stored.issued + by.issued, redeemed: stored.redeemed + by.redeemed, expired: stored.expired + by.expired });
    else await tx.create('pointsMonthly', { id, month, ...by });
  }
}

/** Options of a reversal. */
export interface ReversalOptions {
  reason: Extract<LedgerReason, 'refund' | 'manual'>;
  note: string | null;
  by: string | null;
  ref?: string | null;
}

/**
 * Reverse one entry with a new linked entry (never an edit): a debit is refunded into the lots it
 * drew from (keeping their expiry where it is still ahead, else a fresh one), a credit is taken
 * back from its own lot first. Each entry can be reversed once (key `reversal:<id>`).
 * Throws NOT_FOUND, VALIDATION (expiry lines), CONFLICT (already reversed), INSUFFICIENT_POINTS.
 */
export async function reverse(tx: Tx, entryId: string, options: ReversalOptions, now: Date, settings: LedgerSettings): Promise<{ balance: number; entry: LedgerDoc }> {
  const original = await tx.get('ledger', entryId);
  if (!original) throw new AppError('NOT_FOUND', '积分记录不存在');
  if (original.reason === 'expire') throw new AppError('VALIDATION', '过期记录不能撤销');
  if (original.reverses) throw new AppError('VALIDATION', '撤销记录不能再次撤销');
  if (await tx.get('ledger', `reversal:${entryId}`)) throw new AppError('CONFLICT', '这笔积分已经撤销过了');
  const posting: Posting =
    original.delta < 0
      ? { key: `reversal:${entryId}`, delta: -original.delta, reason: options.reason, ref: options.ref ?? entryId, note: options.note, by: options.by, reverses: entryId, restore: (original.draws as Lot[] | undefined) ?? undefined, transfer: original.transfer }
      : { key: `reversal:${entryId}`, delta: -original.delta, reason: options.reason, ref: options.ref ?? entryId, note: options.note, by: options.by, reverses: entryId, prefer: original.expiresAt, transfer: original.transfer };
  try {
    const { balance, entries } = await post(tx, original.memberId, [posting], now, settings);
    return { balance, entry: entries[entries.length - 1] };
  } catch (error) {
    if (error instanceof DuplicateError && error.collection === 'ledger' && error.id === posting.key) throw new AppError('CONFLICT', '这笔积分已经撤销过了');
    throw error;
  }
}

/** Expire every due lot of one account (the cron job's unit of work); returns the points expired. */
export async function expireDue(tx: Tx, memberId: string, now: Date, settings: LedgerSettings): Promise<number> {
  const account = await tx.get('accounts', memberId);
  if (!account) return 0;
  const { expired } = splitExpired(account.lots ?? [], now.toISOString());
  if (expired.length === 0) return 0;
  const { entries } = await post(tx, memberId, [], now, settings);
  return entries.reduce((sum, e) => sum - e.delta, 0);
}
