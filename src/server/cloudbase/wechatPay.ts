import { randomBytes } from 'node:crypto';
import cloud from 'wx-server-sdk';
import type { CloudDb } from './cloudbaseStore';
import { cloudbaseStore } from './cloudbaseStore';
import { markVipPaid, type PayPort } from '../domain/payment';
import { loadSettings } from '../domain/settingsStore';
import { merchantOf, type PayConfig } from './payConfig';

/** Name of the cloud function WeChat Pay calls back (cloudfunctions/vipPay). */
export const PAY_CALLBACK_FUNCTION = 'vipPay';

/**
 * Cloud payments (`cloud.cloudPay.unifiedOrder`) with the deployment's `PayConfig`; passed to the
 * `vip` function's runtime by its entry. `unifiedOrder` throws when WeChat refuses the order.
 */
export function wechatPay(config: PayConfig): PayPort {
  return {
    channel: 'wechat',
    merchant: config.subMchId,
    async unifiedOrder(request) {
      const answer = await cloud.cloudPay.unifiedOrder({
        body: request.body.slice(0, 120),
        outTradeNo: request.orderId,
        spbillCreateIp: '127.0.0.1',
        subMchId: config.subMchId,
        totalFee: request.totalFee,
        envId: config.envId,
        functionName: PAY_CALLBACK_FUNCTION,
        tradeType: 'JSAPI',
      });
      if (answer.returnCode !== 'SUCCESS' || answer.resultCode !== 'SUCCESS' || !answer.payment) throw new Error(`unifiedOrder failed: ${answer.errCodeDes ?? 'unknown'}`);
      return answer.payment;
    },
  };
}

/**
 * The `main` of `vipPay`, which WeChat Pay calls after a payment. The event is not trusted on its
 * own: the order is confirmed with `cloudPay.queryOrder`, with the merchant the order was created
 * with (`merchantOf`), before it is marked paid (exactly once). Always answers `{ errcode: 0 }`
 * once handled, so WeChat stops retrying.
 */
export function payCallbackMain(config: PayConfig): (event: unknown) => Promise<{ errcode: number; errmsg: string }> {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  const store = cloudbaseStore(cloud.database() as unknown as CloudDb);
  return async (event) => {
    const outTradeNo = typeof event === 'object' && event !== null ? (event as { outTradeNo?: unknown }).outTradeNo : undefined;
    if (typeof outTradeNo !== 'string' || !/^VO[0-9a-f]{24}$/.test(outTradeNo)) return { errcode: 0, errmsg: 'ignored' };
    const order = await store.get('vipOrders', outTradeNo);
    const query = await cloud.cloudPay.queryOrder({ subMchId: merchantOf(order, config), outTradeNo, nonceStr: randomBytes(16).toString('hex') });
    if (query.returnCode !== 'SUCCESS' || query.resultCode !== 'SUCCESS' || query.tradeState !== 'SUCCESS' || typeof query.totalFee !== 'number') {
      return { errcode: 1, errmsg: 'not paid' };
    }
    const settings = await loadSettings(store);
    await markVipPaid(store, outTradeNo, query.totalFee, query.transactionId ?? '', new Date(), settings);
    return { errcode: 0, errmsg: '' };
  };
}
