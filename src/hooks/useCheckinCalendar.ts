import { useCallback } from 'react';
import type { CheckinCalendar, MakeupDone } from '../../types/api';
import { fetchCheckinCalendar, makeUpDay } from '../services/checkin';
import { fetchBalance } from '../services/points';
import { login } from '../services/session';
import { useIntent } from './useIntent';
import { useRemote } from './useRemote';

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
  const intent = useIntent();
  const { run } = intent;

  const makeUp = useCallback(
    (day: string): Promise<MakeupDone | null> =>
      run(day, async (requestId) => {
        const done = await makeUpDay(day, requestId);
        await remote.reload();
        return done;
      }),
    [run, remote],
  );

  return { ...remote, submitting: intent.busy, actionError: intent.error, makeUp };
}
