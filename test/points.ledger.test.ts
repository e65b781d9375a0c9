import { memberIdFor } from '../src/server/kernel/ids';
import type { Page } from '../src/server/store/port';
import type { AccountDoc } from '../src/server/domain/model';
import { startGateway, type TestGateway } from './support/gateway';

// The auditable ledger through the local gateway (SQLite, and the CloudBase double in the
// `cloudbase` jest project): lots, expiry, FIFO, reversals, manual adjustments and the owner audit.
let gw: TestGateway;
const OWNER = 'ledger-owner';
const HOST = 'ledger-host';

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  await gw.call(OWNER, 'member', { action: 'login' }, '2026-01-01T00:00:00Z');
  await gw.call(HOST, 'member', { action: 'login' }, '2026-01-01T00:00:00Z');
  await gw.call(OWNER, 'member', { action: 'setRole', requestId: 'make-host-1', memberId: memberIdFor(HOST), role: 'host' }, '2026-01-01T00:00:00Z');
});
afterAll(async () => {
  await gw.close();
});

let seq = 0;
async function newMember(label: string, at = '2026-01-01T01:00:00Z'): Promise<{ openid: string; id: string }> {
  seq += 1;
  const openid = `ledger-${label}-${seq}`;
  const r = await gw.call(openid, 'member', { action: 'login' }, at);
  expect(r.status).toBe(200);
  return { openid, id: r.body.data.member.id };
}

async function setExpiry(expiry: unknown): Promise<void> {
  await gw.store.transaction(async (tx) => {
    const current = (await tx.get('settings', 'community')) ?? { id: 'community' };
    await tx.set('settings', { ...current, points: { expiry } });
  });
}

let rid = 0;
function adjust(memberId: string, delta: number, at: string, reason = '测试调整', actor = HOST) {
  rid += 1;
  return gw.call(actor, 'points', { action: 'adjust', requestId: `adj-${String(rid).padStart(6, '0')}`, memberId, delta, reason }, at);
}

async function balance(openid: string, at: string) {
  return (await gw.call(openid, 'points', { action: 'balance' }, at)).body.data;
}

async function runCron(at: string) {
  const r = await gw.call(OWNER, 'cron', { action: 'run', job: 'expirePoints' }, at);
  expect(r.status).toBe(200);
  return r.body.data as { accounts: number; points: number };
}

async function auditClean(at: string) {
  const r = await gw.call(OWNER, 'points', { action: 'audit' }, at);
  expect(r.status).toBe(200);
  expect(r.body.data.mismatches).toEqual([]);
  return r.body.data;
}

async function history(openid: string, filter: string, at: string) {
  return (await gw.call(openid, 'points', { action: 'history', filter, limit: 100 }, at)).body.data.entries as Array<{ delta: number; reason: string; note: string | null; expiresAt: string | null }>;
}

