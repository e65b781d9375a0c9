/**
 * One content check for everything members write: text through the port's check (the local word
 * list, plus `security.msgSecCheck` on CloudBase) before anything is written, and every image
 * submitted to the port's asynchronous check (`security.mediaCheckAsync` on CloudBase) with its
 * trace id recorded in `mediaChecks`, so the verdict pushed later can find it.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../core/errors';
import { blockedWordIn } from '../../core/lessonRules';
import type { Store, Tx } from '../store/port';

/** Where member text or an image appears, as WeChat's check scenes: 1 profile, 2 comment, 3 forum, 4 social log. */
export type ContentScene = 'profile' | 'comment' | 'forum' | 'social';

/**
 * How member content is checked. Locally and in tests: the word list, and a stand-in trace id for
 * images (there is no image checker locally). A deployed entry passes the WeChat halves it needs
 * through the runtime (`runtime/wechatTextCheck`, `runtime/wechatImageCheck`), so each function
 * reaches only the `cloud.openapi` calls it declares.
 */
export interface ContentCheckPort {
  /** True when `text` may be published. */
  textAllowed(text: string, openid: string, scene: ContentScene): Promise<boolean>;
  /** Submit an image reference for the asynchronous check; answers its trace id, throws when refused. */
  submitImage(image: string, openid: string, scene: ContentScene): Promise<string>;
}

let localTraces = 0;

/** The local port: `BLOCKED_WORDS` for text, `local-…` trace ids for images. */
export const localContentCheck: ContentCheckPort = {
  async textAllowed(text) {
    return blockedWordIn(text) === null;
  },
  async submitImage() {
    localTraces += 1;
    return `local-${Date.now().toString(36)}-${localTraces}`;
  },
};

/** What a member reads when their text is refused. */
export const UNSUITABLE_TEXT = '内容含有不适宜的词语，请修改后再提交';

/** An image submitted for the asynchronous check (`mediaChecks/<hash of the image reference>`). */
export interface MediaCheckDoc {
  id: string;
  image: string;
  /** WeChat's trace id (`local-…` in local mode), which the result push carries. */
  traceId: string;
  memberId: string;
  /** Where the image is used first, as `<collection>/<id>`. */
  usedIn: string;
  /** `pending` until a verdict arrives. */
  status: 'pending' | 'pass' | 'risky' | 'review';
  submittedAt: string;
}

/** Refuse `text` unless it passes the check. Errors: VALIDATION ("内容含有不适宜的词语…"). */
export async function assertTextAllowed(port: ContentCheckPort, text: string, openid: string, scene: ContentScene): Promise<void> {
  if (text.trim().length === 0) return;
  if (!(await port.textAllowed(text, openid, scene))) throw new AppError('VALIDATION', UNSUITABLE_TEXT);
}

/** The `mediaChecks` id of an image reference (fileIDs are longer than a document id may be). */
export function mediaCheckId(image: string): string {
  return `img_${createHash('sha256').update(image).digest('base64url').slice(0, 32)}`;
}

/**
 * Submit every image not submitted before and answer the records to write with the document that
 * uses them (see `recordMediaChecks`). Call outside the transaction: the submission is a network
 * call. Errors: whatever the port throws when WeChat refuses (surfaces as INTERNAL).
 */
export async function submitImages(store: Store, images: string[], who: { memberId: string; openid: string; contentCheck: ContentCheckPort }, usedIn: string, now: Date): Promise<MediaCheckDoc[]> {
  const fresh: MediaCheckDoc[] = [];
  for (const image of images) {
    const id = mediaCheckId(image);
    if (await store.get('mediaChecks', id)) continue;
    const traceId = await who.contentCheck.submitImage(image, who.openid, 'social');
    fresh.push({ id, image, traceId, memberId: who.memberId, usedIn, status: 'pending', submittedAt: now.toISOString() });
  }
  return fresh;
}

/** Write the records from `submitImages` in the caller's transaction (kept if one already exists). */
export async function recordMediaChecks(tx: Tx, checks: MediaCheckDoc[]): Promise<void> {
  for (const check of checks) {
    if (!(await tx.get('mediaChecks', check.id))) await tx.set('mediaChecks', check);
  }
}
