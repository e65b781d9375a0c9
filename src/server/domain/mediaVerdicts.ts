/**
 * WeChat's verdict on an image submitted to `security.mediaCheckAsync` arrives later as a message
 * push (`Event: 'wxa_media_check'`, matched by `trace_id`). A risky image is taken out of the note
 * that uses it, so nobody sees it again; pass and review verdicts are recorded.
 */
import type { Store } from '../store/port';

/** The message push WeChat sends with an image verdict (cloud message push delivers it as the event). */
export interface MediaCheckPush {
  MsgType: 'event';
  Event: 'wxa_media_check';
  trace_id: string;
  result: { suggest: 'pass' | 'risky' | 'review'; label?: string | number };
}

/** True when a cloud-function event is WeChat's image-verdict push (not a call from the app). */
export function isMediaCheckPush(event: unknown): event is MediaCheckPush {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as Record<string, unknown>;
  const result = e.result as Record<string, unknown> | undefined;
  return (
    e.MsgType === 'event' &&
    e.Event === 'wxa_media_check' &&
    typeof e.trace_id === 'string' &&
    e.trace_id.length > 0 &&
    e.trace_id.length <= 128 &&
    typeof result === 'object' &&
    result !== null &&
    ['pass', 'risky', 'review'].includes(String(result.suggest))
  );
}

/**
 * Record a verdict and, when it is risky, remove the image from the check-in or campaign note (or
 * the support question or case) that uses it. Safe to receive twice (WeChat retries pushes). Answers how many records it matched.
 */
export async function applyMediaVerdict(store: Store, push: MediaCheckPush): Promise<number> {
  const page = await store.find('mediaChecks', { where: { traceId: push.trace_id }, limit: 10 });
  for (const check of page.docs) {
    await store.transaction(async (tx) => {
      const current = await tx.get('mediaChecks', check.id);
      if (!current) return;
      await tx.set('mediaChecks', { ...current, status: push.result.suggest });
      if (push.result.suggest !== 'risky') return;
      const [collection, id] = [current.usedIn.slice(0, current.usedIn.indexOf('/')), current.usedIn.slice(current.usedIn.indexOf('/') + 1)];
      if (collection === 'checkins') {
        const doc = await tx.get('checkins', id);
        if (doc?.note && doc.note.images.includes(current.image)) await tx.set('checkins', { ...doc, note: { ...doc.note, images: doc.note.images.filter((i) => i !== current.image) } });
      } else if (collection === 'campaignNotes') {
        const doc = await tx.get('campaignNotes', id);
        if (doc && doc.images.includes(current.image)) await tx.set('campaignNotes', { ...doc, images: doc.images.filter((i) => i !== current.image) });
      } else if (collection === 'supportQuestions') {
        const doc = await tx.get('supportQuestions', id);
        if (doc && doc.images.includes(current.image)) await tx.set('supportQuestions', { ...doc, images: doc.images.filter((i) => i !== current.image) });
      } else if (collection === 'supportCases') {
        const doc = await tx.get('supportCases', id);
        if (doc && doc.images.includes(current.image)) await tx.set('supportCases', { ...doc, images: doc.images.filter((i) => i !== current.image) });
      } else if (collection === 'posts') {
        // content (issue 17)
        const doc = await tx.get('posts', id);
        if (doc && doc.images.includes(current.image)) await tx.set('posts', { ...doc, images: doc.images.filter((i) => i !== current.image) });
      }
    });
  }
  return page.docs.length;
}
