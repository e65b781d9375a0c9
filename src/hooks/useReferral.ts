import { useCallback, useState } from 'react';
import type { ApiFailure } from '../services/api';
import { fetchBoard, fetchHeld, fetchMyInvites, fetchPoster, fetchReferralOverview, reviewHeld } from '../services/referral';
import { login } from '../services/session';
import { asFailure, useRemote } from './useRemote';

/** 邀请好友: my code, invitees, totals, the leaderboard and the poster. */
export function useInvites() {
  const mine = useRemote(async () => {
    await login();
    return fetchMyInvites();
  }, 'invites');
  const board = useRemote(async () => {
    await login();
    return fetchBoard();
  }, 'board');
  const poster = useRemote(async () => {
    await login();
    return fetchPoster();
  }, 'poster');
  return { mine, board, poster };
}

/** 邀请审核 (owner): overview, held queue and the approve/reject decision. */
export function useReferralReview() {
  const overview = useRemote(async () => {
    await login();
    return fetchReferralOverview();
  }, 'referral-overview');
  const held = useRemote(async () => {
    await login();
    return fetchHeld();
  }, 'referral-held');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const decide = useCallback(
    async (inviteeId: string, decision: 'approved' | 'rejected') => {
      setBusy(inviteeId);
      setError(null);
      try {
        await reviewHeld(inviteeId, decision);
        await Promise.all([held.reload(), overview.reload()]);
      } catch (e) {
        setError(asFailure(e));
      } finally {
        setBusy(null);
      }
    },
    [held, overview],
  );
  return { overview, held, decide, busy, error };
}
