/**
 * Funnel bookkeeping inside the caller's transaction (docs/domain.md): one activity per member per day,
 * the member's milestones, and the per-join-day rollups the owner panel reads in O(days).
 * Every function reads what it writes and writes what it read, so a replayed body is harmless.
 */
import { dayKey } from '../core/day';
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
} from '../core/funnel';
import type { CommunitySettings } from '../core/settings';
import type { MemberDoc } from './model';
import type { Store, Tx } from './store/port';
import { scan } from './store/scan';

/** What counts as activity for the funnel and cohorts. */
export type ActivityKind = 'checkin' | 'lesson' | 'redeem';

/** One member's activity on one community day (`activity/<memberId>:<day>`), created once. */
export interface ActivityDoc {
  id: string;
  memberId: string;
  day: string;
  kind: ActivityKind;
  at: string;
  [key: string]: unknown;
}

/** A stored rollup (`funnelDaily/<joinDay>:<channel>`). */
export type FunnelDailyDoc = FunnelRollup & { id: string; [key: string]: unknown };

/** Funnel fields kept on the member document (`quietSince`: last activity or join day, for the inactive list). */
export type MemberFunnelFields = {
  funnel: MemberFunnel;
  lastActiveDay: string | null;
  quietSince: string;
  activatedAt?: string;
  retainedAt?: string;
  convertedAt?: string;
};

/** Id of a member's activity on a day. */
export function activityId(memberId: string, day: string): string {
  return `${memberId}:${day}`;
}

/** Id of the rollup of one join day and channel. */
export function rollupId(joinDay: string, channel: string): string {
  return `${joinDay}:${channel}`;
}

/** The funnel state of a stored member (members stored before the funnel existed start fresh). */
export function funnelOf(member: MemberDoc): MemberFunnel {
  const f = member.funnel as MemberFunnel | undefined;
  return f ?? joinedFunnel(member.joinDay);
}

async function bumpRollup(tx: Tx, joinDay: string, channel: string, change: (r: FunnelRollup) => FunnelRollup): Promise<void> {
  const id = rollupId(joinDay, channel);
  const stored = await tx.get<FunnelDailyDoc>('funnelDaily', id);
  const next = change(stored ?? emptyRollup(joinDay, channel));
  await tx.set('funnelDaily', { ...next, id });
}

function milestoneStamps(before: MemberFunnel, after: MemberFunnel, nowIso: string): Partial<MemberFunnelFields> {
  const out: Partial<MemberFunnelFields> = {};
  if (!before.activatedDay && after.activatedDay) out.activatedAt = nowIso;
  if (!before.retainedDay && after.retainedDay) out.retainedAt = nowIso;
  if (!before.convertedDay && after.convertedDay) out.convertedAt = nowIso;
  return out;
}

/**
 * Count a freshly created member in its join-day rollup and give it its funnel fields; call inside
 * the registration transaction right after creating the member document.
 */
export async function recordJoin(tx: Tx, member: MemberDoc): Promise<void> {
  const fields: MemberFunnelFields = { funnel: joinedFunnel(member.joinDay), lastActiveDay: null, quietSince: member.joinDay };
  await tx.update('members', member.id, fields);
  await bumpRollup(tx, member.joinDay, member.channel, (r) => ({ ...r, acquired: r.acquired + 1 }));
}

async function applyToMember(
  tx: Tx,
  member: MemberDoc,
  step: (f: MemberFunnel) => { state: MemberFunnel; delta: RollupDelta },
  extra: (f: MemberFunnel) => Partial<MemberFunnelFields>,
  now: Date,
): Promise<RollupDelta> {
  const before = funnelOf(member);
  const { state, delta } = step(before);
  const patch: Partial<MemberFunnelFields> = { funnel: state, ...extra(state), ...milestoneStamps(before, state, now.toISOString()) };
  await tx.update('members', member.id, patch);
  if (!isEmptyDelta(delta)) await bumpRollup(tx, before.joinDay, member.channel, (r) => addToRollup(r, delta));
  return delta;
}

/**
 * Record that a member was active on `day` (check-in, lesson attendance or redemption), at most
 * once per day: the first call creates the activity and moves milestones and rollups, later calls
 * for the same day change nothing. Returns false when the day was already recorded or the member
 * does not exist. Throws only what the store throws.
 */
export async function recordActivity(tx: Tx, memberId: string, day: string, kind: ActivityKind, now: Date, settings: CommunitySettings): Promise<boolean> {
  const id = activityId(memberId, day);
  if (await tx.get<ActivityDoc>('activity', id)) return false;
  const member = await tx.get<MemberDoc>('members', memberId);
  if (!member) return false;
  await tx.create('activity', { id, memberId, day, kind, at: now.toISOString() });
  await applyToMember(
    tx,
    member,
    (f) => applyActivity(f, day, settings.funnel),
    (f) => ({ lastActiveDay: f.lastActiveDay, quietSince: f.lastActiveDay && f.lastActiveDay > f.joinDay ? f.lastActiveDay : f.joinDay }),
    now,
  );
  return true;
}

/**
 * Record a paid-VIP purchase at `now` for the funnel's 转化 stage (inside the purchase
 * transaction). Only the first purchase within the conversion window counts; returns whether this
 * one did. Nothing calls it until paid VIP exists.
 */
export async function recordConversion(tx: Tx, memberId: string, now: Date, settings: CommunitySettings): Promise<boolean> {
  const member = await tx.get<MemberDoc>('members', memberId);
  if (!member) return false;
  const day = dayKey(now, settings.timezone);
  if (!applyConversion(funnelOf(member), day, settings.funnel).state.convertedDay) return false;
  if (funnelOf(member).convertedDay) return false;
  await applyToMember(tx, member, (f) => applyConversion(f, day, settings.funnel), () => ({}), now);
  return true;
}

/**
 * Repair: rebuild every rollup from the member documents and overwrite the stored ones (stale
 * rollups with no members are zeroed). Returns how many rollups were written and whether any differed.
 */
export async function recomputeFunnel(store: Store): Promise<{ members: number; rollups: number; changed: number }> {
  const members: Array<{ channel: string; funnel: MemberFunnel }> = [];
  for await (const m of scan<MemberDoc>(store, 'members')) members.push({ channel: m.channel, funnel: funnelOf(m) });
  const fresh = rollupsFromMembers(members);
  const stale: FunnelDailyDoc[] = [];
  for await (const r of scan<FunnelDailyDoc>(store, 'funnelDaily')) stale.push(r);
  for (const r of stale) if (!fresh.has(r.id)) fresh.set(r.id, emptyRollup(r.joinDay, r.channel));
  const storedById = new Map(stale.map((r) => [r.id, r]));
  let changed = 0;
  for (const [id, rollup] of fresh) {
    const stored = storedById.get(id);
    if (stored && sameRollup(stored, rollup)) continue;
    changed += 1;
    await store.transaction((tx) => tx.set('funnelDaily', { ...rollup, id }));
  }
  return { members: members.length, rollups: fresh.size, changed };
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
