import { createHash } from 'node:crypto';
import type { CronRun } from '../../../types/api';
import type { GroupKind, PkMetric, PkStanding } from '../../../types/groups';
import { addDays, daysBetween, dayKey, startOfDay } from '../../core/day';
import { AppError } from '../../core/errors';
import { prizeShare, rankPk, ratePermille, rateScore, weekKey } from '../../core/groups';
import type { CommunitySettings } from '../../core/settings';
import { post } from './ledger';
import { carried, withMemberState } from './memberState';
import type { AccountDoc } from './model';
import { DuplicateError, NotFoundError, inc, type Doc, type Store, type Tx } from '../store/port';
import { scan } from '../store/scan';

// Records of WeChat groups shared by the `group` function, the check-in transaction and the cron
// PK settlement. Counters every member writes are sharded (docs/store.md, hot counters).

/** A WeChat group seen by the app (`groups/<groupId>`); `opengid` never leaves the server. */
export interface GroupDoc extends Doc {
  opengid: string;
  claimed: boolean;
  name: string;
  kind: GroupKind | null;
  region: string | null;
  topic: string | null;
  capacity: number;
  /** Members who chose the group in the app (group.join), checked against `capacity`. */
  joined: number;
  hosts: string[];
  pool: string | null;
  /** Order inside the 活码 pool: when the group entered it (the earliest available group's QR shows first). */
  order: string;
  code: { image: string; expiresAt: string; capacity: number; setAt: string; setBy: string } | null;
  firstSeenAt: string;
  claimedAt: string | null;
  claimedBy: string | null;
  /** 转化后解散 checklist steps done (absent: none). */
  dissolve?: Partial<Record<'round1' | 'round2' | 'round3' | 'moved', boolean>>;
}

/** A member's place in a group (`groupMembers/<groupId>:<memberId>`), with the group board's figures. */
export interface GroupMemberDoc extends Doc {
  groupId: string;
  memberId: string;
  /** When the member was first seen in or joined the group (PKs count members from before their start). */
  since: string;
  seen: boolean;
  joined: boolean;
  lastSeenAt: string | null;
  /** Last community day with a check-in or an entry from the group (health, 洗粉). */
  lastActiveDay: string;
  streak: number;
  lastCheckinDay: string | null;
  week: string;
  weekPoints: number;
  /** 洗粉: a host's mark on this silent member. */
  silentMark?: { mark: 'remove' | 'keep'; by: string; at: string } | null;
}

/** One shard of a group's seen-member counter (`groupCounters/<groupId>:<shard>`). */
export interface GroupCounterDoc extends Doc {
  groupId: string;
  seen: number;
}

/** One shard of a group's check-ins on a community day (`groupDays/<groupId>:<day>:<shard>`). */
export interface GroupDayDoc extends Doc {
  groupId: string;
  day: string;
  checkedIn: number;
  /** Lesson attendances of the group's members that day (the live 听课率 PK). */
  attended?: number;
}

/** One shard of a 活码's views per group and channel (`groupCodeViews/<groupId>:<channel>:<shard>`). */
export interface GroupCodeViewDoc extends Doc {
  groupId: string;
  pool: string;
  channel: string;
  views: number;
}

/** A PK between groups (`groupPks/<pkId>`). */
export interface GroupPkDoc extends Doc {
  title: string;
  groupIds: string[];
  metric: PkMetric;
  startAt: string;
  startDay: string;
  endDay: string;
  prize: number;
  createdBy: string;
  createdAt: string;
  state: 'running' | 'settled';
  /** Members in each group when the PK started. */
  eligible: Record<string, number>;
  standings: PkStanding[] | null;
  winners: string[];
  settledAt: string | null;
  /** Members paid the prize (each exactly once, whichever run paid them). */
  paid: number;
}

/** A live card (动态消息) of something shared into groups (`liveCards/<kind>:<refId>`): an activity sign-up or a red packet. */
export interface LiveCardDoc extends Doc {
  kind: 'activity' | 'packet';
  refId: string;
  activityId: string;
  expiresAt: string;
  lastState: { targetState: 0 | 1; memberCount: number; roomLimit: number } | null;
  lastPushedAt: string | null;
  updates: number;
  /** Recent pushes (newest last, at most 10): the local record of what the card showed. */
  history: Array<{ at: string; targetState: 0 | 1; memberCount: number; roomLimit: number }>;
}

