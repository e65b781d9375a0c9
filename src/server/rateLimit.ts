import { AppError } from '../core/errors';
import { rateWindow, retryAfterSeconds, retryMessage, type RateBudget } from '../core/rateLimits';
import type { RateCounterDoc } from './model';
import type { Tx } from './store/port';

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

/**
 * Count one call against `budgets` inside the caller's transaction, or throw RateLimitError
 * (RATE_LIMITED) and let the transaction roll back, so a refused call writes nothing. Counters are
 * one document per subject and window (`<subject>|<window>`), so no document is shared between
 * members and a minute's counter is never touched again after that minute. Budgets for an unknown
 * IP are skipped. Returns each counted budget's count including this call.
 */
export async function consumeBudgets(tx: Tx, subjects: RateSubjects, budgets: readonly RateBudget[], now: Date, tz: string): Promise<Record<string, number>> {
  const usedAfter: Record<string, number> = {};
  const groups = new Map<string, { budgets: RateBudget[]; window: ReturnType<typeof rateWindow> }>();
  for (const budget of budgets) {
    const subject = budget.subject === 'ip' ? (subjects.ip ? `ip:${subjects.ip}` : null) : subjects.member;
    if (!subject) continue;
    const window = rateWindow(now, budget.per, tz);
    const id = `${subject}|${window.key}`;
    const group = groups.get(id) ?? { budgets: [], window };
    group.budgets.push(budget);
    groups.set(id, group);
  }
  for (const [id, { budgets: inWindow, window }] of groups) {
    const doc = await tx.get<RateCounterDoc>('rateCounters', id);
    const counts = { ...(doc?.counts ?? {}) };
    for (const budget of inWindow) {
      const used = counts[budget.name] ?? 0;
      if (used >= budget.max) throw new RateLimitError(retryMessage(now, window, budget.per), retryAfterSeconds(now, window));
      counts[budget.name] = used + 1;
      usedAfter[budget.name] = used + 1;
    }
    await tx.set('rateCounters', { id, counts, expiresAt: window.resetsAt.toISOString() });
  }
  return usedAfter;
}
