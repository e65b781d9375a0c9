import { FUNCTIONS } from '../src/server/functions';
import { invoke } from '../src/server/kernel/handler';
import { memberIdFor } from '../src/server/kernel/ids';
import { lessonReminders } from '../src/server/domain/lessonRecords';
import { localMessaging, type MessagingPort, type OutgoingMessage } from '../src/server/domain/messaging';
import { cloudbaseStore } from '../src/server/cloudbase/cloudbaseStore';
import type { Store } from '../src/server/store/port';
import { DEFAULT_SETTINGS } from '../src/core/settings';
import { createCloudDbDouble, type CloudDbDouble } from './support/cloudbaseDouble';

// Lesson money/status paths on the CloudBase adapter over the replaying, conflict-injecting SDK double.
let db: CloudDbDouble;
let store: Store;
const OWNER = 'cb-ls-owner';
const HOST = 'cb-ls-host';
/** The messaging port the runtime passes to every call (the WeChat suite swaps in its own). */
let messaging: MessagingPort = localMessaging;

function call(openid: string, fn: string, event: Record<string, unknown>, now = '2026-11-24T02:00:00Z') {
  return invoke(FUNCTIONS[fn], event, { store, openid, now: new Date(now), ownerOpenids: new Set([OWNER]), messaging });
}
async function ok(openid: string, fn: string, event: Record<string, unknown>, now?: string) {
  const r = await call(openid, fn, event, now);
  if (!r.ok) throw new Error(`${fn}.${String(event.action)}: ${r.error.code} ${r.error.message}`);
  return r.data as any;
}

beforeEach(async () => {
  db = createCloudDbDouble({ seed: 11, conflictRate: 0.3, maxRetries: 40 });
  store = cloudbaseStore(db);
  await ok(OWNER, 'member', { action: 'login' });
  await ok(HOST, 'member', { action: 'login' });
  await ok(OWNER, 'member', { action: 'setRole', requestId: 'cb-ls-host-role', memberId: memberIdFor(HOST), role: 'host' });
});

async function publish(capacity?: number) {
  const lesson = { title: '直播课', lecturer: '讲师', startsAt: '2026-11-24T12:00:00Z', endsAt: '2026-11-24T13:00:00Z', outline: '', ...(capacity ? { capacity } : {}) };
  return (await ok(HOST, 'lessons', { action: 'publish', requestId: `cb-pub-${capacity ?? 0}`, lesson })).lesson.id as string;
}

describe('lessons on CloudBase (replaying SDK double)', () => {
  it('pays attendance points once under parallel taps, with every body replayed', async () => {
    const id = await publish();
    await ok('cb-ls-a', 'member', { action: 'login' });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => call('cb-ls-a', 'lessons', { action: 'attend', requestId: `cb-att-${String(i).padStart(3, '0')}`, lessonId: id }, '2026-11-24T12:10:00Z')));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.every((r) => r.ok || r.error.code === 'CONFLICT' || r.error.code === 'BUSY')).toBe(true);
    expect(db.dump('ledger').filter((e) => (e as { reason?: string }).reason === 'lesson')).toHaveLength(1);
    expect((await ok('cb-ls-a', 'points', { action: 'balance' })).balance).toBe(10);
    expect(db.stats.forcedReplays).toBeGreaterThan(0);
  });

  it('never lets more than capacity attend', async () => {
    const id = await publish(3);
    const people = Array.from({ length: 8 }, (_, i) => `cb-ls-cap-${i}`);
    for (const p of people) await ok(p, 'member', { action: 'login' });
    const results = await Promise.all(people.map((p) => call(p, 'lessons', { action: 'attend', requestId: `cb-cap-${p}`, lessonId: id }, '2026-11-24T12:10:00Z')));
    expect(results.filter((r) => r.ok).length).toBeLessThanOrEqual(3);
    expect(db.dump('lessonAttendance')).toHaveLength(results.filter((r) => r.ok).length);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && ['LIMIT_REACHED', 'BUSY'].includes(r.error.code))).toBe(true);
  });

  it('sends each reminder once when reminder runs overlap', async () => {
    const id = await publish();
    const people = ['cb-ls-r1', 'cb-ls-r2', 'cb-ls-r3'];
    for (const p of people) {
      await ok(p, 'member', { action: 'login' });
      await ok(p, 'lessons', { action: 'subscribe', requestId: `cb-sub-${p}`, lessonId: id });
    }
    const due = new Date('2026-11-24T11:50:00Z');
    const runs = await Promise.all(Array.from({ length: 3 }, () => lessonReminders(store, due, DEFAULT_SETTINGS, localMessaging)));
    expect(runs.reduce((a, r) => a + (r.messages ?? 0), 0)).toBe(3);
    const outbox = db.dump('outbox') as Array<{ state: string }>;
    expect(outbox).toHaveLength(3);
    expect(outbox.every((m) => m.state === 'sent')).toBe(true);
    const quotas = db.dump('subscriptions') as Array<{ granted: number; used: number }>;
    expect(quotas.map((q) => [q.granted, q.used])).toEqual([[1, 1], [1, 1], [1, 1]]);
  });
});

