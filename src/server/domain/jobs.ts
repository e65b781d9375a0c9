import type { CronJob, CronRun } from '../../../types/api';
import type { CommunitySettings } from '../../core/settings';
import { expireDue } from './ledger';
import { evaluateTiers } from './growth';
import { lessonReminders } from './lessonRecords';
import type { MessagingPort } from './messaging';
import type { Store } from '../store/port';
import { scanPages } from '../store/scan';
import { vipReminders } from './vipTerms';
import { expirePackets } from './packetExpiry';
import { drawLotteries } from '../functions/games/lottery';
import { rankBoards } from './boards';
import { checkinReminders, publishPosts } from './postJobs';
import { draftDigests } from './digests';
import { settlePks } from './groupRecords';
import { supportOverdue } from './supportOverdue';
import { refreshContributions } from './contribution';
import { backfillFacets } from './memberFacets';

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
  for await (const page of scanPages(store, 'accounts', { where: { nextExpiry: { $lte: nowIso } }, orderBy: { field: 'nextExpiry', direction: 'asc' } })) {
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

/** Most closed rate-limit windows one run deletes; the next run continues. */
export const PRUNE_BATCH_LIMIT = 2_000;

/**
 * Delete rate-limit counters whose window has closed (they are never read again). Safe to run
 * twice at once: deleting an absent document is a no-op. `accounts` reports counters deleted.
 */
export async function pruneRateCounters(store: Store, now: Date): Promise<CronRun> {
  let deleted = 0;
  while (deleted < PRUNE_BATCH_LIMIT) {
    const page = await store.find('rateCounters', { where: { expiresAt: { $lte: now.toISOString() } }, orderBy: { field: 'expiresAt', direction: 'asc' }, limit: 100 });
    if (page.docs.length === 0) break;
    for (const doc of page.docs) await store.transaction((tx) => tx.delete('rateCounters', doc.id));
    deleted += page.docs.length;
  }
  return { job: 'pruneRateCounters', accounts: deleted, points: 0 };
}

/** One cron job; `messaging` is the runtime's port (jobs that send reminders use it). */
export type Job = (store: Store, now: Date, settings: CommunitySettings, messaging: MessagingPort) => Promise<CronRun>;

/** Every job the timer runs, by name. */
export const JOBS: Record<CronJob, Job> = {
  expirePoints,
  lessonReminders,
  evaluateTiers,
  vipReminders,
  pruneRateCounters,
  expirePackets,
  drawLotteries,
  rankBoards,
  // content (issue 17)
  publishPosts,
  draftDigests,
  checkinReminders,
  settlePks,
  // support desk (issue 18)
  supportOverdue,
  // contribution board (issue 19 item 1)
  refreshContributions,
  // member facets backfill (issue 16)
  backfillFacets,
};
