import { drawWinners } from '../src/core/games';
import { sha256Hex } from '../src/core/sha256';
import { memberIdFor } from '../src/server/kernel/ids';
import { startGateway, type TestGateway } from './support/gateway';

// Games (issue 19) through the local gateway, on SQLite and on the CloudBase double (which replays
// every transaction body): red packets that never overpay, lotteries anyone can verify, praise
// within the host's allowance and boards that read precomputed figures.
let gw: TestGateway;
const OWNER = 'games-owner';
const HOST = 'games-host';
const NOW = '2026-12-08T02:00:00Z';
const LATER = '2026-12-09T03:00:00Z';

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  await gw.call(OWNER, 'member', { action: 'login' }, NOW);
  await gw.call(HOST, 'member', { action: 'login' }, NOW);
  await gw.call(OWNER, 'member', { action: 'setRole', requestId: 'games-host-role', memberId: memberIdFor(HOST), role: 'host' }, NOW);
});
afterAll(async () => {
  await gw.close();
});

let seq = 0;
const rid = (p: string) => `${p}-${String(++seq).padStart(6, '0')}`;

/** A member with `points` points (granted by the owner). */
async function member(label: string, points = 0): Promise<string> {
  const openid = `games-${label}-${++seq}`;
  await gw.call(openid, 'member', { action: 'login' }, NOW);
  if (points > 0) {
    const r = await gw.call(OWNER, 'points', { action: 'adjust', requestId: rid('fund'), memberId: memberIdFor(openid), delta: points, reason: '测试积分' }, NOW);
    expect(r.status).toBe(200);
  }
  return openid;
}

async function balance(openid: string, now = NOW): Promise<number> {
  return (await gw.call(openid, 'points', { action: 'balance' }, now)).body.data.balance;
}

async function send(openid: string, fields: Record<string, unknown>, now = NOW) {
  return gw.call(openid, 'games', { action: 'sendPacket', requestId: rid('send'), total: 100, count: 10, kind: 'lucky', greeting: '', ...fields }, now);
}

async function packet(openid: string, packetId: string, now = NOW) {
  return (await gw.call(openid, 'games', { action: 'packet', packetId }, now)).body.data.packet;
}

async function audit() {
  const r = await gw.call(OWNER, 'points', { action: 'audit' }, LATER);
  expect(r.body.data.mismatches).toEqual([]);
}

