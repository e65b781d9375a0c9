import { groupFunction } from '../../src/server/functions/group';
import { cloudMain } from '../../src/server/cloudbase/runtime';
import { wechatGroupResolver, wechatUpdatableMessage } from '../../src/server/cloudbase/wechatGroups';

/** Deployed entry of the `group` cloud function: group identity from cloud.getOpenData, live cards through cloud.openapi.updatableMessage. */
export const main = cloudMain(groupFunction, { platform: { ...wechatGroupResolver, ...wechatUpdatableMessage } });
