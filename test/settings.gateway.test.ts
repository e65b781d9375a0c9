import { memberIdFor } from '../src/server/kernel/ids';
import { startGateway, type TestGateway } from './support/gateway';

// Check-in rules as settings: members read them, only the owner changes them, every change is logged.
let gw: TestGateway;
const OWNER = 'settings-owner';
const HOST = 'settings-host';
const MEMBER = 'settings-member';

const DEFAULT_RULES = {
  basePoints: 5,
  milestones: [
    { day: 7, bonus: 20 },
    { day: 14, bonus: 40 },
    { day: 21, bonus: 60 },
    { day: 30, bonus: 100 },
  ],
  dailyCap: null,
  makeup: { windowDays: 3, monthlyQuota: 2, costPoints: 20 },
};

let seq = 0;
function rid(): string {
  seq += 1;
  return `settings-req-${seq}`;
}

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  for (const who of [OWNER, HOST, MEMBER]) await gw.call(who, 'member', { action: 'login' });
  await gw.call(OWNER, 'member', { action: 'setRole', requestId: rid(), memberId: memberIdFor(HOST), role: 'host' });
});
/** Changes in the owner's settings log (all pages). */
async function logSize(): Promise<number> {
  let n = 0;
  let after: string | null = null;
  do {
    const page: { body: { data: { entries: unknown[]; next: string | null } } } = await gw.call(OWNER, 'settings', { action: 'log', limit: 100, ...(after ? { after } : {}) });
    n += page.body.data.entries.length;
    after = page.body.data.next;
  } while (after);
  return n;
}

afterAll(async () => {
  await gw.close();
});

async function rules() {
  return (await gw.call(MEMBER, 'settings', { action: 'get' })).body.data.checkin;
}

