import { gamesFunction } from '../../src/server/functions/games';
import { cloudMain } from '../../src/server/cloudbase/runtime';
import { wechatTextCheck } from '../../src/server/cloudbase/wechatTextCheck';
import { wechatUpdatableMessage } from '../../src/server/cloudbase/wechatGroups';

/** Deployed entry of the `games` cloud function (packet greetings and praise are text-checked; grabs update a shared packet's live card, both through cloud.openapi). */
export const main = cloudMain(gamesFunction, { contentCheck: wechatTextCheck, platform: wechatUpdatableMessage });
