import type { AddressInfo } from 'node:net';
import { withDefaults } from '../src/core/settings';
import { FUNCTIONS } from '../src/server/functions';
import { createGateway } from '../src/server/local/gateway';
import { memberIdFor } from '../src/server/kernel/ids';
import { markVipPaid, simulatePayment } from '../src/server/domain/payment';
import { startGateway, type TestGateway } from './support/gateway';

// Tiers and paid VIP through the local gateway on a real SQLite file: growth over a rolling
// window, upgrades at once, downgrades one step after grace, multiplier once, VIP grants once per
// requestId, reminders once per expiry.
let gw: TestGateway;
const OWNER = 'vip-owner';
const HOST = 'vip-host';
const NOW = '2026-11-24T04:00:00Z';

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  await gw.call(OWNER, 'member', { action: 'login' }, NOW);
  await gw.call(HOST, 'member', { action: 'login' }, NOW);
  await gw.call(OWNER, 'member', { action: 'setRole', requestId: 'vip-host-role', memberId: memberIdFor(HOST), role: 'host' }, NOW);
});
afterAll(async () => {
  await gw.close();
});

let seq = 0;
const rid = (p: string) => `${p}-${String(++seq).padStart(6, '0')}`;

async function member(label: string, points = 0, at = NOW): Promise<string> {
  const openid = `vip-${label}-${++seq}`;
  expect((await gw.call(openid, 'member', { action: 'login' }, at)).status).toBe(200);
  if (points > 0) await credit(openid, points, at);
  return openid;
}

async function credit(openid: string, points: number, at = NOW) {
  const r = await gw.call(OWNER, 'points', { action: 'adjust', requestId: rid('fund'), memberId: memberIdFor(openid), delta: points, reason: '测试积分' }, at);
  expect(r.status).toBe(200);
}

async function status(openid: string, at = NOW) {
  const r = await gw.call(openid, 'vip', { action: 'status' }, at);
  expect(r.status).toBe(200);
  return r.body.data;
}

const cron = (job: string, at: string) => gw.call(OWNER, 'cron', { action: 'run', job }, at);
const grant = (openid: string, caller: string, extra: Record<string, unknown> = {}, at = NOW) =>
  gw.call(caller, 'vip', { action: 'grant', requestId: rid('grant'), memberId: memberIdFor(openid), days: 30, note: '线下转账 99 元', ...extra }, at);
/** The member's stored tier key, as their tier page shows it (the tier itself, not the VIP floor). */
const tierOf = async (openid: string, at = NOW): Promise<string> => (await status(openid, at)).tier.key;
/** The member's paid-VIP expiry as their tier page shows it (null when not VIP). */
const vipUntilOf = async (openid: string): Promise<string | null> => (await status(openid)).vip.until;
/** Grace and funnel bookkeeping of a member (no action shows them as stored). */
const stored = (openid: string) => gw.store.get('members', memberIdFor(openid)) as Promise<Record<string, any> | null>;
/** Renewal reminders to a member, as the owner's outbox lists them. */
async function outboxFor(openid: string): Promise<Array<{ id: string; kind: string; state: string }>> {
  const page = await gw.call(OWNER, 'lessons', { action: 'outbox', limit: 100 }, NOW);
  return page.body.data.messages.filter((d: { memberId: string }) => d.memberId === memberIdFor(openid)).reverse();
}

