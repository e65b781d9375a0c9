import { memberIdFor } from '../src/server/kernel/ids';
import { DEFAULT_VIP_SETTINGS } from '../src/core/tiers';
import { startGateway, type TestGateway } from './support/gateway';

// The owner's funnel filtered by the group members were acquired through (issue 15): its figures
// must equal a recount of that group's members from their join and check-in days.
let gw: TestGateway;
const OWNER = 'fg-owner';
const J = '2026-09-01';
const NOW = '2026-11-24T10:00:00+08:00';
const DAY_MS = 86_400_000;
const plus = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const at = (day: string, hour = 10) => `${day}T${String(hour).padStart(2, '0')}:00:00+08:00`;

async function ok(openid: string, fn: string, event: Record<string, unknown>, now = NOW) {
  const r = await gw.call(openid, fn, event, now);
  if (r.status !== 200) throw new Error(`${fn}.${String(event.action)}: ${JSON.stringify(r.body)}`);
  return r.body.data;
}

/** A member: join day offset, channel, the group entered on the join day, check-ins as membership days. */
interface Fixture {
  id: string;
  join: number;
  channel: string;
  group: 'A' | 'B' | null;
  checkins: number[];
}
const FIXTURE: Fixture[] = [
  { id: 'fg-a', join: 0, channel: 'group', group: 'A', checkins: [1, 8, 9, 12] }, // activated, retained
  { id: 'fg-b', join: 0, channel: 'group', group: 'A', checkins: [8, 9, 10] }, // too late to activate
  { id: 'fg-c', join: 2, channel: 'group', group: 'A', checkins: [3] }, // activated only
  { id: 'fg-d', join: 3, channel: 'group', group: 'A', checkins: [] },
  { id: 'fg-e', join: 1, channel: 'group', group: 'B', checkins: [1, 8, 9, 10] },
  { id: 'fg-f', join: 1, channel: 'organic', group: 'A', checkins: [1] }, // seen in A, but not acquired through it
  { id: 'fg-g', join: 9, channel: 'group', group: 'A', checkins: [1] }, // outside the range
];
const FROM = J;
const TO = plus(J, 3);
const groupIds: Record<'A' | 'B', string> = { A: '', B: '' };

/** The stage counts of the fixture members acquired through `group` in range, from the definitions. */
function recount(group: 'A' | 'B'): number[] {
  const mine = FIXTURE.filter((m) => m.channel === 'group' && m.group === group && plus(J, m.join) >= FROM && plus(J, m.join) <= TO);
  let activated = 0;
  let retained = 0;
  for (const m of mine) {
    const first = m.checkins.find((d) => d >= 1 && d <= 7);
    if (first === undefined) continue;
    activated += 1;
    if (m.checkins.filter((d) => d >= 8 && d <= 30).length >= 3) retained += 1;
  }
  return [mine.length, activated, retained, 0];
}

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  await gw.store.transaction((tx) => tx.set('settings', { id: 'community', vip: { ...DEFAULT_VIP_SETTINGS, plans: [] } }));
  await ok(OWNER, 'member', { action: 'login' }, at('2026-08-01'));
  for (const m of FIXTURE) {
    const joinDay = plus(J, m.join);
    await ok(m.id, 'member', { action: 'login', channel: m.channel }, at(joinDay, 9));
    if (m.group) {
      const entered = await ok(m.id, 'group', { action: 'enter', requestId: `fg-enter-${m.id}`, cloudID: `local:fg-group-${m.group}` }, at(joinDay, 10));
      groupIds[m.group] = entered.group.id;
    }
  }
  const events = FIXTURE.flatMap((m) => m.checkins.map((n) => ({ id: m.id, day: plus(plus(J, m.join), n - 1) })));
  events.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  for (const e of events) await ok(e.id, 'checkin', { action: 'do', requestId: `fg-${e.id}-${e.day}` }, at(e.day, 11));
}, 60_000);
afterAll(async () => {
  await gw.close();
});

