import cloud from 'wx-server-sdk';
import type { ContentCheckPort, ContentScene } from '../domain/contentCheck';

const SCENE: Record<ContentScene, number> = { profile: 1, comment: 2, forum: 3, social: 4 };

/**
 * Submit a member image to `cloud.openapi.security.mediaCheckAsync` (v2) and answer its trace id;
 * the verdict arrives within 30 minutes by message push. WeChat must download the image, so a
 * `cloud://` fileID is first turned into a temporary URL. Throws when either call is refused.
 */
export async function wechatSubmitImage(image: string, openid: string, scene: ContentScene = 'social'): Promise<string> {
  const { fileList } = await cloud.getTempFileURL({ fileList: [image] });
  const url = fileList[0]?.tempFileURL;
  if (!url) throw new Error(`no temporary URL for ${image}: ${fileList[0]?.errMsg ?? 'unknown'}`);
  const answer = await cloud.openapi.security.mediaCheckAsync({ mediaUrl: url, mediaType: 2, version: 2, openid, scene: SCENE[scene] });
  const traceId = answer.traceId ?? answer.trace_id;
  if (!traceId) throw new Error(`mediaCheckAsync gave no trace id for ${image} (errCode ${String(answer.errCode ?? answer.errcode)})`);
  return traceId;
}

/** The image half of the content-check port on CloudBase (pass it in the entry's runtime ports). */
export const wechatImageCheck: Pick<ContentCheckPort, 'submitImage'> = { submitImage: wechatSubmitImage };
