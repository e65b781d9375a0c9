import { memberIdFor } from '../src/server/kernel/ids';
import { startGateway, type TestGateway } from './support/gateway';

// Activities through the local gateway (SQLite, or the CloudBase double in the `cloudbase` project).
let gw: TestGateway;
const OWNER = 'ac-owner';
const HOST = 'ac-host';
const PEOPLE = Array.from({ length: 100 }, (_, i) => `ac-member-${String(i).padStart(3, '0')}`);
const NOW = '2026-11-24T10:00:00+08:00';
let seq = 0;
const rid = (tag: string) => `${tag}-${String(++seq).padStart(6, '0')}`;

async function call(openid: string, event: Record<string, unknown>, now = NOW) {
  return gw.call(openid, 'activities', event, now);
}
async function ok(openid: string, event: Record<string, unknown>, now = NOW) {
  const r = await call(openid, event, now);
  if (r.status !== 200) throw new Error(`activities.${String(event.action)}: ${JSON.stringify(r.body)}`);
  return r.body.data;
}

const input = (extra: Record<string, unknown> = {}) => ({
  title: '上海线下沙龙',
  kind: 'salon',
  mode: 'offline',
  startsAt: '2026-11-28T14:00:00+08:00',
  endsAt: '2026-11-28T17:00:00+08:00',
  place: '徐汇区示范路 1 号',
  capacity: 30,
  signupDeadline: '2026-11-27T22:00:00+08:00',
  description: '聊聊社群运营',
  ...extra,
});
async function create(extra: Record<string, unknown> = {}) {
  return (await ok(HOST, { action: 'create', requestId: rid('c'), activity: input(extra) })).activity;
}

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  for (const openid of [OWNER, HOST, ...PEOPLE]) await gw.call(openid, 'member', { action: 'login' }, '2026-11-01T10:00:00+08:00');
  await gw.call(OWNER, 'member', { action: 'setRole', requestId: 'ac-make-host', memberId: memberIdFor(HOST), role: 'host' }, NOW);
});
afterAll(async () => {
  await gw.close();
});

