import { memberIdFor } from '../src/server/kernel/ids';
import { startGateway, type TestGateway } from './support/gateway';

// Finding a member (search, detail), marking for cleanup and reminding inactive members, through
// the gateway: on SQLite and (cloudbase project) on the CloudBase double.
let gw: TestGateway;
const OWNER = 'mem-owner';
const HOST = 'mem-host';
const NOW = '2026-11-24T10:00:00+08:00';
const LONG_AGO = '2026-09-01T10:00:00+08:00';
const NAMES = ['李明', '李华', 'Alice', '王芳', '李雷'];
const who = (i: number) => `mem-${i}`;

async function ok(openid: string, fn: string, event: Record<string, unknown>, now = NOW) {
  const r = await gw.call(openid, fn, event, now);
  if (r.status !== 200) throw new Error(`${fn}.${String(event.action)}: ${JSON.stringify(r.body)}`);
  return r.body.data;
}

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  await ok(OWNER, 'member', { action: 'login' }, LONG_AGO);
  await ok(HOST, 'member', { action: 'login' }, LONG_AGO);
  await ok(OWNER, 'member', { action: 'setRole', requestId: 'mem-mkhost-01', memberId: memberIdFor(HOST), role: 'host' }, LONG_AGO);
  for (let i = 0; i < NAMES.length; i += 1) {
    await ok(who(i), 'member', { action: 'login' }, LONG_AGO);
    await ok(who(i), 'member', { action: 'setNickname', requestId: `mem-nick-${i}-01`, nickname: NAMES[i] }, LONG_AGO);
  }
  // 王芳 is active today: she checks in with a note and gets a manual award.
  await ok(who(3), 'checkin', { action: 'do', requestId: 'mem-ck-3-0001' });
  await ok(who(3), 'checkin', { action: 'note', requestId: 'mem-note-3-01', text: '今天读完第三章' });
  await ok(HOST, 'points', { action: 'adjust', requestId: 'mem-adj-3-001', memberId: memberIdFor(who(3)), delta: 30, reason: '沙龙分享' });
});
afterAll(() => gw.close());

describe('member.search', () => {
  it('finds members by nickname prefix (case and width folded) and by exact invite code', async () => {
    const li = await ok(HOST, 'member', { action: 'search', q: '李' });
    expect(li.members.map((m: { nickname: string }) => m.nickname).sort()).toEqual(['李华', '李明', '李雷']);
    const alice = await ok(HOST, 'member', { action: 'search', q: 'ａｌ' });
    expect(alice.members.map((m: { nickname: string }) => m.nickname)).toEqual(['Alice']);
    const code = (await ok(who(3), 'member', { action: 'me' })).member.inviteCode as string;
    const byCode = await ok(OWNER, 'member', { action: 'search', q: code.toLowerCase() });
    expect(byCode.members[0].nickname).toBe('王芳');
    expect((await ok(HOST, 'member', { action: 'search', q: '明' })).members).toEqual([]);
  });

  it('pages with after/limit through every match exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { members: Array<{ nickname: string }>; next: string | null } = await ok(HOST, 'member', { action: 'search', q: '李', limit: 1, ...(after ? { after } : {}) });
      seen.push(...page.members.map((m) => m.nickname));
      after = page.next;
    } while (after);
    expect(seen.sort()).toEqual(['李华', '李明', '李雷']);
  });

  it('is for hosts only and refuses bad input', async () => {
    expect((await gw.call(who(0), 'member', { action: 'search', q: '李' }, NOW)).status).toBe(403);
    const empty = await gw.call(HOST, 'member', { action: 'search', q: '   ' }, NOW);
    expect(empty.status).toBe(400);
    expect((await gw.call(HOST, 'member', { action: 'search', q: '李'.repeat(21) }, NOW)).status).toBe(400);
    expect((await gw.call(HOST, 'member', { action: 'search', q: '李', role: 'host' }, NOW)).status).toBe(400);
  });

  it('slows a host who searches more than 60 times a minute', async () => {
    const minute = '2026-11-24T11:00:10+08:00';
    const statuses: number[] = [];
    for (let i = 0; i < 61; i += 1) statuses.push((await gw.call(OWNER, 'member', { action: 'search', q: 'A' }, minute)).status);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
  });
});

describe('member.detail', () => {
  it('shows a host the member’s activity, check-in notes and adjustments, and what they may do', async () => {
    const d = await ok(HOST, 'member', { action: 'detail', memberId: memberIdFor(who(3)) });
    expect(d.member.nickname).toBe('王芳');
    expect(d.streak).toBe(1);
    expect(d.lastActiveDay).toBe('2026-11-24');
    expect(d.checkins[0]).toEqual({ day: '2026-11-24', makeup: false, note: '今天读完第三章' });
    expect(d.adjustments).toEqual([expect.objectContaining({ delta: 30, note: '沙龙分享' })]);
    expect(d.can).toEqual({ adjust: true, grantVip: false, changeRole: false, markCleanup: false });
    expect((await ok(OWNER, 'member', { action: 'detail', memberId: memberIdFor(who(3)) })).can).toEqual({ adjust: true, grantVip: true, changeRole: true, markCleanup: true });
    expect((await ok(HOST, 'member', { action: 'detail', memberId: memberIdFor(HOST) })).can.adjust).toBe(false);
  });

  it('refuses members, unknown ids and bad input', async () => {
    expect((await gw.call(who(0), 'member', { action: 'detail', memberId: memberIdFor(who(3)) }, NOW)).status).toBe(403);
    expect((await gw.call(HOST, 'member', { action: 'detail', memberId: 'm_nobody' }, NOW)).status).toBe(404);
    expect((await gw.call(HOST, 'member', { action: 'detail' }, NOW)).status).toBe(400);
  });
});

