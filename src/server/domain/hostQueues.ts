/**
 * What is waiting for hosts: each provider summarises one queue (how many, since when, where to
 * work it) for the host's to-do list (`sop.today`). A branch that adds a queue exports a provider
 * with the `HostQueueProvider` signature and appends it to `HOST_QUEUE_PROVIDERS` — one line.
 */
import type { Store } from '../store/port';
import { supportQueues } from './supportQueue';
import { onboardingQueues } from './onboardingQueue';

/** One queue as the to-do list shows it; `oldestAt` is epoch milliseconds of the oldest waiting item. */
export interface HostQueue {
  key: string;
  label: string;
  count: number;
  oldestAt: number | null;
  path: string;
}

/** Summarise one or more queues at `nowMs`; reads only. */
export type HostQueueProvider = (store: Store, nowMs: number) => Promise<HostQueue[]>;

const ms = (iso: string | null | undefined): number | null => (iso ? Date.parse(iso) : null);

/** 打卡笔记待点评: campaign notes not reviewed yet. */
export const notesToReview: HostQueueProvider = async (store) => {
  const [count, oldest] = await Promise.all([
    store.count('campaignNotes', { reviewed: false }),
    store.find('campaignNotes', { where: { reviewed: false }, orderBy: { field: 'at', direction: 'asc' }, limit: 1 }),
  ]);
  return [{ key: 'notes', label: '打卡笔记待点评', count, oldestAt: ms(oldest.docs[0]?.at), path: '/subpackages/host/review/index' }];
};

/** 订单待发货: mall orders placed and not fulfilled. */
export const ordersToFulfil: HostQueueProvider = async (store) => {
  const [count, oldest] = await Promise.all([
    store.count('orders', { status: 'placed' }),
    store.find('orders', { where: { status: 'placed' }, orderBy: { field: 'createdAt', direction: 'asc' }, limit: 1 }),
  ]);
  return [{ key: 'orders', label: '订单待发货', count, oldestAt: ms(oldest.docs[0]?.createdAt), path: '/subpackages/host/orders/index' }];
};

/** 邀请待审核: referrals held for the owner. */
export const heldReferrals: HostQueueProvider = async (store) => {
  const [count, oldest] = await Promise.all([
    store.count('referrals', { queue: 'held' }),
    store.find('referrals', { where: { queue: 'held' }, orderBy: { field: 'registeredAt', direction: 'asc' }, limit: 1 }),
  ]);
  return [{ key: 'referrals', label: '邀请待审核', count, oldestAt: ms(oldest.docs[0]?.registeredAt), path: '/subpackages/owner/referrals/index' }];
};

/** 积分调整待审批: manual adjustments above a host's daily limit, waiting for an owner. */
export const pendingAdjustments: HostQueueProvider = async (store) => {
  const [count, oldest] = await Promise.all([
    store.count('adjustments', { state: 'pending' }),
    store.find('adjustments', { where: { state: 'pending' }, orderBy: { field: 'createdAt', direction: 'asc' }, limit: 1 }),
  ]);
  return [{ key: 'adjustments', label: '积分调整待审批', count, oldestAt: ms(oldest.docs[0]?.createdAt), path: '/subpackages/owner/points/index' }];
};

/** Every queue on the to-do list, in display order. Other branches append their providers here. */
export const HOST_QUEUE_PROVIDERS: HostQueueProvider[] = [
  notesToReview,
  ordersToFulfil,
  heldReferrals,
  pendingAdjustments,
  supportQueues,
  onboardingQueues,
];

/** All queues at `nowMs`, from every provider (each provider read in parallel). */
export async function hostQueues(store: Store, nowMs: number, providers: readonly HostQueueProvider[] = HOST_QUEUE_PROVIDERS): Promise<HostQueue[]> {
  return (await Promise.all(providers.map((p) => p(store, nowMs)))).flat();
}
