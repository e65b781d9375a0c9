import { vipFunction } from '../../src/server/functions/vip';
import { cloudMain } from '../../src/server/runtime/cloudbase';

/** Deployed entry of the `vip` cloud function (tiers, paid VIP, renewals). */
export const main = cloudMain(vipFunction);