/** Shards of the seen, check-in and view counters. */
export const GROUP_SHARDS = 4;

/** The shard of a member (or any key) in a sharded counter. */
export function shardOf(key: string, shards: number = GROUP_SHARDS): number {
  let h = 0;
  for (let i = 0; i < key.length; i += 1) h = (h * 31 + key.charCodeAt(i)) >>> 0;
  return h % shards;
}

/** The app's id of a WeChat group: stable for its opengid, and not the opengid itself. */
export function groupIdFor(opengid: string): string {
  return `g_${createHash('sha256').update(`qunyun-group:${opengid}`).digest('hex').slice(0, 20)}`;
}

/** Add to a counter shard with one blind increment; only the first write creates it (after an absent read, so a concurrent creator re-runs the body). */
async function bump<C extends 'groupCounters' | 'groupDays' | 'groupCodeViews'>(tx: Tx, collection: C, id: string, field: string, create: () => Doc): Promise<void> {
  try {
    await tx.update(collection, id, { [field]: inc(1) } as never);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    const stored = (await tx.get(collection, id)) as (Doc & Record<string, number>) | null;
    if (stored) await tx.set(collection, { ...stored, [field]: (stored[field] ?? 0) + 1 } as never);
    else await tx.create(collection, create() as never);
  }
}

/** Count one more member seen in a group, inside the caller's transaction. */
export function bumpSeen(tx: Tx, groupId: string, memberId: string): Promise<void> {
  const id = `${groupId}:${shardOf(memberId)}`;
  return bump(tx, 'groupCounters', id, 'seen', () => ({ id, groupId, seen: 1 }) as GroupCounterDoc);
}

/** Count one view of a pool's QR for a group and channel (its own small transaction). */
export function bumpCodeView(tx: Tx, groupId: string, pool: string, channel: string, shard: number): Promise<void> {
  const id = `${groupId}:${channel}:${shard}`;
  return bump(tx, 'groupCodeViews', id, 'views', () => ({ id, groupId, pool, channel, views: 1 }) as GroupCodeViewDoc);
}

/** Members seen in a group: the sum of its counter shards (GROUP_SHARDS reads by id). */
export async function seenCount(store: Store, groupId: string): Promise<number> {
  const shards = await Promise.all(Array.from({ length: GROUP_SHARDS }, (_, i) => store.get('groupCounters', `${groupId}:${i}`)));
  return shards.reduce((sum, d) => sum + (d?.seen ?? 0), 0);
}

/** Check-ins in a group on one community day: the sum of its day shards. */
export async function checkinsOn(store: Store, groupId: string, day: string): Promise<number> {
  const shards = await Promise.all(Array.from({ length: GROUP_SHARDS }, (_, i) => store.get('groupDays', `${groupId}:${day}:${i}`)));
  return shards.reduce((sum, d) => sum + (d?.checkedIn ?? 0), 0);
}

/** Lesson attendances in a group over community days `from`–`to` (the same day shards as check-ins). */
export async function attendedBetween(store: Store, groupId: string, from: string, to: string): Promise<number> {
  let sum = 0;
  for await (const d of scan(store, 'groupDays', { where: { groupId, day: { $gte: from, $lte: to } }, orderBy: { field: 'day', direction: 'asc' } })) sum += d.attended ?? 0;
  return sum;
}

/** Most lessons one PK counts (a PK lasts at most 30 days). */
export const PK_LESSONS_CAP = 100;

/** Published lessons starting on community days `from`–`to` that have started by `now`: the lessons a 听课率 PK counts. */
export async function lessonsHeld(store: Store, from: string, to: string, now: Date, timezone: string): Promise<Array<{ id: string }>> {
  const start = startOfDay(from, timezone).toISOString();
  const end = startOfDay(addDays(to, 1), timezone).toISOString();
  const nowIso = now.toISOString();
  const page = await store.find('lessons', { where: { startsAt: { $gte: start, $lt: end < nowIso ? end : nowIso } }, orderBy: { field: 'startsAt', direction: 'asc' }, limit: PK_LESSONS_CAP });
  return page.docs.filter((l) => l.published);
}

/**
 * Inside the lesson-attendance transaction: count the attendance in every group the member is in
 * (the day shard), for the live 听课率 PK. Runs once per attendance (its id is created in the same transaction).
 */
