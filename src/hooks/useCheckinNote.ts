import { useCallback, useEffect, useState } from 'react';
import type { CheckinNoteView } from '../../types/api';
import { ApiFailure } from '../services/api';
import { fetchCheckinCalendar } from '../services/checkin';
import { pickImages, saveCheckinNote, uploadNoteImage } from '../services/notes';
import { login } from '../services/session';
import { useIntent } from './useIntent';
import { asFailure, useRemote } from './useRemote';

/** Most characters and images in a note (the server enforces the same limits). */
export const NOTE_LIMITS = { chars: 500, images: 3 };

/** Today's note editor: whether today is checked in, the draft text and images, image upload and save. */
export function useCheckinNote() {
  const remote = useRemote<{ day: string; checkedIn: boolean; note: CheckinNoteView | null }>(async () => {
    await login();
    const calendar = await fetchCheckinCalendar();
    const today = calendar.days.find((d) => d.day === calendar.today);
    return { day: calendar.today, checkedIn: calendar.checkedIn, note: today?.note ?? null };
  }, 'checkin-note');
  const [text, setText] = useState('');
  const [images, setImages] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const intent = useIntent();
  const { run, error: actionError, setError: setActionError } = intent;
  const busy: 'upload' | 'save' | null = uploading ? 'upload' : intent.busy !== null ? 'save' : null;

  useEffect(() => {
    if (remote.data?.note) {
      setText(remote.data.note.text);
      setImages(remote.data.note.images);
    }
  }, [remote.data]);

  const addImages = useCallback(async () => {
    if (busy || images.length >= NOTE_LIMITS.images) return;
    setActionError(null);
    let paths: string[];
    try {
      paths = await pickImages(NOTE_LIMITS.images - images.length);
    } catch {
      return; // the member closed the picker
    }
    setUploading(true);
    try {
      const refs: string[] = [];
      for (const p of paths) refs.push(await uploadNoteImage(p));
      setImages((list) => [...list, ...refs].slice(0, NOTE_LIMITS.images));
    } catch (e) {
      setActionError(asFailure(e));
    } finally {
      setUploading(false);
    }
  }, [busy, images.length, setActionError]);

  const removeImage = useCallback((ref: string) => setImages((list) => list.filter((r) => r !== ref)), []);

  const save = useCallback(async (): Promise<CheckinNoteView | null> => {
    if (busy) return null;
    const trimmed = text.trim();
    if (trimmed.length > NOTE_LIMITS.chars) {
      setActionError(new ApiFailure('VALIDATION', `笔记最多 ${NOTE_LIMITS.chars} 字`));
      return null;
    }
    if (!trimmed && images.length === 0) {
      setActionError(new ApiFailure('VALIDATION', '写点什么或添加一张图片吧'));
      return null;
    }
    return run(JSON.stringify([trimmed, images]), async (requestId) => (await saveCheckinNote(trimmed, images, requestId)).note);
  }, [busy, text, images, run, setActionError]);

  return { ...remote, text, setText, images, addImages, removeImage, busy, actionError, save };
}
