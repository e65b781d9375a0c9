import { useCallback, useRef, useState } from 'react';
import type { ApiFailure } from '../services/api';
import { newRequestId } from '../services/api';
import { login } from '../services/session';
import { asFailure } from './useRemote';

/**
 * One user intent that writes (a tap on 兑换, 签到, 确认发放…): runs `action` with a requestId that
 * is kept while the outcome is unknown (network loss, BUSY) so a retry cannot apply twice, and
 * dropped once the server has answered. Holds the submitting flag and the last failure.
 */
export function useWriteAction<A extends unknown[], R>(action: (requestId: string, ...args: A) => Promise<R>) {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const pending = useRef<string | null>(null);
  const actionRef = useRef(action);
  actionRef.current = action;

  const run = useCallback(async (...args: A): Promise<R | null> => {
    setSubmitting(true);
    setError(null);
    pending.current = pending.current ?? newRequestId();
    try {
      await login();
      const result = await actionRef.current(pending.current, ...args);
      pending.current = null;
      return result;
    } catch (e) {
      const failure = asFailure(e);
      if (failure.code !== 'INTERNAL' && failure.code !== 'BUSY') pending.current = null;
      setError(failure);
      return null;
    } finally {
      setSubmitting(false);
    }
  }, []);

  return { run, submitting, error };
}
