import { memberFunction } from '../../src/server/functions/member';
import { cloudMain, wechatRiskRank } from '../../src/server/runtime/cloudbase';
import { installWechatTextCheck } from '../../src/server/runtime/wechatTextCheck';

installWechatTextCheck();

/** Deployed entry of the `member` cloud function (risk rank at sign-up; nickname content checks through cloud.openapi). */
export const main = cloudMain(memberFunction, wechatRiskRank);
