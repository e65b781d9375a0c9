import { gamesFunction } from '../../src/server/functions/games';
import { cloudMain } from '../../src/server/cloudbase/runtime';
import { wechatTextCheck } from '../../src/server/cloudbase/wechatTextCheck';

/** Deployed entry of the `games` cloud function (packet greetings and praise are text-checked through cloud.openapi). */
export const main = cloudMain(gamesFunction, { contentCheck: wechatTextCheck });
