import { post } from '../src/server/domain/ledger';
import { memberIdFor } from '../src/server/kernel/ids';
import { startGateway, type TestGateway } from './support/gateway';

// Makeup (补签) and the calendar through the local gateway on a real SQLite file.
let gw: TestGateway;

beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => {
  await gw.close();
});

let seq = 0;
function person(label: string): string {
  seq += 1;
  return `mk-${label}-${seq}`;
}

/** 10:00 in Shanghai on `day`. */
function at(day: string): string {
  return `${day}T02:00:00Z`;
}

function rid(label: string): string {
  seq += 1;
  return `req-${label}-${seq}`;
}

async function join(openid: string, day: string): Promise<string> {
  const r = await gw.call(openid, 'member', { action: 'login' }, at(day));
  expect(r.status).toBe(200);
  return r.body.data.member.id;
}

async function grant(openid: string, points: number): Promise<void> {
  const memberId = memberIdFor(openid);
  await gw.store.transaction((tx) => post(tx, memberId, [{ key: `grant:${memberId}:${seq++}`, delta: points, reason: 'manual', ref: null }], new Date(), 'Asia/Shanghai'));
}

async function checkin(openid: string, day: string) {
  return gw.call(openid, 'checkin', { action: 'do', requestId: rid('do') }, at(day));
}

async function makeup(openid: string, day: string, today: string, requestId = rid('mk')) {
  return gw.call(openid, 'checkin', { action: 'makeup', requestId, day }, at(today));
}

async function balance(openid: string): Promise<number> {
  return (await gw.call(openid, 'points', { action: 'balance' })).body.data.balance;
}

/** June as the member's calendar shows it on 10 June (days, streak, makeups used, cards). */
async function june(openid: string) {
  return (await gw.call(openid, 'checkin', { action: 'calendar', month: '2026-06' }, at('2026-06-10'))).body.data;
}

async function historyLength(openid: string): Promise<number> {
  return (await gw.call(openid, 'points', { action: 'history', limit: 100 })).body.data.entries.length;
}

/** Everything a member can see that a makeup changes. */
async function snapshot(openid: string) {
  return { balance: await balance(openid), ledger: await historyLength(openid), calendar: await june(openid) };
}

