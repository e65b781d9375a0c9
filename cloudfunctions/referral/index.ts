import { referralFunction } from '../../src/server/functions/referral';
import { cloudMain, wechatMiniCode } from '../../src/server/cloudbase/runtime';

/** Deployed entry of the `referral` cloud function. */
export const main = cloudMain(referralFunction, { platform: wechatMiniCode });
