import type { Channel, CheckinDayView, LedgerEntryView, MemberView, MilestoneView, Role } from './domain';
import type { ActivitiesContract } from './activities';
import type { LessonsContract } from './lessons';
import type { CampaignContract } from './campaign';
import type { VipContract } from './vip';
import type { GamesContract } from './games';
import type { SupportContract } from './support';
import type { PostsContract, SopContract } from './content';
import type { EntryInput, EntrySettings, MemberStatus, OnboardingMemberContract, OnboardingView } from './onboarding';
import type { GroupContract, StageThresholdsView } from './groups';

/** Every write action carries a client-made idempotency key (≤ 64 chars). */
export interface WriteParams {
  requestId: string;
}

/** One action's wire contract: what the client sends and what `data` holds on success. */
export interface Action<P, R> {
  params: P;
  result: R;
}

/** Answer of `checkin.do`. */
export interface CheckinDone {
  day: string;
  streak: number;
  awarded: number;
  balance: number;
}

/** Answer of `checkin.today`: today's state plus the last 30 community days. */
export interface CheckinToday {
  day: string;
  checkedIn: boolean;
  streak: number;
  longestStreak: number;
  totalDays: number;
  todayReward: number;
  nextMilestone: MilestoneView | null;
  lastDays: CheckinDayView[];
}

/** The owner's check-in rules as the wire carries them (`settings.get`, `settings.updateCheckinRules`). */
export interface CheckinRulesView {
  basePoints: number;
  milestones: Array<{ day: number; bonus: number }>;
  /** Most points one check-in may award; null: no cap. */
  dailyCap: number | null;
  makeup: { windowDays: number; monthlyQuota: number; costPoints: number };
}

/** The red-packet budget rules the owner edits (`settings.games`). */
export interface PacketBudgetRules {
  packetMonthlyBudget: number;
}

/** `settings.packetBudget`: the month budget, and this community month's use of it (net of packets that expired back). */
export interface PacketBudgetView extends PacketBudgetRules {
  month: string;
  used: number;
  left: number;
}

/** The owner's referral rewards and caps (邀请有奖), as edited on 邀请与数据规则. */
export interface ReferralRulesView {
  activationReward: number;
  conversionReward: number;
  welcomeReward: number;
  dailyCap: number;
  milestones: Array<{ count: number; bonus: number }>;
  velocityPerHour: number;
}

/** The funnel windows (days since joining) the dashboard and inactive list use. */
export interface FunnelWindowsView {
  activationDays: number;
  retentionFromDay: number;
  retentionToDay: number;
  retentionMinActiveDays: number;
  conversionDays: number;
  inactiveAfterDays: number;
}

/** The owner's tier rules: growth window, downgrade grace, lesson growth, and per tier its threshold and multiplier. */
export interface TierRulesView {
  windowDays: number;
  graceDays: number;
  lessonGrowth: number;
  tiers: Array<{ key: 'normal' | 'silver' | 'gold' | 'diamond'; name: string; threshold: number; multiplier: number }>;
}

/** When credited points expire: never, N days after they were earned, or at the end of the following year. */
export type ExpiryPolicyView = { kind: 'never' } | { kind: 'rolling'; days: number } | { kind: 'end_of_next_year' };

/** What an expiry policy would mean, before the owner saves it. */
export interface ExpiryPreview {
  /** Next community month, YYYY-MM. */
  month: string;
  /** Points already credited that expire next month (their expiry does not change). */
  dueNextMonth: number;
  /** Members holding those points. */
  membersDue: number;
  /** When a point earned today would expire under the previewed policy (null: never). */
  earnedTodayExpiresAt: string | null;
}

/** Paid VIP as the owner edits it: the tier floor while paying, reminder leads, and the plans on sale. */
export interface VipRulesView {
  floorTier: 'normal' | 'silver' | 'gold' | 'diamond' | null;
  reminderDays: number[];
  plans: Array<{ id: string; name: string; days: number; priceFen: number }>;
}

