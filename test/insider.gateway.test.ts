import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { FUNCTIONS } from '../src/server/functions';
import { createGateway } from '../src/server/local/gateway';
import { memberIdFor } from '../src/server/kernel/ids';
import { startGateway, type TestGateway } from './support/gateway';

// Insider controls (issue 12 §3): separation of duties between hosts and owners, through the
// local gateway on a real SQLite file.
let gw: TestGateway;
const OWNER = 'in-owner';
const OWNER2 = 'in-owner-2';
const EX_OWNER = 'in-ex-owner';
const HOST = 'in-host';
const HOST2 = 'in-host-2';
const PEOPLE = Array.from({ length: 12 }, (_, i) => `in-member-${String(i).padStart(2, '0')}`);
const NOW = '2026-11-24T10:00:00+08:00';
let seq = 0;
const rid = (tag: string) => `in-${tag}-${String(++seq).padStart(6, '0')}`;

async function balance(openid: string): Promise<number> {
  return (await gw.call(openid, 'points', { action: 'balance' }, NOW)).body.data.balance;
}
async function adjust(by: string, target: string, delta: number, requestId = rid('adj'), now = NOW) {
  return gw.call(by, 'points', { action: 'adjust', requestId, memberId: memberIdFor(target), delta, reason: '活动奖励' }, now);
}

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER, OWNER2, EX_OWNER] });
  for (const openid of [OWNER, OWNER2, EX_OWNER, HOST, HOST2, ...PEOPLE]) await gw.call(openid, 'member', { action: 'login' }, '2026-11-01T10:00:00+08:00');
  for (const host of [HOST, HOST2]) {
    const r = await gw.call(OWNER, 'member', { action: 'setRole', requestId: rid('role'), memberId: memberIdFor(host), role: 'host' }, NOW);
    expect(r.status).toBe(200);
  }
});
afterAll(async () => {
  await gw.close();
});

describe('nobody moves points or status for themselves', () => {
  it('refuses adjusting one’s own points, for hosts and owners, writing nothing', async () => {
    for (const who of [HOST, OWNER]) {
      const before = await balance(who);
      const r = await adjust(who, who, 500);
      expect([r.status, r.body.error.code, r.body.error.message]).toEqual([403, 'FORBIDDEN', '不能给自己调整积分']);
      expect(await balance(who)).toBe(before);
    }
  });

  it('refuses an owner reversing an entry of their own account, and allows it on another owner’s', async () => {
    const mine = await gw.call(OWNER, 'checkin', { action: 'do', requestId: rid('ck') }, NOW);
    expect(mine.status).toBe(200);
    const entry = (await gw.call(OWNER, 'points', { action: 'history' }, NOW)).body.data.entries[0];
    const before = await balance(OWNER);
    const r = await gw.call(OWNER, 'points', { action: 'reverse', requestId: rid('rv'), entryId: entry.id, reason: '更正' }, NOW);
    expect([r.status, r.body.error.code, r.body.error.message]).toEqual([403, 'FORBIDDEN', '不能撤销自己账户的积分记录']);
    expect(await balance(OWNER)).toBe(before);
    expect((await gw.call(OWNER2, 'points', { action: 'reverse', requestId: rid('rv'), entryId: entry.id, reason: '更正' }, NOW)).status).toBe(200);
  });
});

