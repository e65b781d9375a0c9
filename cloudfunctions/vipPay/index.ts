import { payConfigFromEnv } from '../../src/server/cloudbase/payConfig';
import { payCallbackMain } from '../../src/server/cloudbase/wechatPay';

/** Deployed entry of `vipPay`: the WeChat Pay callback that marks a VIP order paid (exactly once). */
export const main = payCallbackMain(payConfigFromEnv(process.env));
