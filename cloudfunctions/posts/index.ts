import { postsFunction } from '../../src/server/functions/posts';
import { cloudMain } from '../../src/server/cloudbase/runtime';
import { wechatMessaging } from '../../src/server/cloudbase/wechatMessaging';
import { wechatImageCheck } from '../../src/server/cloudbase/wechatImageCheck';
import { wechatTextCheck } from '../../src/server/cloudbase/wechatTextCheck';

/** Deployed entry of the `posts` cloud function (text and image checks and post reminders through cloud.openapi). */
export const main = cloudMain(postsFunction, { messaging: wechatMessaging, contentCheck: { ...wechatTextCheck, ...wechatImageCheck } });
