/**
 * Funnel bookkeeping inside the caller's transaction (docs/domain.md): at most one activity per member
 * per day, the member's milestones (kept on the account with the member's other hot state, see
 * memberState.ts, and mirrored on the member document for queries), and the rollups the owner
 * panel reads: per join day and channel, and per join month and channel, moved together in the
 * transaction of the milestone they count, so the overview costs O(months) plus its edge days.
 * Every function reads what it writes and writes what it read, so a replayed body is harmless.
 */
import { dayKey, daysBetween } from '../../core/day';
import {
  addToRollup,
  applyActivity,
  applyConversion,
  emptyRollup,
  isEmptyDelta,
  joinedFunnel,
  rollupsFromMembers,
  type FunnelRollup,
  type MemberFunnel,
  type RollupDelta,
} from '../../core/funnel';
import type { CommunitySettings } from '../../core/settings';
import { carried, withMemberState, type MemberState } from './memberState';
import type { MemberDoc } from './model';
import type { Store, Tx } from '../store/port';
import { scan } from '../store/scan';

/** What counts as activity for the funnel and cohorts. */
export type ActivityKind = 'checkin' | 'lesson' | 'redeem';

/** A stored rollup (`funnelDaily/<joinDay>:<channel>`). */
export type FunnelDailyDoc = FunnelRollup & { id: string };

/**
 * A stored monthly rollup (`funnelMonthly/<YYYY-MM>:<channel>`): the sum of that month's daily
 * rollups of the channel (`joinDay` holds the month), plus acquisitions per join day for the
 * weekly trend and the open windows.
 */
export type FunnelMonthlyDoc = FunnelRollup & { id: string; month: string; acquiredByDay: Record<string, number> };

/** Funnel fields kept on the member document (`quietSince`: last activity or join day, for the inactive list). */
export type MemberFunnelFields = {
  funnel: MemberFunnel;
  lastActiveDay: string | null;
  quietSince: string;
  activatedAt?: string;
  retainedAt?: string;
  convertedAt?: string;
};

/** Id of the rollup of one join day and channel. */
export function rollupId(joinDay: string, channel: string): string {
  return `${joinDay}:${channel}`;
}

/** The funnel state of a stored member (members stored before the funnel existed start fresh). */
export function funnelOf(member: MemberDoc): MemberFunnel {
  const f = member.funnel as MemberFunnel | undefined;
  return f ?? joinedFunnel(member.joinDay);
}

/** Id of the monthly rollup of one join month (`YYYY-MM`) and channel. */
export function monthlyRollupId(month: string, channel: string): string {
  return `${month}:${channel}`;
}

/** An empty monthly rollup. */
export function emptyMonthly(month: string, channel: string): FunnelMonthlyDoc {
  return { ...emptyRollup(month, channel), id: monthlyRollupId(month, channel), month, acquiredByDay: {} };
}

/** Apply one change of a daily rollup (`before` → `after`) to its month, as the bookkeeping does. */
export function addDailyChange(m: FunnelMonthlyDoc, before: FunnelRollup, after: FunnelRollup): FunnelMonthlyDoc {
  const diff = (a: Record<string, number>, b: Record<string, number>, into: Record<string, number>) => {
    const out = { ...into };
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = (b[k] ?? 0) - (a[k] ?? 0);
      if (d !== 0) out[k] = (out[k] ?? 0) + d;
    }
    return out;
  };
  const acquired = after.acquired - before.acquired;
  return {
    ...m,
    acquired: m.acquired + acquired,
    activated: m.activated + after.activated - before.activated,
    retained: m.retained + after.retained - before.retained,
    converted: m.converted + after.converted - before.converted,
    convertedAny: (m.convertedAny ?? 0) + (after.convertedAny ?? 0) - (before.convertedAny ?? 0),
    reach: {
      activated: diff(before.reach.activated, after.reach.activated, m.reach.activated),
      retained: diff(before.reach.retained, after.reach.retained, m.reach.retained),
      converted: diff(before.reach.converted, after.reach.converted, m.reach.converted),
    },
    reachSum: {
      activated: m.reachSum.activated + after.reachSum.activated - before.reachSum.activated,
      retained: m.reachSum.retained + after.reachSum.retained - before.reachSum.retained,
      converted: m.reachSum.converted + after.reachSum.converted - before.reachSum.converted,
    },
    activeByWeek: diff(before.activeByWeek, after.activeByWeek, m.activeByWeek),
    acquiredByDay: acquired === 0 ? m.acquiredByDay : { ...m.acquiredByDay, [after.joinDay]: (m.acquiredByDay[after.joinDay] ?? 0) + acquired },
  };
}

