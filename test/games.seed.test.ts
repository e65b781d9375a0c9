import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FUNCTIONS } from '../src/server/functions';
import { invoke } from '../src/server/kernel/handler';
import { openSqliteStore, type SqliteStore } from '../src/server/local/sqliteStore';
import { DEMO_OWNER, demoMemberOpenid, seedDemo } from '../src/server/local/demoSeed';

// The demo shows the games with history: boards filled, an expired packet whose rest went back, a
// packet taken to the last share with 手气最佳, a drawn lottery that verifies and an open one.
const NOW = new Date('2026-12-08T06:00:00Z');
let store: SqliteStore;
let dir: string;
const as = async (openid: string, fn: string, event: Record<string, unknown>) => {
  const r = await invoke(FUNCTIONS[fn], event, { store, openid, now: NOW, ownerOpenids: new Set([DEMO_OWNER]) });
  if (!r.ok) throw new Error(r.error.message);
  return r.data as any;
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'qunyun-games-seed-'));
  store = openSqliteStore(path.join(dir, 'seed.sqlite'));
  await seedDemo(store, FUNCTIONS, { now: NOW, members: 60 });
}, 120_000);
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

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
  const audit = await as(DEMO_OWNER, 'points', { action: 'audit' });
  expect(audit.mismatches).toEqual([]);
});
