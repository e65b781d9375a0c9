import type { Action, WriteParams } from './api';

/** Tier keys, lowest first (普通 / 白银 / 黄金 / 钻石 by default). */
export type TierKeyView = 'normal' | 'silver' | 'gold' | 'diamond';

/** One tier of the table with its benefits. */
export interface TierBenefitView {
  key: TierKeyView;
  name: string;
  threshold: number;
  /** Points multiplier on check-ins and lessons (1.2 = ×1.2). */
  multiplier: number;
  badge: string;
}

/** "30 天内再获得 120 成长值可保持黄金": what keeping the stored tier takes (need 0 = safe). */
export interface KeepTierView {
  tier: TierKeyView;
  name: string;
  need: number;
  by: string;
  days: number;
  inGrace: boolean;
  text: string;
}

/** Answer of `vip.status`: where the member stands and what it takes to move. */
export interface TierStatus {
  /** Stored (earned) tier. */
  tier: TierBenefitView;
  /** Tier whose benefits apply now (the earned tier lifted to the VIP floor while VIP lasts). */
  benefits: TierBenefitView;
  growth: number;
  windowDays: number;
  next: { key: TierKeyView; name: string; threshold: number; need: number } | null;
  /** 0–1 progress from the current tier's threshold to the next. */
  progress: number;
  preview: KeepTierView | null;
  tiers: TierBenefitView[];
  vip: {
    active: boolean;
    until: string | null;
    daysLeft: number | null;
    floorTierName: string | null;
    /** Renewal reminders this member can still receive (one-time subscriptions). */
    reminderQuota: number;
    templateId: string;
    /** Plans sold through WeChat Pay (price in fen). */
    plans: VipPlanView[];
  };
}

/** One paid-VIP plan: days for a price in fen (分). */
export interface VipPlanView {
  id: string;
  name: string;
  days: number;
  priceFen: number;
}

/** Answer of `vip.buy`: the order and what the client pays it with. */
export interface VipPurchase {
  orderId: string;
  plan: VipPlanView;
  /** Parameters for `wx.requestPayment` on WeChat; null in local mode. */
  payment: Record<string, unknown> | null;
  /** Local mode: the gateway's `/api/_local/pay` simulates the payment callback. */
  simulated: boolean;
}

/** One VIP expiring soon (owner view). */
export interface ExpiringVipView {
  memberId: string;
  nickname: string;
  vipUntil: string;
  daysLeft: number;
}

/** One member the next evaluation would lower by a tier (owner view). */
export interface DowngradeView {
  memberId: string;
  nickname: string;
  tier: TierKeyView;
  tierName: string;
  toName: string;
  growth: number;
  threshold: number;
  graceUntil: string;
}

/** Answer of `vip.overview` (owner). */
export interface VipOverview {
  members: number;
  distribution: Array<{ tier: TierKeyView; name: string; badge: string; count: number }>;
  vips: number;
  expiring: ExpiringVipView[];
  /** Per month of expiry: terms due, terms renewed before they ran out, renewed ÷ due. */
  renewal: Array<{ month: string; due: number; renewed: number; rate: number | null }>;
  nextEvaluation: string;
  wouldDowngrade: DowngradeView[];
}

/** The `vip` cloud function: tiers, paid VIP and renewals. */
export interface VipContract {
  status: Action<Record<string, never>, TierStatus>;
  /** Owner: grant paid-VIP days after an offline payment (1–3650 days, with a note). */
  grant: Action<WriteParams & { memberId: string; days: number; note: string }, { memberId: string; nickname: string; vipUntil: string; previous: string | null }>;
  /** Member accepted one renewal-reminder subscription message (one-time quota +1). */
  subscribe: Action<WriteParams & { templateId?: string }, { quota: number }>;
  overview: Action<Record<string, never>, VipOverview>;
  /** Member: create a WeChat Pay order for a plan (the payment callback extends VIP once). */
  buy: Action<WriteParams & { planId: string }, VipPurchase>;
}
