/**
 * Red-packet expiry (the `expirePackets` cron job): unclaimed points go back exactly once. Apart
 * from the packet routes so the cron bundle does not carry the grab path and its live-card push.
 */
import type { CronRun } from '../../../types/api';
import type { CommunitySettings } from '../../core/settings';
import { post } from './ledger';
import type { Store, Tx } from '../store/port';

/** Most packets one cron run closes (the next run continues). */
export const EXPIRE_PACKETS_LIMIT = 500;

/**
 * Close one due packet and return what nobody grabbed, exactly once: to the sender's balance
 * (ledger key `packet:<id>:refund`) or back into the month's budget. Safe to run twice at once:
 * the packet's state is checked and written in the same transaction. Answers the points returned,
 * or null when the packet was not due or already closed.
 */
export async function expirePacket(tx: Tx, packetId: string, now: Date, settings: CommunitySettings): Promise<number | null> {
  const packet = await tx.get('packets', packetId);
  if (!packet || packet.state !== 'open' || packet.expiresAt > now.toISOString()) return null;
  const remaining = packet.total - packet.claimedPoints;
  await tx.set('packets', { ...packet, state: 'expired', refunded: remaining, refundedAt: now.toISOString() });
  if (remaining > 0 && packet.source === 'balance') {
    await post(tx, packet.senderId, [{ key: `packet:${packet.id}:refund`, delta: remaining, reason: 'refund', ref: packet.id, note: `红包退回 · ${packet.greeting}`, transfer: true }], now, settings);
  }
  if (remaining > 0 && packet.source === 'budget') {
    const budget = await tx.get('packetBudget', packet.budgetMonth);
    await tx.set('packetBudget', { id: packet.budgetMonth, spent: (budget?.spent ?? 0) - remaining });
  }
  return remaining;
}

/**
 * The cron job: close due packets, oldest first, each in its own transaction, at most
 * `EXPIRE_PACKETS_LIMIT` a run (the next run continues). `accounts` counts packets this run closed.
 */
export async function expirePackets(store: Store, now: Date, settings: CommunitySettings): Promise<CronRun> {
  let packets = 0;
  let points = 0;
  let seen = 0;
  while (seen < EXPIRE_PACKETS_LIMIT) {
    // Closed packets leave the query, so the first page is always the next batch.
    const page = await store.find('packets', { where: { state: 'open', expiresAt: { $lte: now.toISOString() } }, orderBy: { field: 'expiresAt', direction: 'asc' }, limit: 100 });
    if (page.docs.length === 0) break;
    for (const doc of page.docs) {
      seen += 1;
      const returned = await store.transaction((tx) => expirePacket(tx, doc.id, now, settings));
      if (returned === null) continue;
      packets += 1;
      points += returned;
    }
  }
  return { job: 'expirePackets', accounts: packets, points };
}
