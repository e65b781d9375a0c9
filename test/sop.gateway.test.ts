import { memberIdFor } from '../src/server/kernel/ids';
import { HOST_QUEUE_PROVIDERS, hostQueues, type HostQueueProvider } from '../src/server/domain/hostQueues';
import { startGateway, type TestGateway } from './support/gateway';

// The operations calendar (SOP) through the local gateway, on both stores.
let gw: TestGateway;
const OWNER = 'sop-owner';
const HOST = 'sop-host';
const HOST2 = 'sop-host2';
const MEMBERS = ['sop-m0', 'sop-m1', 'sop-m2'];
const NOW = '2026-11-24T08:30:00+08:00'; // a Tuesday
const ADDRESS = { name: '林小姐', phone: '13800000000', region: '上海市 徐汇区', detail: '漕溪北路 1 号' };
let seq = 0;
const rid = (tag: string) => `${tag}-${String(++seq).padStart(6, '0')}`;

async function call(openid: string, fn: string, event: Record<string, unknown>, now = NOW) {
  return gw.call(openid, fn, event, now);
}
async function ok(openid: string, fn: string, event: Record<string, unknown>, now = NOW) {
  const r = await call(openid, fn, event, now);
  if (r.status !== 200) throw new Error(`${fn}.${String(event.action)}: ${JSON.stringify(r.body)}`);
  return r.body.data;
}
const routine = (extra: Record<string, unknown> = {}) => ({
  title: '发布早安',
  cadence: { kind: 'daily', time: '08:00' },
  hostId: memberIdFor(HOST),
  postKind: 'morning',
  format: '早安 + 一句话新闻 + 今日课程',
  metric: 'read_rate',
  active: true,
  ...extra,
});
async function save(extra: Record<string, unknown> = {}) {
  return (await ok(OWNER, 'sop', { action: 'saveRoutine', requestId: rid('r'), routine: routine(extra) })).routine;
}

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  for (const openid of [OWNER, HOST, HOST2, ...MEMBERS]) await gw.call(openid, 'member', { action: 'login' }, '2026-11-01T10:00:00+08:00');
  for (const h of [HOST, HOST2]) await gw.call(OWNER, 'member', { action: 'setRole', requestId: `sop-role-${h}`, memberId: memberIdFor(h), role: 'host' }, NOW);
});
afterAll(async () => {
  await gw.close();
});