describe('activities on CloudBase (replaying SDK double)', () => {
  const activity = { title: '沙龙', kind: 'salon', mode: 'online', startsAt: '2026-11-28T06:00:00Z', endsAt: '2026-11-28T08:00:00Z', place: '腾讯会议', capacity: 4, signupDeadline: '2026-11-27T12:00:00Z', description: '' };

  it('keeps the place counter, the waitlist and the sign-ups in step under parallel sign-ups', async () => {
    const { activity: a } = await ok(HOST, 'activities', { action: 'create', requestId: 'cb-ac-create', activity });
    const people = Array.from({ length: 10 }, (_, i) => `cb-ac-${i}`);
    for (const p of people) await ok(p, 'member', { action: 'login' });
    const results = await Promise.all(people.map((p) => call(p, 'activities', { action: 'signup', requestId: `cb-ac-s-${p}`, activityId: a.id })));
    const done = results.filter((r) => r.ok).map((r) => (r.ok ? (r.data as { status: string }).status : ''));
    expect(results.every((r) => r.ok || r.error.code === 'BUSY')).toBe(true);
    expect(done.filter((s) => s === 'confirmed')).toHaveLength(Math.min(4, done.length));
    const stored = db.dump('activities')[0] as { confirmed: number; waitlist: string[] };
    const signups = db.dump('activitySignups') as Array<{ status: string }>;
    expect(stored.confirmed).toBe(signups.filter((s) => s.status === 'confirmed').length);
    expect(stored.waitlist).toHaveLength(signups.filter((s) => s.status === 'waitlist').length);
    expect(db.stats.forcedReplays).toBeGreaterThan(0);
  });

  it('awards prize points once per member', async () => {
    const { activity: a } = await ok(HOST, 'activities', { action: 'create', requestId: 'cb-ac-create2', activity });
    await ok('cb-ac-w', 'member', { action: 'login' });
    await ok('cb-ac-w', 'activities', { action: 'signup', requestId: 'cb-ac-w-signup', activityId: a.id });
    const after = '2026-11-28T09:00:00Z';
    await ok(HOST, 'activities', { action: 'checkIn', requestId: 'cb-ac-w-checkin', activityId: a.id, memberId: memberIdFor('cb-ac-w') }, after);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => call(HOST, 'activities', { action: 'award', requestId: `cb-ac-aw-${i}`, activityId: a.id, memberId: memberIdFor('cb-ac-w'), points: 30, reason: '优秀分享' }, after)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await ok('cb-ac-w', 'points', { action: 'balance' }, after)).balance).toBe(30);
    expect(db.dump('ledger').filter((e) => (e as { reason?: string }).reason === 'activity')).toHaveLength(1);
  });
});

describe('lessons through the WeChat messaging port', () => {
  const sent: OutgoingMessage[] = [];
  const wechat: MessagingPort = {
    channel: 'wechat',
    async send(message) {
      if (message.openid === 'cb-wx-blocked') throw new Error('43101 user refuse to accept the msg');
      sent.push(message);
    },
    async textAllowed(text) {
      return !text.includes('违规');
    },
  };
  beforeEach(() => {
    sent.length = 0;
    messaging = wechat;
  });
  afterEach(() => {
    messaging = localMessaging;
  });

  it('sends reminders with the subscribed template, marks refusals failed and returns their quota', async () => {
    const id = await publish();
    for (const p of ['cb-wx-ok', 'cb-wx-blocked']) {
      await ok(p, 'member', { action: 'login' });
      await ok(p, 'lessons', { action: 'subscribe', requestId: `cb-wx-sub-${p}`, lessonId: id, templateId: 'TPL_lesson_1' });
    }
    await ok(OWNER, 'cron', { action: 'run', job: 'lessonReminders' }, '2026-11-24T11:50:00Z');
    expect(sent).toEqual([
      {
        openid: 'cb-wx-ok',
        templateId: 'TPL_lesson_1',
        page: `subpackages/member/lesson/index?id=${id}`,
        data: { thing1: { value: '直播课' }, time2: { value: '2026-11-24 20:00' }, thing3: { value: '直播即将开始，点击进入' } },
      },
    ]);
    const outbox = (db.dump('outbox') as Array<{ memberId: string; state: string; channel: string }>).map((m) => [m.memberId, m.state, m.channel]).sort();
    expect(outbox).toEqual([
      [memberIdFor('cb-wx-blocked'), 'failed', 'wechat'],
      [memberIdFor('cb-wx-ok'), 'sent', 'wechat'],
    ].sort());
    const quota = (who: string) => (db.dump('subscriptions') as Array<{ memberId: string; granted: number; used: number }>).find((q) => q.memberId === memberIdFor(who));
    expect(quota('cb-wx-ok')).toMatchObject({ granted: 1, used: 1 });
    expect(quota('cb-wx-blocked')).toMatchObject({ granted: 1, used: 0 });
  });

  it('rejects questions the content check refuses', async () => {
    const id = await publish();
    await ok('cb-wx-q', 'member', { action: 'login' });
    const r = await call('cb-wx-q', 'lessons', { action: 'ask', requestId: 'cb-wx-ask-1', lessonId: id, text: '这是违规内容' });
    expect(!r.ok && r.error.code).toBe('VALIDATION');
    expect(db.dump('supportQuestions')).toHaveLength(0);
  });

  it('keeps each runtime’s ports to itself: a second runtime in the same process checks text its own way', async () => {
    const id = await publish();
    await ok('cb-wx-two', 'member', { action: 'login' });
    const event = { action: 'ask', lessonId: id, text: '这是违规内容吗' };
    const [wechatRun, localRun] = await Promise.all([
      call('cb-wx-two', 'lessons', { ...event, requestId: 'cb-wx-two-1' }),
      invoke(FUNCTIONS.lessons, { ...event, requestId: 'cb-wx-two-2' }, { store, openid: 'cb-wx-two', now: new Date('2026-11-24T02:00:00Z'), ownerOpenids: new Set([OWNER]) }),
    ]);
    expect(!wechatRun.ok && wechatRun.error.code).toBe('VALIDATION');
    expect(localRun.ok).toBe(true);
    expect(db.dump('supportQuestions')).toHaveLength(1);
  });
});
