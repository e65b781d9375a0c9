import type { DueRoutineView, HostQueueView, HostRoutineFigures, RoutineInput, RoutineReportRow, RoutineView } from '../../types/content';
import { call, newRequestId } from './api';

/** Host: today's due routines assigned to the caller, for owners also the team's, and the shared queues. FORBIDDEN for members. */
export function fetchToday(): Promise<{ day: string; due: DueRoutineView[]; team: DueRoutineView[]; queues: HostQueueView[] }> {
  return call('sop', 'today', {});
}

/** Host: mark today's occurrence of a routine done, with what did it. FORBIDDEN (not yours), CONFLICT (not due, done). */
export async function markRoutineDone(routineId: string, ref: string | null, requestId: string = newRequestId()): Promise<DueRoutineView> {
  return (await call('sop', 'done', { requestId, routineId, ...(ref ? { ref } : {}) })).due;
}

/** Every routine. */
export async function fetchRoutines(): Promise<RoutineView[]> {
  return (await call('sop', 'routines', {})).routines;
}

/** Owner: create or edit a routine. VALIDATION, NOT_FOUND, FORBIDDEN. */
export async function saveRoutine(routine: RoutineInput, requestId: string = newRequestId()): Promise<RoutineView> {
  return (await call('sop', 'saveRoutine', { requestId, routine })).routine;
}

/** Owner: on-time rate and metric per routine over 30 days, and each host's last 7 days (who is behind). */
export function fetchSopReport(): Promise<{ from: string; to: string; rows: RoutineReportRow[]; hosts: HostRoutineFigures[]; behind: HostRoutineFigures[] }> {
  return call('sop', 'report', {});
}
