import { vipFunction } from '../../src/server/functions/vip';
import { cloudMain } from '../../src/server/runtime/cloudbase';
import { installWechatPay } from '../../src/server/runtime/wechatPay';

installWechatPay();
/** Deployed entry of the `vip` cloud function (tiers, paid VIP through cloud payments, renewals). */
export const main = cloudMain(vipFunction);