describe('checkin.makeup', () => {
  it('fills a missed day, restores the streak, charges 20 and pays the base reward only', async () => {
    const me = person('flow');
    await join(me, '2026-06-01');
    await grant(me, 100);
    for (const d of ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-05']) expect((await checkin(me, d)).status).toBe(200);
    const r = await makeup(me, '2026-06-04', '2026-06-05');
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ day: '2026-06-04', streak: 5, paidWith: 'points', cost: 20, awarded: 5, balance: 100 + 20 - 20 + 5 });
    const today = await gw.call(me, 'checkin', { action: 'today' }, at('2026-06-05'));
    expect(today.body.data).toMatchObject({ streak: 5, longestStreak: 5, totalDays: 5, nextMilestone: { day: 7, bonus: 20, daysLeft: 2 } });
    expect((await checkin(me, '2026-06-06')).body.data).toMatchObject({ streak: 6, awarded: 5 });
    expect((await checkin(me, '2026-06-07')).body.data).toMatchObject({ streak: 7, awarded: 25 });
    const history = (await gw.call(me, 'points', { action: 'history', limit: 20 })).body.data.entries as Array<{ reason: string; delta: number }>;
    expect(history.filter((e) => e.reason === 'makeup').map((e) => e.delta)).toEqual([-20]);
    expect(history.filter((e) => e.reason === 'streak_bonus').map((e) => e.delta)).toEqual([20]);
  });

  it('shows made-up, checked, missed and future days on the month calendar, and the makeup offer', async () => {
    const me = person('calendar');
    await join(me, '2026-06-25');
    await grant(me, 50);
    await checkin(me, '2026-06-26');
    await checkin(me, '2026-06-28');
    await makeup(me, '2026-06-27', '2026-06-29');
    const r = await gw.call(me, 'checkin', { action: 'calendar', month: '2026-06' }, at('2026-07-01'));
    expect(r.status).toBe(200);
    const status = Object.fromEntries((r.body.data.days as Array<{ day: string; status: string }>).map((d) => [d.day, d.status]));
    expect(r.body.data.days).toHaveLength(30);
    expect(status['2026-06-24']).toBe('before_join');
    expect(status['2026-06-25']).toBe('missed');
    expect(status['2026-06-26']).toBe('checked');
    expect(status['2026-06-27']).toBe('makeup');
    expect(status['2026-06-28']).toBe('checked');
    expect(status['2026-06-29']).toBe('missed');
    expect(r.body.data.streak).toBe(0);
    expect(r.body.data.longestStreak).toBe(3);
    // The quota counts per month of the makeup: July starts fresh; 06-28..06-30 is the window.
    expect(r.body.data.makeup).toEqual({ windowDays: 3, monthlyQuota: 2, usedThisMonth: 0, costPoints: 20, cards: 0, candidates: ['2026-06-29', '2026-06-30'] });
    const july = await gw.call(me, 'checkin', { action: 'calendar', month: '2026-07' }, at('2026-07-01'));
    expect(july.body.data.days.slice(0, 2).map((d: { status: string }) => d.status)).toEqual(['today', 'future']);
    expect((await gw.call(me, 'checkin', { action: 'calendar', month: '2026-13' })).body.error.code).toBe('VALIDATION');
  });

  it('refuses outside the window, today, an already checked day, the used quota and a short balance, changing nothing', async () => {
    const me = person('refuse');
    await join(me, '2026-06-01');
    await grant(me, 45);
    await checkin(me, '2026-06-08');
    const before = await snapshot(me);
    const cases: Array<[string, string, number, string, RegExp]> = [
      ['2026-06-06', '2026-06-10', 400, 'VALIDATION', /最近 3 天/],
      ['2026-06-10', '2026-06-10', 400, 'VALIDATION', /直接点签到/],
      ['2026-06-11', '2026-06-10', 400, 'VALIDATION', /未来/],
      ['2026-05-31', '2026-06-02', 400, 'VALIDATION', /加入社群之前/],
      ['2026-06-08', '2026-06-10', 409, 'CONFLICT', /已经签到过了/],
    ];
    for (const [day, today, status, code, message] of cases) {
      const r = await makeup(me, day, today);
      expect([day, r.status, r.body.error.code]).toEqual([day, status, code]);
      expect(r.body.error.message).toMatch(message);
    }
    expect(await snapshot(me)).toEqual(before);

    expect((await makeup(me, '2026-06-07', '2026-06-10')).status).toBe(200);
    expect((await makeup(me, '2026-06-09', '2026-06-10')).status).toBe(200);
    const quota = await makeup(me, '2026-06-10', '2026-06-11');
    expect([quota.status, quota.body.error.code, quota.body.error.message]).toEqual([409, 'LIMIT_REACHED', '本月补签次数已用完（每月 2 次）']);

    const poor = person('poor');
    await join(poor, '2026-06-01');
    await grant(poor, 19);
    const poorBefore = await snapshot(poor);
    const r = await makeup(poor, '2026-06-09', '2026-06-10');
    expect([r.status, r.body.error.code, r.body.error.message]).toEqual([409, 'INSUFFICIENT_POINTS', '积分不足：补签需要 20 积分']);
    expect(await snapshot(poor)).toEqual(poorBefore);
    expect((await june(poor)).makeup.usedThisMonth).toBe(0);
  });

  it('rejects malformed payloads with VALIDATION and writes nothing', async () => {
    const me = person('bad');
    await join(me, '2026-06-01');
    await grant(me, 100);
    const before = await snapshot(me);
    const bad: unknown[] = [
      { action: 'makeup', requestId: rid('b'), day: '2026-02-30' },
      { action: 'makeup', requestId: rid('b'), day: '2026/06/09' },
      { action: 'makeup', requestId: rid('b') },
      { action: 'makeup', day: '2026-06-09' },
      { action: 'makeup', requestId: 'short', day: '2026-06-09' },
      { action: 'makeup', requestId: rid('b'), day: '2026-06-09', memberId: 'm_x' },
      { action: 'makeup', requestId: rid('b'), day: 20260609 },
    ];
    for (const event of bad) {
      const r = await gw.call(me, 'checkin', event, at('2026-06-10'));
      expect([JSON.stringify(event), r.body.error?.code]).toEqual([JSON.stringify(event), 'VALIDATION']);
    }
    expect(await snapshot(me)).toEqual(before);
  });

  it('answers a replayed requestId with the first result and charges once', async () => {
    const me = person('replay');
    await join(me, '2026-06-01');
    await grant(me, 100);
    const first = await makeup(me, '2026-06-09', '2026-06-10', 'replay-key-0001');
    const again = await Promise.all([makeup(me, '2026-06-09', '2026-06-10', 'replay-key-0001'), makeup(me, '2026-06-09', '2026-06-11', 'replay-key-0001')]);
    for (const r of again) expect(r.body).toEqual(first.body);
    expect(await balance(me)).toBe(85);
    expect(await historyLength(me)).toBe(3);
  });

  it('makes up a day once under 30 parallel taps, charging once', async () => {
    const me = person('burst');
    await join(me, '2026-06-01');
    await grant(me, 100);
    const results = await Promise.all(Array.from({ length: 30 }, () => makeup(me, '2026-06-09', '2026-06-10')));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 200).every((r) => r.body.error.code === 'CONFLICT' || r.body.error.code === 'BUSY')).toBe(true);
    expect(await balance(me)).toBe(85);
    expect((await gw.call(me, 'checkin', { action: 'today' }, at('2026-06-10'))).body.data.totalDays).toBe(1);
  });

  it('never exceeds the monthly quota when different days are made up in parallel', async () => {
    const me = person('quota-race');
    await join(me, '2026-06-01');
    await grant(me, 100);
    const results = await Promise.all(['2026-06-07', '2026-06-08', '2026-06-09'].flatMap((d) => [makeup(me, d, '2026-06-10'), makeup(me, d, '2026-06-10')]));
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    expect(await balance(me)).toBe(100 - 2 * 15);
    expect((await june(me)).makeup.usedThisMonth).toBe(2);
  });

  it('ends with the full streak when a makeup of yesterday and today’s check-in race', async () => {
    for (let round = 0; round < 5; round += 1) {
      const me = person('race');
      await join(me, '2026-06-01');
      await grant(me, 100);
      for (const d of ['2026-06-06', '2026-06-07', '2026-06-08']) await checkin(me, d);
      const [done, filled] = await Promise.all([checkin(me, '2026-06-10'), makeup(me, '2026-06-09', '2026-06-10')]);
      expect([done.status, filled.status]).toEqual([200, 200]);
      const today = await gw.call(me, 'checkin', { action: 'today' }, at('2026-06-10'));
      expect(today.body.data).toMatchObject({ streak: 5, longestStreak: 5, totalDays: 5, checkedIn: true });
    }
  });

  it('uses a makeup card before points, then points once the cards are gone', async () => {
    const me = person('card');
    const memberId = await join(me, '2026-06-01');
    await grant(me, 100);
    await gw.store.transaction((tx) => tx.set('inventory', { id: memberId, makeupCards: 1 }));
    const first = await makeup(me, '2026-06-09', '2026-06-10');
    expect(first.body.data).toMatchObject({ paidWith: 'card', cost: 0, awarded: 5, balance: 105 });
    expect((await june(me)).makeup.cards).toBe(0);
    const second = await makeup(me, '2026-06-08', '2026-06-10');
    expect(second.body.data).toMatchObject({ paidWith: 'points', cost: 20, balance: 90 });
  });

  it('restores a streak recorded before run tracking from the check-in documents', async () => {
    const me = person('legacy');
    const memberId = await join(me, '2026-06-01');
    await grant(me, 100);
    for (const d of ['2026-06-05', '2026-06-06', '2026-06-07', '2026-06-09']) await checkin(me, d);
    // Stats as the foundation wrote them: the latest run only, no runs list.
    await gw.store.transaction((tx) => tx.update('accounts', memberId, { streak: { lastDay: '2026-06-09', streak: 1, longest: 3, total: 4 } }));
    const r = await makeup(me, '2026-06-08', '2026-06-10');
    expect(r.body.data.streak).toBe(5);
  });

  it('judges "today" and the window by the community day in Asia/Shanghai, not UTC', async () => {
    const me = person('tz');
    await join(me, '2026-06-01');
    await grant(me, 100);
    // 23:30 in Shanghai on 06-10 (15:30 UTC): 06-10 is still today there.
    const late = await gw.call(me, 'checkin', { action: 'makeup', requestId: rid('tz'), day: '2026-06-10' }, '2026-06-10T15:30:00Z');
    expect([late.body.error?.code, late.body.error?.message]).toEqual(['VALIDATION', '今天的签到请直接点签到']);
    // 00:30 in Shanghai on 06-11 (16:30 UTC on 06-10): 06-10 is now yesterday and can be made up,
    // and 06-07 has just left the 3-day window although it is still within 3 UTC days.
    const early = '2026-06-10T16:30:00Z';
    expect((await gw.call(me, 'checkin', { action: 'makeup', requestId: rid('tz'), day: '2026-06-07' }, early)).body.error.code).toBe('VALIDATION');
    const ok = await gw.call(me, 'checkin', { action: 'makeup', requestId: rid('tz'), day: '2026-06-10' }, early);
    expect(ok.body.data).toMatchObject({ day: '2026-06-10', streak: 1 });
  });
});
