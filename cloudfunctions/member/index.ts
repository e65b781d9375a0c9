import { memberFunction } from '../../src/server/functions/member';
import { cloudMain, wechatRiskRank } from '../../src/server/runtime/cloudbase';

/** Deployed entry of the `member` cloud function. */
export const main = cloudMain(memberFunction, wechatRiskRank);
