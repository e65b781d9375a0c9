import type { CronRun } from '../../../types/api';
import type { CommunitySettings } from '../../core/settings';
import { dayKey, startOfDay } from '../../core/day';
import { POST_KIND_LABEL } from '../../core/posts';
import { reminderMessage } from '../../core/reminderTemplates';
import { reminderTemplate, type PostDoc } from './content';
import { sendOnce, type MessagingPort } from './messaging';
import type { Store } from '../store/port';
import { scanPages } from '../store/scan';

/** Most subscribers one post notifies in one call (the rest are reached by the next run's retry of queued posts, never twice). */
export const NOTIFY_LIMIT = 2_000;

/**
 * Remind the members subscribed to the post's kind, each at most once per post (the outbox id
 * `post:<postId>:<memberId>` is the claim; one unit of their quota is spent). Returns messages sent or queued.
 */
export async function notifyPost(store: Store, messaging: MessagingPort, post: PostDoc, now: Date): Promise<number> {
  // Members' own topics never spend other members' reminders.
  if (post.byMember) return 0;
  let sent = 0;
  let seen = 0;
  for await (const page of scanPages(store, 'reminderSubs', { where: { topic: post.kind }, orderBy: { field: 'at', direction: 'asc' } })) {
    for (const sub of page) {
      seen += 1;
      const ok = await sendOnce(
        store,
        messaging,
        { id: `post:${post.id}:${sub.memberId}`, kind: 'content', memberId: sub.memberId, lessonId: null, templateId: sub.templateId ?? reminderTemplate(post.kind), title: post.title, body: `${POST_KIND_LABEL[post.kind]}：${post.title}` },
        now,
        () => reminderMessage({ topic: post.kind, postId: post.id, title: post.title }),
      );
      if (ok) sent += 1;
    }
    if (seen >= NOTIFY_LIMIT) break;
  }
  return sent;
}

/** Community hour from which the daily check-in reminder goes out to members who have not checked in. */
export const CHECKIN_REMINDER_HOUR = 20;

/**
 * 签到提醒: from 20:00 community time, remind each member subscribed to `checkin` who has not
 * checked in today, once per member and day (outbox id `checkin-remind:<memberId>:<day>`, one unit of
 * quota). `messages` reports reminders sent or queued.
 */
export async function checkinReminders(store: Store, now: Date, settings: CommunitySettings, messaging: MessagingPort): Promise<CronRun> {
  const day = dayKey(now, settings.timezone);
  if (now.getTime() < startOfDay(day, settings.timezone).getTime() + CHECKIN_REMINDER_HOUR * 3_600_000) return { job: 'checkinReminders', accounts: 0, points: 0, messages: 0 };
  let messages = 0;
  let seen = 0;
  for await (const page of scanPages(store, 'reminderSubs', { where: { topic: 'checkin' }, orderBy: { field: 'at', direction: 'asc' } })) {
    for (const sub of page) {
      seen += 1;
      const claimId = `checkin-remind:${sub.memberId}:${day}`;
      // Every 5-minute run after 20:00 sees the same subscribers: a plain read skips the ones handled.
      if ((await store.get('outbox', claimId)) || (await store.get('checkins', `${sub.memberId}:${day}`))) continue;
      const ok = await sendOnce(
        store,
        messaging,
        { id: claimId, kind: 'content', memberId: sub.memberId, lessonId: null, templateId: sub.templateId ?? reminderTemplate('checkin'), title: '今天还没签到', body: '今天还没签到，连续签到有额外积分奖励。' },
        now,
        () => reminderMessage({ topic: 'checkin' }),
      );
      if (ok) messages += 1;
    }
    if (seen >= NOTIFY_LIMIT) break;
  }
  return { job: 'checkinReminders', accounts: messages, points: 0, messages };
}

/** Most scheduled posts one run publishes; the next run continues. */
export const PUBLISH_BATCH_LIMIT = 200;

/**
 * Publish every scheduled post whose time has come, each in its own transaction that flips it
 * only while it is still `scheduled`: two overlapping runs publish (and notify) each post once.
 * `accounts` reports posts this run published, `messages` the reminders it sent.
 */
export async function publishPosts(store: Store, now: Date, _settings: CommunitySettings, messaging: MessagingPort): Promise<CronRun> {
  const nowIso = now.toISOString();
  const due = await store.find('posts', { where: { state: 'scheduled', publishAt: { $lte: nowIso } }, orderBy: { field: 'publishAt', direction: 'asc' }, limit: 100 });
  let published = 0;
  let messages = 0;
  for (const candidate of due.docs.slice(0, PUBLISH_BATCH_LIMIT)) {
    const flipped = await store.transaction(async (tx) => {
      const doc = await tx.get('posts', candidate.id);
      if (!doc || doc.state !== 'scheduled' || doc.publishAt === null || doc.publishAt > nowIso) return null;
      const next: PostDoc = { ...doc, state: 'published', publishedAt: nowIso, updatedAt: nowIso };
      await tx.set('posts', next);
      return next;
    });
    if (flipped) {
      published += 1;
      if (flipped.live) messages += await notifyPost(store, messaging, flipped, now);
    }
  }
  return { job: 'publishPosts', accounts: published, points: 0, messages };
}
