import { checkinFunction } from '../../src/server/functions/checkin';
import { cloudMain } from '../../src/server/runtime/cloudbase';
import { installWechatTextCheck } from '../../src/server/runtime/wechatTextCheck';
import { installWechatImageCheck } from '../../src/server/runtime/wechatImageCheck';

installWechatTextCheck();
installWechatImageCheck();

/** Deployed entry of the `checkin` cloud function (check-in notes: content checks through cloud.openapi). */
export const main = cloudMain(checkinFunction);
