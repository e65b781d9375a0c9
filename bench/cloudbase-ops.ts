// Operations per action (issue 13): how many reads, writes and round trips each write action
// costs, on the SQLite store (counted through a counting wrapper around the store port) and on
// CloudBase (counted by the SDK double, which sees exactly the requests the adapter sends).
//
// Counting rule. Port column (both stores): every `get`/`create`/`set`/`update`/`delete` inside
// the transaction that committed is one operation; reads outside transactions (the handler's
// member, settings and request look-ups, stock pre-checks) are listed apart. CloudBase column: every
// SDK request the adapter makes in the committed attempt (`doc.get`, `add`, `doc.set`,
// `doc.update`, `doc.remove`; the adapter's `create` looks before it inserts, so it is a read plus
// a write), plus requests outside the transaction; round trips add a begin and a commit per
// transaction (`runTransaction` opens and commits on the server). Replays are not counted: the
// double replays every body once on purpose, which CloudBase does only on a conflict.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FUNCTIONS } from '../src/server/functions';
import { invoke } from '../src/server/kernel/handler';
import { memberIdFor } from '../src/server/kernel/ids';
import { cloudbaseStore } from '../src/server/cloudbase/cloudbaseStore';
import { openSqliteStore } from '../src/server/local/sqliteStore';
import { createCloudDbDouble, type CloudDbDouble } from '../test/support/cloudbaseDouble';
import { countingStore, type PortCount } from '../test/support/countingStore';

