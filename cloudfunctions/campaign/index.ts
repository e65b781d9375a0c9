import { campaignFunction } from '../../src/server/functions/campaign';
import { cloudMain } from '../../src/server/runtime/cloudbase';
import { installWechatTextCheck } from '../../src/server/runtime/wechatTextCheck';
import { installWechatImageCheck } from '../../src/server/runtime/wechatImageCheck';

installWechatTextCheck();
installWechatImageCheck();

/** Deployed entry of the `campaign` cloud function (campaign notes and reviews: content checks through cloud.openapi). */
export const main = cloudMain(campaignFunction);
