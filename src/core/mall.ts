import type { ErrorCode } from '../../types/errors';
import { addDays, daysBetween } from './day';
import { meetsTier, tierName, type TierKey } from './tiers';

/** The window a per-member limit counts in. */
export type LimitPeriod = 'day' | 'week' | 'month' | 'ever';

/** The key of the limit period that the community day `day` falls in (weeks start on Monday). */
export function periodKey(period: LimitPeriod, day: string): string {
  switch (period) {
    case 'day':
      return day;
    case 'week': {
      const [y, m, d] = day.split('-').map(Number);
      const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
      return `W${addDays(day, -weekday)}`;
    }
    case 'month':
      return day.slice(0, 7);
    case 'ever':
      return 'ever';
  }
}

/** The parts of an item that decide whether it can be redeemed. */
export interface Redeemable {
  pointsPrice: number;
  stock: number;
  perMemberLimit: number | null;
  minTier: TierKey | null;
  saleStartsAt: string | null;
  saleEndsAt: string | null;
  listed: boolean;
}

/** Why a member cannot redeem an item right now. */
export type BlockReason = 'hidden' | 'not_started' | 'ended' | 'sold_out' | 'tier' | 'limit' | 'points';

/** The error code each reason is answered with when a redemption is attempted anyway. */
export const BLOCK_CODE: Record<BlockReason, ErrorCode> = {
  hidden: 'NOT_FOUND',
  not_started: 'CONFLICT',
  ended: 'CONFLICT',
  sold_out: 'OUT_OF_STOCK',
  tier: 'FORBIDDEN',
  limit: 'LIMIT_REACHED',
  points: 'INSUFFICIENT_POINTS',
};

/** What the member is in a position to do: balance, tier and how many they already took this period. */
export interface Shopper {
  nowIso: string;
  balance: number;
  tier: TierKey;
  used: number;
}

/** The first reason `qty` of `item` cannot be redeemed by `shopper`, or null when it can. */
export function blockReason(item: Redeemable, shopper: Shopper, qty = 1): BlockReason | null {
  if (!item.listed) return 'hidden';
  if (item.saleStartsAt && shopper.nowIso < item.saleStartsAt) return 'not_started';
  if (item.saleEndsAt && shopper.nowIso >= item.saleEndsAt) return 'ended';
  if (item.stock < qty) return 'sold_out';
  if (item.minTier && !meetsTier(shopper.tier, item.minTier)) return 'tier';
  if (item.perMemberLimit !== null && shopper.used + qty > item.perMemberLimit) return 'limit';
  if (shopper.balance < item.pointsPrice * qty) return 'points';
  return null;
}

/** The sentence a member reads for a block reason; `startClock` (HH:mm, community time) says when a flash sale opens. */
export function blockMessage(reason: BlockReason, item: Redeemable, shopper: Shopper, today: string, startDay?: string, startClock?: string): string {
  switch (reason) {
    case 'hidden':
      return '商品不存在或已下架';
    case 'not_started': {
      const days = startDay ? daysBetween(today, startDay) : 0;
      if (!startClock) return days > 0 ? `${days} 天后开抢` : '今天开抢，敬请期待';
      return days > 0 ? `${days} 天后开抢（${startDay?.slice(5)} ${startClock}）` : `今天 ${startClock} 开抢`;
    }
    case 'ended':
      return '兑换已结束';
    case 'sold_out':
      return '已抢光';
    case 'tier':
      return `${tierName(item.minTier as TierKey)}及以上会员可兑换`;
    case 'limit':
      return '已达兑换上限';
    case 'points':
      return `积分不足，还差 ${item.pointsPrice - shopper.balance}`;
  }
}
