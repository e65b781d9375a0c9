import { activitiesFunction } from '../../src/server/functions/activities';
import { cloudMain } from '../../src/server/cloudbase/runtime';
import { wechatUpdatableMessage } from '../../src/server/cloudbase/wechatGroups';

/** Deployed entry of the `activities` cloud function (sign-ups update the activity's live card through cloud.openapi.updatableMessage). */
export const main = cloudMain(activitiesFunction, { platform: wechatUpdatableMessage });
