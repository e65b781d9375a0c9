import { FUNCTIONS } from '../src/server/functions';
import { invoke } from '../src/server/kernel/handler';
import { withDefaults } from '../src/core/settings';
import { markVipPaid } from '../src/server/domain/payment';
import { memberIdFor } from '../src/server/kernel/ids';
import { cloudbaseStore } from '../src/server/cloudbase/cloudbaseStore';
import type { Store } from '../src/server/store/port';
import { createCloudDbDouble, type CloudDbDouble } from './support/cloudbaseDouble';

// Tiers and paid VIP on the CloudBase adapter over the replaying SDK double: bodies that run more
// than once (and conflict) still upgrade, extend, downgrade and remind exactly once.
let db: CloudDbDouble;
let store: Store;
const OWNER = 'cbv-owner';

beforeEach(async () => {
  db = createCloudDbDouble({ seed: 11, conflictRate: 0.3, maxRetries: 40 });
  store = cloudbaseStore(db);
  await call(OWNER, 'member', { action: 'login' });
});

function call(openid: string, fn: string, event: Record<string, unknown>, now = '2026-11-24T02:00:00Z') {
  return invoke(FUNCTIONS[fn], event, { store, openid, now: new Date(now), ownerOpenids: new Set([OWNER]) });
}

const member = async (openid: string) => (db.dump('members') as Array<Record<string, unknown>>).find((m) => m._id === memberIdFor(openid));

describe('tiers and VIP on CloudBase (replaying SDK double)', () => {
  it('upgrades with the credit, multiplies the check-in once and grows by what was credited', async () => {
    await call('cbv-a', 'member', { action: 'login' });
    const adjust = await call(OWNER, 'points', { action: 'adjust', requestId: 'cbv-fund-0001', memberId: memberIdFor('cbv-a'), delta: 2000, reason: '测试' });
    expect(adjust.ok).toBe(true);
    expect(await member('cbv-a')).toMatchObject({ tier: 'gold', graceUntil: null, tierReviewDue: '2026-12-01' });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => call('cbv-a', 'checkin', { action: 'do', requestId: `cbv-ci-${String(i).padStart(4, '0')}` })));
    const ok = results.filter((r) => r.ok);
    expect(ok).toHaveLength(1);
    expect((ok[0] as { data: { awarded: number } }).data.awarded).toBe(6);
    const status = await call('cbv-a', 'vip', { action: 'status' });
    expect(status.ok && (status.data as { growth: number }).growth).toBe(2006);
    expect(db.stats.forcedReplays).toBeGreaterThan(0);
  });

  it('extends VIP once per requestId and once per grant under parallel calls', async () => {
    await call('cbv-b', 'member', { action: 'login' });
    const event = { action: 'grant', requestId: 'cbv-grant-0001', memberId: memberIdFor('cbv-b'), days: 30, note: '线下转账' };
    const same = await Promise.all(Array.from({ length: 5 }, () => call(OWNER, 'vip', event)));
    expect(same.every((r) => r.ok)).toBe(true);
    expect((await member('cbv-b'))?.vipUntil).toBe('2026-12-24T16:00:00.000Z');
    const distinct = await Promise.all(Array.from({ length: 4 }, (_, i) => call(OWNER, 'vip', { ...event, requestId: `cbv-grant-1${i}00`, days: 1 })));
    expect(distinct.every((r) => r.ok)).toBe(true);
    expect((await member('cbv-b'))?.vipUntil).toBe('2026-12-28T16:00:00.000Z');
    expect(db.dump('vipGrants')).toHaveLength(5);
  });

  it('downgrades one step after the grace and reminds once, with parallel cron runs', async () => {
    await call('cbv-c', 'member', { action: 'login' });
    await call(OWNER, 'points', { action: 'adjust', requestId: 'cbv-fund-0002', memberId: memberIdFor('cbv-c'), delta: 5000, reason: '测试' });
    const run = (job: string, at: string) => Promise.all([call(OWNER, 'cron', { action: 'run', job }, at), call(OWNER, 'cron', { action: 'run', job }, at)]);
    await run('evaluateTiers', '2027-12-01T02:00:00Z');
    expect(await member('cbv-c')).toMatchObject({ tier: 'diamond', graceUntil: '2027-12-31' });
    await run('evaluateTiers', '2028-01-01T02:00:00Z');
    expect(await member('cbv-c')).toMatchObject({ tier: 'gold', graceUntil: '2028-01-31' });

    await call('cbv-c', 'vip', { action: 'subscribe', requestId: 'cbv-sub-0001' });
    await call(OWNER, 'vip', { action: 'grant', requestId: 'cbv-grant-0002', memberId: memberIdFor('cbv-c'), days: 10, note: '线下转账' });
    await run('vipReminders', '2026-11-29T02:00:00Z');
    await run('vipReminders', '2026-12-04T02:00:00Z');
    const outbox = db.dump('outbox') as Array<{ state: string }>;
    expect(outbox.map((m) => m.state).sort()).toEqual(['no_quota', 'sent']);
  });

  it('marks a paid order once under parallel callbacks', async () => {
    await call('cbv-d', 'member', { action: 'login' });
    const bought = await call('cbv-d', 'vip', { action: 'buy', requestId: 'cbv-buy-0001', planId: 'year' });
    expect(bought.ok).toBe(true);
    const orderId = (bought as { data: { orderId: string } }).data.orderId;
    const settings = withDefaults(null);
    const results = await Promise.all(Array.from({ length: 5 }, () => markVipPaid(store, orderId, 69900, 'tx-1', new Date('2026-11-24T02:00:00Z'), settings)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await member('cbv-d'))?.vipUntil).toBe('2027-11-24T16:00:00.000Z');
  });
});
