import type { Channel } from '../../../types/domain';
import { addDays, dayKey } from '../../core/day';
import { AppError } from '../../core/errors';
import {
  activationOutcome,
  exceedsVelocity,
  hourKey,
  milestoneBonus,
  type HoldReason,
  type ReferralState,
  type RewardOutcome,
  type ReviewDecision,
} from '../../core/referral';
import type { CommunitySettings } from '../../core/settings';
import { post, type Posting } from './ledger';
import { addContribution } from './contribution';
import type { Doc, Tx } from '../store/port';

/** One referral (`referrals/<inviteeId>`): created once, at the invitee's first login. */
export interface ReferralDoc extends Doc {
  inviterId: string;
  inviteeId: string;
  inviteeName: string;
  code: string;
  channel: Channel;
  state: ReferralState;
  hold: HoldReason | null;
  review: ReviewDecision | null;
  /** 'held' while waiting for the owner (indexed: the review queue). */
  queue: 'held' | 'none';
  registeredAt: string;
  activatedAt: string | null;
  convertedAt: string | null;
  activation: RewardOutcome;
  conversion: RewardOutcome;
  welcome: RewardOutcome;
}

/** Per-inviter counters (`referralStats/<inviterId>`): velocity, daily cap, milestones, totals. */
export interface ReferralStatsDoc extends Doc {
  hourly: Record<string, number>;
  daily: Record<string, number>;
  rewardedTotal: number;
  activatedTotal: number;
  rewardPoints: number;
}

/** This month's activated invites per inviter (`referralBoard/<YYYY-MM>:<inviterId>`), for the leaderboard. */
export interface BoardDoc extends Doc {
  month: string;
  inviterId: string;
  activated: number;
}

const PENDING: RewardOutcome = { status: 'pending', amount: 0 };

function emptyStats(id: string): ReferralStatsDoc {
  return { id, hourly: {}, daily: {}, rewardedTotal: 0, activatedTotal: 0, rewardPoints: 0 };
}

function keepRecent(map: Record<string, number>, keep: (key: string) => boolean): Record<string, number> {
  return Object.fromEntries(Object.entries(map).filter(([k]) => keep(k)));
}

/**
 * Record a referral inside the invitee's registration transaction. Suspicious sign-ups (more than
 * the hourly velocity for one inviter or from one client IP, or a high WeChat risk rank) are held
 * for the owner.
 */
export async function recordReferral(
  tx: Tx,
  args: { inviterId: string; inviteeId: string; inviteeName: string; code: string; channel: Channel; risk: 'low' | 'high'; sameNetworkThisHour?: number },
  now: Date,
  settings: CommunitySettings,
): Promise<ReferralDoc> {
  const nowIso = now.toISOString();
  const stats = (await tx.get('referralStats', args.inviterId)) ?? emptyStats(args.inviterId);
  const hour = hourKey(nowIso);
  const thisHour = stats.hourly[hour] ?? 0;
  const hold: HoldReason | null =
    args.risk === 'high'
      ? 'risk'
      : exceedsVelocity(settings.referral, thisHour)
        ? 'velocity'
        : exceedsVelocity(settings.referral, (args.sameNetworkThisHour ?? 1) - 1)
          ? 'network'
          : null;
  const lastHour = hourKey(new Date(now.getTime() - 3_600_000).toISOString());
  await tx.set('referralStats', { ...stats, hourly: { ...keepRecent(stats.hourly, (k) => k >= lastHour), [hour]: thisHour + 1 } });
  const referral: ReferralDoc = {
    id: args.inviteeId,
    inviterId: args.inviterId,
    inviteeId: args.inviteeId,
    inviteeName: args.inviteeName,
    code: args.code,
    channel: args.channel,
    state: 'registered',
    hold,
    review: null,
    queue: hold ? 'held' : 'none',
    registeredAt: nowIso,
    activatedAt: null,
    convertedAt: null,
    activation: hold ? { status: 'held', amount: 0 } : PENDING,
    conversion: hold ? { status: 'held', amount: 0 } : PENDING,
    welcome: hold ? { status: 'held', amount: 0 } : PENDING,
  };
  await tx.create('referrals', referral);
  return referral;
}

/**
 * Decide (with the reason recorded) the inviter's activation reward and any milestone bonus and
 * return their postings for the caller to post with the inviter's other lines, so the inviter's
 * account is written once per body; reads and writes the inviter's stats once (and the board when
 * `countActivation`).
 */
async function settleActivation(
  tx: Tx,
  referral: ReferralDoc,
  now: Date,
  settings: CommunitySettings,
  countActivation: boolean,
): Promise<{ activation: RewardOutcome; welcome: RewardOutcome; postings: Posting[] }> {
  const today = dayKey(now, settings.timezone);
  const stats = (await tx.get('referralStats', referral.inviterId)) ?? emptyStats(referral.inviterId);
  const rewardedToday = stats.daily[today] ?? 0;
  const activation = activationOutcome(settings.referral, rewardedToday, referral.hold, referral.review);
  const rewardable = activation.status === 'paid' || activation.status === 'capped';
  const welcome: RewardOutcome = rewardable ? { status: 'paid', amount: settings.referral.welcomeReward } : { status: activation.status, amount: 0 };
  const postings: Posting[] = [];
  let rewardedTotal = stats.rewardedTotal;
  if (activation.status === 'paid') {
    rewardedTotal += 1;
    postings.push({ key: `referral:activate:${referral.inviteeId}`, delta: activation.amount, reason: 'referral', ref: referral.inviteeId, note: `邀请好友${referral.inviteeName}完成首次签到` });
    const bonus = milestoneBonus(settings.referral, rewardedTotal);
    if (bonus > 0) postings.push({ key: `referral:milestone:${referral.inviterId}:${rewardedTotal}`, delta: bonus, reason: 'referral', ref: `milestone:${rewardedTotal}`, note: `累计邀请激活 ${rewardedTotal} 人` });
  }
  if (countActivation) {
    const month = today.slice(0, 7);
    const boardId = `${month}:${referral.inviterId}`;
    const board = (await tx.get('referralBoard', boardId)) ?? { id: boardId, month, inviterId: referral.inviterId, activated: 0 };
    await tx.set('referralBoard', { ...board, activated: board.activated + 1 });
  }
  const since = addDays(today, -2);
  await tx.set('referralStats', {
    ...stats,
    daily: { ...keepRecent(stats.daily, (k) => k >= since), ...(activation.status === 'paid' ? { [today]: rewardedToday + 1 } : {}) },
    rewardedTotal,
    activatedTotal: stats.activatedTotal + (countActivation ? 1 : 0),
    rewardPoints: stats.rewardPoints + postings.reduce((sum, p) => sum + p.delta, 0),
  });
  return { activation, welcome, postings };
}