describe('activities: creator or owner, checked-in members only, never oneself', () => {
  const activity = {
    title: '线下沙龙',
    kind: 'salon',
    mode: 'offline',
    startsAt: '2026-11-28T14:00:00+08:00',
    endsAt: '2026-11-28T17:00:00+08:00',
    place: '示范路 1 号',
    capacity: 30,
    signupDeadline: '2026-11-27T22:00:00+08:00',
    description: '',
  };
  const during = '2026-11-28T14:30:00+08:00';
  const after = '2026-11-28T18:00:00+08:00';
  const act = (who: string, event: Record<string, unknown>, now = NOW) => gw.call(who, 'activities', event, now);

  it('lets only the creating host or an owner check in, summarise and award; the creator cannot sign up or award themselves', async () => {
    const a = (await act(HOST, { action: 'create', requestId: rid('ac'), activity })).body.data.activity;
    const [attendee, absent] = PEOPLE;
    const own = await act(HOST, { action: 'signup', requestId: rid('s'), activityId: a.id });
    expect([own.status, own.body.error.code, own.body.error.message]).toEqual([403, 'FORBIDDEN', '不能报名自己发起的活动']);
    for (const p of [attendee, absent]) expect((await act(p, { action: 'signup', requestId: rid('s'), activityId: a.id })).status).toBe(200);
    // Another host signs up, then tries to run someone else's activity for themselves.
    expect((await act(HOST2, { action: 'signup', requestId: rid('s'), activityId: a.id })).status).toBe(200);
    const foreign = [
      { action: 'checkIn', requestId: rid('ci'), activityId: a.id, memberId: memberIdFor(HOST2) },
      { action: 'summarize', requestId: rid('sm'), activityId: a.id, summary: '很好' },
      { action: 'award', requestId: rid('aw'), activityId: a.id, memberId: memberIdFor(attendee), points: 10, reason: '奖' },
    ];
    for (const event of foreign) {
      const r = await act(HOST2, event, after);
      expect([r.status, r.body.error.code, r.body.error.message]).toEqual([403, 'FORBIDDEN', '只能管理自己发起的活动']);
    }
    expect((await act(HOST, { action: 'checkIn', requestId: rid('ci'), activityId: a.id, memberId: memberIdFor(attendee) }, during)).status).toBe(200);
    expect((await act(OWNER, { action: 'checkIn', requestId: rid('ci'), activityId: a.id, memberId: memberIdFor(HOST2) }, during)).status).toBe(200);
    const selfAward = await act(HOST2, { action: 'award', requestId: rid('aw'), activityId: a.id, memberId: memberIdFor(HOST2), points: 10, reason: '奖' }, after);
    expect([selfAward.status, selfAward.body.error.code, selfAward.body.error.message]).toEqual([403, 'FORBIDDEN', '不能给自己发活动奖励']);
    expect(await balance(HOST2)).toBe(0);
    expect((await act(OWNER, { action: 'summarize', requestId: rid('sm'), activityId: a.id, summary: '到场 2 人' }, after)).status).toBe(200);
  });

  it('awards only checked-in members, unless an owner overrides explicitly (recorded on the award and the entry)', async () => {
    const a = (await act(HOST, { action: 'create', requestId: rid('ac'), activity })).body.data.activity;
    const [, , attendee, absent] = PEOPLE;
    for (const p of [attendee, absent]) await act(p, { action: 'signup', requestId: rid('s'), activityId: a.id });
    await act(HOST, { action: 'checkIn', requestId: rid('ci'), activityId: a.id, memberId: memberIdFor(attendee) }, during);
    const award = (who: string, member: string, extra: Record<string, unknown> = {}, requestId = rid('aw')) =>
      act(who, { action: 'award', requestId, activityId: a.id, memberId: memberIdFor(member), points: 30, reason: '最佳分享', ...extra }, after);
    const before = await balance(absent);
    const refused = await award(HOST, absent);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'CONFLICT']);
    expect(refused.body.error.message).toContain('签到');
    const hostOverride = await award(HOST, absent, { overrideAttendance: true });
    expect([hostOverride.status, hostOverride.body.error.code]).toEqual([403, 'FORBIDDEN']);
    for (const bad of [{ overrideAttendance: 'yes' }, { points: 0 }, { memberId: '' }]) {
      const r = await act(OWNER, { action: 'award', requestId: rid('aw'), activityId: a.id, memberId: memberIdFor(absent), points: 30, reason: '奖', ...bad }, after);
      expect(r.body.error.code).toBe('VALIDATION');
    }
    expect(await balance(absent)).toBe(before);
    // Many parallel owner overrides and one replay: paid once, the replay gets the first answer.
    const event = { action: 'award', requestId: 'in-override-replay', activityId: a.id, memberId: memberIdFor(absent), points: 30, reason: '最佳分享', overrideAttendance: true };
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => (i === 0 ? act(OWNER, event, after) : award(OWNER, absent, { overrideAttendance: true }))));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 200).every((r) => r.body.error.code === 'CONFLICT')).toBe(true);
    expect(await act(OWNER, event, after)).toEqual(results[0]);
    expect(await balance(absent)).toBe(before + 30);
    const roster = (await act(OWNER, { action: 'get', activityId: a.id }, after)).body.data.roster;
    expect(roster.find((r: { memberId: string }) => r.memberId === memberIdFor(absent)).award).toMatchObject({ points: 30, overrideBy: memberIdFor(OWNER) });
    const entries = (await gw.call(absent, 'points', { action: 'history' }, after)).body.data.entries;
    expect(entries[0].note).toBe('最佳分享（群主特批：未签到）');
    expect((await award(HOST, attendee)).status).toBe(200);
  });
});

