import { payConfigFromEnv } from '../../src/server/runtime/payConfig';
import { payCallbackMain } from '../../src/server/runtime/wechatPay';

/** Deployed entry of `vipPay`: the WeChat Pay callback that marks a VIP order paid (exactly once). */
export const main = payCallbackMain(payConfigFromEnv(process.env));