// Boards first: the rankBoards job's cursor moves with time, and later suites jump a day ahead.
describe('praise and boards', () => {
  it("praises within the host's daily allowance and shows it on the profile and the board", async () => {
    const star = await member('star');
    const r = await gw.call(HOST, 'games', { action: 'praise', requestId: rid('praise'), memberId: memberIdFor(star), text: '连续 30 天分享读书笔记', points: 30 }, NOW);
    expect(r.status).toBe(200);
    expect(r.body.data.balance).toBe(30);
    const self = await gw.call(HOST, 'games', { action: 'praise', requestId: rid('praise'), memberId: memberIdFor(HOST), text: '我自己' }, NOW);
    expect(self.status).toBe(403);
    // The allowance is shared with manual adjustments (2000 a day by default).
    await gw.call(HOST, 'points', { action: 'adjust', requestId: rid('adj'), memberId: memberIdFor(star), delta: 1_950, reason: '活动奖励' }, NOW);
    const over = await gw.call(HOST, 'games', { action: 'praise', requestId: rid('praise'), memberId: memberIdFor(star), text: '答疑很认真', points: 50 }, NOW);
    expect(over.body.error).toMatchObject({ code: 'LIMIT_REACHED', message: '今天还能发放 20 积分，请减少表扬积分' });
    const words = await gw.call(HOST, 'games', { action: 'praise', requestId: rid('praise'), memberId: memberIdFor(star), text: '答疑很认真' }, '2026-12-08T02:05:00Z');
    expect(words.status).toBe(200);
    const profile = await gw.call(star, 'games', { action: 'praises' }, NOW);
    expect(profile.body.data.praises.map((p: { text: string }) => p.text)).toEqual(['答疑很认真', '连续 30 天分享读书笔记']);

    await gw.call(OWNER, 'cron', { action: 'run', job: 'rankBoards' }, NOW);
    const board = await gw.call(star, 'games', { action: 'boards', board: 'praiseMonth' }, NOW);
    expect(board.body.data.me).toMatchObject({ figure: 2, rank: 1 });
    expect(board.body.data.rows[0]).toMatchObject({ rank: 1, figure: 2, praised: 2, isMe: true });
    expect(board.body.data.recentPraise[0].text).toBe('答疑很认真');
  });

  it('holds the allowance under parallel praise by a second host, and bad praise changes nothing', async () => {
    const host2 = await member('host2');
    await gw.call(OWNER, 'member', { action: 'setRole', requestId: rid('role'), memberId: memberIdFor(host2), role: 'host' }, NOW);
    const target = await member('target');
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => gw.call(host2, 'games', { action: 'praise', requestId: rid('pp'), memberId: memberIdFor(target), text: `第 ${i + 1} 次表扬`, points: 500 }, NOW)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(4);
    expect(results.filter((r) => r.status !== 200).every((r) => r.body.error.code === 'LIMIT_REACHED')).toBe(true);
    expect(await balance(target)).toBe(2000);
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ text: '' }, '请填写表扬内容'],
      [{ text: '很棒', points: 1001 }, '表扬积分需为 0–1000 的整数'],
      [{ text: '很棒', memberId: '' }, '请选择要表扬的成员'],
    ];
    for (const [fields, message] of bad) {
      const r = await gw.call(OWNER, 'games', { action: 'praise', requestId: rid('pp'), memberId: memberIdFor(target), ...fields }, NOW);
      expect([r.status, r.body.error.message]).toEqual([400, message]);
    }
    expect((await gw.call(target, 'games', { action: 'praises' }, NOW)).body.data.praises).toHaveLength(4);
    expect(await balance(target)).toBe(2000);
  });

  it("ranks points earned this week from precomputed figures, and shows the caller's own rank", async () => {
    const runners = await Promise.all([10, 40, 25].map((p) => member('runner', p)));
    const quiet = await member('quiet');
    await gw.call(OWNER, 'cron', { action: 'run', job: 'rankBoards' }, NOW);
    const view = async (openid: string) => (await gw.call(openid, 'games', { action: 'boards', board: 'pointsWeek' }, NOW)).body.data;
    const board = await view(runners[2]);
    const figures = board.rows.map((r: { figure: number }) => r.figure);
    expect(figures).toEqual([...figures].sort((a: number, b: number) => b - a));
    const mine = board.rows.find((r: { isMe: boolean }) => r.isMe);
    expect(board.me.rank).toBe(mine.rank);
    expect(board.me.figure).toBe(25);
    expect((await view(runners[1])).me.figure).toBe(40);
    expect((await view(runners[1])).me.rank).toBeLessThan(board.me.rank);
    expect((await view(quiet)).me).toMatchObject({ rank: null, figure: 0 });
    // The streak board counts check-ins once the job has copied them.
    await gw.call(quiet, 'checkin', { action: 'do', requestId: rid('ci') }, NOW);
    await gw.call(OWNER, 'cron', { action: 'run', job: 'rankBoards' }, NOW);
    expect((await gw.call(quiet, 'games', { action: 'boards', board: 'streak' }, NOW)).body.data.me.figure).toBe(1);
    expect((await gw.call(quiet, 'games', { action: 'boards', board: 'nope' }, NOW)).body.error.message).toBe('请选择榜单');
  });
});

