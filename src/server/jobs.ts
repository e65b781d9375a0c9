import type { CronJob, CronRun } from '../../types/api';
import type { CommunitySettings } from '../core/settings';
import { expireDue } from './ledger';
import { evaluateTiers } from './growth';
import { lessonReminders } from './lessons';
import type { MessagingPort } from './messaging';
import type { AccountDoc } from './model';
import type { Store } from './store/port';
import { scanPages } from './store/scan';
import { vipReminders } from './vip';

/** Most accounts one run expires; the next run continues (keeps a timer invocation short). */
export const EXPIRE_BATCH_LIMIT = 5_000;

/**
 * Expire every lot whose time has passed, account by account, each in its own transaction.
 * Finds due accounts through the `nextExpiry` index, so a run costs O(due accounts). Safe to run
 * twice at once: expiry entries have deterministic ids and the account write serialises them.
 */
export async function expirePoints(store: Store, now: Date, settings: CommunitySettings): Promise<CronRun> {
  const nowIso = now.toISOString();
  let accounts = 0;
  let points = 0;
  for await (const page of scanPages<AccountDoc>(store, 'accounts', { where: { nextExpiry: { $lte: nowIso } }, orderBy: { field: 'nextExpiry', direction: 'asc' } })) {
    for (const account of page) {
      const expired = await store.transaction((tx) => expireDue(tx, account.id, now, settings));
      if (expired > 0) {
        accounts += 1;
        points += expired;
      }
    }
    if (accounts >= EXPIRE_BATCH_LIMIT) break;
  }
  return { job: 'expirePoints', accounts, points };
}

/** One cron job; `messaging` is the runtime's port (jobs that send reminders use it). */
export type Job = (store: Store, now: Date, settings: CommunitySettings, messaging: MessagingPort) => Promise<CronRun>;

/** Every job the timer runs, by name. */
export const JOBS: Record<CronJob, Job> = {
  expirePoints,
  lessonReminders,
  evaluateTiers,
  vipReminders,
};
