import { addDays } from '../src/core/day';
import { memberIdFor } from '../src/server/kernel/ids';
import type { DocOf, Page } from '../src/server/store/port';
import { startGateway, testStoreKind, type TestGateway } from './support/gateway';
import { seededRandom } from '../src/core/prng';

// Many members, thousands of mixed ledger operations fired in parallel batches with random
// replays of earlier requestIds; afterwards the owner audit must be clean and replays must have
// changed nothing.
let gw: TestGateway;
const OWNER = 'rnd-owner';
const HOST = 'rnd-host';
const MEMBERS = 40;
// On the CloudBase double every body is replayed and contended documents conflict and back off for
// real, so fewer, smaller batches (still past the 30-day expiry) keep the suite's time in bounds;
// the thresholds below scale with the number of operations.
const BATCHES = testStoreKind() === 'cloudbase' ? 12 : 40;
const PER_BATCH = testStoreKind() === 'cloudbase' ? 30 : 60;
const SCALE = (BATCHES * PER_BATCH) / 2400;

interface Op {
  actor: string;
  fn: string;
  event: Record<string, unknown>;
  at: string;
}

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  await gw.store.transaction((tx) => tx.set('settings', { id: 'community', points: { expiry: { kind: 'rolling', days: 30 } } }));
  await gw.call(OWNER, 'member', { action: 'login' }, '2026-01-01T00:00:00Z');
  await gw.call(HOST, 'member', { action: 'login' }, '2026-01-01T00:00:00Z');
  await gw.call(OWNER, 'member', { action: 'setRole', requestId: 'rnd-host-role', memberId: memberIdFor(HOST), role: 'host' }, '2026-01-01T00:00:00Z');
  for (let i = 0; i < MEMBERS; i += 1) await gw.call(`rnd-m${i}`, 'member', { action: 'login' }, '2026-01-01T00:00:00Z');
});
afterAll(async () => {
  await gw.close();
});

it('keeps every invariant under thousands of parallel mixed operations with replays', async () => {
  const rand = seededRandom(424242);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const firstResult = new Map<string, string>();
  const completed: Op[] = [];
  const deductions: string[] = [];
  let replays = 0;
  let lastAt = '2026-01-01T00:00:00Z';

  for (let b = 0; b < BATCHES; b += 1) {
    const ops: Op[] = [];
    for (let i = 0; i < PER_BATCH; i += 1) {
      // Time moves forward a few days a batch, with overlap, so lots expire along the way.
      const day = addDays('2026-01-02', b * 3 + Math.floor(rand() * 5));
      const at = `${day}T${String(1 + Math.floor(rand() * 14)).padStart(2, '0')}:00:00Z`;
      if (at > lastAt) lastAt = at;
      const member = `rnd-m${Math.floor(rand() * MEMBERS)}`;
      const id = `batch${b}-op${i}`;
      const r = rand();
      if (completed.length > 0 && r < 0.15) {
        ops.push(pick(completed));
        replays += 1;
      } else if (r < 0.45) {
        ops.push({ actor: member, fn: 'checkin', event: { action: 'do', requestId: `ck-${id}` }, at });
      } else if (r < 0.65) {
        ops.push({ actor: HOST, fn: 'points', event: { action: 'adjust', requestId: `grant-${id}`, memberId: memberIdFor(member), delta: 1 + Math.floor(rand() * 50), reason: '随机奖励' }, at });
      } else if (r < 0.85) {
        ops.push({ actor: HOST, fn: 'points', event: { action: 'adjust', requestId: `spend-${id}`, memberId: memberIdFor(member), delta: -(1 + Math.floor(rand() * 40)), reason: '随机扣减' }, at });
      } else if (r < 0.95 && deductions.length > 0) {
        ops.push({ actor: OWNER, fn: 'points', event: { action: 'reverse', requestId: `rev-${id}`, entryId: pick(deductions), reason: '随机退回' }, at });
      } else {
        ops.push({ actor: OWNER, fn: 'cron', event: { action: 'run', job: 'expirePoints' }, at });
      }
    }
    const results = await Promise.all(ops.map((op) => gw.call(op.actor, op.fn, op.event, op.at)));
    results.forEach((res, i) => {
      const op = ops[i];
      if (![200, 404, 409].includes(res.status)) throw new Error(`unexpected ${res.status} for ${JSON.stringify(op)}: ${JSON.stringify(res.body)}`);
      const requestId = op.event.requestId as string | undefined;
      if (!requestId || !res.body.ok) return;
      const key = `${op.actor}:${op.fn}:${requestId}`;
      const body = JSON.stringify(res.body);
      const first = firstResult.get(key);
      if (first === undefined) {
        firstResult.set(key, body);
        completed.push(op);
        if (requestId.startsWith('spend-')) deductions.push(res.body.data.entry.id);
      } else {
        expect(body).toBe(first);
      }
    });
  }

  const ok = (prefix: string) => [...firstResult.keys()].filter((k) => k.includes(`:${prefix}`)).length;
  // BATCHES × PER_BATCH = 2,400 operations fired (360 on the double); most succeed, the rest are refusals (e.g. not enough points).
  expect(completed.length + replays).toBeGreaterThan(1500 * SCALE);
  expect(replays).toBeGreaterThan(200 * SCALE);
  expect(ok('ck-')).toBeGreaterThan(300 * SCALE);
  expect(ok('spend-')).toBeGreaterThan(100 * SCALE);
  expect(ok('rev-')).toBeGreaterThan(20 * SCALE);

  // Replays changed nothing: one ledger line per successful write request, no more.
  const count = async (reason: string, note?: string) => {
    let n = 0;
    let after: string | null = null;
    do {
      const page: Page<DocOf<'ledger'>> = await gw.store.find('ledger', { where: { memberId: { $in: Array.from({ length: MEMBERS }, (_, i) => memberIdFor(`rnd-m${i}`)) } }, limit: 100, after });
      n += page.docs.filter((d) => d.reason === reason && (note === undefined || d.note === note)).length;
      after = page.next;
    } while (after);
    return n;
  };
  expect(await count('checkin')).toBe(ok('ck-'));
  expect(await count('manual', '随机奖励')).toBe(ok('grant-'));
  expect(await count('manual', '随机扣减')).toBe(ok('spend-'));
  expect(await count('manual', '随机退回')).toBe(ok('rev-'));
  expect(await count('expire')).toBeGreaterThan(0);

  const audit = await gw.call(OWNER, 'points', { action: 'audit' }, lastAt);
  expect(audit.body.data.mismatches).toEqual([]);
  expect(audit.body.data.checkedAccounts).toBe(MEMBERS + 2);
  const liability = await gw.call(OWNER, 'points', { action: 'liability' }, lastAt);
  let sum = 0;
  for (let i = 0; i < MEMBERS; i += 1) sum += ((await gw.store.get('accounts', memberIdFor(`rnd-m${i}`))) as unknown as { balance: number }).balance;
  expect(liability.body.data.outstanding).toBe(sum);
});
