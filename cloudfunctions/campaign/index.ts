import { campaignFunction } from '../../src/server/functions/campaign';
import { cloudMain } from '../../src/server/cloudbase/runtime';
import { wechatImageCheck } from '../../src/server/cloudbase/wechatImageCheck';
import { wechatTextCheck } from '../../src/server/cloudbase/wechatTextCheck';

/** Deployed entry of the `campaign` cloud function (member notes: text and image checks through cloud.openapi). */
export const main = cloudMain(campaignFunction, { contentCheck: { ...wechatTextCheck, ...wechatImageCheck } });
