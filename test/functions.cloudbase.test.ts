import { FUNCTIONS } from '../src/server/functions';
import { invoke } from '../src/server/kernel/handler';
import { memberIdFor } from '../src/server/kernel/ids';
import { cloudbaseStore } from '../src/server/cloudbase/cloudbaseStore';
import type { Store } from '../src/server/store/port';
import { createCloudDbDouble, type CloudDbDouble } from './support/cloudbaseDouble';

// The same function definitions on the CloudBase adapter, over an SDK double that always replays
// transaction bodies and injects conflicts: a body that is not safe to run twice fails here.
let db: CloudDbDouble;
let store: Store;

beforeEach(() => {
  db = createCloudDbDouble({ seed: 7, conflictRate: 0.3, maxRetries: 30 });
  store = cloudbaseStore(db);
});

function call(openid: string, fn: string, event: Record<string, unknown>, now = '2026-11-24T02:00:00Z') {
  return invoke(FUNCTIONS[fn], event, { store, openid, now: new Date(now), ownerOpenids: new Set() });
}

async function balance(openid: string): Promise<number> {
  const r = await call(openid, 'points', { action: 'balance' });
  if (!r.ok) throw new Error(r.error.message);
  return (r.data as { balance: number }).balance;
}

describe('functions on CloudBase (replaying SDK double)', () => {
  it('registers a member exactly once under parallel first logins', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => call('cb-login', 'member', { action: 'login' })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && (r.data as { isNew: boolean }).isNew)).toHaveLength(1);
    expect(db.dump('members')).toHaveLength(1);
    expect(db.dump('invites')).toHaveLength(1);
    expect(db.dump('accounts')).toHaveLength(1);
    expect(db.stats.bodyRuns).toBeGreaterThan(db.stats.transactions);
  });

  it('awards one check-in per day under 20 parallel taps, even with every body replayed', async () => {
    await call('cb-burst', 'member', { action: 'login' });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call('cb-burst', 'checkin', { action: 'do', requestId: `cb-burst-${String(i).padStart(3, '0')}` })),
    );
    const ok = results.filter((r) => r.ok);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && (r.error.code === 'CONFLICT' || r.error.code === 'BUSY'))).toBe(true);
    expect(await balance('cb-burst')).toBe(5);
    expect(db.dump('ledger')).toHaveLength(1);
    expect(db.dump('checkins')).toHaveLength(1);
    expect(db.stats.forcedReplays).toBeGreaterThan(0);
  });

  it('returns the first answer for a replayed requestId and writes nothing new', async () => {
    await call('cb-replay', 'member', { action: 'login' });
    const event = { action: 'do', requestId: 'cb-replay-0001' };
    const first = await call('cb-replay', 'checkin', event);
    const again = await Promise.all([call('cb-replay', 'checkin', event), call('cb-replay', 'checkin', event, '2026-11-25T02:00:00Z')]);
    for (const r of again) expect(r).toEqual(first);
    expect(await balance('cb-replay')).toBe(5);
    expect(db.dump('ledger')).toHaveLength(1);
  });

  it('posts the day-7 check-in and its streak bonus in one transaction with a consistent balance', async () => {
    await call('cb-week', 'member', { action: 'login' });
    for (let d = 1; d <= 7; d += 1) {
      const r = await call('cb-week', 'checkin', { action: 'do', requestId: `cb-week-day-${d}` }, `2026-04-0${d}T01:00:00Z`);
      expect(r.ok).toBe(true);
    }
    expect(await balance('cb-week')).toBe(55);
    const entries = db.dump('ledger').filter((e) => e.memberId === memberIdFor('cb-week'));
    expect(entries).toHaveLength(8);
    expect(entries.reduce((sum, e) => sum + (e.delta as number), 0)).toBe(55);
    expect(Math.max(...entries.map((e) => e.balanceAfter as number))).toBe(55);
  });

  it('never overdraws under parallel deductions and refunds a deduction exactly once', async () => {
    const owners = new Set(['cb-owner']);
    const as = (openid: string, fn: string, event: Record<string, unknown>) =>
      invoke(FUNCTIONS[fn], event, { store, openid, now: new Date('2026-11-24T02:00:00Z'), ownerOpenids: owners });
    await as('cb-owner', 'member', { action: 'login' });
    await as('cb-spender', 'member', { action: 'login' });
    const memberId = memberIdFor('cb-spender');
    const grant = await as('cb-owner', 'points', { action: 'adjust', requestId: 'cb-grant-0001', memberId, delta: 50, reason: '初始积分' });
    expect(grant.ok).toBe(true);
    const spends = await Promise.all(
      Array.from({ length: 10 }, (_, i) => as('cb-owner', 'points', { action: 'adjust', requestId: `cb-spend-${String(i).padStart(4, '0')}`, memberId, delta: -10, reason: '扣减' })),
    );
    const done = spends.filter((r) => r.ok);
    expect(done).toHaveLength(5);
    expect(spends.filter((r) => !r.ok).every((r) => !r.ok && ['INSUFFICIENT_POINTS', 'BUSY'].includes(r.error.code))).toBe(true);
    expect(await balance('cb-spender')).toBe(0);
    const account = db.dump('accounts').find((a) => a._id === memberId) as { balance: number; lots: Array<{ remaining: number }> };
    expect(account.lots.reduce((sum, l) => sum + l.remaining, 0)).toBe(account.balance);

    const entryId = (done[0] as { ok: true; data: { entry: { id: string } } }).data.entry.id;
    const refunds = await Promise.all(
      Array.from({ length: 6 }, (_, i) => as('cb-owner', 'points', { action: 'reverse', requestId: `cb-refund-${String(i).padStart(4, '0')}`, entryId, reason: '退回' })),
    );
    expect(refunds.filter((r) => r.ok)).toHaveLength(1);
    expect(await balance('cb-spender')).toBe(10);
    const audit = await as('cb-owner', 'points', { action: 'audit' });
    expect(audit.ok && (audit.data as { mismatches: unknown[] }).mismatches).toEqual([]);
  });

  it('never oversells or overdraws when members race for the last items', async () => {
    const owners = new Set(['cb-mall-owner']);
    const as = (openid: string, fn: string, event: Record<string, unknown>) =>
      invoke(FUNCTIONS[fn], event, { store, openid, now: new Date('2026-11-24T02:00:00Z'), ownerOpenids: owners });
    await as('cb-mall-owner', 'member', { action: 'login' });
    const saved = await as('cb-mall-owner', 'mall', {
      action: 'saveItem',
      requestId: 'cb-item-0001',
      item: { title: '最后 5 个', description: '', image: '', pointsPrice: 10, stock: 5, perMemberLimit: null, limitPeriod: 'ever', minTier: null, saleStartsAt: null, saleEndsAt: null, kind: 'coupon', virtual: null, listed: true },
    });
    if (!saved.ok) throw new Error(saved.error.message);
    const itemId = (saved.data as { item: { id: string } }).item.id;
    const buyers = Array.from({ length: 8 }, (_, i) => `cb-buyer-${i}`);
    for (const b of buyers) {
      await as(b, 'member', { action: 'login' });
      await as('cb-mall-owner', 'points', { action: 'adjust', requestId: `cb-fund-${b}`, memberId: memberIdFor(b), delta: 25, reason: '测试' });
    }
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => as(buyers[i % 8], 'mall', { action: 'redeem', requestId: `cb-buy-${String(i).padStart(4, '0')}`, itemId, qty: 1 })),
    );
    const ok = results.filter((r) => r.ok).length;
    expect(results.flatMap((r) => (r.ok ? [] : [r.error.code])).filter((c) => !['OUT_OF_STOCK', 'INSUFFICIENT_POINTS', 'BUSY'].includes(c))).toEqual([]);
    const stored = db.dump('items').find((d) => d._id === itemId) as { stock: number; sold: number };
    expect(ok).toBeGreaterThan(0);
    expect(stored.stock).toBe(5 - ok);
    expect(stored.sold).toBe(ok);
    expect(db.dump('orders')).toHaveLength(ok);
    const audit = await as('cb-mall-owner', 'points', { action: 'audit' });
    expect(audit.ok && (audit.data as { mismatches: unknown[] }).mismatches).toEqual([]);
  });

  it('pays one referral activation reward when an invitee fires parallel first check-ins', async () => {
    const at = (openid: string, fn: string, event: Record<string, unknown>) => call(openid, fn, event, '2026-11-24T02:00:00Z');
    const inviter = await at('cb-inviter', 'member', { action: 'login' });
    if (!inviter.ok) throw new Error(inviter.error.message);
    const code = (inviter.data as { member: { inviteCode: string } }).member.inviteCode;
    await at('cb-invitee', 'member', { action: 'login', ref: code });
    const results = await Promise.all(Array.from({ length: 15 }, (_, i) => at('cb-invitee', 'checkin', { action: 'do', requestId: `cb-first-${String(i).padStart(4, '0')}` })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await balance('cb-inviter')).toBe(50);
    expect(await balance('cb-invitee')).toBe(15);
    expect(db.dump('referrals')).toEqual([expect.objectContaining({ state: 'activated', activation: { status: 'paid', amount: 50 } })]);
  });
});

