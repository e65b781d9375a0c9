/**
 * The host queue of the support desk: unanswered questions and open complaints and disputes, each
 * with its service-level clock, overdue first. `supportQueues` is the provider the host to-do (SOP)
 * registers: one entry per queue, with the same counts the queue page shows.
 */
import type { QueueItemView } from '../../../types/support';
import type { CommunitySettings } from '../../core/settings';
import { loadSettings } from './settingsStore';
import { CASE_STATE_LABEL } from '../../core/support';
import { caseClock, namesOf, questionClock, type SupportCaseDoc, type SupportQuestionDoc } from './supportRecords';
import type { Store } from '../store/port';
import { scanAll } from '../store/scan';

/** The host page of the desk; `tab` opens one queue. */
export const SUPPORT_HOST_PATH = '/subpackages/host/support/index';

/** Most items one queue reads (the queue page and the to-do count the same documents). */
const QUEUE_CAP = 500;

/** What is waiting: unanswered questions and open cases, oldest first. */
export async function waiting(store: Store): Promise<{ questions: SupportQuestionDoc[]; cases: SupportCaseDoc[] }> {
  const [questions, cases] = await Promise.all([
    scanAll(store, 'supportQuestions', { where: { awaiting: true }, orderBy: { field: 'createdAt', direction: 'asc' }, max: QUEUE_CAP }),
    scanAll(store, 'supportCases', { where: { open: true }, orderBy: { field: 'createdAt', direction: 'asc' }, max: QUEUE_CAP }),
  ]);
  return { questions, cases };
}

function excerpt(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** An item the owner must see: escalated to them, or past the second limit (`ownerFactor ×` the service level). */
export function forOwner(item: Pick<QueueItemView, 'state' | 'clock'>): boolean {
  return item.state === CASE_STATE_LABEL.escalated || item.clock.toOwner;
}

/** The queue page: every waiting item with its clock, those for the owner and overdue first, then by due time. */
export async function queueItems(store: Store, settings: CommunitySettings, nowMs: number): Promise<{ items: QueueItemView[]; totals: { questions: number; complaints: number; disputes: number; owner: number } }> {
  const { questions, cases } = await waiting(store);
  const names = await namesOf(store, [...questions.map((q) => q.memberId), ...cases.map((c) => c.memberId)]);
  const items: QueueItemView[] = [
    ...questions.map((q) => ({ kind: 'question' as const, id: q.id, title: excerpt(q.text), who: names.get(q.memberId) ?? '', state: '待回答', createdAt: q.createdAt, clock: questionClock(q, settings, nowMs) })),
    ...cases.map((c) => ({ kind: c.kind, id: c.id, title: excerpt(c.text), who: names.get(c.memberId) ?? '', state: CASE_STATE_LABEL[c.state], createdAt: c.createdAt, clock: caseClock(c, settings, nowMs) })),
  ];
  const rank = (i: QueueItemView) => (i.clock.toOwner ? 0 : i.clock.overdue ? 1 : 2);
  items.sort((a, b) => rank(a) - rank(b) || a.clock.dueAt.localeCompare(b.clock.dueAt) || a.id.localeCompare(b.id));
  return {
    items,
    totals: {
      questions: questions.length,
      complaints: cases.filter((c) => c.kind === 'complaint').length,
      disputes: cases.filter((c) => c.kind === 'dispute').length,
      owner: items.filter((i) => forOwner(i)).length,
    },
  };
}

/**
 * The support queues for the host to-do list (SOP): questions to answer, complaints and disputes
 * open, and what waits for the owner (escalated or past the second limit at `nowMs`), each with
 * its count, the oldest item's time (ms) and the host page route; the counts are the queue page's.
 */
export async function supportQueues(store: Store, nowMs: number): Promise<Array<{ key: string; label: string; count: number; oldestAt: number | null; path: string }>> {
  const { items } = await queueItems(store, await loadSettings(store), nowMs);
  const entry = (key: string, label: string, tab: string, of: QueueItemView[]) => ({
    key,
    label,
    count: of.length,
    oldestAt: of.length ? Math.min(...of.map((i) => Date.parse(i.createdAt))) : null,
    path: `${SUPPORT_HOST_PATH}?tab=${tab}`,
  });
  return [
    entry('support.questions', '待回答的问题', 'question', items.filter((i) => i.kind === 'question')),
    entry('support.complaints', '待处理的投诉', 'complaint', items.filter((i) => i.kind === 'complaint')),
    entry('support.disputes', '待处理的纠纷', 'dispute', items.filter((i) => i.kind === 'dispute')),
    entry('support.owner', '超时或上报、需群主处理', 'owner', items.filter(forOwner)),
  ];
}
