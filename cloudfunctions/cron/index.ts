import { cronFunction } from '../../src/server/functions/cron';
import { cronMain } from '../../src/server/cloudbase/cronMain';
import { wechatMessaging } from '../../src/server/cloudbase/wechatMessaging';

/** Deployed entry of the `cron` cloud function (timer trigger in config.json). */
export const main = cronMain(cronFunction, { messaging: wechatMessaging });