describe('growth and tiers', () => {
  it('upgrades at once and counts growth over the rolling window to the day', async () => {
    const m = await member('window', 600);
    const s = await status(m);
    expect(s.tier.key).toBe('silver');
    expect(s.growth).toBe(600);
    expect(s.next).toMatchObject({ key: 'gold', need: 1400 });
    // Credited on 2026-11-24 (community day): counts through 2027-11-23, not on 2027-11-24.
    expect((await status(m, '2027-11-23T04:00:00Z')).growth).toBe(600);
    const after = await status(m, '2027-11-24T04:00:00Z');
    expect(after.growth).toBe(0);
    expect(after.tier.key).toBe('silver'); // downgrades only come from the evaluation
    expect(after.preview).toMatchObject({ name: '白银', need: 500 });
  });

  it('does not count spending, refunds or reversals as growth', async () => {
    const m = await member('refund', 300);
    const history = (await gw.call(m, 'points', { action: 'history' }, NOW)).body.data.entries;
    const r = await gw.call(OWNER, 'points', { action: 'reverse', requestId: rid('rev'), entryId: history[0].id, reason: '发错了' }, NOW);
    expect(r.status).toBe(200);
    expect((await status(m)).growth).toBe(300);
  });

  it('applies the tier multiplier exactly once per check-in reward, replay included', async () => {
    const m = await member('gold', 2000);
    expect((await status(m)).tier.key).toBe('gold');
    const today = (await gw.call(m, 'checkin', { action: 'today' }, NOW)).body.data;
    expect(today.todayReward).toBe(6); // base 5 × 1.2
    const event = { action: 'do', requestId: rid('ci') };
    const first = await gw.call(m, 'checkin', event, NOW);
    expect(first.body.data.awarded).toBe(6);
    expect(first.body.data.balance).toBe(2006);
    const again = await gw.call(m, 'checkin', event, NOW);
    expect(again.body).toEqual(first.body);
    const entries = (await gw.call(m, 'points', { action: 'history' }, NOW)).body.data.entries;
    expect(entries.filter((e: { reason: string }) => e.reason === 'checkin').map((e: { delta: number }) => e.delta)).toEqual([6]);
    expect((await status(m)).growth).toBe(2006);
    const plain = await member('plain');
    expect((await gw.call(plain, 'checkin', { action: 'do', requestId: rid('ci') }, NOW)).body.data.awarded).toBe(5);
  });

  it('downgrades one step, only after the grace, once even when cron runs twice at once', async () => {
    const m = await member('diamond', 5000);
    expect(await tierOf(m)).toBe('diamond');
    // 2027-12-01: growth has left the window -> grace starts, tier kept.
    await Promise.all([cron('evaluateTiers', '2027-12-01T02:00:00Z'), cron('evaluateTiers', '2027-12-01T02:00:00Z')]);
    let doc = await stored(m);
    expect(doc).toMatchObject({ tier: 'diamond', graceUntil: '2027-12-31', tierReviewDue: '2028-01-01' });
    const preview = (await status(m, '2027-12-01T02:00:00Z')).preview;
    expect(preview).toMatchObject({ need: 5000, days: 30, inGrace: true, text: '30 天内再获得 5000 成长值可保持钻石' });
    await cron('evaluateTiers', '2027-12-20T02:00:00Z');
    expect(await tierOf(m)).toBe('diamond');
    const overview = (await gw.call(OWNER, 'vip', { action: 'overview' }, '2027-12-20T02:00:00Z')).body.data;
    expect(overview.wouldDowngrade.map((d: { memberId: string }) => d.memberId)).toContain(memberIdFor(m));
    // 2028-01-01: past the grace -> exactly one step down, even with two runs in parallel.
    const runs = await Promise.all([cron('evaluateTiers', '2028-01-01T02:00:00Z'), cron('evaluateTiers', '2028-01-01T02:00:00Z')]);
    expect(runs.reduce((s, r) => s + r.body.data.points, 0)).toBeGreaterThanOrEqual(1);
    doc = await stored(m);
    expect(doc).toMatchObject({ tier: 'gold', graceUntil: '2028-01-31', tierReviewDue: '2028-02-01' });
    await cron('evaluateTiers', '2028-01-15T02:00:00Z');
    expect(await tierOf(m)).toBe('gold');
  });

  it('ends the grace when the member earns the tier back', async () => {
    const m = await member('recover', 500);
    await cron('evaluateTiers', '2027-12-01T03:00:00Z');
    expect((await stored(m))?.graceUntil).toBe('2027-12-31');
    await credit(m, 500, '2027-12-10T03:00:00Z');
    await cron('evaluateTiers', '2028-01-01T03:00:00Z');
    expect(await stored(m)).toMatchObject({ tier: 'silver', graceUntil: null });
  });
});

