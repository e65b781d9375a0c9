import { useCallback } from 'react';
import type { RoutineInput } from '../../types/content';
import { fetchMembers } from '../services/members';
import { fetchRoutines, fetchSopReport, fetchToday, markRoutineDone, saveRoutine } from '../services/sop';
import { login } from '../services/session';
import { useAction } from './useAction';
import { useRemote } from './useRemote';

/** Host: 今日待办 (due routines and queues) with 完成. */
export function useToday(sessionKey = '') {
  const remote = useRemote(async () => {
    await login();
    return fetchToday();
  }, `sop-today:${sessionKey}`);
  const done = useAction(useCallback((rid: string, routineId: string, ref: string | null) => markRoutineDone(routineId, ref, rid), []), remote.reload);
  return { ...remote, done };
}

/** Owner: routines, the 30-day report and the hosts a routine can be given to. */
export function useSopCalendar() {
  const remote = useRemote(async () => {
    await login();
    const [routines, report, hosts, owners] = await Promise.all([fetchRoutines(), fetchSopReport(), fetchMembers(undefined, 'host'), fetchMembers(undefined, 'owner')]);
    return { routines, report, hosts: [...hosts.members, ...owners.members] };
  }, 'sop-calendar');
  const save = useAction(useCallback((rid: string, routine: RoutineInput) => saveRoutine(routine, rid), []), remote.reload);
  return { ...remote, save };
}
