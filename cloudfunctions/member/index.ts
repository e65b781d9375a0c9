import { memberFunction } from '../../src/server/functions/member';
import { cloudMain } from '../../src/server/runtime/cloudbase';
import { installWechatMessaging } from '../../src/server/runtime/wechatMessaging';

installWechatMessaging();

/** Deployed entry of the `member` cloud function (nicknames: content checks through cloud.openapi). */
export const main = cloudMain(memberFunction);