describe('activities', () => {
  it('lets members neither create nor award, and rejects bad activities', async () => {
    expect((await call(PEOPLE[0], { action: 'create', requestId: rid('m'), activity: input() })).body.error.code).toBe('FORBIDDEN');
    const bad = [
      input({ capacity: 0 }),
      input({ title: '' }),
      input({ title: '活'.repeat(41) }),
      input({ kind: 'party' }),
      input({ endsAt: '2026-11-28T13:00:00+08:00' }),
      input({ signupDeadline: '2026-11-28T15:00:00+08:00' }),
      input({ description: 'x'.repeat(2001) }),
      input({ memberId: 'x' }),
    ];
    for (const activity of bad) expect((await call(HOST, { action: 'create', requestId: rid('bad'), activity })).body.error.code).toBe('VALIDATION');
    expect((await ok(HOST, { action: 'list' })).activities).toEqual([]);
    const a = await create();
    await ok(PEOPLE[0], { action: 'signup', requestId: rid('s'), activityId: a.id });
    const award = await call(PEOPLE[1], { action: 'award', requestId: rid('aw'), activityId: a.id, memberId: memberIdFor(PEOPLE[0]), points: 50, reason: '一等奖' }, '2026-11-28T18:00:00+08:00');
    expect(award.body.error.code).toBe('FORBIDDEN');
    expect((await call(PEOPLE[1], { action: 'checkIn', requestId: rid('ci'), activityId: a.id, memberId: memberIdFor(PEOPLE[0]) }, '2026-11-28T14:00:00+08:00')).body.error.code).toBe('FORBIDDEN');
  });

  it('gives exactly 30 places to many more parallel sign-ups and waitlists the others in order', async () => {
    const a = await create();
    // 100 at once on SQLite; on the CloudBase double every sign-up conflicts on the one activity
    // document and backs off, so 45 at once keep the suite short.
    const crowd = gw.kind === 'cloudbase' ? PEOPLE.slice(0, 45) : PEOPLE;
    const rest = crowd.length - 30;
    const results = await Promise.all(crowd.map((p) => call(p, { action: 'signup', requestId: rid('par'), activityId: a.id })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const confirmed = results.filter((r) => r.body.data.status === 'confirmed');
    const waiting = results.filter((r) => r.body.data.status === 'waitlist');
    expect(confirmed).toHaveLength(30);
    expect(waiting).toHaveLength(rest);
    expect(waiting.map((r) => r.body.data.position).sort((x: number, y: number) => x - y)).toEqual(Array.from({ length: rest }, (_, i) => i + 1));
    const page = await ok(HOST, { action: 'get', activityId: a.id });
    expect(page.activity).toMatchObject({ confirmed: 30, waitlisted: rest });
    expect(page.roster.filter((s: { status: string }) => s.status === 'confirmed')).toHaveLength(30);

    // A confirmed member cancels: the first on the waitlist is promoted.
    const leaver = crowd[results.findIndex((r) => r.body.data.status === 'confirmed')];
    const first = crowd[results.findIndex((r) => r.body.data.position === 1)];
    const second = crowd[results.findIndex((r) => r.body.data.position === 2)];
    const cancelled = await ok(leaver, { action: 'cancel', requestId: rid('x'), activityId: a.id });
    expect(cancelled.promoted).toBe(memberIdFor(first));
    expect((await ok(first, { action: 'get', activityId: a.id })).mine).toMatchObject({ status: 'confirmed', position: null });
    expect((await ok(second, { action: 'get', activityId: a.id })).mine).toMatchObject({ status: 'waitlist', position: 1 });
    expect((await ok(HOST, { action: 'get', activityId: a.id })).activity).toMatchObject({ confirmed: 30, waitlisted: rest - 1 });
    // Signing up again puts the leaver at the end of the waitlist.
    expect(await ok(leaver, { action: 'signup', requestId: rid('again'), activityId: a.id })).toEqual({ status: 'waitlist', position: rest });
    expect((await call(leaver, { action: 'signup', requestId: rid('again'), activityId: a.id })).body.error.code).toBe('CONFLICT');
  });

  it('keeps places and waitlist consistent under parallel cancels and sign-ups', async () => {
    const a = await create({ capacity: 5 });
    const first = PEOPLE.slice(0, 12);
    for (const p of first) await ok(p, { action: 'signup', requestId: rid('s'), activityId: a.id });
    await Promise.all([
      ...first.slice(0, 4).map((p) => call(p, { action: 'cancel', requestId: rid('x'), activityId: a.id })),
      ...PEOPLE.slice(12, 18).map((p) => call(p, { action: 'signup', requestId: rid('s'), activityId: a.id })),
    ]);
    const page = await ok(HOST, { action: 'get', activityId: a.id });
    const confirmed = page.roster.filter((s: { status: string }) => s.status === 'confirmed');
    const waiting = page.roster.filter((s: { status: string }) => s.status === 'waitlist');
    expect(confirmed).toHaveLength(5);
    expect(page.activity.confirmed).toBe(5);
    expect(waiting).toHaveLength(14 - 5);
    expect(page.activity.waitlisted).toBe(waiting.length);
    expect(waiting.map((s: { position: number }) => s.position).sort((x: number, y: number) => x - y)).toEqual(Array.from({ length: waiting.length }, (_, i) => i + 1));
  });

  it('closes sign-up at the deadline and cancelling once it starts', async () => {
    const a = await create();
    await ok(PEOPLE[3], { action: 'signup', requestId: rid('s'), activityId: a.id });
    expect((await call(PEOPLE[4], { action: 'signup', requestId: rid('s'), activityId: a.id }, '2026-11-27T22:00:00+08:00')).body.error.code).toBe('CONFLICT');
    expect((await call(PEOPLE[3], { action: 'cancel', requestId: rid('x'), activityId: a.id }, '2026-11-28T14:00:00+08:00')).body.error.code).toBe('CONFLICT');
  });

  it('checks attendees in, takes a summary and awards prize points once per member', async () => {
    const a = await create();
    const [winner, other, outsider] = PEOPLE.slice(20, 23);
    await ok(winner, { action: 'signup', requestId: rid('s'), activityId: a.id });
    await ok(other, { action: 'signup', requestId: rid('s'), activityId: a.id });
    const during = '2026-11-28T14:30:00+08:00';
    const after = '2026-11-28T18:00:00+08:00';
    expect((await call(HOST, { action: 'checkIn', requestId: rid('ci'), activityId: a.id, memberId: memberIdFor(winner) }, '2026-11-28T11:00:00+08:00')).body.error.code).toBe('CONFLICT');
    await ok(HOST, { action: 'checkIn', requestId: rid('ci'), activityId: a.id, memberId: memberIdFor(winner) }, during);
    await ok(HOST, { action: 'checkIn', requestId: rid('ci'), activityId: a.id, memberId: memberIdFor(other) }, during);
    expect((await call(HOST, { action: 'checkIn', requestId: rid('ci'), activityId: a.id, memberId: memberIdFor(winner) }, during)).body.error.code).toBe('CONFLICT');
    expect((await call(HOST, { action: 'checkIn', requestId: rid('ci'), activityId: a.id, memberId: memberIdFor(outsider) }, during)).body.error.code).toBe('CONFLICT');
    expect((await ok(winner, { action: 'get', activityId: a.id }, during)).mine.attended).toBe(true);

    const early = await call(HOST, { action: 'award', requestId: rid('aw'), activityId: a.id, memberId: memberIdFor(winner), points: 50, reason: '一等奖' }, '2026-11-28T13:00:00+08:00');
    expect(early.body.error.code).toBe('CONFLICT');
    for (const bad of [{ points: 0 }, { points: 10_001 }, { points: 1.5 }, { reason: '' }, { reason: '奖'.repeat(101) }]) {
      const r = await call(HOST, { action: 'award', requestId: rid('aw'), activityId: a.id, memberId: memberIdFor(winner), points: 50, reason: '一等奖', ...bad }, after);
      expect(r.body.error.code).toBe('VALIDATION');
    }
    const awards = await Promise.all(
      Array.from({ length: 10 }, () => call(HOST, { action: 'award', requestId: rid('par-aw'), activityId: a.id, memberId: memberIdFor(winner), points: 50, reason: '一等奖' }, after)),
    );
    expect(awards.filter((r) => r.status === 200)).toHaveLength(1);
    expect(awards.filter((r) => r.status !== 200).every((r) => r.body.error.code === 'CONFLICT')).toBe(true);
    const replay = { action: 'award', requestId: 'ac-award-replay', activityId: a.id, memberId: memberIdFor(other), points: 20, reason: '最佳提问' };
    const first = await call(HOST, replay, after);
    expect(await call(HOST, replay, after)).toEqual(first);
    expect((await call(HOST, { action: 'award', requestId: rid('aw'), activityId: a.id, memberId: memberIdFor(outsider), points: 5, reason: '鼓励' }, after)).body.error.code).toBe('CONFLICT');

    const history = (await gw.call(winner, 'points', { action: 'history' }, after)).body.data.entries.filter((e: { reason: string }) => e.reason === 'activity');
    expect(history.map((e: { delta: number; note: string }) => [e.delta, e.note])).toEqual([[50, '一等奖']]);
    expect((await gw.call(other, 'points', { action: 'balance' }, after)).body.data.balance).toBe(20);

    expect((await call(HOST, { action: 'summarize', requestId: rid('sm'), activityId: a.id, summary: '' }, after)).body.error.code).toBe('VALIDATION');
    const summary = await ok(HOST, { action: 'summarize', requestId: rid('sm'), activityId: a.id, summary: '到场 2 人，讨论了拉新。' }, after);
    expect(summary.activity).toMatchObject({ status: 'ended', summary: '到场 2 人，讨论了拉新。' });
  });
});
