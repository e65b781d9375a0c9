import type { Channel, LedgerReason, Role } from '../../../types/domain';
import type { MemberFunnel } from '../../core/funnel';
import type { MemberStatus, OnboardingProgress, ProfileValues } from '../../core/entry';
import type { EntryKind, Lot } from '../../core/ledger';
import type { CarriedRates } from '../kernel/rateLimit';
import type { CarriedFields } from './memberState';

/** A member as stored (`members/<memberId>`); `openid` never leaves the server. */
export interface MemberDoc {
  id: string;
  openid: string;
  nickname: string;
  role: Role;
  inviteCode: string;
  channel: Channel;
  invitedBy: string | null;
  joinedAt: string;
  joinDay: string;
  /** Lower-cased nickname prefix key for `member.search` (members made before search lack it). */
  nicknameKey?: string;
  /** Set on members whose invite code must no longer attribute referrals. */
  banned?: boolean;
  /** Queried copies of the funnel state carried on the account (docs/domain.md, funnel). */
  funnel?: MemberFunnel;
  lastActiveDay?: string | null;
  /** Last activity or join day: the inactive list's index. */
  quietSince?: string;
  activatedAt?: string;
  retainedAt?: string;
  convertedAt?: string;
  /** Queried copies of the stored tier (the account's `tier` mirror is the hot copy). */
  tier?: string;
  tierSince?: string | null;
  graceUntil?: string | null;
  tierReviewDue?: string | null;
  /** Paid VIP: the current term's end and the first day of the running paid stretch. */
  vipUntil?: string | null;
  vipSince?: string | null;
  /** An owner's or host's mark on the inactive list (活跃度警示). */
  needsCleanup?: boolean;
  cleanupMarkedBy?: string;
  cleanupMarkedAt?: string;
  /** Who last changed the role, and when. */
  roleChangedBy?: string;
  roleChangedAt?: string;
  // Issue 16 (onboarding): entry status, application, ban, profile, tags, the 入群仪式, greeting.
  /** Missing: admitted (every member made before entry rules). */
  status?: MemberStatus;
  /** Mirror of the member's application state while pending (the wrapper's refusal sentence). */
  applicationState?: 'none' | 'submitted' | 'rejected';
  /** The current ban (reason, end or null for no end); kept after an unban as null. */
  ban?: { reason: string; until: string | null; by: string; at: string } | null;
  profile?: ProfileValues;
  /** Avatar image reference chosen in the 入群仪式 (cloud fileID on weapp, /uploads path locally). */
  avatar?: string | null;
  tags?: string[];
  /** When the `backfillFacets` job wrote this member's facets (members whose tags or profile predate facets). */
  facetsAt?: string;
  onboarding?: OnboardingProgress;
  /** When the member was admitted (registration in open mode, approval otherwise); indexed for the 新人 list. */
  admittedAt?: string;
  /** 'waiting' until a host greets the newly admitted member (indexed: the greeting queue). */
  newcomer?: 'waiting' | 'greeted';
  /** The host's welcome message the member reads on the home page. */
  greeting?: { text: string; byName: string; at: string } | null;
  /** Seconds from admission to the first greeting (新人响应时间). */
  greetSeconds?: number;
  /** Channel `group`: the WeChat group the member first entered on their join day (issue 15), for funnels by group. */
  joinGroupId?: string;
}

/** A member's points account (`accounts/<memberId>`): written only by ledger postings. */
export interface AccountDoc extends CarriedFields {
  id: string;
  balance: number;
  lifetimeEarned: number;
  /** Open lots by expiry bucket; their remainders always add up to `balance`. */
  lots?: Lot[];
  /** Soonest lot expiry (indexed: the cron finds due accounts without a scan). */
  nextExpiry?: string | null;
  /** Entries posted so far; each entry's `seq` orders the member's history. */
  seq?: number;
  updatedAt: string;
  /** The caller's abuse-budget windows, ridden on the account write (src/server/kernel/rateLimit.ts). */
  rate?: CarriedRates;
}

