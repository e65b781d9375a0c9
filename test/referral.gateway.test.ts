import { startGateway, type TestGateway } from './support/gateway';

// Referral tracking through the local gateway on a real SQLite file: attribution once, rewards on
// activation and conversion, caps, milestones, velocity holds and the owner's review.
let gw: TestGateway;
const OWNER = 'ref-owner';

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  await gw.call(OWNER, 'member', { action: 'login' }, '2026-11-01T00:00:00Z');
});
afterAll(async () => {
  await gw.close();
});

let seq = 0;
async function join(label: string, ref?: string, at = '2026-11-20T02:00:00Z') {
  const openid = `ref-${label}-${++seq}`;
  const r = await gw.call(openid, 'member', { action: 'login', ...(ref ? { ref } : {}) }, at);
  expect(r.status).toBe(200);
  return { openid, id: r.body.data.member.id as string, code: r.body.data.member.inviteCode as string, channel: r.body.data.member.channel as string };
}

function checkin(openid: string, at = '2026-11-21T02:00:00Z', requestId = `ck-${openid}-${at}`) {
  return gw.call(openid, 'checkin', { action: 'do', requestId: requestId.slice(0, 64) }, at);
}

async function balance(openid: string, at = '2026-11-21T03:00:00Z') {
  return (await gw.call(openid, 'points', { action: 'balance' }, at)).body.data.balance as number;
}

async function mine(openid: string, at = '2026-11-21T03:00:00Z') {
  return (await gw.call(openid, 'referral', { action: 'mine' }, at)).body.data;
}

describe('attribution', () => {
  it('records a referral once for a new member with a valid code, and never otherwise', async () => {
    const a = await join('inviter');
    const b = await join('friend', a.code);
    expect(b.channel).toBe('referral');
    const invitees = async (who: { openid: string }) => (await mine(who.openid, '2026-11-20T06:00:00Z')).invitees as Array<{ state: string; registeredAt: string }>;
    expect(await invitees(a)).toEqual([expect.objectContaining({ state: 'registered', registeredAt: '2026-11-20T02:00:00.000Z' })]);

    // Self-invite: a member's code exists only once they are registered, so a self-invite is a
    // login with one's own code — no referral, no reward.
    const again = await gw.call(a.openid, 'member', { action: 'login', ref: a.code }, '2026-11-20T03:00:00Z');
    expect(again.body.data.isNew).toBe(false);
    expect(await invitees(a)).toHaveLength(1);
    // An existing member logging in with someone else's code: no referral.
    const existing = await join('existing');
    await gw.call(existing.openid, 'member', { action: 'login', ref: a.code }, '2026-11-20T04:00:00Z');
    expect(await invitees(a)).toHaveLength(1);
    // Unknown code: a new member, no referral, organic channel.
    const stranger = await join('stranger', 'ZZZZZZ');
    expect(stranger.channel).toBe('organic');
    // A second attribution attempt for B (another inviter's code) changes nothing.
    const c = await join('other-inviter');
    await gw.call(b.openid, 'member', { action: 'login', ref: c.code }, '2026-11-20T05:00:00Z');
    expect(await invitees(c)).toEqual([]);
    expect(await invitees(a)).toHaveLength(1);
    expect(await balance(a.openid)).toBe(0);
  });

  it('pays nothing on sign-up: the inviter sees the friend registered and why nothing was paid yet', async () => {
    const a = await join('patient');
    await join('signup', a.code);
    expect(await balance(a.openid)).toBe(0);
    const view = await mine(a.openid);
    expect(view.invitees).toEqual([expect.objectContaining({ state: 'registered', activation: { status: 'pending', amount: 0, reason: '好友还未完成首次签到' } })]);
    expect(view.invitees[0].name).toMatch(/^会\*+/);
  });
});

