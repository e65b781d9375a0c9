import { useCallback, useState } from 'react';
import type { MemberView, Role } from '../../types/domain';
import { fetchMembers, setMemberRole } from '../services/members';
import { login } from '../services/session';
import type { ApiFailure } from '../services/api';
import { asFailure } from './useRemote';
import { usePaged } from './usePaged';

/** The member list for hosts and owners, plus the owner's role change. */
export function useMembers(role?: Role) {
  const paged = usePaged<MemberView>(async (after) => {
    await login();
    const page = await fetchMembers(after, role);
    return { items: page.members, next: page.next };
  }, `members:${role ?? 'all'}`);
  const [changing, setChanging] = useState<string | null>(null);
  const [actionError, setActionError] = useState<ApiFailure | null>(null);
  const { setItems } = paged;

  const changeRole = useCallback(
    async (memberId: string, next: Role) => {
      setChanging(memberId);
      setActionError(null);
      try {
        const updated = await setMemberRole(memberId, next);
        setItems((list) => list.map((m) => (m.id === updated.id ? updated : m)));
        return updated;
      } catch (e) {
        setActionError(asFailure(e));
        return null;
      } finally {
        setChanging(null);
      }
    },
    [setItems],
  );

  return { ...paged, changing, actionError, changeRole };
}