/** One logged rule change: who, when, the section, and the rules before and after. */
export type SettingsLogEntry = { id: string; at: string; byId: string; byName: string } & (
  | { section: 'checkin'; before: CheckinRulesView; after: CheckinRulesView }
  | { section: 'referral'; before: ReferralRulesView; after: ReferralRulesView }
  | { section: 'funnel'; before: FunnelWindowsView; after: FunnelWindowsView }
  | { section: 'tiers'; before: TierRulesView; after: TierRulesView }
  | { section: 'expiry'; before: ExpiryPolicyView; after: ExpiryPolicyView }
  | { section: 'vip'; before: VipRulesView; after: VipRulesView }
  // Games (issue 19): the owner's red-packet month budget.
  | { section: 'packetBudget'; before: PacketBudgetRules; after: PacketBudgetRules }
);

/** How a day looks on the check-in calendar (`before_join` and `future` cannot be checked). */
export type CalendarDayStatus = 'checked' | 'makeup' | 'missed' | 'today' | 'future' | 'before_join';

/** A note (打卡笔记) attached to a check-in: text ≤ 500 characters and up to 3 image references. */
export interface CheckinNoteView {
  text: string;
  /** `cloud://…` fileIDs on weapp, `/uploads/<name>` in local mode. */
  images: string[];
  updatedAt: string;
}

/** Answer of `checkin.calendar`: one month of days plus the streak card and makeup allowance. */
export interface CheckinCalendar {
  month: string;
  today: string;
  days: Array<{ day: string; status: CalendarDayStatus; note?: CheckinNoteView }>;
  checkedIn: boolean;
  streak: number;
  longestStreak: number;
  todayReward: number;
  nextMilestone: MilestoneView | null;
  makeup: {
    windowDays: number;
    monthlyQuota: number;
    usedThisMonth: number;
    costPoints: number;
    cards: number;
    /** Missed days inside the window that can be made up now (quota permitting), oldest first. */
    candidates: string[];
  };
}

/** Answer of `checkin.makeup`. */
export interface MakeupDone {
  day: string;
  streak: number;
  paidWith: 'points' | 'card';
  cost: number;
  awarded: number;
  balance: number;
}

/** A page of a member list, newest joiners first. */
export interface MemberPage {
  members: MemberView[];
  next: string | null;
}

/** One recent check-in on a member's detail page (with the note text, if any). */
export interface MemberCheckinLine {
  day: string;
  makeup: boolean;
  note: string | null;
}

/** One order on a member's detail page. */
export interface MemberOrderLine {
  itemTitle: string;
  qty: number;
  totalPoints: number;
  status: OrderStatus;
  createdAt: string;
}

/** One manual points adjustment on a member's detail page. */
export interface MemberAdjustmentLine {
  delta: number;
  note: string | null;
  createdAt: string;
}

/** Answer of `member.detail`: everything a host or owner needs about one member, and what they may do. */
export interface MemberDetail {
  member: MemberView;
  tierName: string;
  /** End instant (exclusive) of paid VIP; null when never or no longer VIP. */
  vipUntil: string | null;
  streak: number;
  longestStreak: number;
  totalCheckins: number;
  lastActiveDay: string | null;
  /** Marked by an owner as a candidate for removal (待清理). */
  needsCleanup: boolean;
  checkins: MemberCheckinLine[];
  orders: MemberOrderLine[];
  adjustments: MemberAdjustmentLine[];
  /** What the caller may do here: adjust points (never their own), grant VIP and change the role (owners). */
  can: { adjust: boolean; grantVip: boolean; changeRole: boolean; markCleanup: boolean };
}

/** Answer of `funnel.remindInactive`: sent (or queued), no subscription quota left, or already reminded today. */
export interface InactiveReminder {
  outcome: 'sent' | 'no_quota' | 'already';
}

/**
 * The contract of every cloud function, keyed by function then action.
 * Client services and cloud handlers are both typed from this map, so a mismatch fails to compile.
 */
