import cloud from 'wx-server-sdk';
import type { Platform } from '../kernel/handler';

/** What `cloud.getOpenData` answers for one group cloudID: `{ cloudID, data: { opengid, chat_type? } }` (data may come as JSON text). */
function opengidOf(entry: unknown): { opengid: string; chatType: number | null } | null {
  if (!entry || typeof entry !== 'object') return null;
  let data = (entry as { data?: unknown }).data;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      return null;
    }
  }
  if (!data || typeof data !== 'object') return null;
  const { opengid, chat_type: chatType } = data as { opengid?: unknown; chat_type?: unknown };
  return typeof opengid === 'string' && opengid.length > 0 ? { opengid, chatType: typeof chatType === 'number' ? chatType : null } : null;
}

/**
 * `Platform.resolveGroup` through `cloud.getOpenData({ list: [cloudID] })`: WeChat decrypts the
 * group's open data for the calling user, so a forged or another user's cloudID resolves to nothing.
 */
export const wechatGroupResolver: Pick<Platform, 'resolveGroup'> = {
  async resolveGroup(cloudID) {
    try {
      const { list } = await cloud.getOpenData({ list: [cloudID] });
      return opengidOf(list?.[0]);
    } catch (error) {
      console.error('[group] getOpenData refused the cloudID', error);
      return null;
    }
  },
};

/**
 * Live cards (动态消息) through `cloud.openapi.updatableMessage.*`; the entries that pass it to
 * `cloudMain` list both methods in their config.json.
 */
export const wechatUpdatableMessage: Pick<Platform, 'createActivityId' | 'setUpdatableMsg'> = {
  async createActivityId() {
    const { activityId, expirationTime } = await cloud.openapi.updatableMessage.createActivityId({});
    return { activityId, expiresAt: new Date(expirationTime * 1000).toISOString() };
  },
  async setUpdatableMsg(activityId, targetState, memberCount, roomLimit) {
    const parameterList =
      targetState === 0
        ? [
            { name: 'member_count', value: String(memberCount) },
            { name: 'room_limit', value: String(roomLimit) },
          ]
        : [
            { name: 'path', value: 'pages/index/index' },
            { name: 'version_type', value: 'release' },
          ];
    await cloud.openapi.updatableMessage.setUpdatableMsg({ activityId, targetState, templateInfo: { parameterList } });
  },
};