describe('expiry (default policy: end of the following year)', () => {
  beforeAll(() => setExpiry({ kind: 'end_of_next_year' }));

  it('expires a Dec 31 credit a year before a Jan 1 credit, at the community-zone year end', async () => {
    const m = await newMember('year', '2026-12-01T00:00:00Z');
    // 23:30 on 31 Dec 2026 in Shanghai, then 00:10 on 1 Jan 2027 in Shanghai.
    await gw.call(m.openid, 'checkin', { action: 'do', requestId: 'year-end-01' }, '2026-12-31T15:30:00Z');
    await gw.call(m.openid, 'checkin', { action: 'do', requestId: 'year-end-02' }, '2026-12-31T16:10:00Z');
    // Newest first: the 1 Jan credit, then the 31 Dec one.
    const credits = await history(m.openid, 'earn', '2027-01-01T00:00:00Z');
    expect(credits.map((e) => e.expiresAt)).toEqual(['2028-12-31T15:59:59.999Z', '2027-12-31T15:59:59.999Z']);

    expect(await balance(m.openid, '2027-12-10T00:00:00Z')).toEqual({ balance: 10, lifetimeEarned: 10, expiringSoon: { points: 5, at: '2027-12-31T15:59:59.999Z' } });
    expect((await balance(m.openid, '2027-11-01T00:00:00Z')).expiringSoon).toBeNull();

    const before = await runCron('2027-12-31T15:59:59.000Z');
    expect(before.points).toBe(0);
    const run = await runCron('2027-12-31T16:00:00.000Z');
    expect(run.points).toBeGreaterThanOrEqual(5);
    expect(await balance(m.openid, '2028-01-01T00:00:00Z')).toMatchObject({ balance: 5, lifetimeEarned: 10 });
    expect(await history(m.openid, 'expire', '2028-01-01T00:00:00Z')).toEqual([expect.objectContaining({ delta: -5, reason: 'expire' })]);
    const again = await runCron('2027-12-31T16:00:01.000Z');
    expect(again.points).toBe(0);
    await auditClean('2028-01-01T00:00:00Z');
  });

  it('does not count points past expiry as spendable before the cron has run', async () => {
    const m = await newMember('lazy', '2025-06-01T00:00:00Z');
    await adjust(m.id, 40, '2025-06-01T01:00:00Z');
    // Expired at the end of 2026; no cron has run for this member yet.
    expect((await balance(m.openid, '2027-02-01T00:00:00Z')).balance).toBe(0);
    const spend = await adjust(m.id, -10, '2027-02-01T00:00:00Z');
    expect(spend.status).toBe(409);
    expect(spend.body.error.code).toBe('INSUFFICIENT_POINTS');
    // A credit after expiry writes the expiry line first, so the history reads in order.
    await adjust(m.id, 7, '2027-02-01T00:00:00Z');
    const lines = await history(m.openid, 'all', '2027-02-01T00:00:00Z');
    expect(lines.map((l) => [l.reason, l.delta])).toEqual([
      ['manual', 7],
      ['expire', -40],
      ['manual', 40],
    ]);
  });
});

describe('lots under a rolling 10-day policy', () => {
  beforeAll(() => setExpiry({ kind: 'rolling', days: 10 }));
  afterAll(() => setExpiry({ kind: 'end_of_next_year' }));

  it('spends the soonest-expiring lot first across several lots', async () => {
    const m = await newMember('fifo', '2026-03-01T00:00:00Z');
    await adjust(m.id, 10, '2026-03-01T02:00:00Z');
    await adjust(m.id, 10, '2026-03-03T02:00:00Z');
    await adjust(m.id, 10, '2026-03-05T02:00:00Z');
    const spend = await adjust(m.id, -15, '2026-03-06T02:00:00Z');
    expect(spend.status).toBe(200);
    // The spend emptied the 11 March lot and took 5 from the 13 March one.
    expect((await balance(m.openid, '2026-03-06T02:00:00Z')).expiringSoon).toEqual({ points: 15, at: '2026-03-13T15:59:59.999Z' });
    // The first lot is empty, so nothing expires on 12 March; 5 points expire on 14 March.
    await runCron('2026-03-12T00:00:00Z');
    expect((await balance(m.openid, '2026-03-12T00:00:00Z')).balance).toBe(15);
    await runCron('2026-03-14T00:00:00Z');
    expect((await balance(m.openid, '2026-03-14T00:00:00Z')).balance).toBe(10);
    await auditClean('2026-03-14T00:00:00Z');
  });

  it('refunds a spend into its original lot while that lot is live, and into a fresh lot after it expired', async () => {
    const m = await newMember('refund', '2026-05-01T00:00:00Z');
    await adjust(m.id, 20, '2026-05-01T02:00:00Z');
    const early = await adjust(m.id, -8, '2026-05-02T02:00:00Z');
    const late = await adjust(m.id, -12, '2026-05-02T03:00:00Z');
    const restoreEarly = await gw.call(OWNER, 'points', { action: 'reverse', requestId: 'rev-early-1', entryId: early.body.data.entry.id, reason: '误扣退回' }, '2026-05-05T00:00:00Z');
    expect(restoreEarly.status).toBe(200);
    // Back into the 11 May lot it came from (the 12 taken later stay spent).
    expect((await balance(m.openid, '2026-05-05T00:00:00Z')).expiringSoon).toEqual({ points: 8, at: '2026-05-11T15:59:59.999Z' });
    // After the original lot expired (11 May), the refund gets a fresh 10-day lot instead of vanishing.
    const restoreLate = await gw.call(OWNER, 'points', { action: 'reverse', requestId: 'rev-late-1', entryId: late.body.data.entry.id, reason: '订单取消' }, '2026-05-20T00:00:00Z');
    expect(restoreLate.status).toBe(200);
    expect(restoreLate.body.data.entry).toMatchObject({ delta: 12, reason: 'manual', note: '订单取消', reverses: late.body.data.entry.id });
    expect((await balance(m.openid, '2026-05-20T00:00:00Z')).expiringSoon).toEqual({ points: 12, at: '2026-05-30T15:59:59.999Z' });
    // The early refund's 8 points expired on 11 May along with their lot.
    expect((await balance(m.openid, '2026-05-20T00:00:00Z')).balance).toBe(12);
    await auditClean('2026-05-20T00:00:00Z');
  });
});

