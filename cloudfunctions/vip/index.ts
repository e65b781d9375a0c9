import { vipFunction } from '../../src/server/functions/vip';
import { cloudMain } from '../../src/server/cloudbase/runtime';
import { payConfigFromEnv } from '../../src/server/cloudbase/payConfig';
import { wechatPay } from '../../src/server/cloudbase/wechatPay';

/** Deployed entry of the `vip` cloud function (tiers, paid VIP through cloud payments, renewals). */
export const main = cloudMain(vipFunction, { pay: wechatPay(payConfigFromEnv(process.env)) });