describe('red packets', () => {
  it('pays each share once: 30 members rush a 10-share packet, 10 are paid, 20 hear 红包已抢完, the sum is the total', async () => {
    const sender = await member('sender', 500);
    const sent = await send(sender, { total: 300, count: 10, greeting: '周五快乐' });
    expect(sent.status).toBe(200);
    expect(sent.body.data.balance).toBe(200);
    const id = sent.body.data.packet.id;
    const grabbers = await Promise.all(Array.from({ length: 30 }, (_, i) => member(`rush${i}`)));
    const results = await Promise.all(grabbers.map((g) => gw.call(g, 'games', { action: 'grab', requestId: rid('grab'), packetId: id }, NOW)));
    const paid = results.filter((r) => r.status === 200);
    expect(paid).toHaveLength(10);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused.every((r) => r.status === 409 && r.body.error.message === '红包已抢完')).toBe(true);
    expect(paid.reduce((sum, r) => sum + r.body.data.amount, 0)).toBe(300);
    for (const r of paid) expect(r.body.data.amount).toBeGreaterThanOrEqual(1);
    const page = await packet(sender, id);
    expect(page).toMatchObject({ state: 'finished', claimedCount: 10, claimedPoints: 300, greeting: '周五快乐' });
    const best = page.grabs.filter((g: { luckiest: boolean }) => g.luckiest);
    expect(best).toHaveLength(1);
    expect(best[0].amount).toBe(Math.max(...page.grabs.map((g: { amount: number }) => g.amount)));
    // Each paid member's balance is exactly their share.
    const balances = await Promise.all(grabbers.map((g) => balance(g)));
    expect(balances.reduce((a, b) => a + b, 0)).toBe(300);
    await audit();
  });

  it('a member grabs once under 50 parallel taps, and a replayed grab answers the same amount', async () => {
    const sender = await member('tapsender', 200);
    const id = (await send(sender, { total: 100, count: 5 })).body.data.packet.id;
    const tapper = await member('tapper');
    const taps = await Promise.all(Array.from({ length: 50 }, () => gw.call(tapper, 'games', { action: 'grab', requestId: rid('tap'), packetId: id }, NOW)));
    expect(taps.every((t) => t.status === 200)).toBe(true);
    const amounts = new Set(taps.map((t) => t.body.data.amount));
    expect(amounts.size).toBe(1);
    expect(taps.filter((t) => !t.body.data.already)).toHaveLength(1);
    const amount = [...amounts][0];
    expect(await balance(tapper)).toBe(amount);
    expect((await packet(tapper, id)).claimedCount).toBe(1);

    const other = await member('replayer');
    const event = { action: 'grab', requestId: rid('replay'), packetId: id };
    const [a, b] = await Promise.all([gw.call(other, 'games', event, NOW), gw.call(other, 'games', event, NOW)]);
    expect(b.body).toEqual(a.body);
    const again = await gw.call(other, 'games', event, NOW);
    expect(again.body.data.amount).toBe(a.body.data.amount);
    expect(await balance(other)).toBe(a.body.data.amount);
    expect((await packet(other, id)).claimedCount).toBe(2);
  });

  it('a member cannot send more than their balance, a host not more than the month budget left', async () => {
    const poor = await member('poor', 50);
    const r = await send(poor, { total: 60, count: 3 });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'INSUFFICIENT_POINTS', message: '积分不足：你有 50 积分，红包总额 60' });
    expect(await balance(poor)).toBe(50);

    const first = await send(HOST, { total: 19_000, count: 100, kind: 'equal' });
    expect(first.status).toBe(200);
    expect(first.body.data.budgetLeft).toBe(1_000);
    const over = await send(HOST, { total: 1_001, count: 1 });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'LIMIT_REACHED', message: '本月红包预算还剩 1000 积分，请减少总积分' });
    const list = await gw.call(HOST, 'games', { action: 'packets' }, NOW);
    expect(list.body.data.budget).toEqual({ monthly: 20_000, left: 1_000 });
    // The host may not take from the budget packet they sent.
    const own = await gw.call(HOST, 'games', { action: 'grab', requestId: rid('own'), packetId: first.body.data.packet.id }, NOW);
    expect(own.status).toBe(403);
  });

  it('refuses bad inputs with a sentence and changes nothing', async () => {
    const m = await member('bad', 100);
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ total: 3, count: 5 }, '总积分不能少于红包个数（每个红包至少 1 积分）'],
      [{ total: 10, count: 3, kind: 'equal' }, '普通红包的总积分需是个数的整数倍，例如 9'],
      [{ count: 201 }, '红包个数需为 1–200 的整数'],
      [{ total: 0 }, '红包总积分需为 1–100000 的整数'],
      [{ kind: 'big' }, '请选择红包类型'],
      [{ expiresInHours: 100 }, '有效时长（小时）需为 1–72 的整数'],
    ];
    for (const [fields, message] of bad) {
      const r = await send(m, fields);
      expect(r.status).toBe(400);
      expect(r.body.error.message).toBe(message);
    }
    const extra = await send(m, { memberId: 'x' });
    expect(extra.status).toBe(400);
    expect(await balance(m)).toBe(100);
    expect((await gw.call(m, 'games', { action: 'grab', requestId: rid('g'), packetId: 'nope' }, NOW)).status).toBe(404);
  });

  it('returns what nobody grabbed at expiry exactly once, under two overlapping cron runs', async () => {
    const sender = await member('expiring', 300);
    const id = (await send(sender, { total: 120, count: 4, expiresInHours: 2 })).body.data.packet.id;
    const g = await member('early');
    const got = (await gw.call(g, 'games', { action: 'grab', requestId: rid('g'), packetId: id }, NOW)).body.data.amount;
    expect(await balance(sender)).toBe(180);
    const budgetId = (await send(OWNER, { total: 40, count: 2, expiresInHours: 1 })).body.data.packet.id;
    const budgetBefore = (await gw.call(OWNER, 'games', { action: 'packets' }, NOW)).body.data.budget.left;

    const runs = await Promise.all([1, 2].map(() => gw.call(OWNER, 'cron', { action: 'run', job: 'expirePackets' }, LATER)));
    expect(runs.every((r) => r.status === 200)).toBe(true);
    expect(runs.reduce((sum, r) => sum + r.body.data.points, 0)).toBeGreaterThanOrEqual(120 - got + 40);
    expect(await balance(sender, LATER)).toBe(180 + 120 - got);
    const page = await packet(sender, id, LATER);
    expect(page).toMatchObject({ state: 'expired', refunded: 120 - got });
    expect(page.grabs[0].luckiest).toBe(true);
    // Every budget packet of the month (this one and the host's earlier one) expired with nothing grabbed: the whole budget is back.
    expect(budgetBefore).toBeLessThan(20_000);
    expect((await gw.call(OWNER, 'games', { action: 'packets' }, LATER)).body.data.budget.left).toBe(20_000);
    expect((await packet(OWNER, budgetId, LATER)).refunded).toBe(40);
    // A third run and a late grab change nothing.
    await gw.call(OWNER, 'cron', { action: 'run', job: 'expirePackets' }, LATER);
    const late = await gw.call(await member('late'), 'games', { action: 'grab', requestId: rid('g'), packetId: id }, LATER);
    expect(late.body.error.message).toBe('红包已过期，下次早点来');
    expect(await balance(sender, LATER)).toBe(180 + 120 - got);
    const history = await gw.call(sender, 'points', { action: 'history' }, LATER);
    expect(history.body.data.entries.map((e: { label: string }) => e.label)).toContain('红包退回 · 恭喜发财，大吉大利');
    await audit();
  });

  it("counts a budget packet once as incentive cost and a member's own packet as a transfer, not issuance", async () => {
    const T = '2026-12-09T05:00:00Z';
    const T_EXPIRED = '2026-12-09T07:30:00Z';
    const flow = async (at: string) => {
      const months = (await gw.call(OWNER, 'points', { action: 'liability' }, at)).body.data.months as Array<{ issued: number; redeemed: number; expired: number }>;
      const metrics = (await gw.call(OWNER, 'funnel', { action: 'metrics' }, at)).body.data.metrics as Array<{ key: string; value: number }>;
      const value = (key: string) => metrics.find((m) => m.key === key)?.value;
      return {
        issued: months.reduce((s, m) => s + m.issued, 0),
        redeemed: months.reduce((s, m) => s + m.redeemed, 0),
        panelIssued: value('pointsIssued'),
        panelRedeemed: value('pointsRedeemed'),
        packetCost: value('packetIncentive'),
      };
    };
    const sender = await member('giver', 100);
    const [b, c, d] = await Promise.all(['takerB', 'takerC', 'takerD'].map((l) => member(l)));
    const before = await flow(T);

    // A member's own packet: 60 leave the sender, two grabs and the expiry refund move them between members.
    const own = (await send(sender, { total: 60, count: 3, expiresInHours: 2 }, T)).body.data.packet.id;
    await gw.call(b, 'games', { action: 'grab', requestId: rid('g'), packetId: own }, T);
    await gw.call(c, 'games', { action: 'grab', requestId: rid('g'), packetId: own }, T);
    await gw.call(OWNER, 'cron', { action: 'run', job: 'expirePackets' }, T_EXPIRED);
    expect((await balance(sender, T_EXPIRED)) + (await balance(b, T_EXPIRED)) + (await balance(c, T_EXPIRED))).toBe(100);
    expect(await flow(T_EXPIRED)).toEqual(before);

    // A host's budget packet: 30 points issued once, as the grabbers' credits, and 30 of incentive cost this month.
    const budget = (await send(HOST, { total: 30, count: 2, kind: 'equal' }, T_EXPIRED)).body.data.packet.id;
    for (const m of [b, d]) await gw.call(m, 'games', { action: 'grab', requestId: rid('g'), packetId: budget }, T_EXPIRED);
    expect(await balance(d, T_EXPIRED)).toBe(15);
    const after = await flow(T_EXPIRED);
    expect(after).toEqual({ ...before, issued: before.issued + 30, panelIssued: (before.panelIssued as number) + 30, packetCost: (before.packetCost as number) + 30 });
    await audit();
  });
});

