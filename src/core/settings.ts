import { DEFAULT_CHECKIN_RULES, type CheckinRules } from './checkinRules';
import { DEFAULT_TIMEZONE } from './day';
import { DEFAULT_ENTRY, type EntrySettings } from './entry';
import { DEFAULT_TIER_SETTINGS, DEFAULT_VIP_SETTINGS, type TierSettings, type VipSettings } from './tiers';
import { DEFAULT_SUPPORT_SETTINGS, type SupportSettings } from './support';

/** Makeup (补签) rules: how far back, how often a month, and the price in points. */
export interface MakeupRules {
  windowDays: number;
  monthlyQuota: number;
  costPoints: number;
}

/** When credited points expire (docs/domain.md). */
export type ExpiryPolicy = { kind: 'never' } | { kind: 'rolling'; days: number } | { kind: 'end_of_next_year' };

/** Funnel windows (docs/domain.md), in days since joining. */
export interface FunnelWindows {
  activationDays: number;
  retentionFromDay: number;
  retentionToDay: number;
  retentionMinActiveDays: number;
  conversionDays: number;
  inactiveAfterDays: number;
}

/** Referral (邀请有奖) rewards and fraud guards. */
export interface ReferralRules {
  /** Points to the inviter when the invitee first checks in. */
  activationReward: number;
  /** Points to the inviter when the invitee becomes a paid VIP. */
  conversionReward: number;
  /** Points to the invitee on activation (0: none). */
  welcomeReward: number;
  /** Most activation rewards one inviter receives per community day. */
  dailyCap: number;
  /** Bonuses at totals of rewarded activations. */
  milestones: Array<{ count: number; bonus: number }>;
  /** Registrations per inviter per hour above which new referrals are held for review. */
  velocityPerHour: number;
}

/** Community-wide settings the owner controls; stored as one document, defaults filled in. */
export interface CommunitySettings {
  name: string;
  timezone: string;
  checkin: CheckinRules & { makeup: MakeupRules };
  /** `hostDailyAdjustLimit`: Σ|delta| of manual adjustments one host may make per community day before an owner must approve. */
  points: { expiry: ExpiryPolicy; hostDailyAdjustLimit: number };
  funnel: FunnelWindows;
  referral: ReferralRules;
  /** Tier table, growth window, downgrade grace (issue 7). */
  tiers: TierSettings;
  /** Paid VIP: tier floor while paying, renewal reminder leads. */
  vip: VipSettings;
  /** Games (issue 19): points hosts and owners may put into red packets per community month. */
  games: GameSettings;
  /** Support desk: working hours, service levels, answer rewards (issue 18). */
  support: SupportSettings;
  /** Posts and topics (issue 17). */
  posts: PostSettings;
  /** Entry rules, 入群仪式, tags, greetings and contribution weights (issue 16). */
  entry: EntrySettings;
  /** WeChat groups (issue 15): the thresholds of a group's lifecycle stage (群健康度), owner-editable. */
  groups: GroupSettings;
}

/** Group settings: lifecycle-stage thresholds (members seen; rates and shares in per mille). */
export interface GroupSettings {
  stage: { startingMembers: number; declineDrop: number; silentMax: number; growthRise: number };
}

/** Budgets of the activation games. */
export interface GameSettings {
  packetMonthlyBudget: number;
}

/** 每日话题 reply points: once per member and topic, at most `dailyCap` rewarded replies a community day. */
export interface PostSettings {
  topicReplyPoints: number;
  topicDailyCap: number;
  /** Admitted members may start 每日话题-style topics themselves (会员自发话题); off by default. */
  membersMayPost: boolean;
}

/** What a brand-new community starts with. */
export const DEFAULT_SETTINGS: CommunitySettings = {
  name: '群运示范社群',
  timezone: DEFAULT_TIMEZONE,
  checkin: { ...DEFAULT_CHECKIN_RULES, makeup: { windowDays: 3, monthlyQuota: 2, costPoints: 20 } },
  points: { expiry: { kind: 'end_of_next_year' }, hostDailyAdjustLimit: 2000 },
  referral: {
    activationReward: 50,
    conversionReward: 200,
    welcomeReward: 10,
    dailyCap: 10,
    milestones: [
      { count: 5, bonus: 100 },
      { count: 20, bonus: 500 },
    ],
    velocityPerHour: 20,
  },
  tiers: DEFAULT_TIER_SETTINGS,
  vip: DEFAULT_VIP_SETTINGS,
  games: { packetMonthlyBudget: 20_000 },
  support: DEFAULT_SUPPORT_SETTINGS,
  posts: { topicReplyPoints: 5, topicDailyCap: 3, membersMayPost: false },
  entry: DEFAULT_ENTRY,
  groups: { stage: { startingMembers: 20, declineDrop: 100, silentMax: 600, growthRise: 50 } },
  funnel: {
    activationDays: 7,
    retentionFromDay: 8,
    retentionToDay: 30,
    retentionMinActiveDays: 3,
    conversionDays: 60,
    inactiveAfterDays: 14,
  },
};

type Stored = {
  name?: string;
  timezone?: string;
  checkin?: Partial<CheckinRules & { makeup: Partial<MakeupRules> }>;
  points?: { expiry?: ExpiryPolicy; hostDailyAdjustLimit?: number };
  funnel?: Partial<FunnelWindows>;
  referral?: Partial<ReferralRules>;
  tiers?: Partial<TierSettings>;
  vip?: Partial<VipSettings>;
  games?: Partial<GameSettings>;
  support?: Partial<SupportSettings>;
  posts?: Partial<PostSettings>;
  entry?: Partial<EntrySettings>;
  groups?: { stage?: Partial<GroupSettings['stage']> };
};

/** Stored (possibly partial, possibly older) settings with every missing field defaulted. */
export function withDefaults(stored: Stored | null | undefined): CommunitySettings {
  const d = DEFAULT_SETTINGS;
  return {
    name: stored?.name ?? d.name,
    timezone: stored?.timezone ?? d.timezone,
    checkin: {
      ...d.checkin,
      ...(stored?.checkin ?? {}),
      makeup: { ...d.checkin.makeup, ...(stored?.checkin?.makeup ?? {}) },
    },
    points: { expiry: stored?.points?.expiry ?? d.points.expiry, hostDailyAdjustLimit: stored?.points?.hostDailyAdjustLimit ?? d.points.hostDailyAdjustLimit },
    funnel: { ...d.funnel, ...(stored?.funnel ?? {}) },
    referral: { ...d.referral, ...(stored?.referral ?? {}) },
    tiers: { ...d.tiers, ...(stored?.tiers ?? {}) },
    vip: { ...d.vip, ...(stored?.vip ?? {}) },
    games: { ...d.games, ...(stored?.games ?? {}) },
    support: { ...d.support, ...(stored?.support ?? {}) },
    posts: { ...d.posts, ...(stored?.posts ?? {}) },
    entry: { ...d.entry, ...(stored?.entry ?? {}), contributionWeights: { ...d.entry.contributionWeights, ...(stored?.entry?.contributionWeights ?? {}) } },
    groups: { stage: { ...d.groups.stage, ...(stored?.groups?.stage ?? {}) } },
  };
}
