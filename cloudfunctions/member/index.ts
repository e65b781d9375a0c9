import { memberFunction } from '../../src/server/functions/member';
import { cloudMain, wechatRiskRank } from '../../src/server/cloudbase/runtime';
import { wechatTextCheck } from '../../src/server/cloudbase/wechatTextCheck';

/** Deployed entry of the `member` cloud function (risk rank at sign-up; nickname content checks through cloud.openapi). */
export const main = cloudMain(memberFunction, { platform: wechatRiskRank, contentCheck: wechatTextCheck });