export async function recordGroupLesson(tx: Tx, memberId: string, day: string): Promise<void> {
  const groupIds = await withMemberState(tx, memberId, async (state) => memberGroupIds(state.account));
  for (const groupId of groupIds) {
    const id = `${groupId}:${day}:${shardOf(memberId)}`;
    await bump(tx, 'groupDays', id, 'attended', () => ({ id, groupId, day, checkedIn: 0, attended: 1 }) as GroupDayDoc);
  }
}

/** Check-ins in a group over community days `from`–`to` (one query over the day shards, ≤ 31 days × shards). */
export async function checkinsBetween(store: Store, groupId: string, from: string, to: string): Promise<number> {
  let sum = 0;
  for await (const d of scan(store, 'groupDays', { where: { groupId, day: { $gte: from, $lte: to } }, orderBy: { field: 'day', direction: 'asc' } })) sum += d.checkedIn;
  return sum;
}

/** A member's WeChat groups, carried on their account (read with the account, no extra operation). */
export function memberGroupIds(account: AccountDoc | null): string[] {
  return carried(account).groups ?? [];
}

/** Add a group to a member's list inside the caller's transaction (joins the open member-state scope). */
export async function addMemberGroup(tx: Tx, memberId: string, groupId: string, max: number): Promise<boolean> {
  return withMemberState(tx, memberId, async (state) => {
    const ids = memberGroupIds(state.account);
    if (ids.includes(groupId)) return true;
    if (ids.length >= max) return false;
    state.account = { ...state.account, groups: [...ids, groupId] };
    return true;
  });
}

/** Remove a group from a member's list inside the caller's transaction. */
export async function removeMemberGroup(tx: Tx, memberId: string, groupId: string): Promise<void> {
  await withMemberState(tx, memberId, async (state) => {
    const ids = memberGroupIds(state.account);
    if (ids.includes(groupId)) state.account = { ...state.account, groups: ids.filter((g) => g !== groupId) };
  });
}

/**
 * Inside the check-in transaction: count the check-in in every group the member is in (the day
 * shard) and move the member's streak and weekly points on each group's board. Runs once per
 * check-in because the check-in id is created in the same transaction.
 */
export async function recordGroupCheckin(tx: Tx, memberId: string, day: string, streak: number, points: number): Promise<void> {
  const groupIds = await withMemberState(tx, memberId, async (state) => memberGroupIds(state.account));
  if (groupIds.length === 0) return;
  const week = weekKey(day);
  for (const groupId of groupIds) {
    const id = `${groupId}:${day}:${shardOf(memberId)}`;
    await bump(tx, 'groupDays', id, 'checkedIn', () => ({ id, groupId, day, checkedIn: 1 }) as GroupDayDoc);
    const gm = await tx.get('groupMembers', `${groupId}:${memberId}`);
    if (gm) {
      const weekPoints = (gm.week === week ? gm.weekPoints : 0) + points;
      await tx.set('groupMembers', { ...gm, streak, lastCheckinDay: day, lastActiveDay: day > gm.lastActiveDay ? day : gm.lastActiveDay, week, weekPoints });
    }
  }
}

/** Most members of one group a PK settlement reads. */
export const PK_MEMBERS_CAP = 1_000;

