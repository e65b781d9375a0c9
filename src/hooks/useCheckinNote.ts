import { useCallback, useEffect, useRef, useState } from 'react';
import type { CheckinNoteView } from '../../types/api';
import { ApiFailure, newRequestId } from '../services/api';
import { fetchCheckinCalendar } from '../services/checkin';
import { pickImages, saveCheckinNote, uploadNoteImage } from '../services/notes';
import { login } from '../services/session';
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
  const [busy, setBusy] = useState<'upload' | 'save' | null>(null);
  const [actionError, setActionError] = useState<ApiFailure | null>(null);
  const pending = useRef<{ body: string; requestId: string } | null>(null);

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
    setBusy('upload');
    try {
      const refs: string[] = [];
      for (const p of paths) refs.push(await uploadNoteImage(p));
      setImages((list) => [...list, ...refs].slice(0, NOTE_LIMITS.images));
    } catch (e) {
      setActionError(asFailure(e));
    } finally {
      setBusy(null);
    }
  }, [busy, images.length]);

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
    setBusy('save');
    setActionError(null);
    const body = JSON.stringify([trimmed, images]);
    if (pending.current?.body !== body) pending.current = { body, requestId: newRequestId() };
    try {
      const { note } = await saveCheckinNote(trimmed, images, pending.current.requestId);
      pending.current = null;
      return note;
    } catch (e) {
      const failure = asFailure(e);
      if (failure.code !== 'INTERNAL' && failure.code !== 'BUSY') pending.current = null;
      setActionError(failure);
      return null;
    } finally {
      setBusy(null);
    }
  }, [busy, text, images]);

  return { ...remote, text, setText, images, addImages, removeImage, busy, actionError, save };
}
