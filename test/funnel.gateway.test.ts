import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FUNCTIONS } from '../src/server/functions';
import { canonical, monthlyFromDaily, recomputeFunnel, recordActivity, recordConversion, recordJoin, sameMonthly, type FunnelDailyDoc, type FunnelMonthlyDoc } from '../src/server/domain/funnelRollups';
import { rollupsFromMembers, stageFigures, sumRollups, type MemberFunnel } from '../src/core/funnel';
import { invoke } from '../src/server/kernel/handler';
import { memberIdFor } from '../src/server/kernel/ids';
import type { MemberDoc } from '../src/server/domain/model';
import { cloudbaseStore } from '../src/server/cloudbase/cloudbaseStore';
import type { CollectionName, DocOf, Page, Store } from '../src/server/store/port';
import { openSqliteStore } from '../src/server/local/sqliteStore';
import { DEFAULT_SETTINGS } from '../src/core/settings';
import { DEFAULT_VIP_SETTINGS } from '../src/core/tiers';
import { createCloudDbDouble } from './support/cloudbaseDouble';
import { startGateway, type TestGateway } from './support/gateway';
import { seededRandom } from '../src/core/prng';

// The funnel through the local gateway on a real SQLite file, checked against answers computed
// here from first principles (not from src/core/funnel).
let gw: TestGateway;
const OWNER = 'funnel-owner';
const HOST = 'funnel-host';
const MEMBER = 'funnel-member';
const NOW = '2026-11-24T10:00:00+08:00';

const DAY_MS = 86_400_000;
/** Day `n` after `day` (plain UTC calendar arithmetic). */
const plus = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const at = (day: string) => `${day}T10:00:00+08:00`;

async function ok(openid: string, fn: string, event: Record<string, unknown>, now = NOW) {
  const r = await gw.call(openid, fn, event, now);
  if (r.status !== 200) throw new Error(`${fn}.${String(event.action)}: ${JSON.stringify(r.body)}`);
  return r.body.data;
}

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  // No paid-VIP plan on sale until the test that puts them on sale.
  await gw.store.transaction((tx) => tx.set('settings', { id: 'community', vip: { ...DEFAULT_VIP_SETTINGS, plans: [] } }));
  await ok(OWNER, 'member', { action: 'login' }, at('2026-08-01'));
  await ok(HOST, 'member', { action: 'login' }, at('2026-08-01'));
  await ok(MEMBER, 'member', { action: 'login' }, at('2026-08-01'));
  await ok(OWNER, 'member', { action: 'setRole', requestId: 'make-host-0001', memberId: memberIdFor(HOST), role: 'host' }, at('2026-08-01'));
});
afterAll(async () => {
  await gw.close();
});

/** One hand-built member: join day (offset from J), channel and check-in days as membership day numbers (join day = 1). */
interface Fixture {
  id: string;
  join: number;
  channel: string;
  checkins: number[];
}

const J = '2026-09-01';
const FIXTURE: Fixture[] = [
  { id: 'fx-a', join: 0, channel: 'group', checkins: [7, 8, 19, 30] }, // activated on the last day of the window; retained on day 30
  { id: 'fx-b', join: 0, channel: 'group', checkins: [8, 9, 10] }, // day 8 is too late to activate: never passes 激活
  { id: 'fx-c', join: 1, channel: 'poster', checkins: [1, 7, 30, 31] }, // only one retention day (31 is outside)
  { id: 'fx-d', join: 2, channel: 'poster', checkins: [] },
  { id: 'fx-e', join: 3, channel: 'referral', checkins: [1, 8, 9, 10] }, // retained on day 10
  { id: 'fx-f', join: 3, channel: 'group', checkins: [2, 12, 14, 16, 40] },
  { id: 'fx-g', join: 4, channel: 'group', checkins: [2] }, // outside the queried range
  { id: 'fx-h', join: -1, channel: 'group', checkins: [1] }, // outside the queried range
];
const FROM = J;
const TO = plus(J, 3);

