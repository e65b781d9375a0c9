/**
 * The onboarding queues a host works through, for the host to-do list (another branch): counts and
 * the oldest waiting item of each, with the host page that clears it. The counts are the same
 * queries the queue pages answer as their totals (`member.applications` total, `member.newcomers`
 * waiting), so the to-do list and the pages never disagree.
 */
import { NEWCOMER_DAYS } from '../../core/entry';
import type { Store } from '../store/port';
import { scan } from '../store/scan';

/** Host page of the application review queue. */
export const APPLICATIONS_PATH = '/subpackages/host/applications/index';
/** Host page of the 新人 list (greet newcomers). */
export const NEWCOMERS_PATH = '/subpackages/host/newcomers/index';

/** One queue: its key, its Chinese label, how many wait, the oldest waiting instant (ms) and the page. */
export interface OnboardingQueue {
  key: string;
  label: string;
  count: number;
  oldestAt: number | null;
  path: string;
}

/** Applications to review and newcomers (admitted in the last 14 days) waiting for a greeting. */
export async function onboardingQueues(store: Store, nowMs: number): Promise<OnboardingQueue[]> {
  const since = new Date(nowMs - NEWCOMER_DAYS * 86_400_000).toISOString();
  const [applications, oldestApplication, waiting, oldestWaiting] = await Promise.all([
    store.count('applications', { state: 'submitted' }),
    store.find('applications', { where: { state: 'submitted' }, orderBy: { field: 'submittedAt', direction: 'asc' }, limit: 1 }),
    store.count('members', { newcomer: 'waiting', admittedAt: { $gte: since } }),
    store.find('members', { where: { newcomer: 'waiting', admittedAt: { $gte: since } }, orderBy: { field: 'admittedAt', direction: 'asc' }, limit: 1 }),
  ]);
  const at = (iso: string | undefined) => (iso ? Date.parse(iso) : null);
  return [
    { key: 'applications', label: '待审核的入群申请', count: applications, oldestAt: at(oldestApplication.docs[0]?.submittedAt), path: APPLICATIONS_PATH },
    { key: 'newcomers', label: '待欢迎的新人', count: waiting, oldestAt: at(oldestWaiting.docs[0]?.admittedAt), path: NEWCOMERS_PATH },
  ];
}

/**
 * 新人响应时间: the median minutes from admission to the first greeting of members admitted in the
 * last 30 days who were greeted (at most 2000 read), or null when nobody was.
 */
export async function newcomerResponseMinutes(store: Store, nowMs: number): Promise<number | null> {
  const since = new Date(nowMs - 30 * 86_400_000).toISOString();
  const seconds: number[] = [];
  for await (const m of scan(store, 'members', { where: { admittedAt: { $gte: since } }, orderBy: { field: 'admittedAt', direction: 'asc' }, max: 2000 })) {
    if (typeof m.greetSeconds === 'number') seconds.push(m.greetSeconds);
  }
  if (seconds.length === 0) return null;
  seconds.sort((a, b) => a - b);
  const mid = Math.floor(seconds.length / 2);
  const median = seconds.length % 2 === 1 ? seconds[mid] : (seconds[mid - 1] + seconds[mid]) / 2;
  return Math.round(median / 60);
}
