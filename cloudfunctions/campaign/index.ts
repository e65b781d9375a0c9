import { campaignFunction } from '../../src/server/functions/campaign';
import { cloudMain } from '../../src/server/runtime/cloudbase';
import { wechatImageCheck } from '../../src/server/runtime/wechatImageCheck';
import { wechatTextCheck } from '../../src/server/runtime/wechatTextCheck';

/** Deployed entry of the `campaign` cloud function (member notes: text and image checks through cloud.openapi). */
export const main = cloudMain(campaignFunction, { contentCheck: { ...wechatTextCheck, ...wechatImageCheck } });
