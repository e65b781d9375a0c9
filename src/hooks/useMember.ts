import { login } from '../services/session';
import type { MemberView } from '../../types/domain';
import { useRemote, type Remote } from './useRemote';

/** The signed-in member (logging in on first use); `reload` after anything that changes them. */
export function useMember(sessionKey = ''): Remote<MemberView> {
  return useRemote(login, `member:${sessionKey}`);
}