export interface Contracts {
  member: {
    /** `utcOffsetMinutes`: the community zone's offset now (480 for Asia/Shanghai); the client formats every time from it. */
    login: Action<{ ref?: string; channel?: Channel }, { member: MemberView; isNew: boolean; utcOffsetMinutes: number }>;
    /** `status` and `onboarding` (issue 16): pending / admitted / banned and the checklist. */
    me: Action<Record<string, never>, { member: MemberView; status: MemberStatus; onboarding: OnboardingView }>;
    /** The member renames themselves (1–20 characters, content-checked). */
    setNickname: Action<WriteParams & { nickname: string }, { member: MemberView }>;
    list: Action<{ role?: Role; limit?: number; after?: string }, MemberPage>;
    setRole: Action<WriteParams & { memberId: string; role: Role }, { member: MemberView }>;
    /** Host: members whose nickname starts with `q` (after normalising) or whose invite code is `q`. */
    search: Action<{ q: string; limit?: number; after?: string }, MemberPage>;
    /** Host: one member's profile, activity and history. */
    detail: Action<{ memberId: string }, MemberDetail>;
    /** Owner: mark (or unmark) a member for cleanup (待清理). */
    markCleanup: Action<WriteParams & { memberId: string; needsCleanup: boolean }, { memberId: string; needsCleanup: boolean }>;
  } & OnboardingMemberContract;
  checkin: {
    do: Action<WriteParams, CheckinDone>;
    today: Action<Record<string, never>, CheckinToday>;
    /** `month` omitted: the current community month. */
    calendar: Action<{ month?: string }, CheckinCalendar>;
    makeup: Action<WriteParams & { day: string }, MakeupDone>;
    /** Attach (or replace) the note on today's check-in. */
    note: Action<WriteParams & { text?: string; images?: string[] }, { day: string; note: CheckinNoteView }>;
    /** Count one share of the check-in card (per member and per community day). */
    share: Action<WriteParams, { day: string; sharesToday: number }>;
    /** Owner: shares and distinct sharing members per day, newest first (default 14 days). */
    shareStats: Action<{ days?: number }, { days: Array<{ day: string; shares: number; members: number }> }>;
  };
  settings: {
    get: Action<Record<string, never>, { name: string; timezone: string; checkin: CheckinRulesView }>;
    updateCheckinRules: Action<WriteParams & { rules: CheckinRulesView }, { checkin: CheckinRulesView; changed: boolean }>;
    log: Action<{ limit?: number; after?: string }, { entries: SettingsLogEntry[]; next: string | null }>;
    /** Owner: entry rules, questions, nickname format, profile fields, welcome points, 群规, tags, 话术, weights (issue 16). */
    updateEntry: Action<WriteParams & { entry: EntryInput }, { entry: EntrySettings }>;
    /** Host: the entry settings as stored (with defaults). */
    entry: Action<Record<string, never>, { entry: EntrySettings }>;
    /** Owner: the red-packet month budget and this month's used / left (issue 19). */
    packetBudget: Action<Record<string, never>, PacketBudgetView>;
    /** Owner: set the red-packet month budget (0–1,000,000); logged like other rule changes. */
    updatePacketBudget: Action<WriteParams & { packetMonthlyBudget: number }, PacketBudgetView & { changed: boolean }>;
    /** Owner (issue 15): the thresholds of a group's lifecycle stage (群健康度). */
    updateGroupStages: Action<WriteParams & { stage: StageThresholdsView }, { stage: StageThresholdsView; changed: boolean }>;
    /** Owner: the referral rewards and funnel windows as they are now. */
    rules: Action<Record<string, never>, { referral: ReferralRulesView; funnel: FunnelWindowsView; tiers: TierRulesView; expiry: ExpiryPolicyView; vip: VipRulesView }>;
    /** Owner: plan names, days and prices (new orders only), the VIP tier floor and reminder leads. */
    updateVipRules: Action<WriteParams & { rules: VipRulesView }, { vip: VipRulesView; changed: boolean }>;
    /** Owner: what `policy` would mean (points due next month, when today's points would expire). */
    expiryPreview: Action<{ policy: ExpiryPolicyView }, ExpiryPreview>;
    /** Owner: points credited from now on expire by `policy`; earlier points keep their expiry. */
    updateExpiryPolicy: Action<WriteParams & { policy: ExpiryPolicyView }, { expiry: ExpiryPolicyView; changed: boolean }>;
    updateTierRules: Action<WriteParams & { rules: TierRulesView }, { tiers: TierRulesView; changed: boolean }>;
    updateReferralRules: Action<WriteParams & { rules: ReferralRulesView }, { referral: ReferralRulesView; changed: boolean }>;
    updateFunnelWindows: Action<WriteParams & { rules: FunnelWindowsView }, { funnel: FunnelWindowsView; changed: boolean }>;
  };
  points: {
    balance: Action<Record<string, never>, PointsBalance>;
    history: Action<{ limit?: number; after?: string; filter?: HistoryFilter }, { entries: LedgerEntryView[]; next: string | null }>;
    /** Above the host's daily limit the adjustment waits for an owner (`status: 'pending'`, no points moved). */
    adjust: Action<WriteParams & { memberId: string; delta: number; reason: string }, AdjustResult>;
    reverse: Action<WriteParams & { entryId: string; reason: string }, { entry: LedgerEntryView; balance: number }>;
    adjustments: Action<{ limit?: number; after?: string }, { adjustments: AdjustmentView[]; next: string | null }>;
    /** Owner: adjustments waiting for approval, oldest first. */
    pendingAdjustments: Action<{ limit?: number; after?: string }, { adjustments: AdjustmentView[]; next: string | null }>;
    /** Owner: approve (the points move, once) or reject a pending adjustment. */
    reviewAdjustment: Action<WriteParams & { adjustmentId: string; decision: 'approve' | 'reject' }, { adjustment: AdjustmentView; balance: number | null }>;
    audit: Action<Record<string, never>, PointsAudit>;
    liability: Action<Record<string, never>, PointsLiability>;
  };
  funnel: {
    /** `groupId` (issue 15): only members acquired through that group (VALIDATION for an unknown group). */
    overview: Action<{ from: string; to: string; channel?: Channel; groupId?: string }, FunnelOverview>;
    cohorts: Action<{ from: string; to: string; channel?: Channel; groupId?: string }, FunnelCohorts>;
    /** `groupId` (issue 15): the group's own metrics instead of the community's. */
    metrics: Action<{ groupId?: string }, OperatingMetrics>;
    /** `templateId`: the subscription template reminders go out on (default the local one). */
    segments: Action<{ limit?: number; after?: string; templateId?: string }, MemberSegments>;
    /** Owner: remind one inactive member (at most once a community day), spending one unit of their subscription quota. */
    remindInactive: Action<WriteParams & { memberId: string; templateId?: string }, InactiveReminder>;
    exportSegment: Action<{ dimension: SegmentDimension; value: string }, SegmentExport>;
    /** Owner (issue 16): the funnel stages of members who joined in the range, by the answers to one profile choice field. */
    profileBreakdown: Action<{ from: string; to: string; field?: string }, ProfileBreakdown>;
  };
  mall: {
    list: Action<Record<string, never>, { items: ItemView[]; balance: number }>;
    saveItem: Action<WriteParams & { item: ItemInput }, { item: ItemView }>;
    redeem: Action<WriteParams & { itemId: string; qty: number; address?: Address }, { order: OrderView; balance: number }>;
    myOrders: Action<{ limit?: number; after?: string }, { orders: OrderView[]; next: string | null }>;
    orders: Action<{ status?: OrderStatus; limit?: number; after?: string }, { orders: OrderView[]; next: string | null }>;
    fulfill: Action<WriteParams & { orderId: string; note: string }, { order: OrderView }>;
    confirm: Action<WriteParams & { orderId: string }, { order: OrderView }>;
    cancel: Action<WriteParams & { orderId: string; reason: string }, { order: OrderView; refunded: number; message: string }>;
  };
  lessons: LessonsContract;
  activities: ActivitiesContract;
  campaign: CampaignContract;
  vip: VipContract;
  games: GamesContract;
  support: SupportContract;
  group: GroupContract;
  referral: {
    mine: Action<Record<string, never>, { code: string; sharePath: string; invitees: InviteeView[]; totals: { invited: number; activated: number; converted: number; points: number } }>;
    board: Action<Record<string, never>, { month: string; leaders: Array<{ rank: number; name: string; activated: number; isMe: boolean }> }>;
    poster: Action<Record<string, never>, { image: string | null; scene: string; sharePath: string }>;
    held: Action<{ limit?: number; after?: string }, { referrals: HeldReferralView[]; next: string | null }>;
    review: Action<WriteParams & { inviteeId: string; decision: 'approved' | 'rejected' }, { referral: HeldReferralView }>;
    overview: Action<Record<string, never>, ReferralOverview>;
  };
  cron: {
    run: Action<{ job: CronJob }, CronRun>;
    recomputeFunnel: Action<WriteParams, FunnelRepair>;
  };
  posts: PostsContract;
  sop: SopContract;
}