/** One immutable ledger entry (`ledger/<idempotency key>`). */
export interface LedgerDoc {
  id: string;
  memberId: string;
  seq: number;
  kind: EntryKind;
  delta: number;
  reason: LedgerReason;
  ref: string | null;
  note: string | null;
  by: string | null;
  reverses: string | null;
  balanceAfter: number;
  createdAt: string;
  expiresAt: string | null;
  /** Credits: the expiry buckets the points went into. */
  placed?: Lot[];
  /** Debits and expiries: what was taken from each bucket. */
  draws?: Lot[];
  /** A move between members (a member's own red packet), not issuance or redemption; see `Posting.transfer`. */
  transfer?: boolean;
}

/** One check-in (`checkins/<memberId>:<day>`): the id makes a second one on the same day impossible. */
export interface CheckinDoc {
  id: string;
  memberId: string;
  day: string;
  at: string;
  /** Set on a makeup (补签): how it was paid. Absent on a normal check-in. */
  makeup?: { paidWith: 'points' | 'card'; cost: number; on: string };
  /** The member's note on this check-in (text and image references only). */
  note?: { text: string; images: string[]; updatedAt: string };
}

/** The recorded first answer of a write (`requests/<member>:<fn>.<action>:<requestId>`). */
export interface RequestDoc {
  id: string;
  state: 'done';
  result: unknown;
  /** Hash of the validated params: a replay with other params is refused (CONFLICT), not answered. */
  paramsHash?: string;
  at: string;
}

/** One abuse-budget window of one subject (`<subject>|<window>`): calls counted per budget name. */
export interface RateCounterDoc {
  id: string;
  counts: Record<string, number>;
  /** When the window closes; the cron prunes counters past it. */
  expiresAt: string;
}

/** Invite-code index (`invites/<code>`), created with the member so codes stay unique. */
export interface InviteDoc {
  id: string;
  memberId: string;
}

/** Makeups a member used in one calendar month (`makeupUsage/<memberId>:<YYYY-MM>`), the quota counter. */
export interface MakeupUsageDoc {
  id: string;
  memberId: string;
  month: string;
  count: number;
  days: string[];
}

/** A member's item inventory (`inventory/<memberId>`); the mall sells makeup cards into it. */
export interface InventoryDoc {
  id: string;
  makeupCards: number;
  updatedAt?: string;
}

/** One recorded settings change (`settingsLog/<at>:<memberId>:<requestId>`). */
export interface SettingsLogDoc {
  id: string;
  at: string;
  byId: string;
  byName: string;
  section: 'checkin' | 'referral' | 'funnel' | 'tiers' | 'expiry' | 'vip' | 'packetBudget';
  before: unknown;
  after: unknown;
}

/** A campaign (打卡营) (`campaigns/<id>`), with participant and review aggregates. */
export interface CampaignDoc {
  id: string;
  title: string;
  startDay: string;
  endDay: string;
  length: number;
  prompt: string;
  reward: number;
  noteRequired: boolean;
  hostId: string;
  hostName: string;
  participants: number;
  completers: number;
  reviewedNotes: number;
  firstReviewSecondsTotal: number;
  createdAt: string;
}

/** A member in a campaign (`campaignMembers/<campaignId>:<memberId>`): progress and the reward flag. */
export interface CampaignMemberDoc {
  id: string;
  campaignId: string;
  memberId: string;
  nickname: string;
  joinedAt: string;
  days: number;
  lastDay: string | null;
  rewarded: boolean;
}

/** One campaign check-in with its note (`campaignNotes/<campaignId>:<memberId>:<day>`), reviewed by hosts. */
export interface CampaignNoteDoc {
  id: string;
  campaignId: string;
  hostId: string;
  memberId: string;
  nickname: string;
  day: string;
  dayIndex: number;
  text: string;
  images: string[];
  at: string;
  reviewed: boolean;
  featured: boolean;
  comments: Array<{ byId: string; byName: string; text: string; at: string }>;
  firstReviewAt: string | null;
  firstReviewSeconds: number | null;
}
