import { useCallback, useRef, useState } from 'react';
import type { ApiFailure } from '../services/api';
import { newRequestId } from '../services/api';
import { login } from '../services/session';
import { asFailure } from './useRemote';

/**
 * One user intent (a tap) that writes: a requestId kept across retries of the same intent
 * (network loss, BUSY) and dropped once the server has answered; submitting and error state.
 */
export function useAction<A extends unknown[], R>(run: (requestId: string, ...args: A) => Promise<R>, after?: () => Promise<void>) {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const pending = useRef<string | null>(null);
  const busy = useRef(false);
  const submit = useCallback(
    async (...args: A): Promise<R | null> => {
      if (busy.current) return null;
      busy.current = true;
      setSubmitting(true);
      setError(null);
      pending.current = pending.current ?? newRequestId();
      try {
        await login();
        const result = await run(pending.current, ...args);
        pending.current = null;
        if (after) await after();
        return result;
      } catch (e) {
        const failure = asFailure(e);
        if (failure.code !== 'INTERNAL' && failure.code !== 'BUSY') pending.current = null;
        setError(failure);
        if (failure.code === 'CONFLICT' && after) await after();
        return null;
      } finally {
        busy.current = false;
        setSubmitting(false);
      }
    },
    [run, after],
  );
  return { submit, submitting, error };
}
