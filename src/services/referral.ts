import type { Contracts, HeldReferralView, ReferralOverview } from '../../types/api';
import { call, newRequestId } from './api';

type Mine = Contracts['referral']['mine']['result'];
type Board = Contracts['referral']['board']['result'];
type Poster = Contracts['referral']['poster']['result'];

/** The member's invite code, share path, invitees with their states and rewards, and totals. */
export function fetchMyInvites(): Promise<Mine> {
  return call('referral', 'mine', {});
}

/** This month's top inviters (names masked). */
export function fetchBoard(): Promise<Board> {
  return call('referral', 'board', {});
}

/** The poster code image (a mini-program code on WeChat, a QR of the h5 link locally). */
export function fetchPoster(): Promise<Poster> {
  return call('referral', 'poster', {});
}

/** Owner: referrals held for review. */
export function fetchHeld(): Promise<{ referrals: HeldReferralView[]; next: string | null }> {
  return call('referral', 'held', { limit: 50 });
}

/** Owner: approve or reject a held referral. */
export function reviewHeld(inviteeId: string, decision: 'approved' | 'rejected'): Promise<{ referral: HeldReferralView }> {
  return call('referral', 'review', { requestId: newRequestId(), inviteeId, decision });
}

/** Owner: referral rate, invites by state, rewards paid, held count. */
export function fetchReferralOverview(): Promise<ReferralOverview> {
  return call('referral', 'overview', {});
}
