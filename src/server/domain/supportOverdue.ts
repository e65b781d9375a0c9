/**
 * 客服超时提醒 (issue 18): when a waiting question, complaint or dispute passes its service level,
 * each owner gets one message about it through the messaging port (the outbox locally, a WeChat
 * subscription message on CloudBase). The outbox id `support-overdue:<itemId>:<ownerId>` is the
 * claim, so overlapping cron runs and later runs never send it twice.
 */
import type { CronRun } from '../../../types/api';
import type { QueueItemView } from '../../../types/support';
import { CASE_KIND_LABEL } from '../../core/support';
import type { CommunitySettings } from '../../core/settings';
import { localMonthDayTime } from '../../core/timeFormat';
import { sendOnce, type MessagingPort } from './messaging';
import { queueItems, SUPPORT_HOST_PATH } from './supportQueue';
import { offsetFn } from './supportRecords';
import type { Store } from '../store/port';
import { scanAll } from '../store/scan';

/** Quota key of the owner's overdue notice (a WeChat template id replaces it once one is configured). */
export const SUPPORT_OVERDUE_TEMPLATE = 'support-overdue';

/** The outbox id (the claim) of the notice about one item to one owner. */
export function overdueClaimId(itemId: string, ownerId: string): string {
  return `support-overdue:${itemId}:${ownerId}`;
}

/** Waiting items past their service level and not yet answered, taken or resolved. */
export function overdueItems(items: QueueItemView[]): QueueItemView[] {
  return items.filter((i) => i.clock.overdue && i.clock.metAt === null);
}

/** The notice an owner reads about one overdue item. */
export function overdueNotice(item: QueueItemView, settings: CommunitySettings): { title: string; body: string } {
  const what = item.kind === 'question' ? '提问' : CASE_KIND_LABEL[item.kind];
  const due = localMonthDayTime(item.clock.dueAt, offsetFn(settings)(Date.parse(item.clock.dueAt)));
  return { title: `${what}超时未处理`, body: `${item.who}的${what}「${item.title}」应在 ${due} 前处理，现在已超时，请安排群管跟进。` };
}

/**
 * The cron job: for every overdue waiting item, one message to each owner (at most once per item
 * and owner, however many runs overlap). `messages` reports notices this run sent or queued (an
 * owner without subscription quota gets a `no_quota` outbox line instead), `accounts` the overdue items seen.
 */
export async function supportOverdue(store: Store, now: Date, settings: CommunitySettings, messaging: MessagingPort): Promise<CronRun> {
  const { items } = await queueItems(store, settings, now.getTime());
  const due = overdueItems(items);
  if (due.length === 0) return { job: 'supportOverdue', accounts: 0, points: 0, messages: 0 };
  const owners = await scanAll(store, 'members', { where: { role: 'owner' }, orderBy: { field: 'joinedAt', direction: 'asc' }, max: 20 });
  let messages = 0;
  for (const item of due) {
    for (const owner of owners) {
      const claimId = overdueClaimId(item.id, owner.id);
      // Every run sees the same overdue items until they are handled: a plain read skips those notified.
      if (await store.get('outbox', claimId)) continue;
      const notice = overdueNotice(item, settings);
      const sent = await sendOnce(store, messaging, { id: claimId, kind: 'support_overdue', memberId: owner.id, lessonId: null, templateId: SUPPORT_OVERDUE_TEMPLATE, ...notice }, now, () => ({
        page: `${SUPPORT_HOST_PATH.slice(1)}?tab=${item.kind}`,
        data: { thing1: { value: notice.title.slice(0, 20) }, thing2: { value: item.title.slice(0, 20) } },
      }));
      // Without quota left the claim is still written (state no_quota, shown in 提醒发件箱), never retried.
      if (sent) messages += 1;
    }
  }
  return { job: 'supportOverdue', accounts: due.length, points: 0, messages };
}
