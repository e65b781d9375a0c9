import { useCallback, useRef, useState } from 'react';
import type { CheckinCalendar, MakeupDone } from '../../types/api';
import type { ApiFailure } from '../services/api';
import { newRequestId } from '../services/api';
import { fetchCheckinCalendar, makeUpDay } from '../services/checkin';
import { fetchBalance } from '../services/points';
import { login } from '../services/session';
import { asFailure, useRemote } from './useRemote';

/** The month after (or before, with -1) `month` (`YYYY-MM`). */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The calendar page's data (one month, null: the current one, plus the balance) and the 补签 action; one requestId per day tapped, reused on retry. */
export function useCheckinCalendar(month: string | null) {
  const remote = useRemote<{ calendar: CheckinCalendar; balance: number }>(async () => {
    await login();
    const [calendar, { balance }] = await Promise.all([fetchCheckinCalendar(month ?? undefined), fetchBalance()]);
    return { calendar, balance };
  }, `calendar:${month ?? ''}`);
  const [submitting, setSubmitting] = useState<string | null>(null);
  const [actionError, setActionError] = useState<ApiFailure | null>(null);
  const pending = useRef<{ day: string; requestId: string } | null>(null);

  const makeUp = useCallback(
    async (day: string): Promise<MakeupDone | null> => {
      if (submitting) return null;
      setSubmitting(day);
      setActionError(null);
      if (pending.current?.day !== day) pending.current = { day, requestId: newRequestId() };
      try {
        const done = await makeUpDay(day, pending.current.requestId);
        pending.current = null;
        await remote.reload();
        return done;
      } catch (e) {
        const failure = asFailure(e);
        if (failure.code !== 'INTERNAL' && failure.code !== 'BUSY') pending.current = null;
        setActionError(failure);
        return null;
      } finally {
        setSubmitting(null);
      }
    },
    [submitting, remote],
  );

  return { ...remote, submitting, actionError, makeUp };
}
