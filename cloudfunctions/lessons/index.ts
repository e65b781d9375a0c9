import { lessonsFunction } from '../../src/server/functions/lessons';
import { cloudMain } from '../../src/server/runtime/cloudbase';
import { wechatMessaging } from '../../src/server/runtime/wechatMessaging';

/** Deployed entry of the `lessons` cloud function (reminders and content checks through cloud.openapi). */
export const main = cloudMain(lessonsFunction, { messaging: wechatMessaging });
