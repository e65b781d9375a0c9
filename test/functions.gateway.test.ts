import { memberIdFor } from '../src/server/kernel/ids';
import { startGateway, type TestGateway } from './support/gateway';

// Every function through the local gateway on a real SQLite file, as the h5 app calls it.
let gw: TestGateway;
const OWNER = 'owner-openid';

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
});
afterAll(async () => {
  await gw.close();
});

let seq = 0;
/** A fresh openid per test so tests do not share members. */
function person(label: string): string {
  seq += 1;
  return `t-${label}-${seq}`;
}

async function login(openid: string, event: Record<string, unknown> = {}, now?: string) {
  const r = await gw.call(openid, 'member', { action: 'login', ...event }, now);
  expect(r.status).toBe(200);
  return r.body.data as { member: { id: string; points: number; inviteCode: string; role: string; channel: string }; isNew: boolean };
}

async function balanceOf(openid: string): Promise<number> {
  const r = await gw.call(openid, 'points', { action: 'balance' });
  return r.body.data.balance;
}

/** Lines in the member's own points history. */
async function ledgerCount(openid: string): Promise<number> {
  return (await gw.call(openid, 'points', { action: 'history', limit: 100 })).body.data.entries.length;
}

/** Days the member has checked in on, as their check-in card counts them. */
async function checkinDays(openid: string): Promise<number> {
  return (await gw.call(openid, 'checkin', { action: 'today' })).body.data.totalDays;
}

/** A member's role as the owner's member list shows it. */
async function roleOf(memberId: string): Promise<string | undefined> {
  const page = await gw.call(OWNER, 'member', { action: 'list', limit: 100 });
  return page.body.data.members.find((m: { id: string }) => m.id === memberId)?.role;
}

describe('member.login', () => {
  it('creates the member on first call with an invite code and zero points, then finds them again', async () => {
    const me = person('new');
    const first = await login(me, { channel: 'group' });
    expect(first.isNew).toBe(true);
    expect(first.member).toMatchObject({ role: 'member', points: 0, channel: 'group' });
    expect(first.member.inviteCode).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    const again = await login(me);
    expect(again.isNew).toBe(false);
    expect(again.member.id).toBe(first.member.id);
    expect(again.member.inviteCode).toBe(first.member.inviteCode);
  });

  it('records the inviter from a valid ref code, but never a self-invite or an unknown code', async () => {
    const inviterId = person('inviter');
    const inviter = await login(inviterId);
    const friend = await login(person('friend'), { ref: inviter.member.inviteCode.toLowerCase() });
    expect(friend.member.channel).toBe('referral');
    const stranger = await login(person('stranger'), { ref: 'ZZZZZZ' });
    expect(stranger.member.channel).toBe('organic');
    const invited = await gw.call(inviterId, 'referral', { action: 'mine' });
    expect(invited.body.data.invitees).toHaveLength(1);
  });

  it('registers a member once even when the first login races with itself', async () => {
    const me = person('race');
    const results = await Promise.all(Array.from({ length: 10 }, () => gw.call(me, 'member', { action: 'login' })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.data.isNew)).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.data.member.inviteCode)).size).toBe(1);
    expect(await gw.store.count('invites')).toBe(await gw.store.count('members'));
  });

  it('makes an openid listed in QUNYUN_OWNER_OPENIDS the owner', async () => {
    const owner = await login(OWNER);
    expect(owner.member.role).toBe('owner');
  });

  it('never shows the openid to the client', async () => {
    const me = person('private');
    const r = await gw.call(me, 'member', { action: 'login' });
    expect(JSON.stringify(r.body)).not.toContain(me);
  });
});