describe('funnel filtered by group', () => {
  it('counts only members acquired through the group, equal to a recount of them', async () => {
    expect(recount('A')).toEqual([4, 2, 1, 0]);
    for (const g of ['A', 'B'] as const) {
      const data = await ok(OWNER, 'funnel', { action: 'overview', from: FROM, to: TO, groupId: groupIds[g] });
      expect(data.groupId).toBe(groupIds[g]);
      expect(data.stages.map((s: { count: number }) => s.count)).toEqual(recount(g));
      expect(data.weekly.reduce((s: number, w: { acquired: number }) => s + w.acquired, 0)).toBe(recount(g)[0]);
    }
    const all = await ok(OWNER, 'funnel', { action: 'overview', from: FROM, to: TO });
    expect(all.stages[0].count).toBe(6);
    // A channel filter other than 群 leaves nobody acquired through a group.
    const poster = await ok(OWNER, 'funnel', { action: 'overview', from: FROM, to: TO, groupId: groupIds.A, channel: 'poster' });
    expect(poster.stages[0].count).toBe(0);
  });

  it('fills the cohort matrix from the group members only', async () => {
    const data = await ok(OWNER, 'funnel', { action: 'cohorts', from: FROM, to: TO, groupId: groupIds.A });
    const row = data.rows.find((r: { week: string }) => r.week === '2026-08-31');
    expect(row.members).toBe(4);
    // Week 0 (days 1–7): a and c of 4; week 1 (days 8–14): a and b.
    expect(row.shares[0]).toBeCloseTo(2 / 4);
    expect(row.shares[1]).toBeCloseTo(2 / 4);
  });

  it("answers the group's own metrics", async () => {
    const data = await ok(OWNER, 'funnel', { action: 'metrics', groupId: groupIds.A }, at(plus(J, 5), 20));
    const byKey = Object.fromEntries(data.metrics.map((m: { key: string; value: number | null }) => [m.key, m.value]));
    // Everyone who entered A is on its list (a, b, c, d, f, g); g joined after this day.
    const listed = FIXTURE.filter((m) => m.group === 'A').length;
    expect(byKey.groupSeen).toBe(listed);
    expect(byKey.groupMembers).toBe(listed);
    expect(byKey.groupJoined30).toBe(4);
    const todays = FIXTURE.filter((m) => m.group === 'A' && m.checkins.some((n) => plus(plus(J, m.join), n - 1) === plus(J, 5))).length;
    expect(byKey.groupCheckinRateToday).toBeCloseTo(todays / listed);
    const week = FIXTURE.filter((m) => m.group === 'A' && m.join <= 4).reduce((s, m) => s + m.checkins.filter((n) => {
      const d = plus(plus(J, m.join), n - 1);
      return d >= plus(J, -2) && d <= plus(J, 4);
    }).length, 0);
    expect(byKey.groupCheckinRate7).toBeCloseTo(week / (7 * listed));
    expect(data.groupId).toBe(groupIds.A);
  });

  it('refuses an unknown or malformed groupId with VALIDATION in Chinese', async () => {
    const bad: Array<Record<string, unknown>> = [
      { action: 'overview', from: FROM, to: TO, groupId: 'g_doesnotexist' },
      { action: 'overview', from: FROM, to: TO, groupId: 'DROP TABLE' },
      { action: 'cohorts', from: FROM, to: TO, groupId: 42 },
      { action: 'cohorts', from: FROM, to: TO, groupId: 'g_nope' },
      { action: 'metrics', groupId: 'g_nope' },
      { action: 'metrics', groupId: '' },
    ];
    for (const event of bad) {
      const r = await gw.call(OWNER, 'funnel', event, NOW);
      expect(r.body.error.code).toBe('VALIDATION');
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('keeps the filter to owners', async () => {
    const r = await gw.call('fg-a', 'funnel', { action: 'overview', from: FROM, to: TO, groupId: groupIds.A }, NOW);
    expect(r.body.error.code).toBe('FORBIDDEN');
    expect((await gw.store.get('members', memberIdFor('fg-f')))?.joinGroupId).toBeUndefined();
  });
});
