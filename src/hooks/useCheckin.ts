import { useCallback, useRef, useState } from 'react';
import type { CheckinDone, CheckinToday } from '../../types/api';
import { checkIn, fetchCheckinToday } from '../services/checkin';
import { fetchBalance } from '../services/points';
import { newRequestId } from '../services/api';
import { login } from '../services/session';
import { asFailure, useRemote } from './useRemote';
import type { ApiFailure } from '../services/api';

/** Everything the 首页 check-in card shows. */
export interface CheckinCardState {
  today: CheckinToday;
  balance: number;
}

/** The check-in card's data plus the 签到 action; one requestId per tap, reused on retry. */
export function useCheckin(sessionKey = '') {
  const remote = useRemote<CheckinCardState>(async () => {
    await login();
    const [today, { balance }] = await Promise.all([fetchCheckinToday(), fetchBalance()]);
    return { today, balance };
  }, `checkin:${sessionKey}`);
  const [submitting, setSubmitting] = useState(false);
  const [actionError, setActionError] = useState<ApiFailure | null>(null);
  const pendingRequest = useRef<string | null>(null);

  const submit = useCallback(async (): Promise<CheckinDone | null> => {
    if (submitting) return null;
    setSubmitting(true);
    setActionError(null);
    pendingRequest.current = pendingRequest.current ?? newRequestId();
    try {
      const done = await checkIn(pendingRequest.current);
      pendingRequest.current = null;
      await remote.reload();
      return done;
    } catch (e) {
      const failure = asFailure(e);
      if (failure.code !== 'INTERNAL' && failure.code !== 'BUSY') pendingRequest.current = null;
      setActionError(failure);
      if (failure.code === 'CONFLICT') await remote.reload();
      return null;
    } finally {
      setSubmitting(false);
    }
  }, [submitting, remote]);

  return { ...remote, submitting, actionError, submit };
}