/** 积分明细 filters: everything, credits, debits, expiries. */
export type HistoryFilter = 'all' | 'earn' | 'spend' | 'expire';

/** Answer of `points.balance`: spendable points and what expires soon. */
export interface PointsBalance {
  balance: number;
  lifetimeEarned: number;
  /** Points expiring within 30 days and the soonest such expiry, or null. */
  expiringSoon: { points: number; at: string } | null;
}

/** One manual adjustment in the owner's log. */
export interface AdjustmentView {
  id: string;
  memberId: string;
  memberName: string;
  byId: string;
  byName: string;
  delta: number;
  reason: string;
  createdAt: string;
  /** applied: within the limit; pending: waits for an owner; approved / rejected: the owner's decision. */
  state: AdjustmentState;
  reviewedByName: string | null;
  reviewedAt: string | null;
}

/** Where a manual adjustment stands. */
export type AdjustmentState = 'applied' | 'pending' | 'approved' | 'rejected';

/** Answer of `points.adjust`: applied now (entry and balance), or waiting for an owner (no points moved). */
export interface AdjustResult {
  status: 'applied' | 'pending';
  entry: LedgerEntryView | null;
  balance: number | null;
  adjustment: AdjustmentView;
}

/** One broken invariant found by the audit. */
export interface AuditMismatch {
  memberId: string;
  check: 'balance_vs_entries' | 'balance_vs_lots' | 'negative_balance' | 'negative_lot' | 'duplicate_entry';
  expected: number;
  actual: number;
}