describe('member.markCleanup', () => {
  it('marks once per requestId under concurrency; a replay with other params is CONFLICT', async () => {
    const event = { action: 'markCleanup', requestId: 'mem-clean-0-01', memberId: memberIdFor(who(0)), needsCleanup: true };
    const [a, b] = await Promise.all([gw.call(OWNER, 'member', event, NOW), gw.call(OWNER, 'member', event, NOW)]);
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
    expect((await gw.call(OWNER, 'member', { ...event, needsCleanup: false }, NOW)).status).toBe(409);
    expect((await ok(HOST, 'member', { action: 'detail', memberId: memberIdFor(who(0)) })).needsCleanup).toBe(true);
  });

  it('is for owners only, and never for staff', async () => {
    expect((await gw.call(HOST, 'member', { action: 'markCleanup', requestId: 'mem-clean-h-01', memberId: memberIdFor(who(1)), needsCleanup: true }, NOW)).status).toBe(403);
    const staff = await gw.call(OWNER, 'member', { action: 'markCleanup', requestId: 'mem-clean-s-01', memberId: memberIdFor(HOST), needsCleanup: true }, NOW);
    expect(staff.status).toBe(400);
    expect(staff.body.error.message).toBe('讲师和群主不能标记为待清理');
    expect((await gw.call(OWNER, 'member', { action: 'markCleanup', requestId: 'mem-clean-b-01', memberId: memberIdFor(who(1)), needsCleanup: 'yes' }, NOW)).status).toBe(400);
  });
});

describe('inactive list (活跃度警示)', () => {
  it('pages through every quiet member, staff excluded, and says who a reminder reaches', async () => {
    await gw.store.transaction((tx) => tx.set('subscriptions', { id: `${memberIdFor(who(1))}:local`, memberId: memberIdFor(who(1)), templateId: 'local', granted: 1, used: 0 }));
    const ids: string[] = [];
    let after: string | null = null;
    let total = 0;
    let reachable = 0;
    do {
      const data: { inactive: { members: Array<{ id: string }>; total: number; reachable: number; next: string | null } } = await ok(OWNER, 'funnel', { action: 'segments', limit: 2, ...(after ? { after } : {}) });
      ids.push(...data.inactive.members.map((m) => m.id));
      total = data.inactive.total;
      reachable += data.inactive.reachable;
      after = data.inactive.next;
    } while (after);
    const expected = [0, 1, 2, 4].map((i) => memberIdFor(who(i)));
    expect(ids.sort()).toEqual(expected.sort());
    expect(total).toBe(4);
    expect(reachable).toBe(1);
    expect(ids).not.toContain(memberIdFor(OWNER));
    expect(ids).not.toContain(memberIdFor(HOST));
  });

  it('reminds a member with quota once a day, even when two owners tap at once; without quota says so', async () => {
    const memberId = memberIdFor(who(2));
    await gw.store.transaction((tx) => tx.set('subscriptions', { id: `${memberId}:local`, memberId, templateId: 'local', granted: 2, used: 0 }));
    const [a, b] = await Promise.all([
      gw.call(OWNER, 'funnel', { action: 'remindInactive', requestId: 'mem-remind-a1', memberId }, NOW),
      gw.call(OWNER, 'funnel', { action: 'remindInactive', requestId: 'mem-remind-b1', memberId }, NOW),
    ]);
    expect([a.body.data.outcome, b.body.data.outcome].sort()).toEqual(['already', 'sent']);
    const replay = await gw.call(OWNER, 'funnel', { action: 'remindInactive', requestId: 'mem-remind-a1', memberId }, NOW);
    expect(replay.body).toEqual(a.body);
    const quota = await gw.store.get('subscriptions', `${memberId}:local`);
    expect(quota?.used).toBe(1);
    const outbox = await gw.store.get('outbox', `reactivation:${memberId}:2026-11-24`);
    expect(outbox).toMatchObject({ kind: 'reactivation', state: 'sent' });
    expect((await ok(OWNER, 'funnel', { action: 'remindInactive', requestId: 'mem-remind-c1', memberId: memberIdFor(who(4)) })).outcome).toBe('no_quota');
  });

  it('refuses a reminder to an active member, staff, a host caller and bad input', async () => {
    const active = await gw.call(OWNER, 'funnel', { action: 'remindInactive', requestId: 'mem-remind-d1', memberId: memberIdFor(who(3)) }, NOW);
    expect(active.status).toBe(400);
    expect(active.body.error.message).toBe('只能提醒活跃度警示名单里的会员');
    expect((await gw.call(OWNER, 'funnel', { action: 'remindInactive', requestId: 'mem-remind-e1', memberId: memberIdFor(HOST) }, NOW)).status).toBe(400);
    expect((await gw.call(HOST, 'funnel', { action: 'remindInactive', requestId: 'mem-remind-f1', memberId: memberIdFor(who(0)) }, NOW)).status).toBe(403);
    expect((await gw.call(OWNER, 'funnel', { action: 'remindInactive', requestId: 'x', memberId: memberIdFor(who(0)) }, NOW)).status).toBe(400);
  });
});
