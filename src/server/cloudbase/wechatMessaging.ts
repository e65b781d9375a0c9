import cloud from 'wx-server-sdk';
import type { MessagingPort } from '../domain/messaging';
import { wechatTextAllowed } from './wechatTextCheck';

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
  textAllowed: (text, openid) => wechatTextAllowed(text, openid, 'comment'),
};
