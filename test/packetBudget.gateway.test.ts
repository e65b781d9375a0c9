import { memberIdFor } from '../src/server/kernel/ids';
import { startGateway, type TestGateway } from './support/gateway';

// The owner's red-packet month budget (settings.games.packetMonthlyBudget, issue 19): read with this
// month's used / left, changed only by the owner, logged like the check-in rules, held by sendPacket.
let gw: TestGateway;
const OWNER = 'budget-owner';
const HOST = 'budget-host';
const MEMBER = 'budget-member';
const NOW = '2026-12-10T04:00:00Z';
// 2027-01-01 02:00 in Shanghai: a new community month, although still December in UTC.
const NEXT_MONTH = '2026-12-31T18:00:00Z';

let seq = 0;
const rid = () => `budget-req-${++seq}`;

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  for (const who of [OWNER, HOST, MEMBER]) await gw.call(who, 'member', { action: 'login' }, NOW);
  await gw.call(OWNER, 'member', { action: 'setRole', requestId: rid(), memberId: memberIdFor(HOST), role: 'host' }, NOW);
});
afterAll(async () => {
  await gw.close();
});

const view = async (at = NOW) => (await gw.call(OWNER, 'settings', { action: 'packetBudget' }, at)).body.data;
const budgetLog = async () =>
  ((await gw.call(OWNER, 'settings', { action: 'log', limit: 100 }, NOW)).body.data.entries as Array<{ section: string }>).filter((e) => e.section === 'packetBudget');
const send = (openid: string, total: number, at = NOW) => gw.call(openid, 'games', { action: 'sendPacket', requestId: rid(), total, count: 1, kind: 'lucky', greeting: '' }, at);

describe('red-packet month budget', () => {
  it("shows the owner the budget with this month's used and left, and only to the owner", async () => {
    expect(await view()).toEqual({ packetMonthlyBudget: 20_000, month: '2026-12', used: 0, left: 20_000 });
    expect((await send(HOST, 1_500)).status).toBe(200);
    expect(await view()).toEqual({ packetMonthlyBudget: 20_000, month: '2026-12', used: 1_500, left: 18_500 });
    expect(await view(NEXT_MONTH)).toMatchObject({ month: '2027-01', used: 0, left: 20_000 });
    for (const who of [HOST, MEMBER]) {
      expect((await gw.call(who, 'settings', { action: 'packetBudget' }, NOW)).status).toBe(403);
      const change = await gw.call(who, 'settings', { action: 'updatePacketBudget', requestId: rid(), packetMonthlyBudget: 1 }, NOW);
      expect(change.status).toBe(403);
    }
    expect((await view()).packetMonthlyBudget).toBe(20_000);
  });

  it('refuses bad budgets with a Chinese sentence and changes nothing', async () => {
    const before = await view();
    const logged = (await budgetLog()).length;
    for (const bad of [-1, 1_000_001, 2.5, '3000', null]) {
      const r = await gw.call(OWNER, 'settings', { action: 'updatePacketBudget', requestId: rid(), packetMonthlyBudget: bad }, NOW);
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'VALIDATION', message: '每月红包预算需为 0–1000000 的整数' });
    }
    const extra = await gw.call(OWNER, 'settings', { action: 'updatePacketBudget', requestId: rid(), packetMonthlyBudget: 5, month: '2026-12' }, NOW);
    expect(extra.status).toBe(400);
    expect(await view()).toEqual(before);
    expect(await budgetLog()).toHaveLength(logged);
  });

  it('applies a change at once, logs who, when, old → new once per request, and answers a replay the same', async () => {
    const requestId = rid();
    const [a, b] = await Promise.all([1, 2].map(() => gw.call(OWNER, 'settings', { action: 'updatePacketBudget', requestId, packetMonthlyBudget: 2_000 }, NOW)));
    expect(a.body.data).toEqual({ packetMonthlyBudget: 2_000, month: '2026-12', used: 1_500, left: 500, changed: true });
    expect(b.body.data).toEqual(a.body.data);
    const other = await gw.call(OWNER, 'settings', { action: 'updatePacketBudget', requestId, packetMonthlyBudget: 3_000 }, NOW);
    expect(other.body.error.code).toBe('CONFLICT');
    const log = await budgetLog();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ section: 'packetBudget', byId: memberIdFor(OWNER), at: '2026-12-10T04:00:00.000Z', before: { packetMonthlyBudget: 20_000 }, after: { packetMonthlyBudget: 2_000 } });
    // The new budget holds at once; the same value again changes (and logs) nothing.
    expect((await send(HOST, 501)).body.error).toMatchObject({ code: 'LIMIT_REACHED', message: '本月红包预算还剩 500 积分，请减少总积分' });
    expect((await send(OWNER, 500)).status).toBe(200);
    const same = await gw.call(OWNER, 'settings', { action: 'updatePacketBudget', requestId: rid(), packetMonthlyBudget: 2_000 }, NOW);
    expect(same.body.data).toMatchObject({ changed: false, used: 2_000, left: 0 });
    expect(await budgetLog()).toHaveLength(1);
    // Lowered below what the month used: nothing left (never negative).
    await gw.call(OWNER, 'settings', { action: 'updatePacketBudget', requestId: rid(), packetMonthlyBudget: 1_000 }, NOW);
    expect(await view()).toEqual({ packetMonthlyBudget: 1_000, month: '2026-12', used: 2_000, left: 0 });
    expect((await gw.call(HOST, 'games', { action: 'packets' }, NOW)).body.data.budget).toEqual({ monthly: 1_000, left: 0 });
    expect((await send(HOST, 1)).body.error.message).toBe('本月红包预算还剩 0 积分，请减少总积分');
  });
});
