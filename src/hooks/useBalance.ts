import type { PointsBalance } from '../../types/api';
import { fetchBalance } from '../services/points';
import { login } from '../services/session';
import { useRemote, type Remote } from './useRemote';

/** The member's balance card data (balance, lifetime earned, points expiring soon). */
export function useBalance(sessionKey = ''): Remote<PointsBalance> {
  return useRemote(async () => {
    await login();
    return fetchBalance();
  }, `balance:${sessionKey}`);
}