/** Answer of `points.audit` (owner). */
export interface PointsAudit {
  checkedAccounts: number;
  checkedEntries: number;
  mismatches: AuditMismatch[];
  /** Points in lots past expiry that the next cron run will expire. */
  pendingExpiry: number;
  at: string;
}

/** Answer of `points.liability` (owner): the incentive liability and its monthly flow. */
export interface PointsLiability {
  outstanding: number;
  months: Array<{ month: string; issued: number; redeemed: number; expired: number }>;
}

/** Jobs the `cron` function runs on its timer (and an owner may run on demand). */
export type CronJob =
  | 'expirePoints'
  | 'lessonReminders'
  | 'evaluateTiers'
  | 'vipReminders'
  | 'pruneRateCounters'
  // games (issue 19)
  | 'expirePackets'
  | 'drawLotteries'
  | 'rankBoards'
  // content (issue 17)
  | 'publishPosts'
  | 'draftDigests'
  | 'checkinReminders'
  // groups (issue 15)
  | 'settlePks'
  // support desk (issue 18): overdue items, one notice per item to the owner
  | 'supportOverdue'
  // contribution board (issue 19 item 1)
  | 'refreshContributions'
  // member facets of profiles and tags saved before facets existed (issue 16)
  | 'backfillFacets';

/** What one cron run did. */
export interface CronRun {
  job: CronJob;
  accounts: number;
  points: number;
  /** `lessonReminders`: reminders written to the outbox or sent. */
  messages?: number;
}

/** A figure that depends on a capability not built yet says so instead of showing zero. */
export type Availability = { status: 'available' } | { status: 'unavailable'; reason: string };

/** Funnel stage keys in order: 拉新 → 激活 → 留存 → 转化. */
export type FunnelStageKey = 'acquired' | 'activated' | 'retained' | 'converted';

/** One funnel stage; ratios are 0–1 and null when there is nobody to divide by. */
export interface FunnelStageView {
  key: FunnelStageKey;
  count: number;
  stepConversion: number | null;
  overallConversion: number | null;
  /** Members lost since the previous stage. */
  dropOff: number;
  /** Median days from joining to reaching the stage (null for acquired or nobody). */
  medianDaysToReach: number | null;
  availability: Availability;
}

