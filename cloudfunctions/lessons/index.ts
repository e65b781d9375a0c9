import { lessonsFunction } from '../../src/server/functions/lessons';
import { cloudMain } from '../../src/server/cloudbase/runtime';
import { wechatMessaging } from '../../src/server/cloudbase/wechatMessaging';

/** Deployed entry of the `lessons` cloud function (reminders and content checks through cloud.openapi). */
export const main = cloudMain(lessonsFunction, { messaging: wechatMessaging });
