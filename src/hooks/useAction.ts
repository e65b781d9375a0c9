import { useCallback } from 'react';
import { login } from '../services/session';
import { useIntent } from './useIntent';

/**
 * One tap that writes, with its arguments as the intent: a retry with the same arguments reuses
 * the requestId, different arguments get a new one. Refreshes through `after` on success and on
 * CONFLICT (the data on screen was stale).
 */
export function useAction<A extends unknown[], R>(run: (requestId: string, ...args: A) => Promise<R>, after?: () => Promise<void>) {
  const intent = useIntent();
  const { run: runIntent } = intent;
  const submit = useCallback(
    (...args: A): Promise<R | null> =>
      runIntent(
        JSON.stringify(args),
        async (requestId) => {
          await login();
          const result = await run(requestId, ...args);
          if (after) await after();
          return result;
        },
        async (failure) => {
          if (failure.code === 'CONFLICT' && after) await after();
        },
      ),
    [runIntent, run, after],
  );
  return { submit, submitting: intent.busy !== null, error: intent.error };
}