describe('checkin.do', () => {
  it('checks in once, shows streak 1, and pays the base reward into the ledger', async () => {
    const me = person('checkin');
    await login(me);
    const r = await gw.call(me, 'checkin', { action: 'do', requestId: 'tap-000001' }, '2026-11-24T01:00:00Z');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, data: { day: '2026-11-24', streak: 1, awarded: 5, balance: 5 } });
    const history = await gw.call(me, 'points', { action: 'history' });
    expect(history.body.data.entries).toEqual([
      expect.objectContaining({ delta: 5, reason: 'checkin', ref: '2026-11-24', balanceAfter: 5 }),
    ]);
    const today = await gw.call(me, 'checkin', { action: 'today' }, '2026-11-24T09:00:00Z');
    expect(today.body.data).toMatchObject({ day: '2026-11-24', checkedIn: true, streak: 1 });
    expect(today.body.data.lastDays).toHaveLength(30);
    expect(today.body.data.lastDays.filter((d: { checked: boolean }) => d.checked)).toEqual([{ day: '2026-11-24', checked: true }]);
  });

  it('awards points once when one member fires 50 parallel check-ins on one day', async () => {
    const me = person('burst');
    await login(me);
    const at = '2026-11-24T02:00:00Z';
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => gw.call(me, 'checkin', { action: 'do', requestId: `burst-${String(i).padStart(4, '0')}` }, at)),
    );
    const ok = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 409);
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(49);
    expect(refused.every((r) => r.body.error.code === 'CONFLICT' && /已经签到/.test(r.body.error.message))).toBe(true);
    expect(await balanceOf(me)).toBe(5);
    expect(await ledgerCount(me)).toBe(1);
    expect(await checkinDays(me)).toBe(1);
  });

  it('answers a replayed requestId with the first result and writes nothing new, even the next day', async () => {
    const me = person('replay');
    await login(me);
    const event = { action: 'do', requestId: 'replay-request-1' };
    const first = await gw.call(me, 'checkin', event, '2026-11-24T03:00:00Z');
    const parallel = await Promise.all(Array.from({ length: 10 }, () => gw.call(me, 'checkin', event, '2026-11-24T03:00:01Z')));
    const nextDay = await gw.call(me, 'checkin', event, '2026-11-25T03:00:00Z');
    for (const r of [...parallel, nextDay]) {
      expect(r.status).toBe(200);
      expect(r.body).toEqual(first.body);
    }
    expect(await balanceOf(me)).toBe(5);
    expect(await ledgerCount(me)).toBe(1);
  });

  it('cannot be made to act for someone else by an openid or memberId in the payload', async () => {
    const victim = person('victim');
    const attacker = person('attacker');
    const v = await login(victim);
    await login(attacker);
    const withOpenid = await gw.call(attacker, 'checkin', { action: 'do', requestId: 'spoof-000001', openid: victim });
    const withMemberId = await gw.call(attacker, 'points', { action: 'history', memberId: v.member.id });
    for (const r of [withOpenid, withMemberId]) {
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION');
    }
    expect(await balanceOf(victim)).toBe(0);
    expect(await balanceOf(attacker)).toBe(0);
    expect(await checkinDays(victim)).toBe(0);
  });

  it('rejects malformed payloads with VALIDATION and changes nothing', async () => {
    const me = person('malformed');
    await login(me);
    const bad: unknown[] = [
      { action: 'do' },
      { action: 'do', requestId: '' },
      { action: 'do', requestId: 'short' },
      { action: 'do', requestId: 'x'.repeat(65) },
      { action: 'do', requestId: 12345678 },
      { action: 'do', requestId: 'has spaces in it' },
      { action: 'do', requestId: 'valid-request-id', extra: true },
      { action: 'teleport', requestId: 'valid-request-id' },
      { requestId: 'valid-request-id' },
      [{ action: 'do', requestId: 'valid-request-id' }],
      '"just a string"',
      '{not json',
    ];
    for (const event of bad) {
      const r = await gw.call(me, 'checkin', event);
      expect({ event, status: r.status, code: r.body.error?.code }).toEqual({ event, status: 400, code: 'VALIDATION' });
      expect(typeof r.body.error.message).toBe('string');
    }
    expect(await balanceOf(me)).toBe(0);
    expect(await checkinDays(me)).toBe(0);
    expect(await ledgerCount(me)).toBe(0);
  });

  it('rolls the day over at 00:00 Asia/Shanghai, not at UTC midnight', async () => {
    const me = person('midnight');
    await login(me);
    // 2026-03-09T15:59:30Z is 23:59:30 on 9 March in Shanghai; 16:00:30Z is 00:00:30 on 10 March.
    const late = await gw.call(me, 'checkin', { action: 'do', requestId: 'night-000001' }, '2026-03-09T15:59:30Z');
    const early = await gw.call(me, 'checkin', { action: 'do', requestId: 'night-000002' }, '2026-03-09T16:00:30Z');
    const sameDay = await gw.call(me, 'checkin', { action: 'do', requestId: 'night-000003' }, '2026-03-10T15:30:00Z');
    expect(late.body.data).toMatchObject({ day: '2026-03-09', streak: 1 });
    expect(early.body.data).toMatchObject({ day: '2026-03-10', streak: 2 });
    expect(sameDay.status).toBe(409);
    expect(await balanceOf(me)).toBe(10);
  });

  it('pays the 7-day streak bonus on the seventh consecutive day and restarts after a gap', async () => {
    const me = person('week');
    await login(me);
    const awarded: number[] = [];
    for (let d = 1; d <= 7; d += 1) {
      const r = await gw.call(me, 'checkin', { action: 'do', requestId: `week-day-${d}` }, `2026-04-0${d}T01:00:00Z`);
      awarded.push(r.body.data.awarded);
    }
    expect(awarded).toEqual([5, 5, 5, 5, 5, 5, 25]);
    expect(await balanceOf(me)).toBe(55);
    const afterGap = await gw.call(me, 'checkin', { action: 'do', requestId: 'week-day-9' }, '2026-04-09T01:00:00Z');
    expect(afterGap.body.data).toMatchObject({ streak: 1, awarded: 5, balance: 60 });
    const today = await gw.call(me, 'checkin', { action: 'today' }, '2026-04-09T02:00:00Z');
    expect(today.body.data).toMatchObject({ streak: 1, longestStreak: 7, totalDays: 8, nextMilestone: { day: 7, bonus: 20, daysLeft: 6 } });
  });
});

