import type { AdjustmentView, CronRun, HistoryFilter, PointsAudit, PointsBalance, PointsLiability } from '../../types/api';
import type { LedgerEntryView } from '../../types/domain';
import { call, newRequestId } from './api';

/** The member's spendable balance, lifetime earned points and what expires within 30 days. */
export function fetchBalance(): Promise<PointsBalance> {
  return call('points', 'balance', {});
}

/** One page of the member's ledger, newest first, optionally only credits, debits or expiries. */
export function fetchHistory(after?: string, limit = 20, filter: HistoryFilter = 'all'): Promise<{ entries: LedgerEntryView[]; next: string | null }> {
  return call('points', 'history', { limit, filter, ...(after ? { after } : {}) });
}

/** Host/owner: grant (positive) or deduct (negative) points with a written reason. */
export function adjustPoints(memberId: string, delta: number, reason: string, requestId: string = newRequestId()) {
  return call('points', 'adjust', { requestId, memberId, delta, reason });
}

/** Owner: the manual adjustment log, newest first. */
export function fetchAdjustments(after?: string): Promise<{ adjustments: AdjustmentView[]; next: string | null }> {
  return call('points', 'adjustments', { limit: 30, ...(after ? { after } : {}) });
}

/** Owner: adjustments above a host's daily limit that wait for approval, oldest first. */
export function fetchPendingAdjustments(after?: string): Promise<{ adjustments: AdjustmentView[]; next: string | null }> {
  return call('points', 'pendingAdjustments', { limit: 30, ...(after ? { after } : {}) });
}

/** Owner: approve (points move once) or reject one pending adjustment. */
export function reviewAdjustment(adjustmentId: string, decision: 'approve' | 'reject', requestId: string = newRequestId()) {
  return call('points', 'reviewAdjustment', { requestId, adjustmentId, decision });
}

/** Owner: check every account against the ledger invariants. */
export function runAudit(): Promise<PointsAudit> {
  return call('points', 'audit', {});
}

/** Owner: points outstanding and issued / redeemed / expired per month. */
export function fetchLiability(): Promise<PointsLiability> {
  return call('points', 'liability', {});
}

/** Owner: run the points-expiry job now instead of waiting for the timer. */
export function runExpiryNow(): Promise<CronRun> {
  return call('cron', 'run', { job: 'expirePoints' });
}
