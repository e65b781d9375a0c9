import Taro from '@tarojs/taro';
import type { CheckinNoteView } from '../../types/api';
import { ApiFailure, call, newRequestId } from './api';
import { localHeaders } from './identity';
import { login } from './session';

/** Attach (or replace) the note on today's check-in: text ≤ 500 characters, ≤ 3 image references. */
export function saveCheckinNote(text: string, images: string[], requestId: string = newRequestId()): Promise<{ day: string; note: CheckinNoteView }> {
  return call('checkin', 'note', { requestId, ...(text ? { text } : {}), ...(images.length > 0 ? { images } : {}) });
}

/** Let the member pick up to `count` photos (compressed by the platform); answers local temp paths. */
export async function pickImages(count: number): Promise<string[]> {
  const picked = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  return picked.tempFilePaths.slice(0, count);
}

const UPLOAD_FAILED = '图片上传失败，请稍后再试';

/**
 * Upload one picked photo and answer the reference a note stores: a cloud-storage fileID on weapp
 * (`Taro.cloud.uploadFile`), or `/uploads/<name>` from the local gateway on h5. Throws ApiFailure.
 */
export async function uploadNoteImage(tempPath: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    let answer: { ok: boolean; data?: { url: string }; error?: { code: 'VALIDATION'; message: string } };
    try {
      const blob = await (await fetch(tempPath)).blob();
      const response = await fetch('/api/_upload', { method: 'POST', headers: { 'content-type': blob.type, ...localHeaders() }, body: blob });
      answer = (await response.json()) as typeof answer;
    } catch {
      throw new ApiFailure('INTERNAL', UPLOAD_FAILED);
    }
    if (!answer.ok || !answer.data) throw new ApiFailure(answer.error?.code ?? 'INTERNAL', answer.error?.message ?? UPLOAD_FAILED);
    return answer.data.url;
  }
  const ext = /\.(jpg|jpeg|png|webp|gif)$/i.exec(tempPath)?.[1]?.toLowerCase() ?? 'jpg';
  try {
    // The server accepts only images in the caller's own folder (notes/<memberId>/).
    const { id } = await login();
    const { fileID } = await Taro.cloud.uploadFile({ cloudPath: `notes/${id}/${Date.now()}-${Math.random().toString(36).slice(2, 10)}.${ext}`, filePath: tempPath });
    return fileID;
  } catch {
    throw new ApiFailure('INTERNAL', UPLOAD_FAILED);
  }
}
