import { FUNCTIONS } from '../src/server/functions';
import { invoke } from '../src/server/kernel/handler';
import { memberIdFor } from '../src/server/kernel/ids';
import { post } from '../src/server/domain/ledger';
import { cloudbaseStore } from '../src/server/cloudbase/cloudbaseStore';
import type { Store } from '../src/server/store/port';
import { createCloudDbDouble, type CloudDbDouble } from './support/cloudbaseDouble';

// Makeup and settings on the CloudBase adapter, over the SDK double that replays every body and
// injects conflicts: a makeup body that is not safe to re-run, or skips a write, fails here.
let db: CloudDbDouble;
let store: Store;

beforeEach(() => {
  db = createCloudDbDouble({ seed: 11, conflictRate: 0.3, maxRetries: 40 });
  store = cloudbaseStore(db);
});

function call(openid: string, fn: string, event: Record<string, unknown>, day: string) {
  return invoke(FUNCTIONS[fn], event, { store, openid, now: new Date(`${day}T02:00:00Z`), ownerOpenids: new Set(['cb-owner']) });
}

async function setUp(openid: string): Promise<string> {
  await call(openid, 'member', { action: 'login' }, '2026-06-01');
  const memberId = memberIdFor(openid);
  await store.transaction((tx) => post(tx, memberId, [{ key: `grant:${memberId}`, delta: 100, reason: 'manual', ref: null }], new Date('2026-06-01T02:00:00Z'), 'Asia/Shanghai'));
  return memberId;
}

describe('makeup on CloudBase (replaying SDK double)', () => {
  it('makes up a day once under parallel taps, with the streak, quota and ledger consistent', async () => {
    const memberId = await setUp('cb-mk');
    for (const d of ['2026-06-07', '2026-06-08']) expect((await call('cb-mk', 'checkin', { action: 'do', requestId: `cb-mk-${d}` }, d)).ok).toBe(true);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => call('cb-mk', 'checkin', { action: 'makeup', requestId: `cb-mk-fill-${i}`, day: '2026-06-09' }, '2026-06-10')),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.every((r) => r.ok || r.error.code === 'CONFLICT' || r.error.code === 'BUSY')).toBe(true);
    const done = await call('cb-mk', 'checkin', { action: 'do', requestId: 'cb-mk-today' }, '2026-06-10');
    expect(done.ok && (done.data as { streak: number }).streak).toBe(4);
    const mine = db.dump('ledger').filter((e) => e.memberId === memberId);
    expect(mine.reduce((s, e) => s + (e.delta as number), 0)).toBe(100 + 5 + 5 - 20 + 5 + 5);
    expect(db.dump('makeupUsage')).toEqual([expect.objectContaining({ count: 1, days: ['2026-06-09'] })]);
    expect(db.stats.forcedReplays).toBeGreaterThan(0);
  });

  it('ends with the full streak when a makeup and the day’s check-in race', async () => {
    await setUp('cb-race');
    await call('cb-race', 'checkin', { action: 'do', requestId: 'cb-race-d8' }, '2026-06-08');
    const [a, b] = await Promise.all([
      call('cb-race', 'checkin', { action: 'do', requestId: 'cb-race-d10' }, '2026-06-10'),
      call('cb-race', 'checkin', { action: 'makeup', requestId: 'cb-race-fill', day: '2026-06-09' }, '2026-06-10'),
    ]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    const today = await call('cb-race', 'checkin', { action: 'today' }, '2026-06-10');
    expect(today.ok && today.data).toMatchObject({ streak: 3, totalDays: 3 });
  });

  it('records one settings change per request even when bodies are replayed', async () => {
    await call('cb-owner', 'member', { action: 'login' }, '2026-06-01');
    const rules = { basePoints: 9, milestones: [{ day: 7, bonus: 20 }], dailyCap: null, makeup: { windowDays: 2, monthlyQuota: 1, costPoints: 10 } };
    const event = { action: 'updateCheckinRules', requestId: 'cb-settings-0001', rules };
    const [first, again] = await Promise.all([call('cb-owner', 'settings', event, '2026-06-02'), call('cb-owner', 'settings', event, '2026-06-02')]);
    expect(first).toEqual(again);
    expect(db.dump('settingsLog')).toHaveLength(1);
    const get = await call('cb-owner', 'settings', { action: 'get' }, '2026-06-02');
    expect(get.ok && (get.data as { checkin: unknown }).checkin).toEqual(rules);
  });

  it('pays a campaign’s completion reward once under parallel last-day check-ins', async () => {
    await call('cb-owner', 'member', { action: 'login' }, '2026-06-01');
    const created = await call('cb-owner', 'campaign', {
      action: 'create',
      requestId: 'cb-camp-create',
      campaign: { title: '两天营', startDay: '2026-06-02', length: 2, prompt: '今天做了什么', reward: 30, noteRequired: false },
    }, '2026-06-01');
    if (!created.ok) throw new Error(created.error.message);
    const campaignId = (created.data as { campaign: { id: string } }).campaign.id;
    const memberId = await setUp('cb-camper');
    await call('cb-camper', 'campaign', { action: 'join', requestId: 'cb-camp-join', campaignId }, '2026-06-01');
    expect((await call('cb-camper', 'campaign', { action: 'checkin', requestId: 'cb-camp-d1', campaignId }, '2026-06-02')).ok).toBe(true);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => call('cb-camper', 'campaign', { action: 'checkin', requestId: `cb-camp-d2-${i}`, campaignId }, '2026-06-03')),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const rewards = db.dump('ledger').filter((e) => e.memberId === memberId && e.reason === 'campaign');
    expect(rewards.map((e) => e.delta)).toEqual([30]);
    expect(db.dump('campaigns')[0]).toMatchObject({ participants: 1, completers: 1 });
  });
});
