import type { TierStatus, VipOverview } from '../../types/vip';
import { buyVip, fetchTierStatus, fetchVipOverview, grantVip, subscribeVipReminder } from '../services/vip';
import { login } from '../services/session';
import { useRemote, type Remote } from './useRemote';
import { useAction } from './useAction';

/** The member's tier page data (and the 首页 badge). */
export function useTierStatus(sessionKey = ''): Remote<TierStatus> {
  return useRemote(async () => {
    await login();
    return fetchTierStatus();
  }, `tier:${sessionKey}`);
}

/** Accept one renewal reminder; the requestId is kept until the server answers. */
export function useVipReminder() {
  const { submit: run, submitting, error } = useAction((requestId: string, templateId?: string) => subscribeVipReminder(requestId, templateId));
  return { subscribe: run, submitting, error };
}

/** Owner: the tiers and renewals overview. */
export function useVipOverview(): Remote<VipOverview> {
  return useRemote(async () => {
    await login();
    return fetchVipOverview();
  }, 'vip-overview');
}

/** Owner: grant VIP days with a note (offline payment). */
export function useGrantVip() {
  const { submit: run, submitting, error } = useAction((requestId: string, memberId: string, days: number, note: string) => grantVip(memberId, days, note, requestId));
  return { grant: run, submitting, error };
}

/** Buy or renew paid VIP with WeChat Pay (simulated locally); the requestId is kept until the server answers. */
export function useBuyVip() {
  const { submit: run, submitting, error } = useAction((requestId: string, planId: string) => buyVip(planId, requestId));
  return { buy: run, submitting, error };
}