describe('points.history', () => {
  it('pages newest first without gaps or repeats', async () => {
    const me = person('pages');
    await login(me);
    for (let d = 1; d <= 23; d += 1) {
      const day = String(d).padStart(2, '0');
      await gw.call(me, 'checkin', { action: 'do', requestId: `page-day-${day}` }, `2026-05-${day}T01:00:00Z`);
    }
    const seen: Array<{ id: string; balanceAfter: number }> = [];
    let after: string | undefined;
    do {
      const r = await gw.call(me, 'points', { action: 'history', limit: 10, ...(after ? { after } : {}) });
      expect(r.status).toBe(200);
      seen.push(...r.body.data.entries);
      after = r.body.data.next ?? undefined;
    } while (after);
    // 23 check-ins plus the bonuses on days 7, 14 and 21.
    expect(seen).toHaveLength(26);
    expect(new Set(seen.map((e) => e.id)).size).toBe(26);
    const balances = seen.map((e) => e.balanceAfter);
    expect(balances).toEqual([...balances].sort((a, b) => b - a));
    expect(balances[0]).toBe(await balanceOf(me));
  });

  it('rejects a page size over 100', async () => {
    const me = person('bigpage');
    await login(me);
    const r = await gw.call(me, 'points', { action: 'history', limit: 101 });
    expect(r.status).toBe(400);
  });
});

describe('identity and roles', () => {
  it('refuses calls without a WeChat identity, and members who never logged in', async () => {
    const anonymous = await gw.call(null, 'points', { action: 'balance' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
    const stranger = await gw.call(person('ghost'), 'checkin', { action: 'do', requestId: 'ghost-000001' });
    expect(stranger.status).toBe(401);
  });

  it('lets only hosts and owners list members, and only owners grant the host role', async () => {
    const member = person('plain');
    const host = person('host');
    await login(member);
    const h = await login(host);
    await login(OWNER);
    expect((await gw.call(member, 'member', { action: 'list' })).status).toBe(403);
    const grabRole = await gw.call(member, 'member', { action: 'setRole', requestId: 'grab-000001', memberId: memberIdFor(member), role: 'owner' });
    expect(grabRole.status).toBe(403);
    expect(grabRole.body.error.code).toBe('FORBIDDEN');
    const grant = await gw.call(OWNER, 'member', { action: 'setRole', requestId: 'grant-000001', memberId: h.member.id, role: 'host' });
    expect(grant.status).toBe(200);
    expect(grant.body.data.member.role).toBe('host');
    const hostList = await gw.call(host, 'member', { action: 'list', limit: 5 });
    expect(hostList.status).toBe(200);
    expect(hostList.body.data.members.length).toBeGreaterThan(0);
    const hostGrants = await gw.call(host, 'member', { action: 'setRole', requestId: 'grant-000002', memberId: memberIdFor(member), role: 'host' });
    expect(hostGrants.status).toBe(403);
    const self = await gw.call(OWNER, 'member', { action: 'setRole', requestId: 'grant-000003', memberId: memberIdFor(OWNER), role: 'member' });
    expect(self.status).toBe(400);
    const missing = await gw.call(OWNER, 'member', { action: 'setRole', requestId: 'grant-000004', memberId: 'm_nobody', role: 'host' });
    expect(missing.status).toBe(404);
  });

  it('answers a replayed setRole with the first result, and rejects bad role changes without writing', async () => {
    await login(OWNER);
    const target = await login(person('promote'));
    const event = { action: 'setRole', requestId: 'promote-000001', memberId: target.member.id, role: 'host' };
    const first = await gw.call(OWNER, 'member', event);
    const revoke = await gw.call(OWNER, 'member', { ...event, requestId: 'promote-000002', role: 'member' });
    expect(revoke.body.data.member.role).toBe('member');
    const replay = await gw.call(OWNER, 'member', event);
    expect(replay.status).toBe(200);
    expect(replay.body.data.member.id).toBe(first.body.data.member.id);
    // The replay answered from the record and did not grant the role again.
    expect(await roleOf(target.member.id)).toBe('member');
    for (const bad of [
      { ...event, requestId: 'promote-000003', role: 'admin' },
      { ...event, requestId: 'promote-000004', memberId: 'm'.repeat(65) },
      { ...event, requestId: 'promote-000005', memberId: '' },
      { action: 'setRole', requestId: 'promote-000006', role: 'host' },
    ]) {
      const r = await gw.call(OWNER, 'member', bad);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION');
    }
    expect(await roleOf(target.member.id)).toBe('member');
  });

  it('answers an unknown function with NOT_FOUND and a bad simulated time with VALIDATION', async () => {
    expect((await gw.call(person('x'), 'nope', { action: 'x' })).status).toBe(404);
    const me = person('clock');
    await login(me);
    const r = await gw.call(me, 'checkin', { action: 'today' }, 'yesterday');
    expect(r.status).toBe(400);
  });
});

describe('gateway outside local mode', () => {
  it('refuses the local identity header', async () => {
    const strict = await startGateway({ local: false });
    try {
      const r = await strict.call('someone', 'member', { action: 'login' });
      expect(r.status).toBe(401);
      expect(await strict.store.count('members')).toBe(0);
    } finally {
      await strict.close();
    }
  });
});
