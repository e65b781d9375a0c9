import { groupFunction } from '../../src/server/functions/group';
import { cloudMain } from '../../src/server/cloudbase/runtime';
import { wechatGroupResolver, wechatUpdatableMessage } from '../../src/server/cloudbase/wechatGroups';
import { wechatTextCheck } from '../../src/server/cloudbase/wechatTextCheck';

/**
 * Deployed entry of the `group` cloud function: group identity from cloud.getOpenData, live cards
 * through cloud.openapi.updatableMessage, group names and PK titles checked with security.msgSecCheck.
 */
export const main = cloudMain(groupFunction, { platform: { ...wechatGroupResolver, ...wechatUpdatableMessage }, contentCheck: wechatTextCheck });