describe('settings', () => {
  it('lets every member read the default check-in rules', async () => {
    const r = await gw.call(MEMBER, 'settings', { action: 'get' });
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ name: '群运示范社群', timezone: 'Asia/Shanghai', checkin: DEFAULT_RULES });
  });

  it('refuses rule changes and the change log to members and hosts', async () => {
    for (const who of [MEMBER, HOST]) {
      const r = await gw.call(who, 'settings', { action: 'updateCheckinRules', requestId: rid(), rules: { ...DEFAULT_RULES, basePoints: 50 } });
      expect([r.status, r.body.error.code]).toEqual([403, 'FORBIDDEN']);
      expect((await gw.call(who, 'settings', { action: 'log' })).body.error.code).toBe('FORBIDDEN');
    }
    expect(await rules()).toEqual(DEFAULT_RULES);
    expect(await logSize()).toBe(0);
  });

  it('rejects out-of-range rules with VALIDATION and changes nothing', async () => {
    const bad: unknown[] = [
      { ...DEFAULT_RULES, basePoints: 1001 },
      { ...DEFAULT_RULES, basePoints: -1 },
      { ...DEFAULT_RULES, basePoints: 2.5 },
      { ...DEFAULT_RULES, milestones: Array.from({ length: 11 }, (_, i) => ({ day: i + 2, bonus: 1 })) },
      { ...DEFAULT_RULES, milestones: [{ day: 1, bonus: 5 }] },
      { ...DEFAULT_RULES, milestones: [{ day: 366, bonus: 5 }] },
      { ...DEFAULT_RULES, milestones: [{ day: 7, bonus: 0 }] },
      { ...DEFAULT_RULES, milestones: [{ day: 7, bonus: 10001 }] },
      { ...DEFAULT_RULES, milestones: [{ day: 7, bonus: 5 }, { day: 7, bonus: 6 }] },
      { ...DEFAULT_RULES, dailyCap: 4 },
      { ...DEFAULT_RULES, makeup: { ...DEFAULT_RULES.makeup, windowDays: 0 } },
      { ...DEFAULT_RULES, makeup: { ...DEFAULT_RULES.makeup, windowDays: 8 } },
      { ...DEFAULT_RULES, makeup: { ...DEFAULT_RULES.makeup, monthlyQuota: 11 } },
      { ...DEFAULT_RULES, makeup: { ...DEFAULT_RULES.makeup, costPoints: 1001 } },
      { ...DEFAULT_RULES, extra: true },
      { basePoints: 5 },
    ];
    for (const r of bad) {
      const res = await gw.call(OWNER, 'settings', { action: 'updateCheckinRules', requestId: rid(), rules: r });
      expect([JSON.stringify(r), res.body.error?.code]).toEqual([JSON.stringify(r), 'VALIDATION']);
    }
    expect((await gw.call(OWNER, 'settings', { action: 'updateCheckinRules', rules: DEFAULT_RULES })).body.error.code).toBe('VALIDATION');
    expect(await rules()).toEqual(DEFAULT_RULES);
    expect(await logSize()).toBe(0);
  });

  it('applies the owner’s change from the next check-in and logs who, when, old → new once per request', async () => {
    const early = 'settings-early';
    await gw.call(early, 'member', { action: 'login' });
    expect((await gw.call(early, 'checkin', { action: 'do', requestId: rid() }, '2026-07-01T02:00:00Z')).body.data.awarded).toBe(5);

    const next = { ...DEFAULT_RULES, basePoints: 8, milestones: [{ day: 3, bonus: 30 }, { day: 2, bonus: 10 }], dailyCap: 30 };
    const event = { action: 'updateCheckinRules', requestId: 'settings-change-0001', rules: next };
    const r = await gw.call(OWNER, 'settings', event, '2026-07-01T03:00:00Z');
    expect(r.status).toBe(200);
    const sorted = { ...next, milestones: [{ day: 2, bonus: 10 }, { day: 3, bonus: 30 }] };
    expect(r.body.data).toEqual({ checkin: sorted, changed: true });
    expect((await gw.call(OWNER, 'settings', event, '2026-07-01T03:00:00Z')).body).toEqual(r.body);
    expect(await rules()).toEqual(sorted);

    expect((await gw.call(early, 'checkin', { action: 'do', requestId: rid() }, '2026-07-02T02:00:00Z')).body.data.awarded).toBe(18);
    expect((await gw.call(early, 'checkin', { action: 'do', requestId: rid() }, '2026-07-03T02:00:00Z')).body.data.awarded).toBe(30);

    const log = await gw.call(OWNER, 'settings', { action: 'log' });
    expect(log.body.data.entries).toHaveLength(1);
    expect(log.body.data.entries[0]).toMatchObject({ at: '2026-07-01T03:00:00.000Z', byId: memberIdFor(OWNER), section: 'checkin', before: DEFAULT_RULES, after: sorted });

    const same = await gw.call(OWNER, 'settings', { action: 'updateCheckinRules', requestId: rid(), rules: sorted });
    expect(same.body.data.changed).toBe(false);
    expect(await logSize()).toBe(1);
  });

  it('keeps other settings sections when the check-in rules are saved', async () => {
    await gw.store.transaction(async (tx) => {
      const doc = await tx.get('settings', 'community');
      await tx.set('settings', { ...(doc ?? { id: 'community' }), name: '读书会' });
    });
    await gw.call(OWNER, 'settings', { action: 'updateCheckinRules', requestId: rid(), rules: DEFAULT_RULES }, '2026-07-04T03:00:00Z');
    const r = await gw.call(MEMBER, 'settings', { action: 'get' });
    expect(r.body.data).toEqual({ name: '读书会', timezone: 'Asia/Shanghai', checkin: DEFAULT_RULES });
    const log = (await gw.call(OWNER, 'settings', { action: 'log' })).body.data.entries;
    expect(log.map((e: { at: string }) => e.at)).toEqual(['2026-07-04T03:00:00.000Z', '2026-07-01T03:00:00.000Z']);
  });

  it('chains old → new correctly when owners save concurrently', async () => {
    const before = await logSize();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => gw.call(OWNER, 'settings', { action: 'updateCheckinRules', requestId: rid(), rules: { ...DEFAULT_RULES, basePoints: 100 + i } })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const entries = (await gw.call(OWNER, 'settings', { action: 'log', limit: 100 })).body.data.entries.slice(0, 10) as Array<{ before: { basePoints: number }; after: { basePoints: number } }>;
    expect(await logSize()).toBe(before + 10);
    // Every change starts from what the previous one left: the bases form one chain from 5.
    const next = new Map(entries.map((e) => [e.before.basePoints, e.after.basePoints]));
    let base = 5;
    for (let i = 0; i < 10; i += 1) base = next.get(base) ?? -1;
    expect(base).toBe((await rules()).basePoints);
  });
});
