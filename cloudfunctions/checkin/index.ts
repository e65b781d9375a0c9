import { checkinFunction } from '../../src/server/functions/checkin';
import { cloudMain } from '../../src/server/runtime/cloudbase';
import { installWechatMessaging } from '../../src/server/runtime/wechatMessaging';

installWechatMessaging();

/** Deployed entry of the `checkin` cloud function (check-in notes: content checks through cloud.openapi). */
export const main = cloudMain(checkinFunction);