/** Move the daily rollup of (joinDay, channel) and its monthly rollup together, in the caller's transaction. */
async function bumpRollup(tx: Tx, joinDay: string, channel: string, change: (r: FunnelRollup) => FunnelRollup): Promise<void> {
  const id = rollupId(joinDay, channel);
  const month = joinDay.slice(0, 7);
  const monthId = monthlyRollupId(month, channel);
  const stored = await tx.get('funnelDaily', id);
  const storedMonth = await tx.get('funnelMonthly', monthId);
  const before = stored ?? emptyRollup(joinDay, channel);
  const next = change(before);
  await tx.set('funnelDaily', { ...next, id });
  await tx.set('funnelMonthly', addDailyChange(storedMonth ?? emptyMonthly(month, channel), before, next));
}

function milestoneStamps(before: MemberFunnel, after: MemberFunnel, nowIso: string): Partial<MemberFunnelFields> {
  const out: Partial<MemberFunnelFields> = {};
  if (!before.activatedDay && after.activatedDay) out.activatedAt = nowIso;
  if (!before.retainedDay && after.retainedDay) out.retainedAt = nowIso;
  if (!before.convertedDay && after.convertedDay) out.convertedAt = nowIso;
  return out;
}

/** A new member document with its funnel fields, so registration writes the member once. */
export function withJoinFields(member: MemberDoc): MemberDoc {
  const fields: MemberFunnelFields = { funnel: joinedFunnel(member.joinDay), lastActiveDay: null, quietSince: member.joinDay };
  return { ...member, ...fields };
}

/**
 * Count a new member (created as `withJoinFields(member)` in this transaction) in its join-day
 * rollup; writes only the rollup document.
 */
export async function countJoin(tx: Tx, member: MemberDoc): Promise<void> {
  await bumpRollup(tx, member.joinDay, member.channel, (r) => ({ ...r, acquired: r.acquired + 1 }));
}

/**
 * Count a member created by an earlier transaction in its join-day rollup and give it its funnel
 * fields (repairs and tests); registration uses `withJoinFields` + `countJoin` instead.
 */
export async function recordJoin(tx: Tx, member: MemberDoc): Promise<void> {
  const fields: MemberFunnelFields = { funnel: joinedFunnel(member.joinDay), lastActiveDay: null, quietSince: member.joinDay };
  await tx.update('members', member.id, fields);
  await countJoin(tx, member);
}

const queued = new WeakMap<MemberState, Map<string, Array<(r: FunnelRollup) => FunnelRollup>>>();

/** Move a rollup when the member's scope closes: changes of one scope to one rollup are one read and one write. */
function queueRollup(tx: Tx, state: MemberState, joinDay: string, channel: string, change: (r: FunnelRollup) => FunnelRollup): void {
  let byId = queued.get(state);
  if (!byId) queued.set(state, (byId = new Map()));
  const id = rollupId(joinDay, channel);
  const changes = byId.get(id);
  if (changes) {
    changes.push(change);
    return;
  }
  const all = [change];
  byId.set(id, all);
  state.beforeSave.set(`funnel:${id}`, () => bumpRollup(tx, joinDay, channel, (r) => all.reduce((acc, c) => c(acc), r)));
}

