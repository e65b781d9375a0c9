import { checkinFunction } from '../../src/server/functions/checkin';
import { cloudMain } from '../../src/server/runtime/cloudbase';
import { wechatImageCheck } from '../../src/server/runtime/wechatImageCheck';
import { wechatTextCheck } from '../../src/server/runtime/wechatTextCheck';

/** Deployed entry of the `checkin` cloud function (member notes: text and image checks through cloud.openapi). */
export const main = cloudMain(checkinFunction, { contentCheck: { ...wechatTextCheck, ...wechatImageCheck } });
