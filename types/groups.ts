import type { PraiseView } from './games';
import type { Action, WriteParams } from './api';

/** 大群 / 小群 / 分会 / 兴趣组. */
export type GroupKind = 'big' | 'small' | 'branch' | 'interest';

/**
 * What a PK between groups is scored on: the check-in rate of the members in each group when it
 * started, or the new members who entered the group during the PK and checked in (activated).
 */
export type PkMetric = 'checkinRate' | 'newMembers' | 'lessonRate';

/** A WeChat group as the app shows it (never its opengid). */
export interface GroupView {
  id: string;
  claimed: boolean;
  name: string;
  kind: GroupKind | null;
  region: string | null;
  topic: string | null;
  capacity: number;
  /** Members who chose this group in the app (`group.join`). */
  joined: number;
  /** 活码 pool this group's QR belongs to, if any. */
  pool: string | null;
  /** The caller's place: seen in the WeChat group, joined in the app, neither. */
  mine: { seen: boolean; joined: boolean } | null;
}

/** Answer of `group.enter`. */
export interface GroupEntered {
  group: GroupView;
  /** First time this member was seen in this group. */
  firstTime: boolean;
  /** The caller may claim the group (a host or owner, group not yet claimed). */
  canClaim: boolean;
  /** This open paid the card's sharer their group share bonus (once per sharer and day). */
  shareBonus: boolean;
}

/** One leaderboard line of a group board. */
export interface BoardLine {
  rank: number;
  name: string;
  value: number;
  isMe: boolean;
}

/** Answer of `group.board`. */
export interface GroupBoard {
  group: GroupView;
  day: string;
  /** Members seen in the group (entered from it at least once). */
  seen: number;
  checkedInToday: number;
  streakLeaders: BoardLine[];
  /** Check-in points this week (Monday to Sunday, community days). */
  weekLeaders: BoardLine[];
  /** Praise (表扬) given in this group this week, newest first. */
  praised: PraiseView[];
  /** Red packets sent to this group's members (issue 19), newest first (at most 5). */
  packets: GroupPacketLine[];
}

/** A group-audience red packet as the group board lists it. */
export interface GroupPacketLine {
  id: string;
  senderName: string;
  kind: 'lucky' | 'equal';
  greeting: string;
  count: number;
  claimedCount: number;
  state: 'open' | 'finished' | 'expired';
  expiresAt: string;
}

/** A group's current 活码 QR as the owner set it. */
export interface GroupCodeView {
  groupId: string;
  groupName: string;
  image: string;
  expiresAt: string;
  capacity: number;
  /** Members counted against the QR's capacity. */
  filled: number;
  full: boolean;
  expired: boolean;
  views: Array<{ channel: string; views: number }>;
}

/** Answer of `group.joinCode`: the QR to show, or why none is available. */
export interface JoinCodeAnswer {
  pool: string;
  code: { groupName: string; kind: GroupKind | null; image: string; expiresAt: string } | null;
  /** When `code` is null: a sentence saying why. */
  message: string | null;
}

/** Answer of `group.codes` (host): every group of a pool with its QR and warnings for the owner. */
export interface CodePoolView {
  pool: string;
  codes: GroupCodeView[];
  /** Sentences: QR codes expiring within 24 h, every group of the pool full. */
  warnings: string[];
}

/** One group's line in a PK. */
export interface PkStanding {
  groupId: string;
  name: string;
  rank: number;
  /** Members counted (in the group before the PK started). */
  eligible: number;
  checkins: number;
  /** Check-in rate in per mille (0–1000). */
  ratePermille: number;
  /** New members since the start (settled: only those who checked in during the PK). */
  newMembers: number;
  /** `lessonRate` PKs: lesson attendances counted, and lessons held in the PK days so far (the rate is attended ÷ (eligible × lessons), in `ratePermille`). */
  attended?: number;
  lessons?: number;
  /** What the ranking compares, by the PK's metric: the check-in rate in parts per million, or `newMembers`. */
  score: number;
}

/** A PK between groups. */
export interface PkView {
  id: string;
  title: string;
  metric: PkMetric;
  startDay: string;
  endDay: string;
  prize: number;
  state: 'running' | 'settled';
  standings: PkStanding[];
  /** Settled: the winning groups (ties share the prize). */
  winners: string[];
  /** Running: standings count every check-in in the group so far; settlement counts only members who were in the group when the PK started. */
  live: boolean;
}

/** A group's lifecycle-stage thresholds: fewer members seen than `startingMembers` is 起步; a silent share above `silentMax` or a 7-day rate `declineDrop` below the week before is 衰退; `growthRise` above is 成长 (per mille). */
export interface StageThresholdsView {
  startingMembers: number;
  declineDrop: number;
  silentMax: number;
  growthRise: number;
}

