import { memberIdFor } from '../src/server/kernel/ids';
import { startGateway, type TestGateway } from './support/gateway';

// Campaigns (打卡营) and host review (点评) through the local gateway on a real SQLite file.
let gw: TestGateway;
const OWNER = 'camp-owner';
const HOST_A = 'camp-host-a';
const HOST_B = 'camp-host-b';

let seq = 0;
function rid(label = 'c'): string {
  seq += 1;
  return `camp-${label}-${seq}`;
}
function at(day: string, time = '02:00:00'): string {
  return `${day}T${time}Z`;
}

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  for (const who of [OWNER, HOST_A, HOST_B]) await gw.call(who, 'member', { action: 'login' }, at('2026-06-01'));
  for (const host of [HOST_A, HOST_B]) {
    const r = await gw.call(OWNER, 'member', { action: 'setRole', requestId: rid('role'), memberId: memberIdFor(host), role: 'host' });
    expect(r.status).toBe(200);
  }
});
afterAll(async () => {
  await gw.close();
});

const BASE = { title: '21 天早起营', startDay: '2026-06-10', length: 3, prompt: '今天几点起床？做了什么？', reward: 50, noteRequired: true };

async function create(host: string, campaign: Record<string, unknown> = {}, today = '2026-06-09') {
  const r = await gw.call(host, 'campaign', { action: 'create', requestId: rid('create'), campaign: { ...BASE, ...campaign } }, at(today));
  expect(r.status).toBe(200);
  return r.body.data.campaign as { id: string; endDay: string };
}

async function member(label: string): Promise<string> {
  seq += 1;
  const openid = `camp-${label}-${seq}`;
  await gw.call(openid, 'member', { action: 'login' }, at('2026-06-01'));
  return openid;
}

function checkin(openid: string, campaignId: string, day: string, text = '六点起床，跑步 3 公里', requestId = rid('ci')) {
  return gw.call(openid, 'campaign', { action: 'checkin', requestId, campaignId, text }, at(day));
}

async function balance(openid: string): Promise<number> {
  return (await gw.call(openid, 'points', { action: 'balance' })).body.data.balance;
}

