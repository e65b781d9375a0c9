import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiFailure } from '../services/api';

/** Loading/error/data state of one remote read, with a reload for pull-to-refresh and page show. */
export interface Remote<T> {
  data: T | null;
  error: ApiFailure | null;
  loading: boolean;
  reload: () => Promise<void>;
}

/** Turn anything thrown into an ApiFailure the UI can show. */
export function asFailure(error: unknown): ApiFailure {
  return error instanceof ApiFailure ? error : new ApiFailure('INTERNAL', '出了点问题，请稍后再试');
}

/** Run `load` on mount (and whenever `key` changes), keeping only the latest answer. */
export function useRemote<T>(load: () => Promise<T>, key: string): Remote<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const value = await loadRef.current();
      if (mine === generation.current) {
        setData(value);
        setError(null);
      }
    } catch (e) {
      if (mine === generation.current) setError(asFailure(e));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [key, reload]);

  return { data, error, loading, reload };
}
