import { supportFunction } from '../../src/server/functions/support';
import { cloudMain } from '../../src/server/cloudbase/runtime';
import { wechatImageCheck } from '../../src/server/cloudbase/wechatImageCheck';
import { wechatTextCheck } from '../../src/server/cloudbase/wechatTextCheck';

/** Deployed entry of the `support` cloud function (questions, complaints, disputes: text and image checks through cloud.openapi). */
export const main = cloudMain(supportFunction, { contentCheck: { ...wechatTextCheck, ...wechatImageCheck } });
