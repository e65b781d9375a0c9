import cloud from 'wx-server-sdk';
import { blockedWordIn } from '../../core/lessons';
import type { MessagingPort } from '../messaging';

/**
 * The CloudBase messaging port: `cloud.openapi.subscribeMessage.send` for reminders and
 * `cloud.openapi.security.msgSecCheck` (v2) for member text, with the local word list as a first pass.
 * Deployed entries pass it to their runtime (`cloudMain(def, { messaging: wechatMessaging })`).
 */
export const wechatMessaging: MessagingPort = {
  channel: 'wechat',
  async send(message) {
    await cloud.openapi.subscribeMessage.send({
      touser: message.openid,
      templateId: message.templateId,
      page: message.page,
      data: message.data,
      miniprogramState: 'formal',
    });
  },
  async textAllowed(text, openid) {
    if (blockedWordIn(text) !== null) return false;
    const answer = await cloud.openapi.security.msgSecCheck({ openid, scene: 2, version: 2, content: text });
    return answer.result?.suggest === 'pass';
  },
};
