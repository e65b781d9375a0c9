import type { TierStatus, VipOverview, VipPurchase } from '../../types/vip';
import Taro from '@tarojs/taro';
import { ApiFailure, call, newRequestId } from './api';

/** The member's tier, growth, keep-tier preview, every tier's benefits and paid-VIP status. */
export function fetchTierStatus(): Promise<TierStatus> {
  return call('vip', 'status', {});
}

/**
 * 到期提醒: on WeChat first ask for one one-time subscription message (when a real template is
 * configured; a refusal throws ApiFailure CONFLICT), then record it (quota +1).
 */
export async function subscribeVipReminder(requestId: string = newRequestId(), templateId = 'local'): Promise<{ quota: number }> {
  if (process.env.TARO_ENV === 'weapp' && templateId !== 'local') {
    const answer = (await Taro.requestSubscribeMessage({ tmplIds: [templateId] } as unknown as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>;
    if (answer[templateId] !== 'accept') throw new ApiFailure('CONFLICT', '你没有允许提醒消息，到期前将无法通知你');
    return call('vip', 'subscribe', { requestId, templateId });
  }
  return call('vip', 'subscribe', { requestId });
}

/** Owner: grant paid-VIP days after an offline payment (errors: VALIDATION, NOT_FOUND, FORBIDDEN). */
export function grantVip(memberId: string, days: number, note: string, requestId: string = newRequestId()) {
  return call('vip', 'grant', { requestId, memberId, days, note });
}

/** Owner: tier distribution, VIPs expiring soon, renewal rate, members the next evaluation would lower. */
export function fetchVipOverview(): Promise<VipOverview> {
  return call('vip', 'overview', {});
}

/**
 * 微信支付开通/续费: create the order, then pay it — `wx.requestPayment` on WeChat (a cancel throws
 * ApiFailure CONFLICT), or, in local mode, the gateway's simulated payment callback. The callback
 * extends VIP; the caller reloads the status afterwards.
 */
export async function buyVip(planId: string, requestId: string = newRequestId()): Promise<VipPurchase> {
  const purchase = await call('vip', 'buy', { requestId, planId });
  if (purchase.payment && process.env.TARO_ENV === 'weapp') {
    try {
      await Taro.requestPayment(purchase.payment as unknown as Taro.requestPayment.Option);
    } catch {
      throw new ApiFailure('CONFLICT', '支付没有完成，可以稍后重试');
    }
  } else if (purchase.simulated) {
    const response = await fetch(`/api/_local/pay?order=${encodeURIComponent(purchase.orderId)}`, { method: 'POST' });
    if (!response.ok) throw new ApiFailure('CONFLICT', '本地模拟支付不可用');
  }
  return purchase;
}