/** The funnel state and channel of the member in `state`: the account's copy, else the member document's. */
async function funnelIn(state: MemberState): Promise<KeptFunnel | null> {
  const kept = carried(state.account).funnel as KeptFunnel | undefined;
  if (kept) return kept;
  const member = await state.member();
  return member ? { ...funnelOf(member), channel: member.channel } : null;
}

/** The funnel state kept on the account: the member's funnel, its channel and its active days. */
type KeptFunnel = MemberFunnel & { channel: string; activeBits?: string };

/** True when membership day index `i` (0 = join day) is set in a hex bitmap. */
function hasBit(bits: string, i: number): boolean {
  const c = i >> 2;
  return c < bits.length && ((parseInt(bits[c], 16) >> (i & 3)) & 1) === 1;
}

/** The bitmap with membership day index `i` set. */
function withBit(bits: string, i: number): string {
  const c = i >> 2;
  const padded = bits.padEnd(c + 1, '0');
  return padded.slice(0, c) + (parseInt(padded[c], 16) | (1 << (i & 3))).toString(16) + padded.slice(c + 1);
}

async function applyToMember(
  tx: Tx,
  state: MemberState,
  before: KeptFunnel,
  step: (f: MemberFunnel) => { state: MemberFunnel; delta: RollupDelta },
  extra: (f: MemberFunnel) => Partial<MemberFunnelFields>,
  now: Date,
): Promise<RollupDelta> {
  const { channel, activeBits, ...prior } = before;
  const { state: next, delta } = step(prior);
  state.account = { ...state.account, funnel: { ...next, channel, ...(activeBits === undefined ? {} : { activeBits }) } };
  state.memberPatch = { ...state.memberPatch, funnel: next, ...extra(next), ...milestoneStamps(prior, next, now.toISOString()) };
  if (!isEmptyDelta(delta)) queueRollup(tx, state, prior.joinDay, channel, (r) => addToRollup(r, delta));
  return delta;
}

/**
 * Record that a member was active on `day` (check-in, lesson attendance or redemption), at most
 * once per day: the first call moves milestones and rollups, later calls for the same day change
 * nothing (the account keeps the member's active days as a bitmap). Joins an open member-state
 * scope. Returns false when the day was already recorded or the member does not
 * exist. Throws only what the store throws.
 */
export async function recordActivity(tx: Tx, memberId: string, day: string, _kind: ActivityKind, now: Date, settings: CommunitySettings): Promise<boolean> {
  return withMemberState(tx, memberId, async (state) => {
    const before = await funnelIn(state);
    if (!before) return false;
    // Active days are a bitmap by membership day on the account (days may arrive out of order);
    // a funnel kept before the bitmap only knows its last active day.
    const index = daysBetween(before.joinDay, day);
    if (index < 0) return false;
    if (before.activeBits === undefined ? before.lastActiveDay !== null && before.lastActiveDay >= day : hasBit(before.activeBits, index)) return false;
    await applyToMember(
      tx,
      state,
      { ...before, activeBits: withBit(before.activeBits ?? '', index) },
      (f) => applyActivity(f, day, settings.funnel),
      (f) => ({ lastActiveDay: f.lastActiveDay, quietSince: f.lastActiveDay && f.lastActiveDay > f.joinDay ? f.lastActiveDay : f.joinDay }),
      now,
    );
    return true;
  });
}

/**
 * Record a paid-VIP purchase at `now` for the funnel's 转化 stage (inside the purchase
 * transaction). Only the first purchase within the conversion window counts; returns whether this
 * one did. Joins an open member-state scope.
 */
export async function recordConversion(tx: Tx, memberId: string, now: Date, settings: CommunitySettings): Promise<boolean> {
  return withMemberState(tx, memberId, async (state) => {
    const before = await funnelIn(state);
    if (!before) return false;
    const day = dayKey(now, settings.timezone);
    if (before.convertedDay) return false;
    if (!applyConversion(before, day, settings.funnel).state.convertedDay) return false;
    await applyToMember(tx, state, before, (f) => applyConversion(f, day, settings.funnel), () => ({}), now);
    return true;
  });
}

