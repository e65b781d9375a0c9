import cloud from 'wx-server-sdk';
import { blockedWordIn } from '../../core/lessonRules';
import type { ContentCheckPort, ContentScene } from '../domain/contentCheck';

const SCENE: Record<ContentScene, number> = { profile: 1, comment: 2, forum: 3, social: 4 };

/**
 * Member text on CloudBase: the local word list first, then `cloud.openapi.security.msgSecCheck`
 * (v2) in the text's scene; true only when WeChat suggests `pass`.
 */
export async function wechatTextAllowed(text: string, openid: string, scene: ContentScene = 'comment'): Promise<boolean> {
  if (blockedWordIn(text) !== null) return false;
  const answer = await cloud.openapi.security.msgSecCheck({ openid, scene: SCENE[scene], version: 2, content: text });
  return answer.result?.suggest === 'pass';
}

/** The text half of the content-check port on CloudBase (pass it in the entry's runtime ports). */
export const wechatTextCheck: Pick<ContentCheckPort, 'textAllowed'> = { textAllowed: wechatTextAllowed };