describe('paid VIP', () => {
  it('extends once for a parallel double grant with one requestId, and the replay gets the first answer', async () => {
    const m = await member('double');
    const event = { action: 'grant', requestId: rid('grant'), memberId: memberIdFor(m), days: 30, note: '线下转账' };
    const results = await Promise.all(Array.from({ length: 8 }, () => gw.call(OWNER, 'vip', event, NOW)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const until = results[0].body.data.vipUntil;
    expect(results.every((r) => r.body.data.vipUntil === until)).toBe(true);
    // End of today (2026-11-24, Shanghai) + 30 days.
    expect(until).toBe('2026-12-24T16:00:00.000Z');
    expect(await vipUntilOf(m)).toBe(until);
    expect(await gw.store.count('vipGrants', {})).toBeGreaterThanOrEqual(1);
    const s = await status(m);
    expect(s.vip).toMatchObject({ active: true, until, daysLeft: 30 });
    expect(s.benefits.key).toBe('gold'); // VIP floor
    expect(s.tier.key).toBe('normal');
    // After expiry the member simply has the earned tier.
    const later = await status(m, '2026-12-25T04:00:00Z');
    expect(later.vip.active).toBe(false);
    expect(later.benefits.key).toBe('normal');
  });

  it('adds every distinct grant under concurrency, counts renewals and records the conversion', async () => {
    const m = await member('many');
    const results = await Promise.all(Array.from({ length: 10 }, () => grant(m, OWNER, { days: 1 })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(await vipUntilOf(m)).toBe('2026-12-04T16:00:00.000Z');
    expect((await stored(m))?.funnel?.convertedDay).toBe('2026-11-24');
    const overview = (await gw.call(OWNER, 'vip', { action: 'overview' }, NOW)).body.data;
    expect(overview.expiring.map((e: { memberId: string }) => e.memberId)).toContain(memberIdFor(m));
    const nov = overview.renewal.find((r: { month: string }) => r.month === '2026-11');
    // Ten one-day grants: terms ending Nov 25–30 were each renewed before running out.
    expect(nov).toEqual({ month: '2026-11', due: 6, renewed: 6, rate: 1 });
  });

  it('refuses members and bad input, changing nothing', async () => {
    const m = await member('victim');
    const other = await member('other');
    const forbidden = await grant(m, other);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ days: 0 }, 'VALIDATION'],
      [{ days: 3651 }, 'VALIDATION'],
      [{ days: 1.5 }, 'VALIDATION'],
      [{ note: '' }, 'VALIDATION'],
      [{ note: 'x'.repeat(101) }, 'VALIDATION'],
      [{ requestId: 'short' }, 'VALIDATION'],
      [{ openid: 'someone' }, 'VALIDATION'],
      [{ memberId: 'm_nobody' }, 'NOT_FOUND'],
    ];
    for (const [extra, code] of bad) expect((await grant(m, OWNER, extra)).body.error.code).toBe(code);
    expect(await vipUntilOf(m)).toBeNull();
    expect((await gw.call(m, 'vip', { action: 'overview' }, NOW)).body.error.code).toBe('FORBIDDEN');
  });

  it('sends each renewal reminder once even when cron runs twice at once, within the subscription quota', async () => {
    const m = await member('remind');
    const nosub = await member('nosub');
    for (let i = 0; i < 2; i += 1) expect((await gw.call(m, 'vip', { action: 'subscribe', requestId: rid('sub') }, NOW)).body.data.quota).toBe(i + 1);
    await grant(m, OWNER, { days: 10 });
    await grant(nosub, OWNER, { days: 10 });
    const until = (await vipUntilOf(m)) as string; // 2026-12-04T16:00Z
    await Promise.all([cron('vipReminders', '2026-11-26T04:00:00Z'), cron('vipReminders', '2026-11-26T04:00:00Z')]);
    expect(await outboxFor(m)).toHaveLength(0); // 8+ days left: nothing due
    await Promise.all([cron('vipReminders', '2026-11-28T04:00:00Z'), cron('vipReminders', '2026-11-28T04:00:00Z'), cron('vipReminders', '2026-11-29T04:00:00Z')]);
    let sent = await outboxFor(m);
    expect(sent.map((d) => [d.kind, d.state, d.id.endsWith(':7')])).toEqual([['vip_renewal', 'sent', true]]);
    await Promise.all([cron('vipReminders', '2026-12-04T04:00:00Z'), cron('vipReminders', '2026-12-04T04:00:00Z')]);
    sent = await outboxFor(m);
    expect(sent).toHaveLength(2);
    expect(sent.every((d) => d.state === 'sent' && d.id.includes(until))).toBe(true);
    expect((await status(m)).vip.reminderQuota).toBe(0);
    // Without a subscription nothing is sent; the attempt is recorded once per reminder.
    const none = await outboxFor(nosub);
    expect(none.map((d) => d.state)).toEqual(['no_quota', 'no_quota']);
    await cron('vipReminders', '2026-12-04T05:00:00Z');
    expect(await outboxFor(m)).toHaveLength(2);
  });
});

describe('WeChat Pay (local stand-in)', () => {
  it('creates one order per requestId and extends VIP exactly once however often the callback arrives', async () => {
    const m = await member('payer');
    const event = { action: 'buy', requestId: rid('buy'), planId: 'month' };
    const [first, again] = await Promise.all([gw.call(m, 'vip', event, NOW), gw.call(m, 'vip', event, NOW)]);
    expect(first.body.data).toMatchObject({ plan: { id: 'month', days: 30, priceFen: 9900 }, payment: null, simulated: true });
    expect(again.body.data.orderId).toBe(first.body.data.orderId);
    expect(await vipUntilOf(m)).toBeNull(); // nothing until paid
    const settings = withDefaults(null);
    const orderId = first.body.data.orderId as string;
    expect(await markVipPaid(gw.store, orderId, 1, 'forged', new Date(NOW), settings)).toBe(false); // wrong amount
    const results = await Promise.all(Array.from({ length: 6 }, () => simulatePayment(gw.store, orderId, new Date(NOW), settings)));
    expect(results.filter((r) => r.paid)).toHaveLength(1);
    expect(await vipUntilOf(m)).toBe('2026-12-24T16:00:00.000Z');
    expect((await stored(m))?.funnel?.convertedDay).toBe('2026-11-24');
    expect(await simulatePayment(gw.store, 'VOunknown', new Date(NOW), settings)).toEqual({ paid: false });
  });

  it('refuses an unknown plan and keeps the simulated callback to local mode', async () => {
    const m = await member('badplan');
    const r = await gw.call(m, 'vip', { action: 'buy', requestId: rid('buy'), planId: 'lifetime' }, NOW);
    expect(r.body.error.code).toBe('VALIDATION');
    expect(await gw.store.count('vipOrders', { memberId: memberIdFor(m) })).toBe(0);
    let called = false;
    const server = createGateway({ store: gw.store, functions: FUNCTIONS, local: false, ownerOpenids: new Set(), localRoutes: { pay: async () => ((called = true), { paid: true }) } });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/_local/pay?order=x`, { method: 'POST' });
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(response.status).toBe(404);
    expect(called).toBe(false);
  });
});