/** Exact standings of a PK: each group's members from before its start, their check-ins over the PK days. */
export async function finalStandings(store: Store, pk: GroupPkDoc, timezone: string, now: Date = startOfDay(addDays(pk.endDay, 1), timezone)): Promise<{ standings: PkStanding[]; winners: string[]; members: Map<string, string[]> }> {
  const days = daysBetween(pk.startDay, pk.endDay) + 1;
  let held: Array<{ id: string }> | undefined;
  const members = new Map<string, string[]>();
  const lines: Array<Omit<PkStanding, 'rank'>> = [];
  for (const groupId of pk.groupIds) {
    const group = await store.get('groups', groupId);
    const eligible: string[] = [];
    for await (const gm of scan(store, 'groupMembers', { where: { groupId, since: { $lt: pk.startAt } }, orderBy: { field: 'since', direction: 'asc' } })) {
      if (gm.seen || gm.joined) eligible.push(gm.memberId);
      if (eligible.length >= PK_MEMBERS_CAP) break;
    }
    let checkins = 0;
    if (pk.metric !== 'lessonRate') for (const memberId of eligible) checkins += await store.count('checkins', { memberId, day: { $gte: pk.startDay, $lte: pk.endDay } });
    // New activated members: first in the group during the PK, with a check-in during it.
    let newMembers = 0;
    if (pk.metric === 'newMembers') {
      const until = startOfDay(addDays(pk.endDay, 1), timezone).toISOString();
      let read = 0;
      for await (const gm of scan(store, 'groupMembers', { where: { groupId, since: { $gte: pk.startAt, $lt: until } }, orderBy: { field: 'since', direction: 'asc' } })) {
        if ((await store.count('checkins', { memberId: gm.memberId, day: { $gte: pk.startDay, $lte: pk.endDay } })) > 0) newMembers += 1;
        if (++read >= PK_MEMBERS_CAP) break;
      }
    }
    members.set(groupId, eligible);
    if (pk.metric === 'lessonRate') {
      // Attendances of the eligible members at every lesson held in the PK days, exact.
      held ??= await lessonsHeld(store, pk.startDay, pk.endDay, now, timezone);
      const mine = new Set(eligible);
      let attended = 0;
      for (const lesson of held) {
        for await (const a of scan(store, 'lessonAttendance', { where: { lessonId: lesson.id }, orderBy: { field: 'at', direction: 'asc' } })) if (mine.has(a.memberId)) attended += 1;
      }
      lines.push({ groupId, name: group?.name ?? '未命名群', eligible: eligible.length, checkins, ratePermille: ratePermille(attended, eligible.length, held.length), newMembers, attended, lessons: held.length, score: rateScore(attended, eligible.length, held.length) });
      continue;
    }
    const rate = ratePermille(checkins, eligible.length, days);
    lines.push({ groupId, name: group?.name ?? '未命名群', eligible: eligible.length, checkins, ratePermille: rate, newMembers, score: pk.metric === 'newMembers' ? newMembers : rateScore(checkins, eligible.length, days) });
  }
  const { ranked, winners } = rankPk(lines);
  return { standings: ranked, winners, members };
}

/**
 * Cron: settle every PK whose last day has passed. Each winning member's prize is a ledger
 * posting keyed `pk:<pkId>:<memberId>`, so a second run (or two at once) pays nobody twice; the
 * PK is marked settled after the payouts. `accounts` counts members paid by this run.
 */
export async function settlePks(store: Store, now: Date, settings: CommunitySettings): Promise<CronRun> {
  const today = dayKey(now, settings.timezone);
  let paid = 0;
  let points = 0;
  const due = await store.find('groupPks', { where: { state: 'running', endDay: { $lt: today } }, orderBy: { field: 'endDay', direction: 'asc' }, limit: 20 });
  for (const pk of due.docs) {
    const { standings, winners, members } = await finalStandings(store, pk, settings.timezone, now);
    const each = prizeShare(pk.prize, winners.length);
    const payees = new Set(winners.flatMap((g) => members.get(g) ?? []));
    for (const memberId of payees) {
      if (each <= 0) break;
      try {
        await store.transaction((tx) => post(tx, memberId, [{ key: `pk:${pk.id}:${memberId}`, delta: each, reason: 'campaign', ref: pk.id, note: `群 PK「${pk.title}」获胜奖励` }], now, settings));
        paid += 1;
        points += each;
      } catch (error) {
        // Paid by an earlier (or a concurrent) run; a member without an account is skipped.
        if (!(error instanceof DuplicateError) && !(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
      }
    }
    await store.transaction(async (tx) => {
      const current = await tx.get('groupPks', pk.id);
      if (!current || current.state === 'settled') return;
      await tx.set('groupPks', { ...current, state: 'settled', standings, winners, settledAt: now.toISOString(), paid: each > 0 ? payees.size : 0 });
    });
  }
  return { job: 'settlePks', accounts: paid, points };
}

/** Days of a PK counted so far (1 on its first day, at most its length). */
export function pkDaysSoFar(pk: Pick<GroupPkDoc, 'startDay' | 'endDay'>, today: string): { from: string; to: string; days: number } {
  const to = today < pk.endDay ? today : pk.endDay;
  return { from: pk.startDay, to, days: Math.max(0, daysBetween(pk.startDay, to) + 1) };
}

/** The community day `n` days before `day` (re-exported for the group function's windows). */
export const dayBefore = (day: string, n: number): string => addDays(day, -n);
