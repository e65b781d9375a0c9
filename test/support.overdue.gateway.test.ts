import { memberIdFor } from '../src/server/kernel/ids';
import { overdueClaimId } from '../src/server/domain/supportOverdue';
import { startGateway, type TestGateway } from './support/gateway';

// Support desk follow-ups (issue 18): the owner hears once about each item past its service level
// (the supportOverdue cron job, through the messaging port's outbox), and a host reverses a
// party's ledger entry picked from the case.
let gw: TestGateway;
const OWNER = 'so-owner';
const HOST = 'so-host';
const DAY0 = '2026-11-01T10:00:00+08:00';
let seq = 0;
const rid = (tag: string) => `${tag}-${String(++seq).padStart(6, '0')}`;

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  for (const openid of [OWNER, HOST]) await gw.call(openid, 'member', { action: 'login' }, DAY0);
  await gw.call(OWNER, 'member', { action: 'setRole', requestId: rid('role'), memberId: memberIdFor(HOST), role: 'host' }, DAY0);
});
afterAll(async () => {
  await gw.close();
});

async function person(label: string, points = 0): Promise<string> {
  const openid = `so-${label}-${++seq}`;
  await gw.call(openid, 'member', { action: 'login' }, DAY0);
  if (points > 0) expect((await gw.call(OWNER, 'points', { action: 'adjust', requestId: rid('fund'), memberId: memberIdFor(openid), delta: points, reason: '测试积分' }, DAY0)).status).toBe(200);
  return openid;
}
const cron = (at: string) => gw.call(OWNER, 'cron', { action: 'run', job: 'supportOverdue' }, at);
const ownerOutbox = async (at: string) =>
  ((await gw.call(OWNER, 'lessons', { action: 'outbox', limit: 100 }, at)).body.data.messages as Array<{ id: string; kind: string; title: string; body: string; memberId: string; state: string }>).filter((m) => m.kind === 'support_overdue');

describe('overdue notices to the owner', () => {
  it('sends the owner one message per item once it passes its service level, under two overlapping cron runs', async () => {
    const asker = await person('asker');
    // Asked at 20:50 with a 4-hour limit in working hours (9–21): due 12:50 the next day.
    const q = (await gw.call(asker, 'support', { action: 'ask', requestId: rid('ask'), text: '直播回放在哪里看？', topic: 'lesson' }, '2026-12-07T20:50:00+08:00')).body.data.question;
    const filer = await person('filer');
    // A complaint filed at 10:00 is due for a first response at 12:00.
    const c = (await gw.call(filer, 'support', { action: 'file', requestId: rid('file'), kind: 'complaint', about: 'other', text: '群里有人发广告' }, '2026-12-08T10:00:00+08:00')).body.data.case;

    // Before either limit nothing is sent.
    const early = await cron('2026-12-08T11:59:00+08:00');
    expect(early.status).toBe(200);
    expect(await ownerOutbox('2026-12-08T11:59:00+08:00')).toEqual([]);

    // The complaint is overdue, the question not yet: two overlapping runs send one message.
    const [a, b] = await Promise.all([cron('2026-12-08T12:30:00+08:00'), cron('2026-12-08T12:30:00+08:00')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    let notices = await ownerOutbox('2026-12-08T12:30:00+08:00');
    expect(notices.map((m) => m.id)).toEqual([overdueClaimId(c.id, memberIdFor(OWNER))]);
    expect(notices[0]).toMatchObject({ memberId: memberIdFor(OWNER), title: '投诉超时未处理' });
    expect(notices[0].body).toContain('「群里有人发广告」应在 12-08 12:00 前处理');

    // Past 12:50 the question joins; two more overlapping runs add exactly that one, and the complaint is not repeated.
    await Promise.all([cron('2026-12-08T13:10:00+08:00'), cron('2026-12-08T13:10:00+08:00')]);
    notices = await ownerOutbox('2026-12-08T13:10:00+08:00');
    expect(notices.map((m) => m.id).sort()).toEqual([overdueClaimId(c.id, memberIdFor(OWNER)), overdueClaimId(q.id, memberIdFor(OWNER))].sort());
    expect(notices.find((m) => m.id === overdueClaimId(q.id, memberIdFor(OWNER)))?.title).toBe('提问超时未处理');

    // Still waiting hours later: no second message. Answered or taken items are never notified.
    await cron('2026-12-08T18:00:00+08:00');
    expect(await ownerOutbox('2026-12-08T18:00:00+08:00')).toHaveLength(2);
    const handled = (await gw.call(await person('handled'), 'support', { action: 'file', requestId: rid('file'), kind: 'complaint', about: 'other', text: '按时处理的投诉' }, '2026-12-09T10:00:00+08:00')).body.data.case;
    expect((await gw.call(HOST, 'support', { action: 'take', requestId: rid('take'), caseId: handled.id }, '2026-12-09T10:30:00+08:00')).status).toBe(200);
    await cron('2026-12-09T15:00:00+08:00');
    expect((await ownerOutbox('2026-12-09T15:00:00+08:00')).map((m) => m.id)).not.toContain(overdueClaimId(handled.id, memberIdFor(OWNER)));
    expect(await gw.store.count('outbox')).toBe((await ownerOutbox('2026-12-09T15:00:00+08:00')).length);
  });
});

describe('reversing a ledger entry picked from a case', () => {
  it("lists the parties' reversible entries to the handling host only, and reverses the picked one once", async () => {
    const member = await person('picker', 80);
    const spent = await gw.call(OWNER, 'points', { action: 'adjust', requestId: rid('take'), memberId: memberIdFor(member), delta: -30, reason: '误扣' }, DAY0);
    expect(spent.status).toBe(200);
    const c = (await gw.call(member, 'support', { action: 'file', requestId: rid('file'), kind: 'complaint', about: 'points', text: '被误扣了 30 积分' }, DAY0)).body.data.case;

    const list = await gw.call(HOST, 'support', { action: 'caseEntries', caseId: c.id }, DAY0);
    expect(list.status).toBe(200);
    const entries = list.body.data.entries as Array<{ id: string; delta: number; memberName: string; party: string; note: string | null }>;
    expect(entries.map((e) => e.delta)).toEqual([-30, 80]);
    expect(entries.every((e) => e.party === 'filer')).toBe(true);
    expect((await gw.call(member, 'support', { action: 'caseEntries', caseId: c.id }, DAY0)).status).toBe(403);
    expect((await gw.call(await person('stranger'), 'support', { action: 'caseEntries', caseId: c.id }, DAY0)).status).toBe(403);
    expect((await gw.call(HOST, 'support', { action: 'caseEntries', caseId: 'k_nope' }, DAY0)).status).toBe(404);

    const debit = entries[0];
    const tries = await Promise.all(Array.from({ length: 4 }, () => gw.call(HOST, 'support', { action: 'remedy', requestId: rid('rev'), caseId: c.id, kind: 'reverse', entryId: debit.id, note: '误扣退回' }, DAY0)));
    expect(tries.filter((t) => t.status === 200)).toHaveLength(1);
    expect((await gw.call(member, 'points', { action: 'balance' }, DAY0)).body.data.balance).toBe(80);
    // The reversed entry and the reversal itself leave the picker.
    const after = (await gw.call(HOST, 'support', { action: 'caseEntries', caseId: c.id }, DAY0)).body.data.entries as Array<{ delta: number }>;
    expect(after.map((e) => e.delta)).toEqual([80]);
  });
});