describe('lotteries', () => {
  const future = (h: number) => new Date(Date.parse(NOW) + h * 3_600_000).toISOString();
  async function createLottery(fields: Record<string, unknown> = {}) {
    return gw.call(HOST, 'games', { action: 'createLottery', requestId: rid('lot'), lottery: { title: '周末福利', prizes: [{ kind: 'points', points: 50, winners: 2 }], entry: { kind: 'free' }, entryDeadline: future(1), drawAt: future(2), ...fields } }, NOW);
  }

  it("draws winners anyone can recompute from the revealed seed and the entry codes, and pays them once", async () => {
    const item = await gw.call(OWNER, 'mall', { action: 'saveItem', requestId: rid('item'), item: { title: '定制笔记本', description: '', image: '', pointsPrice: 30, stock: 5, perMemberLimit: null, limitPeriod: 'ever', minTier: null, saleStartsAt: null, saleEndsAt: null, kind: 'physical', virtual: null, listed: true } }, NOW);
    const itemId = item.body.data.item.id;
    const created = await createLottery({ prizes: [{ kind: 'points', points: 50, winners: 2 }, { kind: 'item', itemId, winners: 1 }] });
    expect(created.status).toBe(200);
    const lot = created.body.data.lottery;
    expect(lot.seed).toBeNull();
    expect(lot.seedHash).toMatch(/^[0-9a-f]{64}$/);
    const shelf = await gw.call(OWNER, 'mall', { action: 'list' }, NOW);
    expect(shelf.body.data.items.find((i: { id: string }) => i.id === itemId).stock).toBe(4);

    const players = await Promise.all(Array.from({ length: 8 }, (_, i) => member(`player${i}`)));
    const entered = await Promise.all(players.map((p) => gw.call(p, 'games', { action: 'enterLottery', requestId: rid('enter'), lotteryId: lot.id }, NOW)));
    expect(entered.every((r) => r.status === 200)).toBe(true);
    const twice = await gw.call(players[0], 'games', { action: 'enterLottery', requestId: rid('enter'), lotteryId: lot.id }, NOW);
    expect(twice.body.error.message).toBe('你已经参加过这个抽奖了');
    expect((await gw.call(HOST, 'games', { action: 'draw', requestId: rid('draw'), lotteryId: lot.id }, NOW)).body.error.message).toBe('报名截止后才能开奖');

    const [byHost, byCron] = await Promise.all([
      gw.call(HOST, 'games', { action: 'draw', requestId: rid('draw'), lotteryId: lot.id }, future(2)),
      gw.call(OWNER, 'cron', { action: 'run', job: 'drawLotteries' }, future(2)),
    ]);
    expect(byHost.status).toBe(200);
    expect(byCron.status).toBe(200);
    const drawn = (await gw.call(players[0], 'games', { action: 'lottery', lotteryId: lot.id }, future(3))).body.data.lottery;
    expect(drawn.state).toBe('drawn');
    expect(sha256Hex(drawn.seed)).toBe(drawn.seedHash);
    expect(drawn.seedHash).toBe(lot.seedHash);
    expect(drawn.entryCodes).toHaveLength(8);
    expect(drawn.winners.map((w: { code: string }) => w.code)).toEqual(drawWinners(drawn.seed, drawn.entryCodes, 3));
    expect(drawn.winners.map((w: { prize: string }) => w.prize)).toEqual(['50 积分', '50 积分', '定制笔记本']);

    const codes = await Promise.all(players.map(async (p) => (await gw.call(p, 'games', { action: 'lottery', lotteryId: lot.id }, future(3))).body.data.lottery.myCode));
    const balances = await Promise.all(players.map((p) => balance(p, future(3))));
    const pointWinners = drawn.winners.slice(0, 2).map((w: { code: string }) => w.code);
    codes.forEach((code, i) => expect(balances[i]).toBe(pointWinners.includes(code) ? 50 : 0));
    const itemWinner = players[codes.indexOf(drawn.winners[2].code)];
    const orders = await gw.call(itemWinner, 'mall', { action: 'myOrders' }, future(3));
    expect(orders.body.data.orders.map((o: { itemTitle: string }) => o.itemTitle)).toEqual(['定制笔记本']);
    await audit();
  });

  it('cancels a prize order through mall.cancel: stock back, nothing refunded, a sentence saying so, once', async () => {
    const item = await gw.call(OWNER, 'mall', { action: 'saveItem', requestId: rid('item'), item: { title: '帆布袋', description: '', image: '', pointsPrice: 40, stock: 2, perMemberLimit: 1, limitPeriod: 'ever', minTier: null, saleStartsAt: null, saleEndsAt: null, kind: 'physical', virtual: null, listed: true } }, NOW);
    const itemId = item.body.data.item.id;
    const lot = (await createLottery({ prizes: [{ kind: 'item', itemId, winners: 1 }] })).body.data.lottery;
    const winner = await member('bagwinner', 15);
    await gw.call(winner, 'games', { action: 'enterLottery', requestId: rid('enter'), lotteryId: lot.id }, NOW);
    expect((await gw.call(HOST, 'games', { action: 'draw', requestId: rid('draw'), lotteryId: lot.id }, future(2))).status).toBe(200);
    const order = (await gw.call(winner, 'mall', { action: 'myOrders' }, future(3))).body.data.orders[0];
    expect(order).toMatchObject({ itemTitle: '帆布袋', totalPoints: 0, status: 'placed' });
    const stockOf = async () => (await gw.call(OWNER, 'mall', { action: 'list' }, future(3))).body.data.items.find((i: { id: string }) => i.id === itemId).stock;
    expect(await stockOf()).toBe(1);

    const requestId = rid('cancel');
    const cancels = await Promise.all(Array.from({ length: 6 }, (_, i) => gw.call(i === 0 ? HOST : OWNER, 'mall', { action: 'cancel', requestId: i < 2 ? requestId : rid('cancel'), orderId: order.id, reason: '奖品缺货' }, future(3))));
    const done = cancels.filter((c) => c.status === 200);
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(new Set(done.map((c) => c.body.data.order.cancelledAt)).size).toBe(1);
    expect(done[0].body.data).toMatchObject({ refunded: 0, message: '奖品订单已取消，「帆布袋」已退回库存；这份奖品没有扣过积分，所以不退积分' });
    expect(cancels.filter((c) => c.status !== 200).every((c) => c.body.error.message === '订单已取消')).toBe(true);
    expect(await stockOf()).toBe(2);
    expect(await balance(winner, future(3))).toBe(15);
    expect((await gw.call(winner, 'mall', { action: 'myOrders' }, future(3))).body.data.orders[0]).toMatchObject({ status: 'cancelled', cancelReason: '奖品缺货' });
    // A real redemption still cancels with its refund through the same path.
    await gw.call(OWNER, 'points', { action: 'adjust', requestId: rid('fund'), memberId: memberIdFor(winner), delta: 25, reason: '测试积分' }, future(3));
    const bought = await gw.call(winner, 'mall', { action: 'redeem', requestId: rid('redeem'), itemId, qty: 1, address: { name: '林小姐', phone: '13800000000', region: '上海市 徐汇区', detail: '漕溪北路 1 号' } }, future(3));
    expect(bought.status).toBe(200);
    const refund = await gw.call(HOST, 'mall', { action: 'cancel', requestId: rid('cancel'), orderId: bought.body.data.order.id, reason: '地址有误' }, future(3));
    expect(refund.body.data).toMatchObject({ refunded: 40, message: '订单已取消，已退回 40 积分' });
    expect(await balance(winner, future(3))).toBe(40);
    await audit();
  });

  it('refunds entry points once when cancelled, and puts item stock back', async () => {
    const item = await gw.call(OWNER, 'mall', { action: 'saveItem', requestId: rid('item'), item: { title: '书签', description: '', image: '', pointsPrice: 10, stock: 3, perMemberLimit: null, limitPeriod: 'ever', minTier: null, saleStartsAt: null, saleEndsAt: null, kind: 'physical', virtual: null, listed: true } }, NOW);
    const itemId = item.body.data.item.id;
    const lot = (await createLottery({ entry: { kind: 'points', cost: 20 }, prizes: [{ kind: 'item', itemId, winners: 3 }] })).body.data.lottery;
    const tooMany = await createLottery({ prizes: [{ kind: 'item', itemId, winners: 1 }] });
    expect(tooMany.body.error.message).toBe('「书签」库存只剩 0 件，请减少中奖人数');
    const players = await Promise.all([0, 1, 2].map((i) => member(`payer${i}`, 30)));
    for (const p of players) expect((await gw.call(p, 'games', { action: 'enterLottery', requestId: rid('enter'), lotteryId: lot.id }, NOW)).body.data.balance).toBe(10);
    const broke = await member('broke', 5);
    expect((await gw.call(broke, 'games', { action: 'enterLottery', requestId: rid('enter'), lotteryId: lot.id }, NOW)).body.error.code).toBe('INSUFFICIENT_POINTS');

    const cancels = await Promise.all([
      gw.call(HOST, 'games', { action: 'cancelLottery', requestId: rid('cancel'), lotteryId: lot.id }, NOW),
      gw.call(OWNER, 'games', { action: 'cancelLottery', requestId: rid('cancel'), lotteryId: lot.id }, NOW),
      gw.call(OWNER, 'cron', { action: 'run', job: 'drawLotteries' }, NOW),
    ]);
    expect(cancels.every((r) => r.status === 200)).toBe(true);
    for (const p of players) expect(await balance(p)).toBe(30);
    const shelf = await gw.call(OWNER, 'mall', { action: 'list' }, NOW);
    expect(shelf.body.data.items.find((i: { id: string }) => i.id === itemId).stock).toBe(3);
    expect((await gw.call(players[0], 'games', { action: 'lottery', lotteryId: lot.id }, NOW)).body.data.lottery.state).toBe('cancelled');
    await audit();
  });

  it('charges an entry once under parallel taps by one member', async () => {
    const lot = (await createLottery({ entry: { kind: 'points', cost: 7 } })).body.data.lottery;
    const m = await member('tapentry', 50);
    const taps = await Promise.all(Array.from({ length: 20 }, () => gw.call(m, 'games', { action: 'enterLottery', requestId: rid('enter'), lotteryId: lot.id }, NOW)));
    expect(taps.filter((t) => t.status === 200)).toHaveLength(1);
    expect(taps.filter((t) => t.status !== 200).every((t) => t.body.error.message === '你已经参加过这个抽奖了')).toBe(true);
    expect(await balance(m)).toBe(43);
    expect((await gw.call(m, 'games', { action: 'lottery', lotteryId: lot.id }, NOW)).body.data.lottery.entries).toBe(1);
  });

  it('holds a check-in entry rule and refuses bad lotteries', async () => {
    const lot = (await createLottery({ entry: { kind: 'checkins', days: 1 } })).body.data.lottery;
    const m = await member('checker');
    const refused = await gw.call(m, 'games', { action: 'enterLottery', requestId: rid('enter'), lotteryId: lot.id }, NOW);
    expect(refused.body.error.message).toBe('抽奖开始后签到满 1 天才能参与，你已签到 0 天');
    await gw.call(m, 'checkin', { action: 'do', requestId: rid('ci') }, NOW);
    expect((await gw.call(m, 'games', { action: 'enterLottery', requestId: rid('enter'), lotteryId: lot.id }, NOW)).status).toBe(200);
    const before = (await gw.call(m, 'games', { action: 'lotteries' }, NOW)).body.data.lotteries.length;
    expect((await createLottery({ drawAt: future(0.5) })).body.error.message).toBe('开奖时间不能早于报名截止时间');
    expect((await createLottery({ prizes: [] })).body.error.message).toBe('请至少设置一个奖品');
    expect((await createLottery({ entry: { kind: 'points', cost: 0 } })).body.error.message).toBe('参与积分需为 1–10000 的整数');
    expect((await createLottery({ entryDeadline: future(-1), drawAt: future(1) })).body.error.message).toBe('报名截止时间需晚于现在');
    expect((await gw.call(m, 'games', { action: 'lotteries' }, NOW)).body.data.lotteries).toHaveLength(before);
    const byMember = await gw.call(m, 'games', { action: 'createLottery', requestId: rid('lot'), lottery: { title: '我也想发', prizes: [{ kind: 'points', points: 5, winners: 1 }], entry: { kind: 'free' }, entryDeadline: future(1), drawAt: future(2) } }, NOW);
    expect(byMember.status).toBe(403);
  });
});