/** What the overview must say, worked out directly from the definitions (docs/domain.md). */
function expectedStages(members: Fixture[]) {
  const inRange = members.filter((m) => plus(J, m.join) >= FROM && plus(J, m.join) <= TO);
  const reachAct: number[] = [];
  const reachRet: number[] = [];
  for (const m of inRange) {
    const sorted = [...m.checkins].sort((a, b) => a - b);
    const firstAct = sorted.find((d) => d >= 1 && d <= 7);
    const retentionDays = sorted.filter((d) => d >= 8 && d <= 30);
    if (firstAct === undefined) continue;
    reachAct.push(firstAct - 1);
    if (retentionDays.length >= 3) reachRet.push(Math.max(firstAct, retentionDays[2]) - 1);
  }
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    if (s.length === 0) return null;
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const acquired = inRange.length;
  const activated = reachAct.length;
  const retained = reachRet.length;
  return [
    { key: 'acquired', count: acquired, stepConversion: 1, overallConversion: 1, dropOff: 0, medianDaysToReach: null },
    { key: 'activated', count: activated, stepConversion: activated / acquired, overallConversion: activated / acquired, dropOff: acquired - activated, medianDaysToReach: median(reachAct) },
    { key: 'retained', count: retained, stepConversion: retained / activated, overallConversion: retained / acquired, dropOff: activated - retained, medianDaysToReach: median(reachRet) },
    { key: 'converted', count: 0, stepConversion: 0, overallConversion: 0, dropOff: retained, medianDaysToReach: null },
  ];
}

describe('funnel.overview on a hand-built community', () => {
  beforeAll(async () => {
    for (const m of FIXTURE) {
      const joinDay = plus(J, m.join);
      await ok(m.id, 'member', { action: 'login', channel: m.channel }, at(joinDay));
    }
    // Check-ins in calendar order across members, as they would happen.
    const events = FIXTURE.flatMap((m) => m.checkins.map((n) => ({ id: m.id, day: plus(plus(J, m.join), n - 1) })));
    events.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    for (const e of events) await ok(e.id, 'checkin', { action: 'do', requestId: `fx-${e.id}-${e.day}` }, at(e.day));
  });

  it('counts the four stages with conversion, drop-off and median days, window edges included', async () => {
    const data = await ok(OWNER, 'funnel', { action: 'overview', from: FROM, to: TO });
    const expected = expectedStages(FIXTURE);
    // Sanity of the fixture itself: a, c, e, f activate; a, e, f retain.
    expect(expected.map((s) => s.count)).toEqual([6, 4, 3, 0]);
    expect(data.stages.map((s: { key: string }) => s.key)).toEqual(['acquired', 'activated', 'retained', 'converted']);
    for (const [i, stage] of data.stages.entries()) expect(stage).toMatchObject(expected[i]);
    expect(data.stages[3].availability).toEqual({ status: 'unavailable', reason: expect.stringContaining('付费会员') });
    expect(data.openWindows).toEqual({ activated: 0, retained: 0, converted: 0 });
  });

  it('counts members whose stage windows are still open', async () => {
    // On J+9 the last joiners (J+3) are on membership day 7: activation still open for them only.
    const early = await ok(OWNER, 'funnel', { action: 'overview', from: FROM, to: TO }, at(plus(J, 9)));
    expect(early.openWindows).toEqual({ activated: 2, retained: 6, converted: 6 });
    const later = await ok(OWNER, 'funnel', { action: 'overview', from: FROM, to: TO }, at(plus(J, 10)));
    expect(later.openWindows.activated).toBe(0);
  });

  it('breaks down by channel and filters by channel', async () => {
    const data = await ok(OWNER, 'funnel', { action: 'overview', from: FROM, to: TO });
    const byChannel = Object.fromEntries(data.channels.map((c: { channel: string }) => [c.channel, c]));
    expect(byChannel.group).toMatchObject({ acquired: 3, activated: 2, retained: 2 });
    expect(byChannel.poster).toMatchObject({ acquired: 2, activated: 1, retained: 0 });
    expect(byChannel.referral).toMatchObject({ acquired: 1, activated: 1, retained: 1 });
    const poster = await ok(OWNER, 'funnel', { action: 'overview', from: FROM, to: TO, channel: 'poster' });
    expect(poster.stages.map((s: { count: number }) => s.count)).toEqual([2, 1, 0, 0]);
    expect(data.weekly).toEqual([
      { week: '2026-08-31', acquired: 6 },
    ]);
  });

  it('fills the cohort matrix with the share active per week since joining', async () => {
    const data = await ok(OWNER, 'funnel', { action: 'cohorts', from: FROM, to: TO });
    const row = data.rows.find((r: { week: string }) => r.week === '2026-08-31');
    expect(row.members).toBe(6);
    // Week 0 (days 1–7): a, c, e, f active of 6; week 1 (days 8–14): a, b, e, f.
    expect(row.shares[0]).toBeCloseTo(4 / 6);
    expect(row.shares[1]).toBeCloseTo(4 / 6);
    // Week 4 (days 29–35): a (30) and c (30, 31).
    expect(row.shares[4]).toBeCloseTo(2 / 6);
  });

  it('stores the milestones on the member once, with the activity counted once per day', async () => {
    const a = await gw.store.get('members', memberIdFor('fx-a'));
    expect(a).toMatchObject({ lastActiveDay: plus(J, 29), funnel: { activatedDay: plus(J, 6), retainedDay: plus(J, 29), stage: 3 } });
    expect(typeof a?.activatedAt).toBe('string');
    const again = await gw.call('fx-a', 'checkin', { action: 'do', requestId: `fx-fx-a-${plus(J, 29)}` }, at(plus(J, 29)));
    expect(again.status).toBe(200);
    const after = await gw.store.get('members', memberIdFor('fx-a'));
    expect(after?.funnel).toEqual(a?.funnel);
    expect((after?.funnel as { activeDays: number }).activeDays).toBe(4);
  });

  it('repairs to the same rollups it keeps incrementally', async () => {
    const before = (await gw.store.find('funnelDaily', { limit: 100 })).docs.map(canonical);
    const repair = await ok(OWNER, 'cron', { action: 'recomputeFunnel', requestId: 'repair-0001' });
    expect(repair.changed).toBe(0);
    const after = (await gw.store.find('funnelDaily', { limit: 100 })).docs.map(canonical);
    expect(after).toEqual(before);
  });
});