const OWNER = 'ops-owner';
const DAY1 = '2026-12-01T02:00:00Z';
const at = (day: number, hour = 2) => `2026-12-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;

interface Row {
  action: string;
  port: PortCount;
  cloud?: { reads: number; writes: number; transactions: number; port: PortCount };
}

type Call = (openid: string, fn: string, event: Record<string, unknown>, now: string) => Promise<unknown>;

/** The measured actions, each preceded by the calls that set it up (not measured). */
async function scenario(call: Call, measure: (action: string, run: () => Promise<unknown>) => Promise<void>): Promise<void> {
  let n = 0;
  const rid = (p: string) => `${p}-${String(++n).padStart(6, '0')}`;
  const login = (openid: string, now = DAY1) => call(openid, 'member', { action: 'login' }, now);
  await login(OWNER);
  const fund = (openid: string, points: number, now = DAY1) =>
    call(OWNER, 'points', { action: 'adjust', requestId: rid('fund'), memberId: memberIdFor(openid), delta: points, reason: '测试积分' }, now);

  // Check-in: a member on the third day of a streak (no milestone, same week as the last activity).
  await login('ops-a');
  await call('ops-a', 'checkin', { action: 'do', requestId: rid('ci') }, at(1));
  await call('ops-a', 'checkin', { action: 'do', requestId: rid('ci') }, at(2));
  await measure('check-in', () => call('ops-a', 'checkin', { action: 'do', requestId: rid('ci') }, at(3)));
  for (let d = 4; d <= 7; d += 1) await call('ops-a', 'checkin', { action: 'do', requestId: rid('ci') }, at(d));
  await measure('check-in, first of a membership week', () => call('ops-a', 'checkin', { action: 'do', requestId: rid('ci') }, at(8)));

  // Makeup (补签) of yesterday, paid with points, after today's check-in.
  await login('ops-b');
  await fund('ops-b', 100);
  await call('ops-b', 'checkin', { action: 'do', requestId: rid('ci') }, at(1));
  await call('ops-b', 'checkin', { action: 'do', requestId: rid('ci') }, at(3));
  await measure('makeup', () => call('ops-b', 'checkin', { action: 'makeup', requestId: rid('mk'), day: '2026-12-02' }, at(3, 3)));

  // Redeem of a physical item without a per-member limit, by a member active yesterday but not yet today.
  await login('ops-c');
  await fund('ops-c', 100);
  await call('ops-c', 'checkin', { action: 'do', requestId: rid('ci') }, at(1));
  const item = {
    title: '社群定制帆布袋', description: '限量周边', image: '', pointsPrice: 30, stock: 10, perMemberLimit: null, limitPeriod: 'ever',
    minTier: null, saleStartsAt: null, saleEndsAt: null, kind: 'physical', virtual: null, listed: true,
  };
  const saved = (await call(OWNER, 'mall', { action: 'saveItem', requestId: rid('item'), item }, DAY1)) as { ok: boolean; data: { item: { id: string } } };
  const limited = (await call(OWNER, 'mall', { action: 'saveItem', requestId: rid('item'), item: { ...item, perMemberLimit: 2, limitPeriod: 'month' } }, DAY1)) as typeof saved;
  const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市 西湖区', detail: '示范路 1 号' };
  await measure('redeem', () => call('ops-c', 'mall', { action: 'redeem', requestId: rid('rd'), itemId: saved.data.item.id, qty: 1, address }, at(2)));
  await measure('redeem, limited item, active today', () => call('ops-c', 'mall', { action: 'redeem', requestId: rid('rd'), itemId: limited.data.item.id, qty: 1, address }, at(2, 3)));

  // Lesson attendance during the live window, by a member active earlier that week.
  await login('ops-d');
  await call('ops-d', 'checkin', { action: 'do', requestId: rid('ci') }, at(1));
  const lesson = (await call(OWNER, 'lessons', {
    action: 'publish', requestId: rid('ls'),
    lesson: { title: '社群运营的第一周', lecturer: '王老师', startsAt: '2026-12-05T20:00:00+08:00', endsAt: '2026-12-05T21:00:00+08:00', outline: '拉新', watch: { kind: 'meeting', value: 'https://meeting.example.com/1' } },
  }, DAY1)) as { ok: boolean; data: { lesson: { id: string } } };
  await measure('lesson attend', () => call('ops-d', 'lessons', { action: 'attend', requestId: rid('at'), lessonId: lesson.data.lesson.id }, '2026-12-05T12:10:00Z'));

  // Activity sign-up.
  await login('ops-e');
  const activity = (await call(OWNER, 'activities', {
    action: 'create', requestId: rid('ac'),
    activity: { title: '上海线下沙龙', kind: 'salon', mode: 'offline', startsAt: '2026-12-28T14:00:00+08:00', endsAt: '2026-12-28T17:00:00+08:00', place: '徐汇区示范路 1 号', capacity: 30, signupDeadline: '2026-12-27T22:00:00+08:00', description: '聊聊社群运营' },
  }, DAY1)) as { ok: boolean; data: { activity: { id: string } } };
  await measure('activity sign-up', () => call('ops-e', 'activities', { action: 'signup', requestId: rid('su'), activityId: activity.data.activity.id }, at(3)));

  // Manual points adjustment by the owner.
  await login('ops-f');
  await measure('points adjust', () => call(OWNER, 'points', { action: 'adjust', requestId: rid('adj'), memberId: memberIdFor('ops-f'), delta: 10, reason: '活动奖励' }, at(3)));
}

async function runOn(kind: 'sqlite' | 'cloudbase', dir: string): Promise<Row[]> {
  const db: CloudDbDouble | null = kind === 'cloudbase' ? createCloudDbDouble({ conflictRate: 0 }) : null;
  const inner = db ? cloudbaseStore(db) : openSqliteStore(path.join(dir, 'ops.sqlite'));
  const { store, count } = countingStore(inner);
  const owners = new Set([OWNER]);
  const rows: Row[] = [];
  const call: Call = async (openid, fn, event, now) => {
    const r = await invoke(FUNCTIONS[fn as keyof typeof FUNCTIONS], event, { store, openid, now: new Date(now), ownerOpenids: owners });
    if (!r.ok) throw new Error(`${fn}.${String(event.action)}: ${r.error.code} ${r.error.message}`);
    return r;
  };
  await scenario(call, async (action, run) => {
    const before = { ...count };
    const sdk = db ? { ...db.ops } : null;
    await run();
    const port: PortCount = {
      txReads: count.txReads - before.txReads,
      txWrites: count.txWrites - before.txWrites,
      outsideReads: count.outsideReads - before.outsideReads,
      transactions: count.transactions - before.transactions,
    };
    rows.push({
      action,
      port,
      cloud: db && sdk ? { reads: db.ops.reads - sdk.reads, writes: db.ops.writes - sdk.writes, transactions: db.ops.transactions - sdk.transactions, port } : undefined,
    });
  });
  await store.close();
  return rows;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qunyun-ops-'));
  const sqlite = await runOn('sqlite', dir).finally(() => rmSync(dir, { recursive: true, force: true }));
  const cloud = await runOn('cloudbase', dir);
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log('operations per action (committed run; "outside" = reads before the transaction)');
  console.log('                                          SQLite (store port)          CloudBase (SDK requests)');
  console.log('action                                 tx R  tx W   ops  outside      tx R  tx W  outside  round trips');
  for (const s of sqlite) {
    const c = cloud.find((r) => r.action === s.action)?.cloud;
    if (!c) throw new Error(`no CloudBase figures for ${s.action}`);
    if (c.port.txReads !== s.port.txReads || c.port.txWrites !== s.port.txWrites) {
      throw new Error(`${s.action}: the port operations differ between stores (${JSON.stringify(c.port)} vs ${JSON.stringify(s.port)})`);
    }
    // SDK requests inside the committed attempts, and outside them.
    const outside = c.port.outsideReads;
    const txReads = c.reads - outside;
    const roundTrips = c.reads + c.writes + 2 * c.transactions;
    console.log(
      `${s.action.padEnd(36)} ${pad(s.port.txReads, 5)} ${pad(s.port.txWrites, 5)} ${pad(s.port.txReads + s.port.txWrites, 5)} ${pad(s.port.outsideReads, 8)}     ${pad(txReads, 5)} ${pad(c.writes, 5)} ${pad(outside, 8)} ${pad(roundTrips, 12)}`,
    );
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
