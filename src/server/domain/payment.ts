/**
 * Paid VIP through WeChat Pay (cloud payments, `cloud.cloudPay`) behind a small port: a member's
 * `vip.buy` creates an order and asks the port for the payment parameters; the payment callback
 * (the `vipPay` cloud function on CloudBase, or the local gateway's `/api/_local/pay` in local mode
 * only) marks the order paid and extends VIP exactly once.
 */
import type { CommunitySettings } from '../../core/settings';
import { extendVip } from './vipTerms';
import type { Doc, Store } from '../store/port';

/** A VIP order (`vipOrders/<orderId>`); `outTradeNo` for WeChat Pay is the id. */
export interface VipOrderDoc extends Doc {
  memberId: string;
  planId: string;
  days: number;
  totalFee: number;
  state: 'created' | 'paid';
  /** WeChat Pay sub-merchant the order was created with (null locally); the callback confirms with it. */
  subMchId?: string | null;
  createdAt: string;
  paidAt: string | null;
  transactionId: string | null;
  vipUntil: string | null;
}

/** What the client needs to pay one order. */
export interface PaymentRequest {
  orderId: string;
  body: string;
  totalFee: number;
  openid: string;
}

/** WeChat Pay, or its local stand-in. */
export interface PayPort {
  channel: 'local' | 'wechat';
  /** The sub-merchant orders are created with, recorded on each order (null locally). */
  merchant: string | null;
  /** Parameters for `wx.requestPayment` (null locally: the gateway simulates the callback). */
  unifiedOrder(request: PaymentRequest): Promise<Record<string, unknown> | null>;
}

/** Local mode and tests (the runtime's default): no payment parameters; `/api/_local/pay` stands in for the callback. */
export const localPay: PayPort = {
  channel: 'local',
  merchant: null,
  async unifiedOrder() {
    return null;
  },
};

/**
 * The payment callback: mark the order paid and extend the member's VIP, exactly once however
 * often (or however concurrently) the callback arrives. Returns false for an unknown order, an
 * order already paid, or an amount that does not match the order (nothing is changed then).
 */
export async function markVipPaid(store: Store, orderId: string, totalFee: number, transactionId: string, now: Date, settings: CommunitySettings): Promise<boolean> {
  return store.transaction(async (tx) => {
    const order = await tx.get('vipOrders', orderId);
    if (!order || order.state === 'paid' || order.totalFee !== totalFee) return false;
    const { vipUntil } = await extendVip(tx, order.memberId, order.days, now, settings);
    await tx.set('vipOrders', { ...order, state: 'paid', paidAt: now.toISOString(), transactionId, vipUntil });
    return true;
  });
}

/** Local mode only (the gateway refuses `/api/_local/*` otherwise): simulate WeChat Pay's success callback. */
export async function simulatePayment(store: Store, orderId: string, now: Date, settings: CommunitySettings): Promise<{ paid: boolean }> {
  const order = await store.get('vipOrders', orderId);
  if (!order) return { paid: false };
  return { paid: await markVipPaid(store, orderId, order.totalFee, `local-${orderId}`, now, settings) };
}
