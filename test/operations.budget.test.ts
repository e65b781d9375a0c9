import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FUNCTIONS } from '../src/server/functions';
import { invoke } from '../src/server/kernel/handler';
import { memberIdFor } from '../src/server/kernel/ids';
import { cloudbaseStore } from '../src/server/cloudbase/cloudbaseStore';
import type { Store } from '../src/server/store/port';
import { openSqliteStore } from '../src/server/local/sqliteStore';
import { createCloudDbDouble } from './support/cloudbaseDouble';
import { countingStore, type PortCount } from './support/countingStore';

// Issue 13: on CloudBase every operation inside a transaction is a billed round trip. A daily
// check-in stays within 8 operations and a redemption within 10 (request record included), on
// both stores, while balances, streaks and the funnel stay right.
const OWNER = 'budget-owner';
const at = (day: number, hour = 2) => `2026-12-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;

const stores: Array<[string, () => { store: Store; done: () => void }]> = [
  [
    'SQLite',
    () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'qunyun-budget-'));
      return { store: openSqliteStore(path.join(dir, 'budget.sqlite')), done: () => rmSync(dir, { recursive: true, force: true }) };
    },
  ],
  ['CloudBase double', () => ({ store: cloudbaseStore(createCloudDbDouble({ seed: 5, conflictRate: 0.2, maxRetries: 20 })), done: () => undefined })],
];

describe.each(stores)('operation budget on %s', (_name, open) => {
  let store: Store;
  let count: PortCount;
  let done: () => void;
  let n = 0;
  const rid = (p: string) => `${p}-${String(++n).padStart(6, '0')}`;
  async function call(openid: string, fn: keyof typeof FUNCTIONS, event: Record<string, unknown>, now: string) {
    const r = await invoke(FUNCTIONS[fn], event, { store, openid, now: new Date(now), ownerOpenids: new Set([OWNER]) });
    if (!r.ok) throw new Error(`${fn}.${String(event.action)}: ${r.error.message}`);
    return r.data as Record<string, unknown>;
  }
  async function ops(run: () => Promise<unknown>): Promise<number> {
    const before = { ...count };
    await run();
    return count.txReads - before.txReads + count.txWrites - before.txWrites;
  }

  beforeEach(async () => {
    const opened = open();
    const counted = countingStore(opened.store);
    store = counted.store;
    count = counted.count;
    done = opened.done;
    await call(OWNER, 'member', { action: 'login' }, at(1));
  });
  afterEach(async () => {
    await store.close();
    done();
  });

  it('a daily check-in costs at most 8 operations and still pays and counts the streak', async () => {
    await call('bg-a', 'member', { action: 'login' }, at(1));
    await call('bg-a', 'checkin', { action: 'do', requestId: rid('ci') }, at(1));
    await call('bg-a', 'checkin', { action: 'do', requestId: rid('ci') }, at(2));
    let result: Record<string, unknown> = {};
    expect(await ops(async () => (result = await call('bg-a', 'checkin', { action: 'do', requestId: rid('ci') }, at(3))))).toBeLessThanOrEqual(8);
    expect(result).toMatchObject({ streak: 3, balance: 15 });
    const today = await call('bg-a', 'checkin', { action: 'today' }, at(3));
    expect(today).toMatchObject({ checkedIn: true, streak: 3, totalDays: 3 });
  });

  it('a redemption costs at most 10 operations and still takes the points and the stock', async () => {
    await call('bg-b', 'member', { action: 'login' }, at(1));
    await call(OWNER, 'points', { action: 'adjust', requestId: rid('fund'), memberId: memberIdFor('bg-b'), delta: 100, reason: '测试积分' }, at(1));
    await call('bg-b', 'checkin', { action: 'do', requestId: rid('ci') }, at(1));
    const item = {
      title: '社群定制帆布袋', description: '限量周边', image: '', pointsPrice: 30, stock: 10, perMemberLimit: 1, limitPeriod: 'month',
      minTier: null, saleStartsAt: null, saleEndsAt: null, kind: 'physical', virtual: null, listed: true,
    };
    const saved = (await call(OWNER, 'mall', { action: 'saveItem', requestId: rid('item'), item }, at(1))).item as { id: string };
    const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市 西湖区', detail: '示范路 1 号' };
    let result: Record<string, unknown> = {};
    expect(await ops(async () => (result = await call('bg-b', 'mall', { action: 'redeem', requestId: rid('rd'), itemId: saved.id, qty: 1, address }, at(2))))).toBeLessThanOrEqual(10);
    expect(result).toMatchObject({ balance: 75 });
    // The per-member limit still holds (the count now lives on the account).
    const again = await invoke(FUNCTIONS.mall, { action: 'redeem', requestId: rid('rd'), itemId: saved.id, qty: 1, address }, { store, openid: 'bg-b', now: new Date(at(3)), ownerOpenids: new Set([OWNER]) });
    expect(again.ok).toBe(false);
    const list = await call('bg-b', 'mall', { action: 'list' }, at(3));
    expect((list.items as Array<{ id: string; stock: number }>).find((i) => i.id === saved.id)?.stock).toBe(9);
  });
});
