import type { ReferralRules } from './settings';

/** Where a referral stands: registered → activated (first check-in) → converted (paid VIP). */
export type ReferralState = 'registered' | 'activated' | 'converted';

/** Why a referral is waiting for the owner, if it is. */
export type HoldReason = 'velocity' | 'network' | 'risk';

/** The owner's decision on a held referral. */
export type ReviewDecision = 'approved' | 'rejected';

/** What happened to one reward, so the inviter can see why it was or wasn't paid. */
export type RewardStatus = 'pending' | 'paid' | 'capped' | 'held' | 'rejected';

/** One reward line on a referral. */
export interface RewardOutcome {
  status: RewardStatus;
  amount: number;
}

/** The Chinese explanation an inviter reads for a reward status. */
export const REWARD_REASON: Record<RewardStatus, string> = {
  pending: '好友还未完成首次签到',
  paid: '奖励已发放',
  capped: '当日邀请奖励已达上限',
  held: '邀请异常，等待群主审核',
  rejected: '群主审核未通过',
};

/** The Chinese name of a referral state. */
export const REFERRAL_STATE_LABEL: Record<ReferralState, string> = { registered: '已注册', activated: '已激活', converted: '已付费' };

/**
 * Decide an activation reward: held or rejected referrals are not paid; otherwise paid while the
 * inviter has had fewer than `dailyCap` rewarded activations today.
 */
export function activationOutcome(rules: ReferralRules, rewardedToday: number, hold: HoldReason | null, review: ReviewDecision | null): RewardOutcome {
  if (review === 'rejected') return { status: 'rejected', amount: 0 };
  if (hold && review !== 'approved') return { status: 'held', amount: 0 };
  if (rewardedToday >= rules.dailyCap) return { status: 'capped', amount: 0 };
  return { status: 'paid', amount: rules.activationReward };
}

/** The milestone bonus earned by reaching exactly `rewardedTotal` rewarded activations, if any. */
export function milestoneBonus(rules: ReferralRules, rewardedTotal: number): number {
  return rules.milestones.filter((m) => m.count === rewardedTotal).reduce((sum, m) => sum + m.bonus, 0);
}

/** Whether one more registration in this hour (after `registeredThisHour`) trips the velocity guard. */
export function exceedsVelocity(rules: ReferralRules, registeredThisHour: number): boolean {
  return registeredThisHour + 1 > rules.velocityPerHour;
}

/** The hour bucket of an instant, for velocity counting. */
export function hourKey(iso: string): string {
  return iso.slice(0, 13);
}

/** A nickname with its middle hidden, as an inviter sees their invitees (张*明, 会*). */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