describe('manual adjustments', () => {
  it('grants and deducts with a written reason the member and the owner can read', async () => {
    const m = await newMember('adjust');
    const grant = await adjust(m.id, 30, '2026-01-02T00:00:00Z', '活动一等奖');
    expect(grant.status).toBe(200);
    expect(grant.body.data).toMatchObject({ balance: 30, entry: { delta: 30, reason: 'manual', note: '活动一等奖' } });
    await adjust(m.id, -5, '2026-01-03T00:00:00Z', '违规扣分');
    expect(await history(m.openid, 'spend', '2026-01-03T00:00:00Z')).toEqual([expect.objectContaining({ delta: -5, note: '违规扣分' })]);
    expect(await history(m.openid, 'earn', '2026-01-03T00:00:00Z')).toEqual([expect.objectContaining({ delta: 30, note: '活动一等奖' })]);
    const log = await gw.call(OWNER, 'points', { action: 'adjustments', limit: 100 }, '2026-01-03T00:00:00Z');
    const mine = log.body.data.adjustments.filter((a: { memberId: string }) => a.memberId === m.id);
    expect(mine.map((a: { delta: number; reason: string; byId: string }) => [a.delta, a.reason, a.byId])).toEqual([
      [-5, '违规扣分', memberIdFor(HOST)],
      [30, '活动一等奖', memberIdFor(HOST)],
    ]);
  });

  it('never deducts below zero', async () => {
    const m = await newMember('floor');
    await adjust(m.id, 10, '2026-01-02T00:00:00Z');
    const r = await adjust(m.id, -11, '2026-01-02T01:00:00Z');
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('INSUFFICIENT_POINTS');
    expect((await balance(m.openid, '2026-01-02T01:00:00Z')).balance).toBe(10);
  });

  it('rejects bad adjustments and member callers, writing nothing', async () => {
    const m = await newMember('badadj');
    const other = await newMember('plain');
    const newestAdjustment = async () => (await gw.call(OWNER, 'points', { action: 'adjustments', limit: 1 }, '2026-01-05T00:00:00Z')).body.data.adjustments[0]?.id ?? null;
    const logBefore = await newestAdjustment();
    const base = { action: 'adjust', memberId: m.id, delta: 10, reason: '奖励' };
    const cases: Array<[string, Record<string, unknown>, number]> = [
      [HOST, { ...base, requestId: 'bad-adj-01', delta: 0 }, 400],
      [HOST, { ...base, requestId: 'bad-adj-02', delta: 1.5 }, 400],
      [HOST, { ...base, requestId: 'bad-adj-03', delta: 1e9 }, 400],
      [HOST, { ...base, requestId: 'bad-adj-04', delta: '10' }, 400],
      [HOST, { action: 'adjust', requestId: 'bad-adj-05', memberId: m.id, delta: 10 }, 400],
      [HOST, { ...base, requestId: 'bad-adj-06', reason: '   ' }, 400],
      [HOST, { ...base, requestId: 'bad-adj-07', reason: '字'.repeat(101) }, 400],
      [HOST, { ...base, requestId: 'bad-adj-08', memberId: 'm_nobody' }, 404],
      [other.openid, { ...base, requestId: 'bad-adj-09' }, 403],
      [m.openid, { ...base, requestId: 'bad-adj-10' }, 403],
    ];
    for (const [actor, event, status] of cases) {
      const r = await gw.call(actor, 'points', event, '2026-01-05T00:00:00Z');
      expect({ event, status: r.status }).toEqual({ event, status });
    }
    expect(await history(m.openid, 'all', '2026-01-05T00:00:00Z')).toEqual([]);
    expect(await history(other.openid, 'all', '2026-01-05T00:00:00Z')).toEqual([]);
    expect(await newestAdjustment()).toBe(logBefore);
  });

  it('applies a replayed adjustment once, and a reversal exactly once under parallel calls', async () => {
    const m = await newMember('replay');
    const event = { action: 'adjust', requestId: 'adj-replay-001', memberId: m.id, delta: 25, reason: '补发' };
    const results = await Promise.all(Array.from({ length: 10 }, () => gw.call(HOST, 'points', event, '2026-01-06T00:00:00Z')));
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect((await balance(m.openid, '2026-01-06T00:00:00Z')).balance).toBe(25);
    const entryId = results[0].body.data.entry.id;
    const reversals = await Promise.all(
      Array.from({ length: 10 }, (_, i) => gw.call(OWNER, 'points', { action: 'reverse', requestId: `rev-par-${String(i).padStart(3, '0')}`, entryId, reason: '发错了' }, '2026-01-07T00:00:00Z')),
    );
    expect(reversals.map((r) => r.body.error?.code ?? 'ok').sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'ok']);
    expect(reversals.filter((r) => r.status === 200)).toHaveLength(1);
    expect(reversals.filter((r) => r.status === 409 && r.body.error.code === 'CONFLICT')).toHaveLength(9);
    expect((await balance(m.openid, '2026-01-07T00:00:00Z')).balance).toBe(0);
    const hostReverse = await gw.call(HOST, 'points', { action: 'reverse', requestId: 'rev-host-001', entryId, reason: 'x' }, '2026-01-07T00:00:00Z');
    expect(hostReverse.status).toBe(403);
  });
});

describe('owner reports', () => {
  it('shows points issued, redeemed and expired per month and the outstanding liability', async () => {
    const r = await gw.call(OWNER, 'points', { action: 'liability' }, '2028-01-02T00:00:00Z');
    expect(r.status).toBe(200);
    const { outstanding, months } = r.body.data as { outstanding: number; months: Array<{ month: string; issued: number; redeemed: number; expired: number }> };
    let total = 0;
    let after: string | null = null;
    do {
      const page: Page<AccountDoc> = await gw.store.find('accounts', { limit: 100, after });
      total += page.docs.reduce((s, a) => s + (a.balance as number), 0);
      after = page.next;
    } while (after);
    expect(outstanding).toBe(total);
    // The year-end expiry ran at 00:00 on 1 Jan 2028 in Shanghai, so it counts in January.
    expect(months.find((m) => m.month === '2028-01')?.expired).toBeGreaterThanOrEqual(5);
    expect((await gw.call(HOST, 'points', { action: 'liability' })).status).toBe(403);
    expect((await gw.call(HOST, 'points', { action: 'audit' })).status).toBe(403);
  });
});
