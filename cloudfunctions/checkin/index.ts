import { checkinFunction } from '../../src/server/functions/checkin';
import { cloudMain } from '../../src/server/cloudbase/runtime';
import { wechatImageCheck } from '../../src/server/cloudbase/wechatImageCheck';
import { wechatTextCheck } from '../../src/server/cloudbase/wechatTextCheck';

/** Deployed entry of the `checkin` cloud function (member notes: text and image checks through cloud.openapi). */
export const main = cloudMain(checkinFunction, { contentCheck: { ...wechatTextCheck, ...wechatImageCheck } });
