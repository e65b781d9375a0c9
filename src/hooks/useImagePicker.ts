import { useCallback, useState } from 'react';
import type { ApiFailure } from '../services/api';
import { pickImages, uploadNoteImage } from '../services/notes';
import { asFailure } from './useRemote';

/**
 * Up to `max` photos for a form (support questions, cases, posts): pick, upload to the caller's own
 * folder (cloud storage on weapp, the local gateway on h5), remove; `load` puts back a saved list when editing.
 */
export function useImagePicker(max: number) {
  const [images, setImages] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const add = useCallback(async () => {
    if (uploading || images.length >= max) return;
    setError(null);
    let paths: string[];
    try {
      paths = await pickImages(max - images.length);
    } catch {
      return; // the member closed the picker
    }
    setUploading(true);
    try {
      const refs: string[] = [];
      for (const p of paths) refs.push(await uploadNoteImage(p));
      setImages((list) => [...list, ...refs.filter((r) => !list.includes(r))].slice(0, max));
    } catch (e) {
      setError(asFailure(e));
    } finally {
      setUploading(false);
    }
  }, [uploading, images.length, max]);
  const remove = useCallback((ref: string) => setImages((list) => list.filter((r) => r !== ref)), []);
  const reset = useCallback(() => setImages([]), []);
  const load = useCallback((list: readonly string[]) => setImages(list.slice(0, max)), [max]);
  return { images, add, remove, reset, load, uploading, error };
}
