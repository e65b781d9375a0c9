import { useCallback, useRef, useState } from 'react';
import type { ApiFailure } from '../services/api';
import { newRequestId } from '../services/api';
import { asFailure } from './useRemote';

/** Failures after which the same intent may be sent again with the same requestId (the server may have done it). */
function retryable(failure: ApiFailure): boolean {
  return failure.code === 'INTERNAL' || failure.code === 'BUSY';
}

/** The requestId of the intent in flight or awaiting a retry, bound to what it asks for. */
export interface PendingIntent {
  key: string;
  requestId: string;
}

/**
 * The requestId to send for `key`: the pending one when the caller retries the very same intent
 * (same key: same action and arguments), a fresh one otherwise, so a corrected form never reuses
 * the id of what it corrected (the server would answer CONFLICT).
 */
export function requestIdFor(pending: PendingIntent | null, key: string, fresh: () => string = newRequestId): PendingIntent {
  return pending && pending.key === key ? pending : { key, requestId: fresh() };
}

/**
 * One user intent that writes, run through `run(key, body)`: a requestId kept across retries of
 * the same key (network loss, BUSY, INTERNAL) and dropped once the server has answered; which
 * key is in flight, and the last failure. The only place the client keeps requestIds.
 */
export function useIntent() {
  const pending = useRef<PendingIntent | null>(null);
  const inFlight = useRef(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const run = useCallback(async <T>(key: string, body: (requestId: string) => Promise<T>, onFailure?: (failure: ApiFailure) => Promise<void>): Promise<T | null> => {
    if (inFlight.current) return null;
    inFlight.current = true;
    setBusy(key);
    setError(null);
    const intent = requestIdFor(pending.current, key);
    pending.current = intent;
    try {
      const result = await body(intent.requestId);
      pending.current = null;
      return result;
    } catch (e) {
      const failure = asFailure(e);
      if (!retryable(failure)) pending.current = null;
      setError(failure);
      if (onFailure) await onFailure(failure);
      return null;
    } finally {
      inFlight.current = false;
      setBusy(null);
    }
  }, []);
  return { run, busy, error, setError };
}