describe('who may see the funnel', () => {
  const actions: Array<[string, Record<string, unknown>]> = [
    ['funnel', { action: 'overview', from: FROM, to: TO }],
    ['funnel', { action: 'cohorts', from: FROM, to: TO }],
    ['funnel', { action: 'metrics' }],
    ['funnel', { action: 'segments' }],
    ['funnel', { action: 'exportSegment', dimension: 'channel', value: 'group' }],
    ['cron', { action: 'recomputeFunnel', requestId: 'not-allowed-01' }],
  ];
  it.each([MEMBER, HOST])('gives %s FORBIDDEN on every funnel action', async (who) => {
    for (const [fn, event] of actions) {
      const r = await gw.call(who, fn, event, NOW);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
    expect(await gw.store.get('requests', `${memberIdFor(who)}:cron.recomputeFunnel:not-allowed-01`)).toBeNull();
  });

  it('rejects bad ranges and unknown fields with VALIDATION', async () => {
    const bad = [
      { action: 'overview', from: '2026-02-30', to: TO },
      { action: 'overview', from: TO, to: FROM },
      { action: 'overview', from: '2020-01-01', to: '2026-01-01' },
      { action: 'overview', from: FROM, to: TO, channel: 'tv' },
      { action: 'overview', from: FROM, to: TO, openid: OWNER },
      { action: 'exportSegment', dimension: 'joinMonth', value: '2026-13' },
      { action: 'exportSegment', dimension: 'tier', value: 'platinum' },
      { action: 'exportSegment', dimension: 'activity', value: 'sleepy' },
      { action: 'exportSegment', dimension: 'channel', value: 'tv' },
    ];
    for (const event of bad) {
      const r = await gw.call(OWNER, 'funnel', event, NOW);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION');
    }
  });
});

describe('metrics, segments and export', () => {
  it('reports figures with definitions and says which are not available yet', async () => {
    const data = await ok(OWNER, 'funnel', { action: 'metrics' });
    const byKey = Object.fromEntries(data.metrics.map((m: { key: string }) => [m.key, m]));
    expect(byKey.members.value).toBe(await gw.store.count('members'));
    expect(byKey.members.definition.length).toBeGreaterThan(4);
    // No lesson has ended, no VIP is on offer and renewals are not tracked in this fixture.
    for (const key of ['attendanceRate', 'satisfaction', 'conversionRate', 'renewalRate', 'questionResponse']) {
      expect(byKey[key]).toMatchObject({ value: null, availability: { status: 'unavailable' } });
    }
    expect(byKey.shares).toMatchObject({ value: 0, availability: { status: 'available' } });
    const issued = byKey.pointsIssued.value as number;
    expect(issued).toBeGreaterThan(0);
    expect(byKey.pointsOutstanding.value).toBe(issued - byKey.pointsRedeemed.value - byKey.pointsExpired.value);
  });

  it('lists members quiet for 14 days or more, longest quiet first, and exports them as CSV', async () => {
    const data = await ok(OWNER, 'funnel', { action: 'segments' });
    const quiet = data.inactive.members as Array<{ quietDays: number; id: string }>;
    expect(quiet.length).toBeGreaterThan(0);
    expect(quiet.every((m) => m.quietDays >= 14)).toBe(true);
    expect(quiet.map((m) => m.quietDays)).toEqual([...quiet.map((m) => m.quietDays)].sort((a, b) => b - a));
    expect(data.inactive.reachable).toBe(0);
    const csv = await ok(OWNER, 'funnel', { action: 'exportSegment', dimension: 'inactive', value: '' });
    const lines = csv.csv.trim().split('\n');
    expect(lines[0]).toBe('昵称,渠道,加入日期,最近活跃,未活跃天数,成员ID');
    expect(lines).toHaveLength(data.inactive.total + 1);
    expect(csv.rows).toBe(data.inactive.total);
  });

  it('cuts members by channel, activity and tier, each cut adding up to everyone and exporting its own members', async () => {
    const data = await ok(OWNER, 'funnel', { action: 'segments' });
    const members = await gw.store.count('members');
    const group = (d: string) => data.groups.find((g: { dimension: string }) => g.dimension === d);
    const sum = (d: string) => group(d).items.reduce((s: number, i: { count: number }) => s + i.count, 0);
    expect(sum('channel')).toBe(members);
    expect(sum('activity')).toBe(members);
    expect(sum('tier')).toBe(members);
    const normal = group('tier').items.find((i: { value: string }) => i.value === 'normal');
    const csv = await ok(OWNER, 'funnel', { action: 'exportSegment', dimension: 'tier', value: 'normal' });
    expect(csv.rows).toBe(normal.count);
    const never = group('activity').items.find((i: { value: string }) => i.value === 'never');
    const neverCsv = await ok(OWNER, 'funnel', { action: 'exportSegment', dimension: 'activity', value: 'never' });
    expect(neverCsv.rows).toBe(never.count);
    expect(neverCsv.csv).toContain(memberIdFor('fx-d'));
    expect(neverCsv.csv).not.toContain(memberIdFor('fx-a'));
  });

  it('puts members in the tier they hold (members.tier), not the one their lifetime points would reach', async () => {
    // fx-b has few lifetime points but holds 黄金 (e.g. kept through the downgrade grace).
    const id = memberIdFor('fx-b');
    await gw.store.transaction((tx) => tx.update('members', id, { tier: 'gold' }));
    expect((await gw.store.get('accounts', id))?.lifetimeEarned).toBeLessThan(2000);
    const data = await ok(OWNER, 'funnel', { action: 'segments' });
    const tiers = data.groups.find((g: { dimension: string }) => g.dimension === 'tier').items;
    expect(tiers.find((i: { value: string }) => i.value === 'gold').count).toBe(1);
    expect(tiers.reduce((s: number, i: { count: number }) => s + i.count, 0)).toBe(await gw.store.count('members'));
    const gold = await ok(OWNER, 'funnel', { action: 'exportSegment', dimension: 'tier', value: 'gold' });
    expect([gold.rows, gold.csv.includes(id)]).toEqual([1, true]);
    const normal = await ok(OWNER, 'funnel', { action: 'exportSegment', dimension: 'tier', value: 'normal' });
    expect(normal.csv).not.toContain(id);
    await gw.store.transaction((tx) => tx.update('members', id, { tier: 'normal' }));
  });
});

// ---- Randomized histories straight on the store: incremental rollups must equal a full recompute.

async function randomHistory(store: Store, seed: number, members: number): Promise<Map<string, { join: string; days: Set<string>; vip: string | null }>> {
  const rand = seededRandom(seed);
  const channels = ['referral', 'poster', 'group', 'lesson', 'organic'] as const;
  const truth = new Map<string, { join: string; days: Set<string>; vip: string | null }>();
  const events: Array<() => Promise<unknown>> = [];
  for (let i = 0; i < members; i += 1) {
    const id = `r_${seed}_${i}`;
    const join = plus('2026-01-05', Math.floor(rand() * 40));
    const channel = channels[Math.floor(rand() * channels.length)];
    const member: MemberDoc = { id, openid: id, nickname: id, role: 'member', inviteCode: id, channel, invitedBy: null, joinedAt: `${join}T02:00:00.000Z`, joinDay: join };
    await store.transaction(async (tx) => {
      await tx.create('members', member);
      await recordJoin(tx, member);
      await tx.create('accounts', { id, balance: 0, lifetimeEarned: 0, lots: [], nextExpiry: null, seq: 0, updatedAt: member.joinedAt });
    });
    const t = { join, days: new Set<string>(), vip: null as string | null };
    truth.set(id, t);
    const n = Math.floor(rand() * 14);
    for (let k = 0; k < n; k += 1) {
      // Days may repeat and arrive out of order (makeups), and some fall before joining.
      const d = plus(join, Math.floor(rand() * 45) - 2);
      const kind = (['checkin', 'lesson', 'redeem'] as const)[Math.floor(rand() * 3)];
      if (d >= join) t.days.add(d);
      events.push(() => store.transaction((tx) => recordActivity(tx, id, d, kind, new Date(`${d}T03:00:00Z`), DEFAULT_SETTINGS)));
    }
    if (rand() < 0.3) {
      const v = plus(join, Math.floor(rand() * 70));
      if (t.vip === null) t.vip = v;
      events.push(() => store.transaction((tx) => recordConversion(tx, id, new Date(`${v}T03:00:00Z`), DEFAULT_SETTINGS)));
    }
  }
  for (let i = events.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [events[i], events[j]] = [events[j], events[i]];
  }
  // Run in small parallel bursts: concurrency on the same rollups and members.
  for (let i = 0; i < events.length; i += 8) await Promise.all(events.slice(i, i + 8).map((e) => e()));
  return truth;
}

async function storedRollups(store: Store) {
  const out: ReturnType<typeof canonical>[] = [];
  let after: string | null = null;
  do {
    const page: { docs: FunnelDailyDoc[]; next: string | null } = await store.find('funnelDaily', { limit: 100, after });
    out.push(...page.docs.map(canonical));
    after = page.next;
  } while (after);
  return out;
}

async function everything<C extends CollectionName>(store: Store, collection: C): Promise<Array<DocOf<C>>> {
  const out: Array<DocOf<C>> = [];
  let after: string | null = null;
  do {
    const page: Page<DocOf<C>> = await store.find(collection, { limit: 100, after });
    out.push(...page.docs);
    after = page.next;
  } while (after);
  return out;
}

/** The monthly rollups kept beside the daily ones are exactly their sums. */
async function checkMonthly(store: Store) {
  const daily = await everything(store, 'funnelDaily');
  const months = await everything(store, 'funnelMonthly');
  const expected = monthlyFromDaily(daily);
  expect(months.map((m) => m.id).sort()).toEqual([...expected.keys()].sort());
  for (const m of months) expect(sameMonthly(m, expected.get(m.id) as FunnelMonthlyDoc)).toBe(true);
}

/** funnel.overview (monthly rollups inside, daily at the edges) against a recompute from the members. */
async function checkOverview(store: Store, from: string, to: string) {
  const owners = new Set(['rh-owner']);
  const runtime = { store, openid: 'rh-owner', now: new Date('2026-06-01T02:00:00Z'), ownerOpenids: owners };
  await invoke(FUNCTIONS.member, { action: 'login' }, runtime);
  const r = await invoke(FUNCTIONS.funnel, { action: 'overview', from, to }, runtime);
  if (!r.ok) throw new Error(r.error.message);
  const members = (await everything(store, 'members')).filter((m) => m.joinDay >= from && m.joinDay <= to);
  const raw = stageFigures(sumRollups(rollupsFromMembers(members.map((m) => ({ channel: m.channel, funnel: m.funnel as MemberFunnel }))).values()));
  expect((r.data as { stages: Array<Record<string, unknown>> }).stages.map(({ availability: _a, ...st }) => st)).toEqual(raw);
  const weekly = (r.data as { weekly: Array<{ acquired: number }> }).weekly;
  expect(weekly.reduce((sum, w) => sum + w.acquired, 0)).toBe(members.length);
}

async function checkAgainstTruth(store: Store, truth: Map<string, { join: string; days: Set<string>; vip: string | null }>) {
  await checkMonthly(store);
  for (const [id, t] of truth) {
    const m = await store.get('members', id);
    const f = m?.funnel as { activatedDay: string | null; retainedDay: string | null; activeDays: number };
    const md = [...t.days].map((d) => (Date.parse(d) - Date.parse(t.join)) / DAY_MS + 1);
    expect(f.activatedDay !== null).toBe(md.some((d) => d <= 7));
    expect(f.retainedDay !== null).toBe(md.filter((d) => d >= 8 && d <= 30).length >= 3);
    expect(f.activeDays).toBe(t.days.size);
  }
}

describe('rollups equal a full recompute after a randomized history', () => {
  it('on SQLite, with out-of-order days, repeats and parallel bursts', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'qunyun-funnel-'));
    const store = openSqliteStore(path.join(dir, 'f.sqlite'));
    try {
      const truth = await randomHistory(store, 11, 120);
      await checkAgainstTruth(store, truth);
      const incremental = await storedRollups(store);
      const total = incremental.reduce((s, r) => s + r.acquired, 0);
      expect(total).toBe(120);
      expect(incremental.some((r) => r.retained > 0)).toBe(true);
      expect(incremental.some((r) => r.converted > 0)).toBe(true);
      const repair = await recomputeFunnel(store);
      expect(repair).toMatchObject({ members: 120, changed: 0 });
      expect(await storedRollups(store)).toEqual(incremental);
      // The repair really repairs: a corrupted rollup is put back.
      const victim = incremental[0];
      await store.transaction((tx) => tx.update('funnelDaily', `${victim.joinDay}:${victim.channel}`, { acquired: 999 }));
      expect((await recomputeFunnel(store)).changed).toBe(1);
      expect(await storedRollups(store)).toEqual(incremental);
      await checkMonthly(store);
      await checkOverview(store, '2026-01-01', '2026-02-28');
      await checkOverview(store, '2026-01-12', '2026-02-17');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('on the CloudBase double that replays every body and injects conflicts', async () => {
    const db = createCloudDbDouble({ seed: 3, conflictRate: 0.3, maxRetries: 40 });
    const store = cloudbaseStore(db);
    const truth = await randomHistory(store, 5, 40);
    await checkAgainstTruth(store, truth);
    const incremental = await storedRollups(store);
    expect(incremental.reduce((s, r) => s + r.acquired, 0)).toBe(40);
    expect(db.stats.forcedReplays).toBeGreaterThan(0);
    expect((await recomputeFunnel(store)).changed).toBe(0);
  });
});

describe('check-ins feed the funnel under concurrency and replay', () => {
  it('counts 25 members checking in at once exactly once each, and a replayed check-in adds nothing', async () => {
    const day = '2026-10-05';
    const people = Array.from({ length: 25 }, (_, i) => `cc-${i}`);
    for (const p of people) await ok(p, 'member', { action: 'login', channel: 'lesson' }, at(day));
    const results = await Promise.all(people.flatMap((p) => [0, 1].map(() => gw.call(p, 'checkin', { action: 'do', requestId: `cc-${p}-0001` }, at(day)))));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const metrics = await ok(OWNER, 'funnel', { action: 'metrics' }, at(day));
    expect(metrics.metrics.find((m: { key: string }) => m.key === 'dau').value).toBe(25);
    const rollup = await gw.store.get('funnelDaily', `${day}:lesson`);
    expect(rollup).toMatchObject({ acquired: 25, activated: 25, activeByWeek: { 0: 25 } });
  });

  it('answers a replayed repair with the first result', async () => {
    const first = await ok(OWNER, 'cron', { action: 'recomputeFunnel', requestId: 'repair-replay-1' });
    await gw.store.transaction((tx) => tx.update('funnelDaily', '2026-10-05:lesson', { acquired: 1 }));
    const replay = await ok(OWNER, 'cron', { action: 'recomputeFunnel', requestId: 'repair-replay-1' });
    expect(replay).toEqual(first);
    expect((await gw.store.get('funnelDaily', '2026-10-05:lesson'))?.acquired).toBe(1);
    const fresh = await ok(OWNER, 'cron', { action: 'recomputeFunnel', requestId: 'repair-replay-2' });
    expect(fresh.changed).toBe(1);
    expect((await gw.store.get('funnelDaily', '2026-10-05:lesson'))?.acquired).toBe(25);
  });
});

describe('recordConversion (paid VIP, not yet wired)', () => {
  it('moves a retained member to 转化 once, inside the window', async () => {
    const id = memberIdFor('fx-a');
    const converted = await gw.store.transaction((tx) => recordConversion(tx, id, new Date(`${plus(J, 40)}T03:00:00Z`), DEFAULT_SETTINGS));
    expect(converted).toBe(true);
    const twice = await gw.store.transaction((tx) => recordConversion(tx, id, new Date(`${plus(J, 41)}T03:00:00Z`), DEFAULT_SETTINGS));
    expect(twice).toBe(false);
    const data = await ok(OWNER, 'funnel', { action: 'overview', from: FROM, to: TO });
    expect(data.stages[3]).toMatchObject({ count: 1, medianDaysToReach: 40 });
    const late = await gw.store.transaction((tx) => recordConversion(tx, memberIdFor('fx-e'), new Date(`${plus(J, 3 + 60)}T03:00:00Z`), DEFAULT_SETTINGS));
    expect(late).toBe(false);
    const after = await ok(OWNER, 'funnel', { action: 'overview', from: FROM, to: TO });
    expect(after.stages[3].count).toBe(1);
  });
});

describe('once paid VIP is on sale', () => {
  it('knows the capability from the VIP plans, not from the mall: a VIP-days item alone changes nothing', async () => {
    await gw.store.transaction((tx) =>
      tx.create('items', { id: 'vip-7', title: '7 天付费会员', listed: true, createdAt: '2026-08-01T00:00:00.000Z', kind: 'virtual', virtual: { type: 'vip_days', amount: 7 } } as unknown as DocOf<'items'>),
    );
    const before = await ok(OWNER, 'funnel', { action: 'overview', from: FROM, to: TO });
    expect(before.stages[3].availability.status).toBe('unavailable');
    await gw.store.transaction((tx) => tx.set('settings', { id: 'community', vip: DEFAULT_VIP_SETTINGS }));
    // An owner's grant, with plans on sale and no VIP item in the mall: 转化 is live.
    await gw.store.transaction((tx) => tx.delete('items', 'vip-7'));
    expect((await gw.call(OWNER, 'vip', { action: 'grant', requestId: 'fx-grant-0001', memberId: memberIdFor(MEMBER), days: 30, note: '嘉宾' }, NOW)).status).toBe(200);
    const after = await ok(OWNER, 'funnel', { action: 'overview', from: FROM, to: TO });
    expect(after.stages[3].availability).toEqual({ status: 'available' });
  });

  it('shows 转化 as a real figure and the conversion rate of members whose window has closed', async () => {
    const data = await ok(OWNER, 'funnel', { action: 'overview', from: FROM, to: TO });
    expect(data.stages[3]).toMatchObject({ key: 'converted', count: 1, availability: { status: 'available' } });
    const metrics = await ok(OWNER, 'funnel', { action: 'metrics' });
    const rate = metrics.metrics.find((m: { key: string }) => m.key === 'conversionRate');
    // Joined 06-28..09-25 (60-day window closed by 11-24): owner, host, member and the 8 fixture
    // members; only fx-a paid within 60 days (fx-e paid on day 61).
    expect(rate).toMatchObject({ availability: { status: 'available' } });
    expect(rate.value).toBeCloseTo(1 / 11);
    expect(metrics.metrics.find((m: { key: string }) => m.key === 'renewalRate').availability.status).toBe('unavailable');
  });
});

describe('invoke without HTTP', () => {
  it('refuses a caller with no identity', async () => {
    const r = await invoke(FUNCTIONS.funnel, { action: 'metrics' }, { store: gw.store, openid: null, now: new Date(NOW), ownerOpenids: new Set([OWNER]) });
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
