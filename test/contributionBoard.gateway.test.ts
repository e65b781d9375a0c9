import { addDays } from '../src/core/day';
import type { ContributionKind } from '../src/core/entry';
import { DEFAULT_SETTINGS } from '../src/core/settings';
import { addContribution } from '../src/server/domain/contribution';
import { memberIdFor } from '../src/server/kernel/ids';
import { startGateway, type TestGateway } from './support/gateway';

// The 贡献榜 (issue 19 item 1) through the local gateway, on SQLite and on the CloudBase double:
// it reads the stored 30-day figure `contributions.last30`, the refreshContributions job keeps that
// figure exact as days leave the window, and the caller's own rank shows even outside the top 50.
let gw: TestGateway;
const OWNER = 'contrib-owner';
const HOST = 'contrib-host';
const DAY0 = '2026-11-01';
const NOW = '2026-12-08T02:00:00Z';
const TODAY = '2026-12-08';
const kinds: ContributionKind[] = ['answer_accepted', 'activity_organized', 'share_opened', 'praise_received', 'referral_activated', 'intro_greeted'];

/** Points each member earned per community day, as the test seeded them (the recomputation's input). */
const events = new Map<string, Array<{ day: string; points: number }>>();

/** The 30-day figure of every member as of `today`, recomputed from the seeded events. */
function recompute(today: string): Map<string, number> {
  const from = addDays(today, -29);
  const out = new Map<string, number>();
  for (const [id, list] of events) {
    const sum = list.filter((e) => e.day >= from && e.day <= today).reduce((s, e) => s + e.points, 0);
    if (sum > 0) out.set(id, sum);
  }
  return out;
}

/** Competition rank (1, 2, 2, 4) of `figure` among `figures`. */
function rankOf(figures: Map<string, number>, figure: number): number {
  return [...figures.values()].filter((f) => f > figure).length + 1;
}

const MEMBERS = 60;
const openids = Array.from({ length: MEMBERS }, (_, i) => `contrib-m-${String(i).padStart(2, '0')}`);

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  await gw.call(OWNER, 'member', { action: 'login' }, NOW);
  await gw.call(HOST, 'member', { action: 'login' }, NOW);
  await gw.call(OWNER, 'member', { action: 'setRole', requestId: 'contrib-host-role', memberId: memberIdFor(HOST), role: 'host' }, NOW);
  for (const openid of openids) await gw.call(openid, 'member', { action: 'login' }, `${DAY0}T02:00:00Z`);
  // Contributions of kinds no test action writes cheaply, spread over 38 days so some leave the window.
  for (const [i, openid] of openids.entries()) {
    const memberId = memberIdFor(openid);
    const list: Array<{ day: string; points: number }> = [];
    for (let e = 0; e < 1 + (i % 7); e += 1) {
      const day = addDays(DAY0, (i * 5 + e * 11) % 38);
      const points = 1 + ((i * 3 + e) % 9);
      list.push({ day, points });
      await gw.store.transaction((tx) => addContribution(tx, memberId, kinds[(i + e) % kinds.length], { now: new Date(`${day}T04:00:00Z`), settings: DEFAULT_SETTINGS, points }));
    }
    events.set(memberId, list);
  }
});
afterAll(async () => {
  await gw.close();
});

const view = async (openid: string, now = NOW) => (await gw.call(openid, 'games', { action: 'boards', board: 'contribution' }, now)).body;

describe('贡献榜', () => {
  it('ranks members by their 30-day contribution exactly as a recomputation does, once the job has refreshed the window', async () => {
    // Two overlapping runs rewrite each due document once and agree.
    const runs = await Promise.all([1, 2].map(() => gw.call(OWNER, 'cron', { action: 'run', job: 'refreshContributions' }, NOW)));
    expect(runs.every((r) => r.status === 200)).toBe(true);
    expect(runs[0].body.data.accounts + runs[1].body.data.accounts).toBeGreaterThan(0);

    const expected = recompute(TODAY);
    const board = (await view(openids[0])).data;
    expect(board).toMatchObject({ board: 'contribution', title: '贡献榜', unit: '贡献值' });
    expect(board.rows).toHaveLength(50);
    const sorted = [...expected.values()].sort((a, b) => b - a);
    expect(board.rows.map((r: { figure: number }) => r.figure)).toEqual(sorted.slice(0, 50));
    for (const row of board.rows) expect(row.rank).toBe(rankOf(expected, row.figure));
    // Names, not ids, on every row.
    expect(board.rows.every((r: { name: string }) => r.name.length > 0 && !r.name.includes(memberIdFor(openids[0])))).toBe(true);

    // Every member's own rank matches the recomputation, including those below the top 50.
    let outside = 0;
    for (const openid of openids) {
      const mine = expected.get(memberIdFor(openid)) ?? 0;
      const me = (await view(openid)).data.me;
      expect(me.figure).toBe(mine);
      expect(me.rank).toBe(mine > 0 ? rankOf(expected, mine) : null);
      if (me.rank !== null && me.rank > 50) outside += 1;
    }
    expect(outside).toBeGreaterThan(0);
  });

  it('drops contribution older than 30 days when the job runs, and counts new contribution at once', async () => {
    const later = '2026-12-20';
    const laterNow = `${later}T02:00:00Z`;
    await gw.call(OWNER, 'cron', { action: 'run', job: 'refreshContributions' }, laterNow);
    const expected = recompute(later);
    const star = openids.find((o) => !expected.has(memberIdFor(o)))!;
    expect((await view(star, laterNow)).data.me).toMatchObject({ rank: null, figure: 0 });
    // A praise through the real action counts as 获得点赞 (+1 by default) in the same transaction.
    const praised = await gw.call(HOST, 'games', { action: 'praise', requestId: 'contrib-praise-1', memberId: memberIdFor(star), text: '帮新人解答了三个问题' }, laterNow);
    expect(praised.status).toBe(200);
    events.get(memberIdFor(star))!.push({ day: later, points: DEFAULT_SETTINGS.entry.contributionWeights.praise_received });
    const after = recompute(later);
    const me = (await view(star, laterNow)).data.me;
    expect(me.figure).toBe(after.get(memberIdFor(star)));
    expect(me.rank).toBe(rankOf(after, me.figure));
    const board = (await view(openids[1], laterNow)).data;
    for (const row of board.rows) expect(row.rank).toBe(rankOf(after, row.figure));
  });

  it('explains the figure with the weights from the settings, and has no group scope', async () => {
    const body = await view(openids[2]);
    expect(body.data.explain.windowDays).toBe(30);
    expect(body.data.explain.weights).toContainEqual({ label: '回答被采纳', points: DEFAULT_SETTINGS.entry.contributionWeights.answer_accepted });
    const grouped = await gw.call(openids[2], 'games', { action: 'boards', board: 'contribution', groupId: 'g1' }, NOW);
    expect([grouped.status, grouped.body.error.message]).toEqual([400, '贡献榜按全社群统计，请在排行榜页查看']);
    // The other boards carry no explanation.
    expect((await gw.call(openids[2], 'games', { action: 'boards', board: 'streak' }, NOW)).body.data.explain).toBeUndefined();
  });
});
