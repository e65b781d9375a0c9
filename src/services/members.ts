import type { MemberPage } from '../../types/api';
import type { MemberView, Role } from '../../types/domain';
import { call, newRequestId } from './api';

/** A page of community members (hosts and owners only), newest joiners first. */
export function fetchMembers(after?: string, role?: Role): Promise<MemberPage> {
  return call('member', 'list', { limit: 30, ...(after ? { after } : {}), ...(role ? { role } : {}) });
}

/** Owner only: give a member the host role or take it away. */
export async function setMemberRole(memberId: string, role: Role): Promise<MemberView> {
  const { member } = await call('member', 'setRole', { requestId: newRequestId(), memberId, role });
  return member;
}
