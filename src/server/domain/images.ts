import { AppError } from '../../core/errors';
import type { Doc, Store, Tx } from '../store/port';

/** A local upload (`uploads/<name>`): who uploaded it and what note, if any, uses it. */
export interface UploadDoc extends Doc {
  memberId: string;
  at: string;
  /** The note (check-in or campaign) that references the image; null until attached. */
  attachedTo: string | null;
}

/** The cloud-storage folder a member's note images go to (`notes/<memberId>/…`); the client uploads there. */
export function uploadFolder(memberId: string): string {
  return `notes/${memberId}`;
}

const LOCAL_REF = /^\/uploads\/([a-f0-9]{24}\.(?:jpg|png|webp|gif))$/;
const CLOUD_REF = /^cloud:\/\/[\w-]+(?:\.[\w-]+)*\/notes\/(m_[0-9a-f]{24})\/[\w-]{1,64}\.(?:jpg|jpeg|png|webp|gif)$/;

/** Shape of an image reference a note may carry: a local upload or a fileID in a member's folder (no `..`). */
export const IMAGE_REF = new RegExp(`${LOCAL_REF.source}|${CLOUD_REF.source}`);

const NOT_YOURS = '只能使用你自己上传的图片，请重新上传';

/** Record a local upload as the caller's, so only they can attach it to a note. */
export async function recordUpload(store: Store, url: string, memberId: string, now: Date): Promise<void> {
  const name = LOCAL_REF.exec(url)?.[1];
  if (!name) return;
  await store.transaction((tx) => tx.create('uploads', { id: name, memberId, at: now.toISOString(), attachedTo: null } satisfies UploadDoc));
}

/**
 * Check inside the note's transaction that every image is the caller's own upload and tie local
 * uploads to the note (`ref`). VALIDATION when an image is someone else's, or not an upload at all.
 */
export async function attachOwnImages(tx: Tx, memberId: string, images: readonly string[], ref: string): Promise<void> {
  for (const image of images) {
    const cloudOwner = CLOUD_REF.exec(image)?.[1];
    if (cloudOwner !== undefined) {
      if (cloudOwner !== memberId) throw new AppError('VALIDATION', NOT_YOURS);
      continue;
    }
    const name = LOCAL_REF.exec(image)?.[1];
    const upload = name ? await tx.get('uploads', name) : null;
    if (!upload || upload.memberId !== memberId) throw new AppError('VALIDATION', NOT_YOURS);
    if (upload.attachedTo !== ref) await tx.set('uploads', { ...upload, attachedTo: ref });
  }
}
