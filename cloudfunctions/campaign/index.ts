import { campaignFunction } from '../../src/server/functions/campaign';
import { cloudMain } from '../../src/server/runtime/cloudbase';
import { installWechatMessaging } from '../../src/server/runtime/wechatMessaging';

installWechatMessaging();

/** Deployed entry of the `campaign` cloud function (campaign notes and reviews: content checks through cloud.openapi). */
export const main = cloudMain(campaignFunction);