function welcomePosting(referral: ReferralDoc, welcome: RewardOutcome): Posting[] {
  return welcome.status === 'paid' && welcome.amount > 0
    ? [{ key: `referral:welcome:${referral.inviteeId}`, delta: welcome.amount, reason: 'referral', ref: referral.inviterId, note: '受邀首次签到奖励' }]
    : [];
}

/**
 * The invitee's first check-in, inside its transaction: mark the referral activated, pay the
 * inviter (cap, holds and milestones applied) and return the invitee's welcome posting, which the
 * caller adds to its own ledger posting so the invitee's account is written once.
 */
export async function activateReferral(tx: Tx, inviteeId: string, now: Date, settings: CommunitySettings): Promise<Posting[]> {
  const referral = await tx.get('referrals', inviteeId);
  if (!referral || referral.activatedAt !== null) return [];
  const { activation, welcome, postings } = await settleActivation(tx, referral, now, settings, true);
  if (postings.length > 0) await post(tx, referral.inviterId, postings, now, settings);
  // 贡献值 (issue 16): an invitee who really started counts for the inviter, once (activatedAt guards it).
  if (activation.status === 'paid' || activation.status === 'capped') await addContribution(tx, referral.inviterId, 'referral_activated', { now, settings });
  await tx.set('referrals', { ...referral, state: referral.state === 'registered' ? 'activated' : referral.state, activatedAt: now.toISOString(), activation, welcome });
  return welcomePosting(referral, welcome);
}

/** The conversion reward for `referral` (unless held or rejected): what happened and the inviter's posting to make. */
function settleConversion(referral: ReferralDoc, settings: CommunitySettings): { conversion: RewardOutcome; postings: Posting[] } {
  if (referral.review === 'rejected') return { conversion: { status: 'rejected', amount: 0 }, postings: [] };
  if (referral.hold && referral.review !== 'approved') return { conversion: { status: 'held', amount: 0 }, postings: [] };
  const amount = settings.referral.conversionReward;
  const postings: Posting[] =
    amount > 0 ? [{ key: `referral:convert:${referral.inviteeId}`, delta: amount, reason: 'referral', ref: referral.inviteeId, note: `邀请好友${referral.inviteeName}成为付费会员` }] : [];
  return { conversion: { status: 'paid', amount }, postings };
}

/** The invitee became a paid VIP, inside that transaction: pay the inviter's conversion reward once. */
export async function convertReferral(tx: Tx, inviteeId: string, now: Date, settings: CommunitySettings): Promise<void> {
  const referral = await tx.get('referrals', inviteeId);
  if (!referral || referral.convertedAt !== null) return;
  const { conversion, postings } = settleConversion(referral, settings);
  if (postings.length > 0) await post(tx, referral.inviterId, postings, now, settings);
  await tx.set('referrals', { ...referral, state: 'converted', convertedAt: now.toISOString(), conversion });
}

/**
 * The owner's decision on a held referral. Approval pays what was held (activation, welcome,
 * conversion) now; rejection records that nothing will be paid. Throws NOT_FOUND and CONFLICT.
 */
export async function reviewReferral(tx: Tx, inviteeId: string, decision: ReviewDecision, now: Date, settings: CommunitySettings): Promise<ReferralDoc> {
  const referral = await tx.get('referrals', inviteeId);
  if (!referral) throw new AppError('NOT_FOUND', '邀请记录不存在');
  if (referral.queue !== 'held') throw new AppError('CONFLICT', '这条邀请已经处理过了');
  let next: ReferralDoc = { ...referral, review: decision, queue: 'none' };
  if (decision === 'rejected') {
    const rejected: RewardOutcome = { status: 'rejected', amount: 0 };
    next = { ...next, activation: rejected, conversion: rejected, welcome: rejected };
  } else {
    next = { ...next, activation: PENDING, conversion: PENDING, welcome: PENDING };
    // Everything owed to the inviter goes out in one posting, so their account is written once.
    const inviterLines: Posting[] = [];
    if (referral.activatedAt) {
      const { activation, welcome, postings } = await settleActivation(tx, next, now, settings, false);
      inviterLines.push(...postings);
      const welcomeLines = welcomePosting(referral, welcome);
      if (welcomeLines.length > 0) await post(tx, inviteeId, welcomeLines, now, settings);
      next = { ...next, activation, welcome };
    }
    if (referral.convertedAt) {
      const { conversion, postings } = settleConversion(next, settings);
      inviterLines.push(...postings);
      next = { ...next, conversion };
    }
    if (inviterLines.length > 0) await post(tx, referral.inviterId, inviterLines, now, settings);
  }
  await tx.set('referrals', next);
  return next;
}
