import { useCallback } from 'react';
import type { CheckinDone, CheckinToday } from '../../types/api';
import { checkIn, fetchCheckinToday } from '../services/checkin';
import { fetchBalance } from '../services/points';
import { login } from '../services/session';
import { useRemote } from './useRemote';
import { useAction } from './useAction';

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
  const write = useAction((requestId: string) => checkIn(requestId));
  const { reload } = remote;

  const submit = useCallback(async (): Promise<CheckinDone | null> => {
    if (write.submitting) return null;
    const done = await write.submit();
    // Success changes the card; a refusal (e.g. already checked in elsewhere) may too.
    await reload();
    return done;
  }, [write, reload]);

  return { ...remote, submitting: write.submitting, actionError: write.error, submit };
}
