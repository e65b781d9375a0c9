import { useCallback, useState } from 'react';
import type { CronRun, PointsAudit } from '../../types/api';
import type { ApiFailure } from '../services/api';
import { adjustPoints, fetchAdjustments, fetchLiability, fetchPendingAdjustments, reviewAdjustment, runAudit, runExpiryNow } from '../services/points';
import { login } from '../services/session';
import { usePaged } from './usePaged';
import { asFailure, useRemote } from './useRemote';
import { useAction } from './useAction';

/** Host/owner: submit one manual adjustment; the requestId is kept until it succeeds or is refused. */
export function useAdjustPoints() {
  const { submit: run, submitting, error } = useAction((requestId: string, memberId: string, delta: number, reason: string) => adjustPoints(memberId, delta, reason, requestId));
  return { submit: run, submitting, error };
}

/** Owner: the audit (run on demand), the liability report, the adjustment log and expiry-now. */
export function usePointsAdmin() {
  const liability = useRemote(async () => {
    await login();
    return fetchLiability();
  }, 'liability');
  const adjustments = usePaged(async (after) => {
    await login();
    const page = await fetchAdjustments(after);
    return { items: page.adjustments, next: page.next };
  }, 'adjustments');
  const pending = usePaged(async (after) => {
    await login();
    const page = await fetchPendingAdjustments(after);
    return { items: page.adjustments, next: page.next };
  }, 'pendingAdjustments');
  const { submit: review, submitting: reviewing, error: reviewError } = useAction(
    (requestId: string, adjustmentId: string, decision: 'approve' | 'reject') => reviewAdjustment(adjustmentId, decision, requestId),
    async () => {
      await Promise.all([pending.refresh(), adjustments.refresh()]);
    },
  );
  const [audit, setAudit] = useState<PointsAudit | null>(null);
  const [expiry, setExpiry] = useState<CronRun | null>(null);
  const [busy, setBusy] = useState<'audit' | 'expiry' | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);

  const run = useCallback(
    async (what: 'audit' | 'expiry') => {
      setBusy(what);
      setError(null);
      try {
        await login();
        if (what === 'audit') setAudit(await runAudit());
        else {
          setExpiry(await runExpiryNow());
          await liability.reload();
        }
      } catch (e) {
        setError(asFailure(e));
      } finally {
        setBusy(null);
      }
    },
    [liability],
  );

  return { liability, adjustments, pending, review, reviewing, reviewError, audit, expiry, busy, error, runAudit: () => run('audit'), runExpiry: () => run('expiry') };
}
