import * as z from 'zod/mini';
import type { ExpiryPolicyView, ExpiryPreview } from '../../../../types/api';
import { dayKey, startOfDay } from '../../../core/day';
import { expiryFor } from '../../../core/ledger';
import type { CommunitySettings } from '../../../core/settings';
import { int } from '../../kernel/fields';
import type { Store } from '../../store/port';
import { scanPages } from '../../store/scan';

/** Schema of an expiry policy, a Chinese sentence per rule. */
export const expiryPolicySchema = z.union(
  [
    z.strictObject({ kind: z.literal('never') }),
    z.strictObject({ kind: z.literal('rolling'), days: int(7, 3650, '有效天数') }),
    z.strictObject({ kind: z.literal('end_of_next_year') }),
  ],
  '请选择积分有效期',
);

/** The first day of the month after `day`'s month, YYYY-MM-DD. */
function nextMonthStart(day: string, months = 1): string {
  const [y, m] = day.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * What `policy` would mean: points already credited that expire next community month (found through
 * the `nextExpiry` index, so it reads only accounts with something due by then) and when a point
 * earned now would expire. Saving changes only points credited afterwards.
 */
export async function expiryPreview(store: Store, settings: CommunitySettings, policy: ExpiryPolicyView, now: Date): Promise<ExpiryPreview> {
  const tz = settings.timezone;
  const today = dayKey(now, tz);
  const from = startOfDay(nextMonthStart(today), tz).toISOString();
  const to = startOfDay(nextMonthStart(today, 2), tz).toISOString();
  let dueNextMonth = 0;
  let membersDue = 0;
  for await (const page of scanPages(store, 'accounts', { where: { nextExpiry: { $lt: to } }, orderBy: { field: 'nextExpiry', direction: 'asc' } })) {
    for (const account of page) {
      const due = (account.lots ?? []).filter((l) => l.expiresAt !== null && l.expiresAt >= from && l.expiresAt < to).reduce((sum, l) => sum + l.remaining, 0);
      if (due > 0) {
        dueNextMonth += due;
        membersDue += 1;
      }
    }
  }
  return { month: nextMonthStart(today).slice(0, 7), dueNextMonth, membersDue, earnedTodayExpiresAt: expiryFor(policy, now, tz) };
}
