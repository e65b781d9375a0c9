/** Roles a person can hold in one community, lowest first. */
export type Role = 'member' | 'host' | 'owner';

/** How a member first arrived (拉新 channel), used by the funnel breakdown. */
export type Channel = 'referral' | 'poster' | 'group' | 'lesson' | 'organic';

/** Why a ledger entry exists; every line of a member's points history has one. */
export type LedgerReason =
  | 'checkin'
  | 'streak_bonus'
  | 'makeup'
  | 'lesson'
  | 'activity'
  | 'referral'
  | 'campaign'
  | 'topic'
  | 'manual'
  | 'redeem'
  | 'refund'
  | 'expire'
  | 'red_packet'
  | 'lottery'
  | 'praise'
  | 'support'
  | 'welcome';

/** A member as shown to themself (and, without private fields, to hosts and owners). */
export interface MemberView {
  id: string;
  nickname: string;
  role: Role;
  points: number;
  inviteCode: string;
  channel: Channel;
  joinedAt: string;
  joinDay: string;
}

/** One immutable line of the points ledger as a member reads it. */
export interface LedgerEntryView {
  id: string;
  delta: number;
  reason: LedgerReason;
  ref: string | null;
  /** What the entry is about in words ("兑换 帆布袋", "邀请 会员2MVF 激活"); null when the reason says it all. */
  label: string | null;
  /** The written reason of a manual adjustment or correction. */
  note: string | null;
  /** Id of the entry this one reverses (refunds, corrections). */
  reverses: string | null;
  balanceAfter: number;
  createdAt: string;
  expiresAt: string | null;
}

/** One day in the recent check-in strip or calendar. */
export interface CheckinDayView {
  day: string;
  checked: boolean;
}

/** The upcoming streak milestone a member is working towards. */
export interface MilestoneView {
  day: number;
  bonus: number;
  daysLeft: number;
}