/** Stage counts of one channel. */
export interface FunnelChannelRow {
  channel: Channel;
  acquired: number;
  activated: number;
  retained: number;
  converted: number;
}

/** The windows the milestones were computed with (days of membership; the join day is day 1). */
export interface FunnelWindowsView {
  activationDays: number;
  retentionFromDay: number;
  retentionToDay: number;
  retentionMinActiveDays: number;
  conversionDays: number;
  inactiveAfterDays: number;
}

/** Answer of `funnel.overview` (owner): members who joined between `from` and `to` inclusive. */
export interface FunnelOverview {
  from: string;
  to: string;
  channel: Channel | null;
  /** The group filtered on (members acquired through it), or null. */
  groupId: string | null;
  today: string;
  stages: FunnelStageView[];
  channels: FunnelChannelRow[];
  /** New members per calendar week (Monday start) in the range. */
  weekly: Array<{ week: string; acquired: number }>;
  windows: FunnelWindowsView;
  /** Members in range whose window for a stage is still open today (they may still reach it). */
  openWindows: { activated: number; retained: number; converted: number };
}

/** Answer of `funnel.cohorts`: weekly join cohorts × weeks since joining, share active (null: not over yet). */
export interface FunnelCohorts {
  today: string;
  rows: Array<{ week: string; members: number; shares: Array<number | null> }>;
}

/** One operating metric with its definition; unavailable ones carry the reason instead of a value. */
export interface MetricView {
  key: string;
  label: string;
  definition: string;
  unit: 'count' | 'ratio' | 'points' | 'minutes' | 'score';
  value: number | null;
  availability: Availability;
}

/** Answer of `funnel.metrics`. */
export interface OperatingMetrics {
  today: string;
  /** The group the metrics are of, or null for the whole community. */
  groupId: string | null;
  metrics: MetricView[];
}

/** Dimensions a member segment can be cut by. */
/** `tag` (value: the tag) and `profile` (value: `<field key>=<answer>`) come from issue 16. */
export type SegmentDimension = 'channel' | 'joinMonth' | 'activity' | 'inactive' | 'tier' | 'tag' | 'profile';

/** One member on the inactive list (活跃度警示). */
export interface InactiveMemberView {
  id: string;
  nickname: string;
  channel: Channel;
  joinDay: string;
  lastActiveDay: string | null;
  quietDays: number;
  /** They have subscription quota left on the reminder template, so a reminder reaches them. */
  reachable: boolean;
  needsCleanup: boolean;
}

/** Answer of `funnel.segments`: counts per dimension plus the inactive list. */
export interface MemberSegments {
  today: string;
  inactiveAfterDays: number;
  groups: Array<{ dimension: SegmentDimension; label: string; availability: Availability; items: Array<{ value: string; label: string; count: number }> }>;
  /** Staff (hosts, owners) are never on it; `reachable`: how many on this page a reminder reaches. */
  inactive: { members: InactiveMemberView[]; total: number; reachable: number; next: string | null };
}

/** Answer of `funnel.profileBreakdown`: the choice fields to pick from, and stage counts per answer of the picked one. */
export interface ProfileBreakdown {
  /** Profile choice fields, then `#tag` (标签: one row per tag of the owner's list) when tags exist. */
  fields: Array<{ key: string; label: string }>;
  field: string | null;
  rows: Array<{ value: string; acquired: number; activated: number; retained: number; converted: number }>;
  /** True when an answer had more members than one breakdown reads. */
  truncated: boolean;
}

/** Answer of `funnel.exportSegment`: the segment's members as CSV text. */
export interface SegmentExport {
  filename: string;
  rows: number;
  /** True when the segment had more members than one export carries. */
  truncated: boolean;
  csv: string;
}

/** Answer of `cron.recomputeFunnel`. */
export interface FunnelRepair {
  members: number;
  rollups: number;
  /** Rollups that differed from the recomputed ones and were rewritten. */
  changed: number;
}

