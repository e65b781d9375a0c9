import { seededDemo } from './support/seededDemo';
import { DEMO_OWNER, demoMemberOpenid } from '../src/server/local/demoSeed';

// The demo shows the games with history: boards filled, an expired packet whose rest went back, a
// packet taken to the last share with 手气最佳, a drawn lottery that verifies and an open one.
const NOW = new Date('2026-12-08T06:00:00Z');
const demo = seededDemo(NOW, 60);
const as = demo.ok;

it('seeds opened and expired packets, a drawn and an open lottery, and filled boards', async () => {
  const member = demoMemberOpenid(1);
  const { packets } = await as(member, 'games', { action: 'packets' });
  expect(packets.map((p: { state: string }) => p.state).sort()).toEqual(['expired', 'finished', 'open', 'open']);
  // The 读书小群 packet (issue 15): member 1 is not in that group, so it is shown but not grabbable.
  const forGroup = packets.find((p: { audience: { kind: string } }) => p.audience.kind === 'group');
  expect(forGroup).toMatchObject({ canGrab: false, audience: { name: '读书小群' } });
  const finished = (await as(member, 'games', { action: 'packet', packetId: packets.find((p: { state: string }) => p.state === 'finished').id })).packet;
  expect(finished.grabs.filter((g: { luckiest: boolean }) => g.luckiest)).toHaveLength(1);
  const expired = packets.find((p: { state: string }) => p.state === 'expired');
  expect(expired.refunded).toBe(expired.total - expired.claimedPoints);
  expect(expired.refunded).toBeGreaterThan(0);

  const { lotteries } = await as(member, 'games', { action: 'lotteries' });
  expect(lotteries.map((l: { state: string }) => l.state).sort()).toEqual(['drawn', 'open']);
  const drawn = lotteries.find((l: { state: string }) => l.state === 'drawn');
  expect(drawn.winners).toHaveLength(4);

  const board = await as(member, 'games', { action: 'boards', board: 'pointsMonth' });
  expect(board.rows.length).toBeGreaterThan(10);
  expect(board.me.rank).not.toBeNull();
  // 贡献榜: the demo's KOCs lead it, with the figure explained.
  const contribution = await as(member, 'games', { action: 'boards', board: 'contribution' });
  expect(contribution.rows.length).toBeGreaterThanOrEqual(5);
  expect(contribution.explain.windowDays).toBe(30);
  expect(contribution.me.rank).not.toBeNull();
  expect(contribution.me.rank).toBe(contribution.rows.find((r: { isMe: boolean }) => r.isMe)?.rank ?? null);
  const audit = await as(DEMO_OWNER, 'points', { action: 'audit' });
  expect(audit.mismatches).toEqual([]);
});

it("shows the owner's raised packet budget with this month's use, and overdue desk items as one notice each", async () => {
  const budget = await as(DEMO_OWNER, 'settings', { action: 'packetBudget' });
  expect(budget).toMatchObject({ packetMonthlyBudget: 30_000, month: '2026-12' });
  expect(budget.used).toBeGreaterThan(0);
  expect(budget.left).toBe(30_000 - budget.used);
  const log = await as(DEMO_OWNER, 'settings', { action: 'log' });
  expect(log.entries.filter((e: { section: string }) => e.section === 'packetBudget').map((e: { after: unknown }) => e.after)).toEqual([{ packetMonthlyBudget: 30_000 }]);
  const { queue, outbox } = { queue: await as(DEMO_OWNER, 'support', { action: 'queue' }), outbox: await as(DEMO_OWNER, 'lessons', { action: 'outbox', limit: 100 }) };
  const overdue = queue.items.filter((i: { clock: { overdue: boolean; metAt: string | null } }) => i.clock.overdue && i.clock.metAt === null);
  expect(overdue.length).toBeGreaterThan(0);
  const notices = outbox.messages.filter((m: { kind: string }) => m.kind === 'support_overdue');
  expect(notices).toHaveLength(overdue.length);
});

