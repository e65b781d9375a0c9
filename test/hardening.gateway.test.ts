import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FUNCTIONS } from '../src/server/functions';
import { createGateway } from '../src/server/local/gateway';
import { localPayRoute } from '../src/server/local/localPay';
import { memberIdFor } from '../src/server/kernel/ids';
import { startGateway, type TestGateway } from './support/gateway';

const OWNER = 'hard-owner';
const NOW = '2026-06-10T02:00:30Z';
let gw: TestGateway;
let seq = 0;
const rid = (p: string) => `${p}-${++seq}-hardening`;

async function raw(pathname: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  const response = await fetch(`${gw.url}${pathname}`, init);
  const text = await response.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body, bytes: text.length };
}

/** POST as `openid` with extra headers (a named client IP, a simulated time). */
async function callWith(openid: string, fn: string, event: unknown, headers: Record<string, string>) {
  return raw(`/api/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-qunyun-openid': openid, ...headers }, body: JSON.stringify(event) });
}

async function balanceOf(openid: string): Promise<number> {
  const r = await gw.call(openid, 'points', { action: 'balance' }, NOW);
  return r.body.data.balance;
}

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  await gw.call(OWNER, 'member', { action: 'login' }, NOW);
});
afterAll(() => gw.close());

describe('a requestId reused with other params', () => {
  it('pays the first member once and refuses the second with CONFLICT, changing nothing', async () => {
    for (const who of ['idem-x', 'idem-y']) await gw.call(who, 'member', { action: 'login' }, NOW);
    const requestId = rid('adjust');
    const first = await gw.call(OWNER, 'points', { action: 'adjust', requestId, memberId: memberIdFor('idem-x'), delta: 50, reason: '活动奖励' }, NOW);
    expect(first.status).toBe(200);
    const other = await gw.call(OWNER, 'points', { action: 'adjust', requestId, memberId: memberIdFor('idem-y'), delta: 50, reason: '活动奖励' }, NOW);
    expect([other.status, other.body.error]).toEqual([409, { code: 'CONFLICT', message: '这个请求已用于另一项操作，请刷新后重试' }]);
    expect(await balanceOf('idem-x')).toBe(50);
    expect(await balanceOf('idem-y')).toBe(0);
  });

  it('answers the same params again with the first answer, whatever their key order', async () => {
    await gw.call('idem-z', 'member', { action: 'login' }, NOW);
    const requestId = rid('adjust-same');
    const event = { action: 'adjust', requestId, memberId: memberIdFor('idem-z'), delta: 30, reason: '答疑奖励' };
    const first = await gw.call(OWNER, 'points', event, NOW);
    const reordered = await gw.call(OWNER, 'points', { reason: '答疑奖励', delta: 30, memberId: memberIdFor('idem-z'), requestId, action: 'adjust' }, NOW);
    expect(reordered.body).toEqual(first.body);
    expect(await balanceOf('idem-z')).toBe(30);
  });

  it('keeps a role granted by a requestId when the same id asks for another role', async () => {
    await gw.call('idem-role', 'member', { action: 'login' }, NOW);
    const requestId = rid('role');
    const target = memberIdFor('idem-role');
    expect((await gw.call(OWNER, 'member', { action: 'setRole', requestId, memberId: target, role: 'host' }, NOW)).status).toBe(200);
    const changed = await gw.call(OWNER, 'member', { action: 'setRole', requestId, memberId: target, role: 'member' }, NOW);
    expect(changed.body.error.code).toBe('CONFLICT');
    expect((await gw.call('idem-role', 'member', { action: 'me' }, NOW)).body.data.member.role).toBe('host');
  });

  it('refuses a concurrent burst of one requestId with mixed params: one effect, the rest the first answer or CONFLICT', async () => {
    await gw.call('idem-burst', 'member', { action: 'login' }, NOW);
    const requestId = rid('burst');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => gw.call(OWNER, 'points', { action: 'adjust', requestId, memberId: memberIdFor('idem-burst'), delta: i % 2 === 0 ? 10 : 20, reason: '并发' }, NOW)),
    );
    const okAmounts = new Set(results.filter((r) => r.status === 200).map((r) => r.body.data.entry?.delta ?? JSON.stringify(r.body.data)));
    expect(okAmounts.size).toBe(1);
    expect(results.every((r) => r.status === 200 || r.body.error.code === 'CONFLICT')).toBe(true);
    expect([10, 20]).toContain(await balanceOf('idem-burst'));
  });
});

describe('abuse budgets', () => {
  it('lets a member make 60 writes a minute, then answers 429 with when to retry, writing nothing', async () => {
    const me = 'rate-writer';
    await gw.call(me, 'member', { action: 'login' }, NOW);
    expect((await gw.call(me, 'checkin', { action: 'do', requestId: rid('do') }, NOW)).status).toBe(200);
    for (let i = 1; i < 60; i += 1) expect((await gw.call(me, 'checkin', { action: 'note', requestId: rid('note'), text: `第 ${i} 次` }, NOW)).status).toBe(200);
    const refused = await callWith(me, 'checkin', { action: 'note', requestId: rid('note'), text: '第 61 次' }, { 'x-qunyun-now': NOW });
    expect([refused.status, refused.body.error.code, refused.body.error.message]).toEqual([429, 'RATE_LIMITED', '操作太频繁，请 30 秒后再试']);
    expect(refused.headers.get('retry-after')).toBe('30');
    const calendar = await gw.call(me, 'checkin', { action: 'calendar' }, NOW);
    expect(calendar.body.data.days.find((d: { day: string }) => d.day === '2026-06-10').note.text).toBe('第 59 次');
    expect((await gw.call(me, 'checkin', { action: 'note', requestId: rid('note'), text: '下一分钟' }, '2026-06-10T02:01:00Z')).status).toBe(200);
  });

  it('still answers a replay of a recorded request when the budget is spent', async () => {
    const me = 'rate-replay';
    await gw.call(me, 'member', { action: 'login' }, NOW);
    const first = await gw.call(me, 'checkin', { action: 'do', requestId: 'rate-replay-do-1' }, NOW);
    for (let i = 1; i < 60; i += 1) await gw.call(me, 'checkin', { action: 'note', requestId: rid('note'), text: `${i}` }, NOW);
    expect((await gw.call(me, 'checkin', { action: 'do', requestId: 'rate-replay-do-1' }, NOW)).body).toEqual(first.body);
  });

  it('slows a login loop: 10 logins a minute per WeChat user', async () => {
    const results = [];
    for (let i = 0; i < 11; i += 1) results.push(await gw.call('rate-login', 'member', { action: 'login' }, '2026-06-10T03:00:00Z'));
    expect(results.slice(0, 10).every((r) => r.status === 200)).toBe(true);
    expect([results[10].status, results[10].body.error.message]).toEqual([429, '操作太频繁，请 1 分钟后再试']);
    expect((await gw.call('rate-login', 'member', { action: 'login' }, '2026-06-10T03:01:00Z')).status).toBe(200);
  });

  it('counts registrations per client IP per hour; the 31st new member from one IP is not created', async () => {
    const at = { 'x-qunyun-now': '2026-06-10T05:10:00Z', 'x-qunyun-ip': '203.0.113.7' };
    for (let i = 0; i < 30; i += 1) expect((await callWith(`ip-farm-${i}`, 'member', { action: 'login' }, at)).status).toBe(200);
    const refused = await callWith('ip-farm-30', 'member', { action: 'login' }, at);
    expect([refused.status, refused.body.error.code]).toEqual([429, 'RATE_LIMITED']);
    expect((await gw.call('ip-farm-30', 'member', { action: 'me' }, '2026-06-10T05:10:00Z')).body.error.code).toBe('UNAUTHENTICATED');
    // An existing member from that IP logs in as usual, and another network registers.
    expect((await callWith('ip-farm-3', 'member', { action: 'login' }, at)).status).toBe(200);
    expect((await callWith('ip-farm-31', 'member', { action: 'login' }, { ...at, 'x-qunyun-ip': '198.51.100.4' })).status).toBe(200);
  });

  it('holds referrals from one network past the hourly velocity, whoever the inviters are', async () => {
    const at = { 'x-qunyun-now': '2026-06-10T07:00:00Z', 'x-qunyun-ip': '192.0.2.55' };
    const codes: string[] = [];
    for (let i = 0; i < 21; i += 1) {
      const inviter = await gw.call(`net-inviter-${i}`, 'member', { action: 'login' }, '2026-06-01T00:00:00Z');
      codes.push(inviter.body.data.member.inviteCode);
    }
    for (let i = 0; i < 21; i += 1) expect((await callWith(`net-invitee-${i}`, 'member', { action: 'login', ref: codes[i] }, at)).status).toBe(200);
    const held = await gw.call(OWNER, 'referral', { action: 'held' }, '2026-06-10T07:00:00Z');
    const fromNetwork = held.body.data.referrals.filter((r: { hold: string }) => r.hold === 'network');
    expect(fromNetwork).toHaveLength(1);
    expect(fromNetwork[0].inviteeId).toBe(memberIdFor('net-invitee-20'));
  });

  it('grants at most 5 subscriptions per template a day', async () => {
    await gw.call('rate-sub', 'member', { action: 'login' }, NOW);
    const results = [];
    for (let i = 0; i < 6; i += 1) results.push(await gw.call('rate-sub', 'vip', { action: 'subscribe', requestId: rid('sub'), templateId: 'tmpl-renew' }, NOW));
    expect(results.slice(0, 5).map((r) => r.body.data.quota)).toEqual([1, 2, 3, 4, 5]);
    expect([results[5].status, results[5].body.error.message]).toEqual([429, '今天的次数已用完，请明天再试']);
    expect((await gw.call('rate-sub', 'vip', { action: 'subscribe', requestId: rid('sub'), templateId: 'tmpl-other' }, NOW)).status).toBe(200);
  });
});

describe('rate-limit counters', () => {
  it('are pruned by cron once their window has closed, and only then', async () => {
    const before = await gw.store.count('rateCounters');
    expect(before).toBeGreaterThan(0);
    const early = await gw.call(OWNER, 'cron', { action: 'run', job: 'pruneRateCounters' }, '2026-05-31T00:00:00Z');
    expect(early.body.data.accounts).toBe(0);
    const later = await gw.call(OWNER, 'cron', { action: 'run', job: 'pruneRateCounters' }, '2026-06-13T00:00:00Z');
    expect(later.body.data.accounts).toBe(before);
    expect(await gw.store.count('rateCounters')).toBe(0);
  });
});

describe('bad input answers 4xx and writes nothing', () => {
  const PAGED: Array<[string, string, Record<string, unknown>]> = [
    ['member', 'list', {}],
    ['member', 'search', { q: '会员' }],
    ['points', 'history', {}],
    ['points', 'adjustments', {}],
    ['points', 'pendingAdjustments', {}],
    ['mall', 'myOrders', {}],
    ['mall', 'orders', {}],
    ['referral', 'held', {}],
    ['funnel', 'segments', {}],
    ['lessons', 'past', {}],
    ['lessons', 'outbox', {}],
    ['settings', 'log', {}],
    ['campaign', 'reviewQueue', {}],
    // Support desk (issue 18).
    ['support', 'questions', {}],
    // content (issue 17)
    ['posts', 'feed', {}],
    // Issue 16 (onboarding).
    ['member', 'applications', {}],
    ['member', 'intros', {}],
    ['member', 'newcomers', {}],
  ];

  it('covers every paged action', () => {
    const paged = Object.entries(FUNCTIONS).flatMap(([fn, def]) =>
      Object.entries(def.routes as Record<string, { schema: { _zod: { def: { shape?: Record<string, unknown> } } } }>)
        .filter(([, route]) => 'after' in (route.schema._zod.def.shape ?? {}))
        .map(([action]) => `${fn}.${action}`),
    );
    expect(PAGED.map(([fn, action]) => `${fn}.${action}`).sort()).toEqual(paged.sort());
  });

  it.each(PAGED)('%s.%s refuses a malformed or foreign cursor with VALIDATION', async (fn, action, params) => {
    const foreign = Buffer.from(JSON.stringify(['ledger', 'seq', 'desc', 5, 'x'])).toString('base64url');
    for (const after of ['not-a-cursor!!', Buffer.from('[1,2]').toString('base64url'), foreign, Buffer.from('{"a":').toString('base64url')]) {
      const r = await gw.call(OWNER, fn, { action, ...params, after }, NOW);
      if (fn === 'points' && action === 'history' && after === foreign) continue;
      expect([after, r.status, r.body.error?.code, r.body.error?.message]).toEqual([after, 400, 'VALIDATION', '翻页位置已失效，请刷新后重试']);
    }
  });

  it('answers malformed URLs with 400 and the envelope', async () => {
    for (const p of ['/%', '/%E0%A4%A', '/lessons/%zz']) {
      const r = await raw(p);
      expect([p, r.status, r.body.error?.code]).toEqual([p, 400, 'VALIDATION']);
    }
  });

  it('refuses simulated times outside 2000–2099', async () => {
    for (const now of ['9999-12-31T23:59:59Z', '0001-01-01T00:00:00Z', '2100-01-01T00:00:00Z']) {
      const r = await gw.call(OWNER, 'member', { action: 'me' }, now);
      expect([now, r.status, r.body.error?.code]).toEqual([now, 400, 'VALIDATION']);
    }
  });

  it('refuses 90,000 unknown keys quickly and echoes at most a few of them', async () => {
    const event: Record<string, unknown> = { action: 'me' };
    for (let i = 0; i < 90_000; i += 1) event[`k${i}`] = 1;
    const r = await gw.call(OWNER, 'member', event, NOW);
    expect([r.status, r.body.error.message]).toEqual([400, '请求包含的字段过多']);
    const few = await gw.call(OWNER, 'member', { action: 'me', a: 1, b: 2, c: 3, d: 4, e: 5 }, NOW);
    expect(few.body.error.message).toBe('不支持的字段：a、b、c 等 5 个');
  });

  it('answers a body over the limit with 413 and the envelope instead of resetting the connection', async () => {
    const big = JSON.stringify({ action: 'me', pad: 'x'.repeat(1_100_000) });
    const r = await raw('/api/member', { method: 'POST', headers: { 'content-type': 'application/json', 'x-qunyun-openid': OWNER }, body: big });
    expect([r.status, r.body.error]).toEqual([413, { code: 'VALIDATION', message: '提交的内容太大了，请精简后再试' }]);
  });
});

describe('gateway edges', () => {
  let dir: string;
  let url: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'qunyun-static-'));
    mkdirSync(path.join(dir, 'app'));
    mkdirSync(path.join(dir, 'app-secret'));
    writeFileSync(path.join(dir, 'app', 'index.html'), '<html>app</html>');
    writeFileSync(path.join(dir, 'app-secret', 'key.txt'), 'secret');
    const server = createGateway({ store: gw.store, functions: FUNCTIONS, local: true, ownerOpenids: new Set(), staticDir: path.join(dir, 'app'), localRoutes: { pay: localPayRoute(gw.store) } });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  });
  afterAll(async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never serves a sibling directory of the app', async () => {
    const r = await fetch(`${url}/%2e%2e/app-secret/key.txt`);
    expect(await r.text()).toBe('<html>app</html>');
  });

  it('answers the simulated payment callback without an order with 400', async () => {
    const r = await fetch(`${url}/api/_local/pay`, { method: 'POST' });
    expect([r.status, (await r.json()).error]).toEqual([400, { code: 'VALIDATION', message: '请提供要支付的订单号' }]);
  });
});
