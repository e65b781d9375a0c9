import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiFailure } from '../services/api';
import { asFailure } from './useRemote';

/** A cursor-paged list: first page on mount, `more` appends the next page, `refresh` starts over. */
export function usePaged<T>(loadPage: (after?: string) => Promise<{ items: T[]; next: string | null }>, key: string) {
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiFailure | null>(null);
  const generation = useRef(0);
  const loadRef = useRef(loadPage);
  loadRef.current = loadPage;

  const fetchPage = useCallback(async (after: string | undefined, append: boolean) => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const page = await loadRef.current(after);
      if (mine !== generation.current) return;
      setItems((prev) => (append ? [...prev, ...page.items] : page.items));
      setNext(page.next);
      setError(null);
    } catch (e) {
      if (mine === generation.current) setError(asFailure(e));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  const refresh = useCallback(() => fetchPage(undefined, false), [fetchPage]);
  const more = useCallback(() => (next ? fetchPage(next, true) : Promise.resolve()), [fetchPage, next]);

  useEffect(() => {
    void refresh();
  }, [key, refresh]);

  return { items, hasMore: next !== null, loading, error, refresh, more, setItems };
}
