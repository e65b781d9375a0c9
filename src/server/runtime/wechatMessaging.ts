import cloud from 'wx-server-sdk';
import { blockedWordIn } from '../../core/lessons';
import { setMessaging, type MessagingPort, type TextScene } from '../messaging';

const SCENE: Record<TextScene, number> = { profile: 1, comment: 2, forum: 3, social: 4 };

/**
 * The CloudBase messaging port: `cloud.openapi.subscribeMessage.send` for reminders,
 * `cloud.openapi.security.msgSecCheck` (v2) for member text, with the local word list as a first
 * pass, and `cloud.openapi.security.mediaCheckAsync` (v2) for member images. The image check needs
 * a URL WeChat can download, so a `cloud://` fileID is first turned into a temporary URL.
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
  async textAllowed(text, openid, scene = 'comment') {
    if (blockedWordIn(text) !== null) return false;
    const answer = await cloud.openapi.security.msgSecCheck({ openid, scene: SCENE[scene], version: 2, content: text });
    return answer.result?.suggest === 'pass';
  },
  async submitImage(image, openid, scene = 'social') {
    const { fileList } = await cloud.getTempFileURL({ fileList: [image] });
    const url = fileList[0]?.tempFileURL;
    if (!url) throw new Error(`no temporary URL for ${image}: ${fileList[0]?.errMsg ?? 'unknown'}`);
    const answer = await cloud.openapi.security.mediaCheckAsync({ mediaUrl: url, mediaType: 2, version: 2, openid, scene: SCENE[scene] });
    const traceId = answer.traceId ?? answer.trace_id;
    if (!traceId) throw new Error(`mediaCheckAsync gave no trace id for ${image} (errCode ${String(answer.errCode ?? answer.errcode)})`);
    return traceId;
  },
};

/** Switch this cloud function to the WeChat messaging port (call from a deployed entry). */
export function installWechatMessaging(): void {
  setMessaging(wechatMessaging);
}
