import { vipFunction } from '../../src/server/functions/vip';
import { cloudMain } from '../../src/server/runtime/cloudbase';
import { payConfigFromEnv } from '../../src/server/runtime/payConfig';
import { wechatPay } from '../../src/server/runtime/wechatPay';

/** Deployed entry of the `vip` cloud function (tiers, paid VIP through cloud payments, renewals). */
export const main = cloudMain(vipFunction, { pay: wechatPay(payConfigFromEnv(process.env)) });