/** The monthly rollups that a set of daily rollups adds up to. */
export function monthlyFromDaily(daily: Iterable<FunnelRollup>): Map<string, FunnelMonthlyDoc> {
  const out = new Map<string, FunnelMonthlyDoc>();
  for (const r of daily) {
    const month = r.joinDay.slice(0, 7);
    const id = monthlyRollupId(month, r.channel);
    out.set(id, addDailyChange(out.get(id) ?? emptyMonthly(month, r.channel), emptyRollup(r.joinDay, r.channel), r));
  }
  return out;
}

/**
 * Repair: rebuild every rollup (daily and monthly) from the member documents and overwrite the
 * stored ones (stale rollups with no members are zeroed). Returns how many daily rollups were
 * written and whether any differed.
 */
export async function recomputeFunnel(store: Store): Promise<{ members: number; rollups: number; changed: number }> {
  const members: Array<{ channel: string; funnel: MemberFunnel }> = [];
  for await (const m of scan(store, 'members')) members.push({ channel: m.channel, funnel: funnelOf(m) });
  const fresh = rollupsFromMembers(members);
  const stale: FunnelDailyDoc[] = [];
  for await (const r of scan(store, 'funnelDaily')) stale.push(r);
  for (const r of stale) if (!fresh.has(r.id)) fresh.set(r.id, emptyRollup(r.joinDay, r.channel));
  const storedById = new Map(stale.map((r) => [r.id, r]));
  let changed = 0;
  for (const [id, rollup] of fresh) {
    const stored = storedById.get(id);
    if (stored && sameRollup(stored, rollup)) continue;
    changed += 1;
    await store.transaction((tx) => tx.set('funnelDaily', { ...rollup, id }));
  }
  const months = monthlyFromDaily(fresh.values());
  const staleMonths: FunnelMonthlyDoc[] = [];
  for await (const m of scan(store, 'funnelMonthly')) staleMonths.push(m);
  for (const m of staleMonths) if (!months.has(m.id)) months.set(m.id, emptyMonthly(m.month, m.channel));
  const storedMonths = new Map(staleMonths.map((m) => [m.id, m]));
  for (const [id, m] of months) {
    const stored = storedMonths.get(id);
    if (stored && sameMonthly(stored, m)) continue;
    await store.transaction((tx) => tx.set('funnelMonthly', m));
  }
  return { members: members.length, rollups: fresh.size, changed };
}

const byDay = (m: FunnelMonthlyDoc) => JSON.stringify(Object.entries(m.acquiredByDay ?? {}).filter(([, n]) => n !== 0).sort());

/** Monthly rollup equality on the counted fields and the acquisitions per day. */
export function sameMonthly(a: FunnelMonthlyDoc, b: FunnelMonthlyDoc): boolean {
  return sameRollup(a, b) && byDay(a) === byDay(b);
}

/** Rollup equality on the counted fields (histograms compared without zero entries). */
export function sameRollup(a: FunnelRollup, b: FunnelRollup): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function sortedHist(h: Record<string, number>): Array<[string, number]> {
  return Object.entries(h)
    .filter(([, n]) => n !== 0)
    .sort((x, y) => Number(x[0]) - Number(y[0]));
}

/** The comparable shape of a rollup (what tests and the repair compare). */
export function canonical(r: FunnelRollup) {
  return {
    joinDay: r.joinDay,
    channel: r.channel,
    acquired: r.acquired,
    activated: r.activated,
    retained: r.retained,
    converted: r.converted,
    convertedAny: r.convertedAny ?? 0,
    reach: { activated: sortedHist(r.reach.activated), retained: sortedHist(r.reach.retained), converted: sortedHist(r.reach.converted) },
    reachSum: r.reachSum,
    activeByWeek: sortedHist(r.activeByWeek),
  };
}
