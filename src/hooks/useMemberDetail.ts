import { useCallback } from 'react';
import type { Role } from '../../types/domain';
import { fetchMemberDetail, markCleanup, setMemberRole } from '../services/members';
import { remindInactive } from '../services/funnel';
import { login } from '../services/session';
import { useAction } from './useAction';
import { useRemote } from './useRemote';

/** Host/owner: one member's detail page, with the owner's cleanup mark and reminder. */
export function useMemberDetail(memberId: string) {
  const detail = useRemote(async () => {
    await login();
    return fetchMemberDetail(memberId);
  }, `member:${memberId}`);
  const { reload } = detail;
  const refresh = useCallback(() => reload(), [reload]);
  const cleanup = useAction((requestId: string, id: string, needs: boolean) => markCleanup(id, needs, requestId), refresh);
  const role = useAction((requestId: string, id: string, next: Role) => setMemberRole(id, next, requestId), refresh);
  return { detail, cleanup, role };
}

/** Owner: remind one inactive member (at most once a day per member). */
export function useInactiveReminder() {
  const { submit, submitting, error } = useAction((requestId: string, memberId: string) => remindInactive(memberId, requestId));
  return { remind: submit, submitting, error };
}

/** Owner: mark or unmark a member for cleanup (待清理) from a list. */
export function useCleanupMark() {
  return useAction((requestId: string, memberId: string, needs: boolean) => markCleanup(memberId, needs, requestId));
}
