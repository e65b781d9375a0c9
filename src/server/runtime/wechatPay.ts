import { randomBytes } from 'node:crypto';
import cloud from 'wx-server-sdk';
import type { CloudDb } from '../store/cloudbase';
import { cloudbaseStore } from '../store/cloudbase';
import { markVipPaid, setPayment, type PayPort } from '../pay';
import { loadSettings } from '../settings';

/** Name of the cloud function WeChat Pay calls back (cloudfunctions/vipPay). */
export const PAY_CALLBACK_FUNCTION = 'vipPay';

function subMchId(): string {
  return process.env.QUNYUN_PAY_SUB_MCH_ID ?? '';
}

/**
 * Cloud payments (`cloud.cloudPay.unifiedOrder`): the merchant is `QUNYUN_PAY_SUB_MCH_ID`, the
 * environment `QUNYUN_CLOUD_ENV` (or the runtime's TCB_ENV). Throws when WeChat refuses the order.
 */
export const wechatPay: PayPort = {
  channel: 'wechat',
  async unifiedOrder(request) {
    const answer = await cloud.cloudPay.unifiedOrder({
      body: request.body.slice(0, 120),
      outTradeNo: request.orderId,
      spbillCreateIp: '127.0.0.1',
      subMchId: subMchId(),
      totalFee: request.totalFee,
      envId: process.env.QUNYUN_CLOUD_ENV ?? process.env.TCB_ENV ?? '',
      functionName: PAY_CALLBACK_FUNCTION,
      tradeType: 'JSAPI',
    });
    if (answer.returnCode !== 'SUCCESS' || answer.resultCode !== 'SUCCESS' || !answer.payment) throw new Error(`unifiedOrder failed: ${answer.errCodeDes ?? 'unknown'}`);
    return answer.payment;
  },
};

/** Switch this cloud function to cloud payments (call from a deployed entry). */
export function installWechatPay(): void {
  setPayment(wechatPay);
}

/**
 * The `main` of `vipPay`, which WeChat Pay calls after a payment. The event is not trusted on its
 * own: the order is confirmed with `cloudPay.queryOrder` before it is marked paid (exactly once).
 * Always answers `{ errcode: 0 }` once handled, so WeChat stops retrying.
 */
export function payCallbackMain(): (event: unknown) => Promise<{ errcode: number; errmsg: string }> {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  const store = cloudbaseStore(cloud.database() as unknown as CloudDb);
  return async (event) => {
    const outTradeNo = typeof event === 'object' && event !== null ? (event as { outTradeNo?: unknown }).outTradeNo : undefined;
    if (typeof outTradeNo !== 'string' || !/^VO[0-9a-f]{24}$/.test(outTradeNo)) return { errcode: 0, errmsg: 'ignored' };
    const query = await cloud.cloudPay.queryOrder({ subMchId: subMchId(), outTradeNo, nonceStr: randomBytes(16).toString('hex') });
    if (query.returnCode !== 'SUCCESS' || query.resultCode !== 'SUCCESS' || query.tradeState !== 'SUCCESS' || typeof query.totalFee !== 'number') {
      return { errcode: 1, errmsg: 'not paid' };
    }
    const settings = await loadSettings(store);
    await markVipPaid(store, outTradeNo, query.totalFee, query.transactionId ?? '', new Date(), settings);
    return { errcode: 0, errmsg: '' };
  };
}