describe('sop', () => {
  it('lets only owners define routines and refuses bad cadences without writing', async () => {
    expect((await call(HOST, 'sop', { action: 'saveRoutine', requestId: rid('h'), routine: routine() })).body.error.code).toBe('FORBIDDEN');
    expect((await call(MEMBERS[0], 'sop', { action: 'today' })).body.error.code).toBe('FORBIDDEN');
    const bad = [
      routine({ title: '' }),
      routine({ cadence: { kind: 'daily', time: '8:00' } }),
      routine({ cadence: { kind: 'daily', time: '24:00' } }),
      routine({ cadence: { kind: 'weekly', weekday: 8, time: '20:00' } }),
      routine({ cadence: { kind: 'monthly', day: 0, time: '20:00' } }),
      routine({ cadence: { kind: 'yearly', month: 13, day: 1, time: '20:00' } }),
      routine({ cadence: { kind: 'hourly', time: '20:00' } }),
      routine({ metric: 'vibes' }),
      routine({ hostId: memberIdFor(MEMBERS[0]) }),
      routine({ hostId: 'nobody' }),
    ];
    for (const r of bad) {
      const answer = await call(OWNER, 'sop', { action: 'saveRoutine', requestId: rid('bad'), routine: r });
      expect(answer.body.error.code).toBe('VALIDATION');
      expect(answer.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await ok(OWNER, 'sop', { action: 'routines' })).routines).toEqual([]);
  });

  it('shows each host their due routines, marks a post routine done by publishing and a checklist done by hand, once', async () => {
    const morning = await save();
    const weekly = await save({ title: '周二直播课', cadence: { kind: 'weekly', weekday: 2, time: '20:00' }, postKind: null, metric: 'attendance' });
    await save({ title: '周三活动', cadence: { kind: 'weekly', weekday: 3, time: '20:00' }, postKind: null, metric: 'none' });
    const other = await save({ title: '签到提醒', cadence: { kind: 'daily', time: '21:00' }, hostId: memberIdFor(HOST2), postKind: null, metric: 'checkin_rate' });

    const today = await ok(HOST, 'sop', { action: 'today' });
    expect(today.day).toBe('2026-11-24');
    expect(today.due.map((d: { routine: { id: string } }) => d.routine.id)).toEqual([morning.id, weekly.id]);
    expect(today.due[0].overdue).toBe(false);
    expect(today.due[0].done).toBeNull();
    // Routines are personal: the other host's shows only on their list; the owner sees it as the team's.
    const ids = (list: Array<{ routine: { id: string } }>) => list.map((d) => d.routine.id);
    expect(today.team).toEqual([]);
    const otherView = await ok(HOST2, 'sop', { action: 'today' });
    expect(ids(otherView.due)).toEqual([other.id]);
    expect(otherView.team).toEqual([]);
    const ownerView = await ok(OWNER, 'sop', { action: 'today' });
    expect(ids(ownerView.due)).toEqual([]);
    expect(ids(ownerView.team)).toEqual([morning.id, weekly.id, other.id]);
    expect(ownerView.team[2].routine.hostName).toBe(other.hostName);
    // The queues stay shared: every host sees the same counts.
    expect(otherView.queues).toEqual(today.queues);

    // Publishing a 早安 post does the routine.
    await ok(HOST, 'posts', { action: 'publish', requestId: rid('p'), post: { kind: 'morning', title: '早安晨报', text: '今天也要加油', images: [] } });
    const after = await ok(HOST, 'sop', { action: 'today' });
    expect(after.due[0].done.auto).toBe(true);
    expect((await call(HOST, 'sop', { action: 'done', requestId: rid('d'), routineId: other.id })).body.error.code).toBe('FORBIDDEN');
    expect((await call(HOST, 'sop', { action: 'done', requestId: rid('d'), routineId: 'missing' })).body.error.code).toBe('NOT_FOUND');
    const event = { action: 'done', requestId: 'sop-done-0001', routineId: weekly.id, ref: '直播课《社群运营》' };
    const [a, b] = await Promise.all([call(HOST, 'sop', event, '2026-11-24T20:10:00+08:00'), call(HOST, 'sop', event, '2026-11-24T20:10:00+08:00')]);
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
    expect(a.body.data.due.done.byName).toBeTruthy();
    expect((await call(HOST, 'sop', { ...event, requestId: rid('d') }, '2026-11-24T20:20:00+08:00')).body.error.code).toBe('CONFLICT');
    expect((await call(HOST, 'sop', { action: 'done', requestId: rid('d'), routineId: weekly.id }, '2026-11-25T20:10:00+08:00')).body.error.code).toBe('CONFLICT');
    expect((await call(HOST, 'sop', { action: 'done', requestId: rid('d'), routineId: weekly.id, ref: '' })).body.error.code).toBe('VALIDATION');

    // The next morning nobody posted: overdue after the grace hour; the owner's report says who is behind.
    const late = await ok(HOST, 'sop', { action: 'today' }, '2026-11-25T09:30:00+08:00');
    expect(late.due.find((d: { routine: { id: string } }) => d.routine.id === morning.id).overdue).toBe(true);
    const report = await ok(OWNER, 'sop', { action: 'report' }, '2026-11-25T22:30:00+08:00');
    const row = report.rows.find((r: { routine: { id: string } }) => r.routine.id === morning.id);
    expect([row.occurrences, row.onTime, row.missed]).toEqual([2, 1, 1]);
    expect(row.onTimeRate).toBe(0.5);
    expect(row.metric.label).toBe('阅读率');
    const weeklyRow = report.rows.find((r: { routine: { id: string } }) => r.routine.id === weekly.id);
    expect([weeklyRow.occurrences, weeklyRow.onTime]).toEqual([1, 1]);
    // Who is behind, per host over the last 7 days: HOST missed today's 早安 and 周三活动, HOST2 both 签到提醒.
    expect(report.hosts).toEqual([
      { hostName: other.hostName, routines: 1, occurrences: 2, onTime: 0, late: 0, missed: 2, onTimeRate: 0, overdueToday: 1 },
      { hostName: morning.hostName, routines: 3, occurrences: 4, onTime: 2, late: 0, missed: 2, onTimeRate: 0.5, overdueToday: 2 },
    ]);
    expect(report.behind).toEqual(report.hosts);
    expect((await call(HOST, 'sop', { action: 'report' })).body.error.code).toBe('FORBIDDEN');
  });

  it('puts the SOP on-time rate and the post figures on the metrics panel with their definitions', async () => {
    const at = '2026-11-25T22:30:00+08:00';
    const report = await ok(OWNER, 'sop', { action: 'report' }, at);
    const metrics = (await ok(OWNER, 'funnel', { action: 'metrics' }, at)).metrics;
    const byKey = Object.fromEntries(metrics.map((m: { key: string }) => [m.key, m]));
    const due = report.rows.reduce((s: number, r: { occurrences: number }) => s + r.occurrences, 0);
    const onTime = report.rows.reduce((s: number, r: { onTime: number }) => s + r.onTime, 0);
    expect(byKey.sopOnTime.value).toBeCloseTo(onTime / due);
    expect(byKey.postsPerDay.value).toBeCloseTo(Math.round((1 / 7) * 10) / 10);
    expect(byKey.repliesPerPost.value).toBe(0);
    expect(byKey.memberTopics.availability.status).toBe('unavailable');
    for (const key of ['postsPerDay', 'readRate', 'repliesPerPost', 'faqDeflection', 'sopOnTime']) expect(byKey[key].definition.length).toBeGreaterThan(6);
  });

  it('counts on the to-do list exactly what the queues hold', async () => {
    const item = (await ok(OWNER, 'mall', {
      action: 'saveItem',
      requestId: rid('item'),
      item: { title: '帆布袋', description: '周边', image: '', pointsPrice: 10, stock: 10, perMemberLimit: null, limitPeriod: 'ever', minTier: null, saleStartsAt: null, saleEndsAt: null, kind: 'physical', virtual: null, listed: true },
    })).item;
    for (const m of MEMBERS.slice(0, 2)) {
      await ok(OWNER, 'points', { action: 'adjust', requestId: rid('fund'), memberId: memberIdFor(m), delta: 50, reason: '测试积分' });
      await ok(m, 'mall', { action: 'redeem', requestId: rid('buy'), itemId: item.id, qty: 1, address: ADDRESS });
    }
    const lesson = (await ok(HOST, 'lessons', {
      action: 'publish',
      requestId: rid('l'),
      lesson: { title: '社群运营', lecturer: '王老师', startsAt: '2026-11-26T20:00:00+08:00', endsAt: '2026-11-26T21:00:00+08:00', outline: '拉新', watch: { kind: 'meeting', value: 'https://meeting.example.com/1' } },
    })).lesson;
    for (const m of MEMBERS) await ok(m, 'lessons', { action: 'ask', requestId: rid('q'), lessonId: lesson.id, text: `${m} 的问题：怎么拉新？` });

    const today = await ok(HOST, 'sop', { action: 'today' });
    const count = (key: string) => today.queues.find((q: { key: string }) => q.key === key).count;
    const placed = (await ok(HOST, 'mall', { action: 'orders', status: 'placed', limit: 100 })).orders;
    expect(count('orders')).toBe(placed.length);
    expect(count('orders')).toBe(2);
    const questions = (await ok(HOST, 'lessons', { action: 'questions', lessonId: lesson.id })).questions.filter((q: { answeredAt: string | null }) => !q.answeredAt);
    expect(count('support.questions')).toBe(questions.length);
    expect(count('support.questions')).toBe(3);
    expect(count('notes')).toBe((await ok(HOST, 'campaign', { action: 'reviewQueue', limit: 100 })).notes.length);
    expect(count('referrals')).toBe((await ok(OWNER, 'referral', { action: 'held', limit: 100 })).referrals.length);
    expect(count('adjustments')).toBe((await ok(OWNER, 'points', { action: 'pendingAdjustments', limit: 100 })).adjustments.length);
    const oldest = today.queues.find((q: { key: string }) => q.key === 'orders').oldestAt;
    expect(oldest).toBe(placed.map((o: { createdAt: string }) => o.createdAt).sort()[0]);
  });

  it('adds a queue from another branch with one provider', async () => {
    const intros: HostQueueProvider = async () => [{ key: 'intros', label: '新人待欢迎', count: 4, oldestAt: 1_700_000_000_000, path: '/subpackages/host/intros/index' }];
    const queues = await hostQueues(gw.store, Date.parse(NOW), [...HOST_QUEUE_PROVIDERS, intros]);
    const before = (await hostQueues(gw.store, Date.parse(NOW))).map((q) => q.key);
    expect(before).toEqual(expect.arrayContaining(['notes', 'orders', 'referrals', 'adjustments', 'support.questions']));
    expect(queues.map((q) => q.key)).toEqual([...before, 'intros']);
  });
});