describe('lessons: only their host or an owner edits them', () => {
  it('refuses another host’s edit and replay, and lets an owner edit', async () => {
    const lesson = { title: '拉新实操', lecturer: '王老师', startsAt: '2026-12-01T20:00:00+08:00', endsAt: '2026-12-01T21:00:00+08:00', outline: '1. 拉新' };
    const l = (await gw.call(HOST, 'lessons', { action: 'publish', requestId: rid('pub'), lesson }, NOW)).body.data.lesson;
    const edit = await gw.call(HOST2, 'lessons', { action: 'update', requestId: rid('up'), lessonId: l.id, lesson: { ...lesson, title: '被改了' } }, NOW);
    expect([edit.status, edit.body.error.code, edit.body.error.message]).toEqual([403, 'FORBIDDEN', '只能修改自己发布的课程']);
    const replay = await gw.call(HOST2, 'lessons', { action: 'addReplay', requestId: rid('rp'), lessonId: l.id, url: 'https://x.example/r', transcript: '' }, '2026-12-01T22:00:00+08:00');
    expect([replay.status, replay.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const owner = await gw.call(OWNER, 'lessons', { action: 'update', requestId: rid('up'), lessonId: l.id, lesson: { ...lesson, title: '拉新实操（修订）' } }, NOW);
    expect(owner.status).toBe(200);
    expect(owner.body.data.lesson.title).toBe('拉新实操（修订）');
  });
});

describe('campaign notes: no reviewing one’s own', () => {
  it('refuses a host reviewing their own note in their own campaign', async () => {
    const c = (await gw.call(HOST, 'campaign', { action: 'create', requestId: rid('cc'), campaign: { title: '早起营', startDay: '2026-12-10', length: 3, prompt: '几点起床？', reward: 50, noteRequired: true } }, '2026-12-09T02:00:00Z')).body.data.campaign;
    expect((await gw.call(HOST, 'campaign', { action: 'join', requestId: rid('cj'), campaignId: c.id }, '2026-12-09T02:00:00Z')).status).toBe(200);
    const ci = await gw.call(HOST, 'campaign', { action: 'checkin', requestId: rid('ck'), campaignId: c.id, text: '六点起床' }, '2026-12-10T02:00:00Z');
    expect(ci.status).toBe(200);
    const r = await gw.call(HOST, 'campaign', { action: 'review', requestId: rid('rv'), noteId: ci.body.data.note.id, comment: '我真棒', featured: true }, '2026-12-10T03:00:00Z');
    expect([r.status, r.body.error.code, r.body.error.message]).toEqual([403, 'FORBIDDEN', '不能点评自己的打卡笔记']);
    const owner = await gw.call(OWNER, 'campaign', { action: 'review', requestId: rid('rv'), noteId: ci.body.data.note.id, comment: '不错' }, '2026-12-10T03:00:00Z');
    expect(owner.status).toBe(200);
  });
});

describe('manual adjustments: a daily limit per host, then an owner approves', () => {
  const day = '2026-11-25T10:00:00+08:00';

  it('applies a host’s adjustments up to 2,000 points a day (Σ|delta|) and holds the rest for an owner, under parallel calls', async () => {
    const target = PEOPLE[5];
    const before = await balance(target);
    const results = await Promise.all(Array.from({ length: 10 }, () => adjust(HOST2, target, 300, rid('par'), day)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const applied = results.filter((r) => r.body.data.status === 'applied');
    const pending = results.filter((r) => r.body.data.status === 'pending');
    expect([applied.length, pending.length]).toEqual([6, 4]);
    expect(pending.every((r) => r.body.data.balance === null && r.body.data.entry === null && r.body.data.adjustment.state === 'pending')).toBe(true);
    expect(await balance(target)).toBe(before + 1800);
    // A deduction counts too (|−300|); 200 more still fits.
    expect((await adjust(HOST2, target, -300, rid('d'), day)).body.data.status).toBe('pending');
    expect((await adjust(HOST2, target, 200, rid('d'), day)).body.data.status).toBe('applied');
    // Owners are not limited; the next community day starts afresh.
    expect((await adjust(OWNER, target, 5000, rid('o'), day)).body.data.status).toBe('applied');
    expect((await adjust(HOST2, target, 300, rid('n'), '2026-11-26T10:00:00+08:00')).body.data.status).toBe('applied');
  });

  it('answers a replay with the first answer and refuses bad input, changing nothing', async () => {
    const target = PEOPLE[6];
    const event = { action: 'adjust', requestId: 'in-adjust-replay', memberId: memberIdFor(target), delta: 2500, reason: '补发' };
    const first = await gw.call(HOST, 'points', event, day);
    expect(first.body.data.status).toBe('pending');
    expect(await gw.call(HOST, 'points', event, day)).toEqual(first);
    const pendingBefore = (await gw.call(OWNER, 'points', { action: 'pendingAdjustments', limit: 100 }, day)).body.data.adjustments.length;
    const before = await balance(target);
    for (const bad of [{ delta: 0 }, { delta: 1.5 }, { delta: 100_001 }, { reason: '' }, { memberId: '' }, { extra: 1 }]) {
      const r = await gw.call(HOST, 'points', { ...event, requestId: rid('bad'), ...bad }, day);
      expect(r.body.error.code).toBe('VALIDATION');
    }
    expect(await balance(target)).toBe(before);
    expect((await gw.call(OWNER, 'points', { action: 'pendingAdjustments', limit: 100 }, day)).body.data.adjustments).toHaveLength(pendingBefore);
  });

  it('lets owners approve (points move exactly once under parallel approvals) or reject, and shows every adjustment with its state', async () => {
    const target = PEOPLE[7];
    const held = (await adjust(HOST, target, 2100, rid('big'), day)).body.data.adjustment;
    const rejected = (await adjust(HOST, target, -2100, rid('big'), day)).body.data.adjustment;
    const before = await balance(target);
    const list = (await gw.call(OWNER, 'points', { action: 'pendingAdjustments', limit: 100 }, day)).body.data.adjustments;
    expect(list.find((a: { id: string }) => a.id === held.id)).toMatchObject({ byName: expect.any(String), memberName: expect.any(String), delta: 2100, reason: '活动奖励', state: 'pending' });
    for (const who of [HOST, target]) expect((await gw.call(who, 'points', { action: 'pendingAdjustments' }, day)).body.error.code).toBe('FORBIDDEN');
    expect((await gw.call(HOST, 'points', { action: 'reviewAdjustment', requestId: rid('rv'), adjustmentId: held.id, decision: 'approve' }, day)).body.error.code).toBe('FORBIDDEN');
    for (const bad of [{ decision: 'maybe' }, { adjustmentId: '' }, { requestId: 'x' }]) {
      const r = await gw.call(OWNER, 'points', { action: 'reviewAdjustment', requestId: rid('rv'), adjustmentId: held.id, decision: 'approve', ...bad }, day);
      expect(r.body.error.code).toBe('VALIDATION');
    }
    expect(await balance(target)).toBe(before);

    const approve = { action: 'reviewAdjustment', requestId: 'in-approve-replay', adjustmentId: held.id, decision: 'approve' };
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => gw.call(i % 2 ? OWNER2 : OWNER, 'points', i === 0 ? approve : { ...approve, requestId: rid('par-rv') }, day)),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 200).every((r) => r.body.error.code === 'CONFLICT')).toBe(true);
    expect(await balance(target)).toBe(before + 2100);
    expect(await gw.call(OWNER, 'points', approve, day)).toEqual(results[0]);
    expect(await balance(target)).toBe(before + 2100);

    const no = await gw.call(OWNER, 'points', { action: 'reviewAdjustment', requestId: rid('rj'), adjustmentId: rejected.id, decision: 'reject' }, day);
    expect(no.body.data).toMatchObject({ balance: null, adjustment: { state: 'rejected' } });
    expect(await balance(target)).toBe(before + 2100);
    const again = await gw.call(OWNER, 'points', { action: 'reviewAdjustment', requestId: rid('rj'), adjustmentId: rejected.id, decision: 'approve' }, day);
    expect(again.body.error.code).toBe('CONFLICT');

    const log = (await gw.call(OWNER, 'points', { action: 'adjustments', limit: 100 }, day)).body.data.adjustments.filter((a: { memberId: string }) => a.memberId === memberIdFor(target));
    expect(log.map((a: { delta: number; state: string }) => [a.delta, a.state]).sort()).toEqual([[-2100, 'rejected'], [2100, 'approved']]);
    expect(log.every((a: { reviewedByName: string | null }) => a.reviewedByName !== null)).toBe(true);
    const pendingNow = (await gw.call(OWNER, 'points', { action: 'pendingAdjustments', limit: 100 }, day)).body.data.adjustments;
    expect(pendingNow.some((a: { id: string }) => a.id === held.id || a.id === rejected.id)).toBe(false);
  });
});

describe('owners come from configuration on every call', () => {
  let other: Server;
  let otherUrl: string;
  beforeAll(async () => {
    // A second gateway on the same data, deployed with EX_OWNER removed from the owners.
    other = createGateway({ store: gw.store, functions: FUNCTIONS, local: true, ownerOpenids: new Set([OWNER, OWNER2]) });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => other.close(() => resolve()));
  });
  async function callOther(openid: string, fn: string, event: unknown) {
    const response = await fetch(`${otherUrl}/api/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-qunyun-openid': openid, 'x-qunyun-now': NOW }, body: JSON.stringify(event) });
    return { status: response.status, body: await response.json() };
  }

  it('revokes an owner removed from QUNYUN_OWNER_OPENIDS at the next call, though the stored role says owner', async () => {
    expect((await gw.call(EX_OWNER, 'points', { action: 'audit' }, NOW)).status).toBe(200);
    expect((await gw.store.get('members', memberIdFor(EX_OWNER)))?.role).toBe('owner');
    const audit = await callOther(EX_OWNER, 'points', { action: 'audit' });
    expect([audit.status, audit.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const grant = await callOther(EX_OWNER, 'member', { action: 'setRole', requestId: rid('r'), memberId: memberIdFor(PEOPLE[9]), role: 'host' });
    expect(grant.status).toBe(403);
    const me = await callOther(EX_OWNER, 'member', { action: 'login' });
    expect(me.body.data.member.role).toBe('member');
    expect((await gw.store.get('members', memberIdFor(EX_OWNER)))?.role).toBe('member');
  });

  it('grants no owner role in the app, so no owner can be removed there either', async () => {
    const grant = await gw.call(OWNER, 'member', { action: 'setRole', requestId: rid('r'), memberId: memberIdFor(PEOPLE[10]), role: 'owner' }, NOW);
    expect([grant.status, grant.body.error.code]).toEqual([400, 'VALIDATION']);
    expect(grant.body.error.message).toContain('QUNYUN_OWNER_OPENIDS');
    const demote = await gw.call(OWNER, 'member', { action: 'setRole', requestId: rid('r'), memberId: memberIdFor(OWNER2), role: 'member' }, NOW);
    expect([demote.status, demote.body.error.code]).toEqual([400, 'VALIDATION']);
    expect((await gw.call(OWNER2, 'points', { action: 'audit' }, NOW)).status).toBe(200);
    expect((await gw.store.get('members', memberIdFor(PEOPLE[10])))?.role).toBe('member');
  });
});
