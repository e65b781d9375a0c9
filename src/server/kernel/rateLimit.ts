import { AppError } from '../../core/errors';
import { rateWindow, retryAfterSeconds, retryMessage, type RateBudget, type RatePeriod, type RateWindow } from '../../core/rateLimits';
import type { Tx } from '../store/port';

/** A refusal by an abuse budget: RATE_LIMITED with when to retry (the gateway sends `Retry-After`). */
export class RateLimitError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('RATE_LIMITED', message);
    this.name = 'RateLimitError';
  }
}

/** Who a call is counted against: the member always, the client IP when the runtime knows it. */
export interface RateSubjects {
  member: string;
  ip?: string | null;
}

/** The current window of each period a member's budgets use, carried on their account document. */
export type CarriedRates = Partial<Record<RatePeriod, { window: string; counts: Record<string, number> }>>;

/** Where a call's counts live: the member's account (joined to the write's one account write), or counter documents. */
export interface RateStores {
  /** The caller's carried windows, when the call runs inside their account scope. */
  account?: { rate?: CarriedRates };
}

function take(counts: Record<string, number>, budget: RateBudget, now: Date, window: RateWindow, usedAfter: Record<string, number>): void {
  const used = counts[budget.name] ?? 0;
  if (used >= budget.max) throw new RateLimitError(retryMessage(now, window, budget.per), retryAfterSeconds(now, window));
  counts[budget.name] = used + 1;
  usedAfter[budget.name] = used + 1;
}

/**
 * Count one call against `budgets` inside the caller's transaction, or throw RateLimitError
 * (RATE_LIMITED) and let the transaction roll back, so a refused call writes nothing. A member's
 * counts ride on their account document when the call runs in its scope (the write reads and
 * writes that document once anyway, so budgets cost no extra operation); otherwise, and for
 * client IPs, they live in one document per subject and window (`<subject>|<window>`), never
 * shared between members. Budgets for an unknown IP are skipped. Returns each counted budget's
 * count including this call.
 */
export async function consumeBudgets(tx: Tx, subjects: RateSubjects, budgets: readonly RateBudget[], now: Date, tz: string, stores: RateStores = {}): Promise<Record<string, number>> {
  const usedAfter: Record<string, number> = {};
  const groups = new Map<string, { budgets: RateBudget[]; window: RateWindow }>();
  for (const budget of budgets) {
    const window = rateWindow(now, budget.per, tz);
    if (budget.subject !== 'ip' && stores.account) {
      const rate: CarriedRates = { ...(stores.account.rate ?? {}) };
      const current = rate[budget.per]?.window === window.key ? rate[budget.per] : undefined;
      const counts = { ...(current?.counts ?? {}) };
      take(counts, budget, now, window, usedAfter);
      rate[budget.per] = { window: window.key, counts };
      stores.account.rate = rate;
      continue;
    }
    const subject = budget.subject === 'ip' ? (subjects.ip ? `ip:${subjects.ip}` : null) : subjects.member;
    if (!subject) continue;
    const id = `${subject}|${window.key}`;
    const group = groups.get(id) ?? { budgets: [], window };
    group.budgets.push(budget);
    groups.set(id, group);
  }
  for (const [id, { budgets: inWindow, window }] of groups) {
    const doc = await tx.get('rateCounters', id);
    const counts = { ...(doc?.counts ?? {}) };
    for (const budget of inWindow) take(counts, budget, now, window, usedAfter);
    await tx.set('rateCounters', { id, counts, expiresAt: window.resetsAt.toISOString() });
  }
  return usedAfter;
}
