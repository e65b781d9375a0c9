import type { TierStatus, VipOverview } from '../../types/vip';
import { buyVip, fetchTierStatus, fetchVipOverview, grantVip, subscribeVipReminder } from '../services/vip';
import { login } from '../services/session';
import { useEffect, useState } from 'react';
import { asFailure, useRemote, type Remote } from './useRemote';
import { useAction } from './useAction';

/**
 * One copy of the member's tier status shared by every screen that shows it (首页 badge, 会员等级),
 * so a figure shown twice is the same server figure: any reload updates every reader.
 */
const tierShared: { remote: Remote<TierStatus>; listeners: Set<(r: Remote<TierStatus>) => void> } = {
  remote: { data: null, error: null, loading: true, reload: refreshTierStatus },
  listeners: new Set(),
};
let tierGeneration = 0;

function publishTier(patch: Partial<Remote<TierStatus>>) {
  tierShared.remote = { ...tierShared.remote, ...patch };
  for (const listener of tierShared.listeners) listener(tierShared.remote);
}

/** Fetch the tier status again and show it on every screen that reads it (after a check-in, on page show). */
export async function refreshTierStatus(): Promise<void> {
  const mine = ++tierGeneration;
  publishTier({ loading: true });
  try {
    await login();
    const data = await fetchTierStatus();
    if (mine === tierGeneration) publishTier({ data, error: null, loading: false });
  } catch (e) {
    if (mine === tierGeneration) publishTier({ error: asFailure(e), loading: false });
  }
}

/** The member's tier page data (and the 首页 badge), from the one shared copy; a new `sessionKey` fetches afresh. */
export function useTierStatus(sessionKey = ''): Remote<TierStatus> {
  // Nobody on screen holds the copy any more (another member may be signed in now): start empty.
  if (tierShared.listeners.size === 0) tierShared.remote = { data: null, error: null, loading: true, reload: refreshTierStatus };
  const [remote, setRemote] = useState(tierShared.remote);
  useEffect(() => {
    tierShared.listeners.add(setRemote);
    return () => {
      tierShared.listeners.delete(setRemote);
    };
  }, []);
  useEffect(() => {
    void refreshTierStatus();
  }, [sessionKey]);
  return remote;
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