describe('activation and conversion', () => {
  it('pays the inviter +50 and the friend a welcome +10 exactly once under many parallel first check-ins', async () => {
    const a = await join('racer');
    const b = await join('racee', a.code);
    // 100 taps on SQLite; 25 on the CloudBase double, where each one conflicts and backs off.
    const taps = gw.kind === 'cloudbase' ? 25 : 100;
    const results = await Promise.all(Array.from({ length: taps }, (_, i) => checkin(b.openid, '2026-11-21T02:00:00Z', `race-${i}-${b.openid}`)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(await balance(a.openid)).toBe(50);
    expect(await balance(b.openid)).toBe(5 + 10);
    const view = await mine(a.openid);
    expect(view.invitees[0]).toMatchObject({ state: 'activated', activation: { status: 'paid', amount: 50, reason: '已发放 +50' } });
    expect(view.totals).toMatchObject({ invited: 1, activated: 1, points: 50 });
    // The next day's check-in pays nothing more to the inviter.
    await checkin(b.openid, '2026-11-22T02:00:00Z');
    expect(await balance(a.openid, '2026-11-22T03:00:00Z')).toBe(50);
  });

  it('pays +200 once when the friend becomes a paid VIP through a VIP-days item', async () => {
    const a = await join('vip-inviter');
    const b = await join('vip-friend', a.code);
    await checkin(b.openid);
    await gw.call(OWNER, 'points', { action: 'adjust', requestId: `vip-fund-${b.id}`.slice(0, 64), memberId: b.id, delta: 1000, reason: '测试' }, '2026-11-21T02:10:00Z');
    const item = await gw.call(OWNER, 'mall', {
      action: 'saveItem',
      requestId: `vip-item-${seq}`,
      item: { title: '30 天会员', description: '', image: '', pointsPrice: 100, stock: 10, perMemberLimit: null, limitPeriod: 'ever', minTier: null, saleStartsAt: null, saleEndsAt: null, kind: 'virtual', virtual: { type: 'vip_days', amount: 30 }, listed: true },
    }, '2026-11-21T02:10:00Z');
    const itemId = item.body.data.item.id;
    for (let i = 0; i < 2; i += 1) {
      const r = await gw.call(b.openid, 'mall', { action: 'redeem', requestId: `vip-buy-${i}-${b.id}`.slice(0, 64), itemId, qty: 1 }, '2026-11-21T02:20:00Z');
      expect(r.status).toBe(200);
    }
    expect(await balance(a.openid)).toBe(50 + 200);
    expect((await mine(a.openid)).invitees[0]).toMatchObject({ state: 'converted', conversion: { status: 'paid', amount: 200 } });
  });

  it('caps rewarded activations at 10 a day, exactly at the boundary, and pays milestones at 5 and 20', async () => {
    const a = await join('busy');
    const friends = [];
    for (let i = 0; i < 12; i += 1) friends.push(await join(`busy-friend-${i}`, a.code, `2026-11-20T0${Math.floor(i / 4) + 2}:${String((i % 4) * 10).padStart(2, '0')}:00Z`));
    for (const f of friends) await checkin(f.openid);
    // 10 activations paid (10 × 50) plus the 5-activation milestone (+100); the 11th and 12th are capped.
    expect(await balance(a.openid)).toBe(10 * 50 + 100);
    const view = await mine(a.openid);
    const statuses = view.invitees.map((i: { activation: { status: string } }) => i.activation.status);
    expect(statuses.filter((s: string) => s === 'paid')).toHaveLength(10);
    expect(statuses.filter((s: string) => s === 'capped')).toHaveLength(2);
    expect(view.invitees.find((i: { activation: { status: string } }) => i.activation.status === 'capped').activation.reason).toBe('当日邀请奖励已达上限');
    // The capped friends still got their welcome reward: the cap is the inviter's.
    expect(await balance(friends[11].openid)).toBe(15);

    // Ten more the next day reach the 20-activation milestone exactly.
    const more = [];
    for (let i = 0; i < 10; i += 1) more.push(await join(`busy-more-${i}`, a.code, `2026-11-21T0${Math.floor(i / 4) + 4}:${String((i % 4) * 10).padStart(2, '0')}:00Z`));
    for (const f of more) await checkin(f.openid, '2026-11-22T02:00:00Z');
    expect(await balance(a.openid, '2026-11-22T03:00:00Z')).toBe(20 * 50 + 100 + 500);
  });
});

describe('fraud guards and review', () => {
  it('holds registrations beyond 20 an hour for the owner, who approves or rejects them', async () => {
    const a = await join('farm');
    const hour = '2026-11-23T06';
    const farmed = [];
    for (let i = 0; i < 22; i += 1) farmed.push(await join(`farmed-${i}`, a.code, `${hour}:${String(i + 10).padStart(2, '0')}:00Z`));
    const held = farmed.slice(20);
    const heldNow = (await gw.call(OWNER, 'referral', { action: 'held', limit: 100 }, `${hour}:40:00Z`)).body.data.referrals as Array<{ inviteeId: string; inviterId: string }>;
    expect(heldNow.filter((r) => r.inviterId === a.id).map((r) => r.inviteeId).sort()).toEqual(held.map((f) => f.id).sort());
    for (const f of held) await checkin(f.openid, '2026-11-24T02:00:00Z');
    const view = await mine(a.openid, '2026-11-24T03:00:00Z');
    expect(view.invitees.filter((i: { activation: { reason: string } }) => i.activation.reason === '邀请异常，等待群主审核')).toHaveLength(2);
    // Held invitees got no welcome reward either.
    expect(await balance(held[0].openid, '2026-11-24T03:00:00Z')).toBe(5);

    const queue = await gw.call(OWNER, 'referral', { action: 'held' }, '2026-11-24T03:00:00Z');
    expect(queue.body.data.referrals.map((r: { inviteeId: string }) => r.inviteeId).sort()).toEqual(held.map((h) => h.id).sort());
    const memberTry = await gw.call(a.openid, 'referral', { action: 'review', requestId: 'member-review-1', inviteeId: held[0].id, decision: 'approved' }, '2026-11-24T03:00:00Z');
    expect(memberTry.status).toBe(403);

    const before = await balance(a.openid, '2026-11-24T03:00:00Z');
    const approve = await gw.call(OWNER, 'referral', { action: 'review', requestId: 'owner-review-1', inviteeId: held[0].id, decision: 'approved' }, '2026-11-24T04:00:00Z');
    expect(approve.status).toBe(200);
    const reject = await gw.call(OWNER, 'referral', { action: 'review', requestId: 'owner-review-2', inviteeId: held[1].id, decision: 'rejected' }, '2026-11-24T04:00:00Z');
    expect(reject.status).toBe(200);
    const twice = await gw.call(OWNER, 'referral', { action: 'review', requestId: 'owner-review-3', inviteeId: held[1].id, decision: 'approved' }, '2026-11-24T04:00:00Z');
    expect(twice.status).toBe(409);
    expect(await balance(a.openid, '2026-11-24T05:00:00Z')).toBe(before + 50);
    expect(await balance(held[0].openid, '2026-11-24T05:00:00Z')).toBe(15);
    expect(await balance(held[1].openid, '2026-11-24T05:00:00Z')).toBe(5);
    const after = await mine(a.openid, '2026-11-24T05:00:00Z');
    expect(after.invitees.some((i: { activation: { reason: string } }) => i.activation.reason === '群主审核未通过')).toBe(true);
  });

  it('pays a held referral that was activated and converted exactly once on approval, replay and parallel approvals included', async () => {
    const a = await join('farm-vip');
    const hour = '2026-11-25T06';
    const farmed = [];
    for (let i = 0; i < 21; i += 1) farmed.push(await join(`vip-farmed-${i}`, a.code, `${hour}:${String(i + 10).padStart(2, '0')}:00Z`));
    const held = farmed[20];
    expect((await gw.store.get('referrals', held.id))?.queue).toBe('held');
    await checkin(held.openid, '2026-11-26T02:00:00Z');
    const grant = await gw.call(OWNER, 'vip', { action: 'grant', requestId: 'ref-vip-grant-1', memberId: held.id, days: 30, note: '线下付费' }, '2026-11-26T03:00:00Z');
    expect(grant.status).toBe(200);
    const before = await balance(a.openid, '2026-11-26T04:00:00Z');
    const approve = { action: 'review', requestId: 'ref-approve-vip-1', inviteeId: held.id, decision: 'approved' };
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => gw.call(OWNER, 'referral', i === 0 ? approve : { ...approve, requestId: `ref-approve-vip-${i + 1}` }, '2026-11-26T04:00:00Z')),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 200).every((r) => r.body.error.code === 'CONFLICT')).toBe(true);
    expect(await gw.call(OWNER, 'referral', approve, '2026-11-26T04:00:00Z')).toEqual(results[0]);
    // Activation (50) and conversion (200) to the inviter, once each.
    expect(await balance(a.openid, '2026-11-26T05:00:00Z')).toBe(before + 250);
    const lines = (await gw.call(a.openid, 'points', { action: 'history', limit: 100 }, '2026-11-26T05:00:00Z')).body.data.entries.filter((e: { ref: string }) => e.ref === held.id);
    expect(lines.map((e: { delta: number }) => e.delta).sort()).toEqual([200, 50]);
    expect(await gw.store.get('referrals', held.id)).toMatchObject({ activation: { status: 'paid' }, conversion: { status: 'paid', amount: 200 } });
  });

  it('refuses an owner reviewing a held referral they invited themselves', async () => {
    const code = (await gw.call(OWNER, 'member', { action: 'me' }, '2026-11-27T05:00:00Z')).body.data.member.inviteCode;
    const hour = '2026-11-27T06';
    const farmed = [];
    for (let i = 0; i < 21; i += 1) farmed.push(await join(`owner-farmed-${i}`, code, `${hour}:${String(i + 10).padStart(2, '0')}:00Z`));
    const held = farmed[20];
    expect((await gw.store.get('referrals', held.id))?.queue).toBe('held');
    const r = await gw.call(OWNER, 'referral', { action: 'review', requestId: 'ref-own-review-1', inviteeId: held.id, decision: 'approved' }, '2026-11-27T08:00:00Z');
    expect([r.status, r.body.error.code, r.body.error.message]).toEqual([403, 'FORBIDDEN', '不能审核自己邀请的好友']);
    expect((await gw.store.get('referrals', held.id))?.queue).toBe('held');
  });

  it('gives the owner the referral rate, invites by state and rewards paid, and hides it from members', async () => {
    const r = await gw.call(OWNER, 'referral', { action: 'overview' }, '2026-11-24T06:00:00Z');
    expect(r.status).toBe(200);
    const o = r.body.data;
    expect(o.referralRate).toBeCloseTo(o.invitersWithActivation / o.members, 10);
    expect(o.byState.activated + o.byState.converted).toBeGreaterThan(20);
    expect(o.rewardsPaid).toBeGreaterThan(1000);
    expect((await gw.call(`ref-x-${seq}`, 'member', { action: 'login' })).status).toBe(200);
    expect((await gw.call(`ref-x-${seq}`, 'referral', { action: 'overview' })).status).toBe(403);
  });
});

describe('sharing', () => {
  it('gives every member a share path with their code and a leaderboard of this month', async () => {
    const a = await join('sharer');
    const view = await mine(a.openid);
    expect(view.sharePath).toBe(`/pages/index/index?ref=${a.code}`);
    const poster = await gw.call(a.openid, 'referral', { action: 'poster' });
    expect(poster.body.data).toMatchObject({ scene: `r=${a.code}`, sharePath: view.sharePath });
    const board = await gw.call(a.openid, 'referral', { action: 'board' }, '2026-11-24T06:00:00Z');
    expect(board.body.data.month).toBe('2026-11');
    const counts = board.body.data.leaders.map((l: { activated: number }) => l.activated);
    expect(counts).toEqual([...counts].sort((x: number, y: number) => y - x));
    expect(counts[0]).toBeGreaterThanOrEqual(20);
  });
});