/** What a mall item is: shipped goods, a coupon code, or something granted in the app. */
export type ItemKind = 'physical' | 'coupon' | 'virtual';

/** What a virtual item grants: makeup cards (补签卡) or paid-VIP days. */
export interface VirtualGrant {
  type: 'makeup_card' | 'vip_days';
  amount: number;
}

/** An item as the owner edits it (`mall.saveItem`; no id creates). */
export interface ItemInput {
  id?: string;
  title: string;
  description: string;
  image: string;
  pointsPrice: number;
  stock: number;
  perMemberLimit: number | null;
  limitPeriod: 'day' | 'week' | 'month' | 'ever';
  minTier: 'normal' | 'silver' | 'gold' | 'diamond' | null;
  saleStartsAt: string | null;
  saleEndsAt: string | null;
  kind: ItemKind;
  virtual: VirtualGrant | null;
  listed: boolean;
}

/** An item as a member browses it, with whether and why not they can redeem it now. */
export interface ItemView extends Required<Omit<ItemInput, 'id'>> {
  id: string;
  sold: number;
  /** How many of this item the member already redeemed in the current limit period. */
  used: number;
  redeemable: boolean;
  /** The Chinese reason it cannot be redeemed (not enough points, tier too low, …), or null. */
  blockedBy: string | null;
}

/** A delivery address for physical items (from Taro.chooseAddress on weapp, a form on h5). */
export interface Address {
  name: string;
  phone: string;
  region: string;
  detail: string;
}

/** placed → fulfilled → completed, or cancelled (with a refund). */
export type OrderStatus = 'placed' | 'fulfilled' | 'completed' | 'cancelled';

/** An order as its member and the hosts see it. */
export interface OrderView {
  id: string;
  memberId: string;
  memberName: string;
  itemId: string;
  itemTitle: string;
  kind: ItemKind;
  qty: number;
  totalPoints: number;
  status: OrderStatus;
  address: Address | null;
  /** Tracking note or coupon code given when fulfilled. */
  fulfilment: string | null;
  cancelReason: string | null;
  createdAt: string;
  fulfilledAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
}

/** One reward on a referral and why it was or wasn't paid, as the inviter reads it. */
export interface ReferralRewardView {
  status: 'pending' | 'paid' | 'capped' | 'held' | 'rejected';
  amount: number;
  reason: string;
}

/** One invitee as their inviter sees them (name masked). */
export interface InviteeView {
  name: string;
  state: 'registered' | 'activated' | 'converted';
  registeredAt: string;
  activation: ReferralRewardView;
  conversion: ReferralRewardView;
}

/** A referral in the owner's review queue or overview. */
export interface HeldReferralView {
  inviteeId: string;
  inviteeName: string;
  inviterId: string;
  inviterName: string;
  hold: 'velocity' | 'network' | 'risk' | null;
  state: 'registered' | 'activated' | 'converted';
  review: 'approved' | 'rejected' | null;
  registeredAt: string;
}

/** Answer of `referral.overview` (owner). */
export interface ReferralOverview {
  members: number;
  invitersWithActivation: number;
  /** Members with ≥ 1 activated invite ÷ members. */
  referralRate: number;
  byState: { registered: number; activated: number; converted: number };
  held: number;
  rewardsPaid: number;
}

/** Names of the deployable cloud functions. */
export type FunctionName = keyof Contracts;

/** Action names of one function. */
export type ActionName<F extends FunctionName> = keyof Contracts[F] & string;

/** Params of one action, as sent without the `action` field. */
export type ParamsOf<F extends FunctionName, A extends ActionName<F>> = Contracts[F][A] extends Action<infer P, unknown>
  ? P
  : never;

/** Success data of one action. */
export type ResultOf<F extends FunctionName, A extends ActionName<F>> = Contracts[F][A] extends Action<unknown, infer R>
  ? R
  : never;

/** The event a cloud function receives: the action name plus its params. */
export type EventOf<F extends FunctionName, A extends ActionName<F>> = { action: A } & ParamsOf<F, A>;

/** A demo identity offered by the local gateway's role picker (`GET /api/_local/personas`, local mode only). */
export interface Persona {
  openid: string;
  label: string;
  role: Role;
  detail: string;
}
