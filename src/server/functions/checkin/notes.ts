import * as z from 'zod/mini';
import type { CheckinNoteView } from '../../../../types/api';
import { dayKey } from '../../../core/day';
import { AppError } from '../../../core/errors';
import { assertTextAllowed, recordMediaChecks, submitImages } from '../../domain/contentCheck';
import { requestIdSchema, type Route } from '../../kernel/handler';
import { tooLongMessage } from '../../../core/formRules';
import { attachOwnImages, IMAGE_REF } from '../../domain/images';

const NOT_CHECKED_IN = '今天还没有签到，先签到再写笔记吧';

/** Most characters in a check-in note. */
export const NOTE_MAX_CHARS = 500;
/** Most images on a check-in note. */
export const NOTE_MAX_IMAGES = 3;

/** An image reference: a cloud-storage fileID (weapp) or a local-mode upload path; never image data. */
export const imageRefSchema = z.string().check(z.maxLength(256), z.regex(IMAGE_REF, '图片无效，请重新上传'));

/**
 * `checkin.note`: attach or replace the note (text ≤ 500, ≤ 3 image references) on today's
 * check-in. The text passes the content check and every new image is submitted to the image
 * check before anything is written. Errors: VALIDATION (limits, empty note, unsuitable text),
 * CONFLICT (not checked in today).
 */
export const noteRoute: Route<{ requestId: string; text?: string; images?: string[] }, { day: string; note: CheckinNoteView }> = {
  access: 'member',
  schema: z.strictObject({
    requestId: requestIdSchema,
    text: z.optional(z.string().check(z.maxLength(NOTE_MAX_CHARS, tooLongMessage('心得', NOTE_MAX_CHARS)))),
    images: z.optional(z.array(imageRefSchema).check(z.maxLength(NOTE_MAX_IMAGES, `最多 ${NOTE_MAX_IMAGES} 张图片`))),
  }),
  async handle(ctx, params) {
    const day = dayKey(ctx.now, ctx.settings.timezone);
    const note: CheckinNoteView = { text: (params.text ?? '').trim(), images: params.images ?? [], updatedAt: ctx.now.toISOString() };
    if (note.text.length === 0 && note.images.length === 0) throw new AppError('VALIDATION', '写点什么或添加一张图片吧');
    if (new Set(note.images).size !== note.images.length) throw new AppError('VALIDATION', '同一张图片只能添加一次');
    const id = `${ctx.memberId}:${day}`;
    if (!(await ctx.store.get('checkins', id))) throw new AppError('CONFLICT', NOT_CHECKED_IN);
    await assertTextAllowed(ctx.contentCheck, note.text, ctx.openid, 'social');
    const checks = await submitImages(ctx.store, note.images, ctx, `checkins/${id}`, ctx.now);
    return ctx.write(async (tx) => {
      const doc = await tx.get('checkins', id);
      if (!doc) throw new AppError('CONFLICT', NOT_CHECKED_IN);
      await attachOwnImages(tx, ctx.memberId, note.images, `checkins/${doc.id}`);
      await tx.set('checkins', { ...doc, note });
      await recordMediaChecks(tx, checks);
      return { day, note };
    });
  },
};