/** Answer of `group.health` (host). */
export interface GroupHealth {
  group: GroupView;
  seen: number;
  active7: number;
  active30: number;
  /** Share of seen members silent for 30 days, per mille. */
  silentPermille: number;
  /** Check-in rate of the last 7 days and the 7 before, per mille. */
  checkinRate7: number;
  checkinRatePrev7: number;
  stage: '起步' | '成长' | '稳定' | '衰退';
  reason: string;
  /** The stage thresholds in force (`settings.groups.stage`; rates and shares in per mille). */
  thresholds: StageThresholdsView;
  /** 洗粉 list: members silent for `silentDays` or more, staff excluded (Qunyun cannot remove them from the WeChat group). */
  silent: Array<{ memberId: string; name: string; lastActiveDay: string | null; mark: SilentMark | null }>;
  silentDays: number;
  /** 转化后解散 checklist: three conversion rounds done, active members moved to another group. */
  checklist: Record<DissolveStep, boolean>;
}

/** A host's decision on a silent member of a group (洗粉): to remove in WeChat, or to keep. */
export type SilentMark = 'remove' | 'keep';

/** Steps of the 转化后解散 checklist. */
export type DissolveStep = 'round1' | 'round2' | 'round3' | 'moved';

/** Answer of `group.liveCard`: what the client passes to `updateShareMenu({ isUpdatableMessage: true, activityId, templateInfo })`. */
export interface LiveCardView {
  activityId: string;
  expiresAt: string;
  templateInfo: { parameterList: Array<{ name: 'member_count' | 'room_limit'; value: string }> };
  /** The state last pushed to the card (recorded locally; sent by WeChat in production). */
  lastState: { targetState: 0 | 1; memberCount: number; roomLimit: number } | null;
  updates: number;
}

/** The `group` cloud function. */
export interface GroupContract {
  /** Record that I was seen in the WeChat group behind `cloudID` (from getGroupEnterInfo / a share ticket). */
  enter: Action<WriteParams & { cloudID: string; sharedBy?: string; sharedDay?: string }, GroupEntered>;
  /** Host: name a seen group (first claim; owners may edit later). */
  claim: Action<
    WriteParams & { groupId: string; name: string; kind: GroupKind; capacity?: number; region?: string; topic?: string; pool?: string },
    { group: GroupView }
  >;
  /** Members: my groups and the sub-groups I can join; hosts: every group. */
  list: Action<Record<string, never>, { mine: GroupView[]; joinable: GroupView[]; all: GroupView[] | null }>;
  join: Action<WriteParams & { groupId: string }, { group: GroupView }>;
  leave: Action<WriteParams & { groupId: string }, { group: GroupView }>;
  /** The QR of the first group of `pool` that is neither full nor expired; counts one view. */
  joinCode: Action<{ pool: string; channel?: string }, JoinCodeAnswer>;
  /** Owner: set a group's current QR (image, expiry within 7 days, capacity). */
  setCode: Action<WriteParams & { groupId: string; image: string; expiresAt: string; capacity: number; pool: string }, { code: GroupCodeView }>;
  /** Host: a pool's QR codes, views and warnings. */
  codes: Action<{ pool: string }, CodePoolView>;
  board: Action<{ groupId: string; day?: string }, GroupBoard>;
  /** Host: a PK between 2–8 claimed groups over 1–30 days, starting now. */
  startPk: Action<WriteParams & { title: string; groupIds: string[]; days: number; metric: PkMetric; prize: number }, { pk: PkView }>;
  pk: Action<{ pkId: string }, { pk: PkView }>;
  /** Recent PKs, newest first. */
  pks: Action<Record<string, never>, { pks: PkView[] }>;
  /** Host: a group's activity, stage and 洗粉 list (members silent for `silentDays`, default 14). */
  health: Action<{ groupId: string; silentDays?: number }, GroupHealth>;
  /** Host: mark a silent member of a group for removal in WeChat or keep them (`none` clears the mark). */
  markSilent: Action<WriteParams & { groupId: string; memberId: string; mark: SilentMark | 'none' }, { memberId: string; mark: SilentMark | null }>;
  /** Host: tick a step of the group's 转化后解散 checklist. */
  checklist: Action<WriteParams & { groupId: string; step: DissolveStep; done: boolean }, { checklist: Record<DissolveStep, boolean> }>;
  /** An updatable-message id for sharing `kind`/`refId` (an activity, or a red packet: "已抢 n/m") into a group (renewed when older than 23 h). */
  liveCard: Action<WriteParams & { kind: 'activity' | 'packet'; refId: string }, LiveCardView>;
  /** Host: praise a member of the group (points within the host's daily allowance; shows on the group board). */
  praise: Action<WriteParams & { groupId: string; memberId: string; text: string; points?: number }, { praise: PraiseView; balance: number | null }>;
}