describe('a held referral approved on CloudBase (replaying SDK double)', () => {
  const OWNER = 'cb-ref-owner';
  const as = (openid: string, fn: string, event: Record<string, unknown>, now: string) => invoke(FUNCTIONS[fn], event, { store, openid, now: new Date(now), ownerOpenids: new Set([OWNER]) });

  it('pays the activation and conversion the inviter was owed once, writing each document once per body', async () => {
    await as(OWNER, 'member', { action: 'login' }, '2026-11-20T02:00:00Z');
    const inviter = await as('cb-ref-a', 'member', { action: 'login' }, '2026-11-20T02:00:00Z');
    if (!inviter.ok) throw new Error(inviter.error.message);
    const code = (inviter.data as { member: { inviteCode: string } }).member.inviteCode;
    for (let i = 0; i < 21; i += 1) {
      const r = await as(`cb-ref-f${i}`, 'member', { action: 'login', ref: code }, `2026-11-23T06:${String(i + 10).padStart(2, '0')}:00Z`);
      expect(r.ok).toBe(true);
    }
    const held = memberIdFor('cb-ref-f20');
    expect(db.dump('referrals').find((r) => r._id === held)).toMatchObject({ queue: 'held' });
    expect((await as('cb-ref-f20', 'checkin', { action: 'do', requestId: 'cb-ref-ck-0001' }, '2026-11-24T02:00:00Z')).ok).toBe(true);
    expect((await as(OWNER, 'vip', { action: 'grant', requestId: 'cb-ref-vip-0001', memberId: held, days: 30, note: '线下付费' }, '2026-11-24T03:00:00Z')).ok).toBe(true);
    const approve = await as(OWNER, 'referral', { action: 'review', requestId: 'cb-ref-ok-0001', inviteeId: held, decision: 'approved' }, '2026-11-24T04:00:00Z');
    expect(approve).toMatchObject({ ok: true });
    const lines = db.dump('ledger').filter((e) => e.memberId === memberIdFor('cb-ref-a') && e.ref === held);
    expect(lines.map((e) => e.delta).sort()).toEqual([200, 50]);
    const account = db.dump('accounts').find((a) => a._id === memberIdFor('cb-ref-a')) as { balance: number };
    expect(account.balance).toBe(250);
  });
});
