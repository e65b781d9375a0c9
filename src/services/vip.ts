import type { TierStatus, VipOverview } from '../../types/vip';
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
