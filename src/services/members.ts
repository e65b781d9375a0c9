import type { MemberDetail, MemberPage } from '../../types/api';
import type { MemberView, Role } from '../../types/domain';
import { call, newRequestId } from './api';

/** A page of community members (hosts and owners only), newest joiners first. */
export function fetchMembers(after?: string, role?: Role): Promise<MemberPage> {
  return call('member', 'list', { limit: 30, ...(after ? { after } : {}), ...(role ? { role } : {}) });
}

/** Owner only: give a member the host role or take it away. */
export async function setMemberRole(memberId: string, role: Role, requestId: string = newRequestId()): Promise<MemberView> {
  const { member } = await call('member', 'setRole', { requestId, memberId, role });
  return member;
}

/** Host: members whose nickname starts with `q` or whose invite code is `q`; VALIDATION for an empty query, RATE_LIMITED when typing too fast for too long. */
export function searchMembers(q: string, after?: string): Promise<MemberPage> {
  return call('member', 'search', { q, limit: 20, ...(after ? { after } : {}) });
}

/** Host: one member's profile, activity and history; NOT_FOUND when the member does not exist. */
export function fetchMemberDetail(memberId: string): Promise<MemberDetail> {
  return call('member', 'detail', { memberId });
}

/** Owner: mark or unmark a member for cleanup; VALIDATION for staff or oneself, NOT_FOUND. */
export function markCleanup(memberId: string, needsCleanup: boolean, requestId: string = newRequestId()) {
  return call('member', 'markCleanup', { requestId, memberId, needsCleanup });
}