describe('campaign.create', () => {
  it('lets hosts create a campaign and refuses members', async () => {
    const c = await create(HOST_A);
    expect(c).toMatchObject({ title: '21 天早起营', endDay: '2026-06-12', participants: 0, phase: 'upcoming' });
    const m = await member('creator');
    const r = await gw.call(m, 'campaign', { action: 'create', requestId: rid(), campaign: BASE }, at('2026-06-09'));
    expect([r.status, r.body.error.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('rejects bad campaigns with VALIDATION and creates nothing', async () => {
    const listed = async () => (await gw.call(OWNER, 'campaign', { action: 'list' })).body.data.campaigns.length;
    const before = await listed();
    const bad = [
      { length: 0 },
      { length: 101 },
      { length: 7.5 },
      { title: '' },
      { title: '   ' },
      { title: '长'.repeat(41) },
      { prompt: '' },
      { startDay: '2026-06-08' },
      { startDay: '2026-02-30' },
      { reward: -1 },
      { reward: 10001 },
      { noteRequired: 'yes' },
      { hostId: 'm_other' },
    ];
    for (const patch of bad) {
      const r = await gw.call(HOST_A, 'campaign', { action: 'create', requestId: rid(), campaign: { ...BASE, ...patch } }, at('2026-06-09'));
      expect([JSON.stringify(patch), r.body.error?.code]).toEqual([JSON.stringify(patch), 'VALIDATION']);
    }
    expect(await listed()).toBe(before);
  });

  it('answers a replayed create with the same campaign', async () => {
    const event = { action: 'create', requestId: 'camp-replay-create-1', campaign: BASE };
    const first = await gw.call(HOST_A, 'campaign', event, at('2026-06-09'));
    const again = await gw.call(HOST_A, 'campaign', event, at('2026-06-09'));
    expect(again.body).toEqual(first.body);
  });
});

describe('joining and checking in', () => {
  it('tracks progress, refuses outside the dates, without joining, without the required note, and twice a day', async () => {
    const c = await create(HOST_A);
    const m = await member('daily');
    expect((await checkin(m, c.id, '2026-06-10')).body.error).toEqual({ code: 'CONFLICT', message: '请先加入打卡营' });
    const joins = await Promise.all(Array.from({ length: 10 }, () => gw.call(m, 'campaign', { action: 'join', requestId: rid('join'), campaignId: c.id }, at('2026-06-09'))));
    expect(joins.filter((r) => r.status === 200)).toHaveLength(1);
    expect(joins.filter((r) => r.status !== 200).every((r) => r.body.error.code === 'CONFLICT' || r.body.error.code === 'BUSY')).toBe(true);

    expect((await checkin(m, c.id, '2026-06-09')).body.error.message).toBe('打卡营还没开始');
    expect((await checkin(m, c.id, '2026-06-10', '  ')).body.error).toEqual({ code: 'VALIDATION', message: '这个打卡营需要写打卡笔记' });
    expect((await checkin(m, c.id, '2026-06-10', '长'.repeat(501))).body.error.code).toBe('VALIDATION');
    const ok = await checkin(m, c.id, '2026-06-10');
    expect(ok.body.data.progress).toEqual({ joined: true, days: 1, checkedToday: true, completed: false, rewarded: false });
    expect(ok.body.data.note).toMatchObject({ dayIndex: 1, text: '六点起床，跑步 3 公里', comments: [], featured: false });
    expect((await checkin(m, c.id, '2026-06-10')).body.error.message).toBe('今天已经打过卡了');
    expect((await checkin(m, c.id, '2026-06-13')).body.error.message).toBe('打卡营已结束');
    const late = await gw.call(m, 'campaign', { action: 'join', requestId: rid('join'), campaignId: c.id }, at('2026-06-13'));
    expect(late.body.error.code).toBe('CONFLICT');
    expect((await gw.call(m, 'campaign', { action: 'get', campaignId: 'c_missing' })).body.error.code).toBe('NOT_FOUND');
  });

  it('pays the completion reward exactly once when the last day’s check-in is sent 20 times in parallel', async () => {
    const c = await create(HOST_A);
    const m = await member('finisher');
    const quitter = await member('quitter');
    for (const who of [m, quitter]) await gw.call(who, 'campaign', { action: 'join', requestId: rid('join'), campaignId: c.id }, at('2026-06-09'));
    await checkin(m, c.id, '2026-06-10');
    await checkin(m, c.id, '2026-06-11');
    await checkin(quitter, c.id, '2026-06-10');
    const before = await balance(m);
    const results = await Promise.all(Array.from({ length: 20 }, () => checkin(m, c.id, '2026-06-12')));
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(ok[0].body.data).toMatchObject({ rewardPaid: 50, progress: { days: 3, completed: true, rewarded: true } });
    expect(results.filter((r) => r.status !== 200).every((r) => r.body.error.code === 'CONFLICT' || r.body.error.code === 'BUSY')).toBe(true);
    expect(await balance(m)).toBe(before + 50);
    expect((await gw.call(m, 'points', { action: 'history', limit: 100 })).body.data.entries).toHaveLength(1);
    const q = await checkin(quitter, c.id, '2026-06-12');
    expect(q.body.data).toMatchObject({ rewardPaid: 0, progress: { days: 2, completed: false } });
    expect(await balance(quitter)).toBe(0);

    const page = await gw.call(m, 'campaign', { action: 'get', campaignId: c.id }, at('2026-06-12'));
    expect(page.body.data).toMatchObject({ todayIndex: 3, todayCount: 2, todayRate: 1, campaign: { participants: 2, completers: 1 } });
    expect(page.body.data.leaderboard.map((l: { days: number }) => l.days)).toEqual([3, 2]);
    expect(page.body.data.myNotes.map((n: { dayIndex: number }) => n.dayIndex)).toEqual([3, 2, 1]);
  });
});

describe('host review (点评)', () => {
  it('queues notes oldest first for the campaign’s host, filters by day, and shows comments and 精选 to participants', async () => {
    const c = await create(HOST_A, { startDay: '2026-07-01', length: 7 }, '2026-06-30');
    const [m1, m2] = [await member('r1'), await member('r2')];
    for (const who of [m1, m2]) await gw.call(who, 'campaign', { action: 'join', requestId: rid('join'), campaignId: c.id }, at('2026-06-30'));
    await gw.call(m2, 'campaign', { action: 'checkin', requestId: rid(), campaignId: c.id, text: '第一天，m2' }, at('2026-07-01', '01:00:00'));
    await gw.call(m1, 'campaign', { action: 'checkin', requestId: rid(), campaignId: c.id, text: '第一天，m1' }, at('2026-07-01', '03:00:00'));
    await gw.call(m1, 'campaign', { action: 'checkin', requestId: rid(), campaignId: c.id, text: '第二天，m1' }, at('2026-07-02', '01:00:00'));

    const queue = await gw.call(HOST_A, 'campaign', { action: 'reviewQueue', campaignId: c.id });
    expect(queue.body.data.notes.map((n: { text: string }) => n.text)).toEqual(['第一天，m2', '第一天，m1', '第二天，m1']);
    const day2 = await gw.call(HOST_A, 'campaign', { action: 'reviewQueue', campaignId: c.id, day: '2026-07-02' });
    expect(day2.body.data.notes.map((n: { text: string }) => n.text)).toEqual(['第二天，m1']);
    const mine = await gw.call(HOST_A, 'campaign', { action: 'reviewQueue' });
    expect(mine.body.data.notes.filter((n: { campaignId: string }) => n.campaignId === c.id)).toHaveLength(3);
    expect((await gw.call(HOST_B, 'campaign', { action: 'reviewQueue' })).body.data.notes.some((n: { campaignId: string }) => n.campaignId === c.id)).toBe(false);

    const target = queue.body.data.notes[1];
    const event = { action: 'review', requestId: 'camp-review-0001', noteId: target.id, comment: '坚持得很好！', featured: true };
    const reviewed = await gw.call(HOST_A, 'campaign', event, at('2026-07-01', '05:00:00'));
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.data.note).toMatchObject({ featured: true, firstReviewSeconds: 7200, comments: [{ text: '坚持得很好！' }] });
    expect((await gw.call(HOST_A, 'campaign', event, at('2026-07-01', '06:00:00'))).body).toEqual(reviewed.body);
    const second = await gw.call(HOST_A, 'campaign', { action: 'review', requestId: rid(), noteId: target.id, comment: '再接再厉' }, at('2026-07-01', '07:00:00'));
    expect(second.body.data.note).toMatchObject({ firstReviewSeconds: 7200, featured: true });
    expect(second.body.data.note.comments.map((x: { text: string }) => x.text)).toEqual(['坚持得很好！', '再接再厉']);

    const after = await gw.call(HOST_A, 'campaign', { action: 'reviewQueue', campaignId: c.id });
    expect(after.body.data.notes.map((n: { text: string }) => n.text)).toEqual(['第一天，m2', '第二天，m1']);

    const p1 = await gw.call(m1, 'campaign', { action: 'get', campaignId: c.id }, at('2026-07-02'));
    expect(p1.body.data.myNotes.find((n: { id: string }) => n.id === target.id).comments.map((x: { text: string }) => x.text)).toEqual(['坚持得很好！', '再接再厉']);
    expect(p1.body.data.meanFirstReviewSeconds).toBeNull();
    const p2 = await gw.call(m2, 'campaign', { action: 'get', campaignId: c.id }, at('2026-07-02'));
    expect(p2.body.data.featured.map((n: { text: string }) => n.text)).toEqual(['第一天，m1']);
    const outsider = await member('outsider');
    expect((await gw.call(outsider, 'campaign', { action: 'get', campaignId: c.id }, at('2026-07-02'))).body.data.featured).toEqual([]);
    const hostPage = await gw.call(HOST_A, 'campaign', { action: 'get', campaignId: c.id }, at('2026-07-02'));
    expect(hostPage.body.data.meanFirstReviewSeconds).toBe(7200);
  });

  it('lets no member review, and no host review or list another host’s campaign; the owner may', async () => {
    const c = await create(HOST_A, { startDay: '2026-08-01', length: 7 }, '2026-07-31');
    const m = await member('writer');
    await gw.call(m, 'campaign', { action: 'join', requestId: rid('join'), campaignId: c.id }, at('2026-07-31'));
    const note = (await checkin(m, c.id, '2026-08-01')).body.data.note;
    const review = (who: string) => gw.call(who, 'campaign', { action: 'review', requestId: rid('rv'), noteId: note.id, comment: '不错' }, at('2026-08-01', '04:00:00'));

    expect((await review(m)).body.error.code).toBe('FORBIDDEN');
    expect((await gw.call(m, 'campaign', { action: 'reviewQueue' })).body.error.code).toBe('FORBIDDEN');
    const byB = await review(HOST_B);
    expect([byB.status, byB.body.error.code, byB.body.error.message]).toEqual([403, 'FORBIDDEN', '只能管理自己带的打卡营']);
    expect((await gw.call(HOST_B, 'campaign', { action: 'reviewQueue', campaignId: c.id })).body.error.code).toBe('FORBIDDEN');
    const stored = await gw.store.get('campaignNotes', note.id);
    expect(stored).toMatchObject({ reviewed: false, comments: [] });

    expect((await review(OWNER)).status).toBe(200);
    const bad = [{ comment: '' }, { comment: '长'.repeat(301) }, { featured: 'yes' }, {}];
    for (const patch of bad) {
      const r = await gw.call(HOST_A, 'campaign', { action: 'review', requestId: rid('rv'), noteId: note.id, ...patch });
      expect([JSON.stringify(patch), r.body.error?.code]).toEqual([JSON.stringify(patch), 'VALIDATION']);
    }
  });
});
