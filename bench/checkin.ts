// Check-in cost, side by side in one run (docs/architecture.md, budgets): (1) the raw SQLite transaction a check-in
// performs (same statements, same tables and indexes) on better-sqlite3 directly; (2) the same
// check-in through the store port and the handler wrapper (no HTTP); (3) the full round trip
// through the local gateway over HTTP, one client and 16 concurrent clients. Prints per-check-in
// cost and the ratios.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FUNCTIONS } from '../src/server/functions';
import { createGateway } from '../src/server/local/gateway';
import { invoke } from '../src/server/kernel/handler';
import { openSqliteStore, schemaSql } from '../src/server/local/sqliteStore';

const MEMBERS = 400;
const DAYS = 5;
const TOTAL = MEMBERS * DAYS;

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
function fmt(ms: number): string {
  return `${(ms * 1000).toFixed(0)} µs`;
}
const dayAt = (d: number) => `2026-06-${String(d + 1).padStart(2, '0')}T02:00:00Z`;

/**
 * The raw SQLite transaction a check-in performs today, statement for statement, on the same
 * tables and expression indexes the adapter creates (`schemaSql()`): claim the request, the
 * member's account (balance, lots, streak, growth and funnel in one document), the check-in, the
 * ledger entry, the monthly counter shard (a blind increment), the account, the member's queried
 * copies (last active day, funnel), and the recorded answer: 1 read and 7 writes.
 */
function rawSqlite(dir: string): number {
  const db = new Database(path.join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(schemaSql().join(';\n'));
  const get = (t: string) => db.prepare(`SELECT doc FROM "${t}" WHERE id = ?`);
  const ins = (t: string) => db.prepare(`INSERT INTO "${t}" (id, doc) VALUES (?, ?)`);
  const put = (t: string) => db.prepare(`INSERT INTO "${t}" (id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc`);
  const s = {
    reqIns: ins('requests'), reqPut: put('requests'), checkinIns: ins('checkins'), accGet: get('accounts'), accPut: put('accounts'), ledgerIns: ins('ledger'),
    monthInc: db.prepare(`UPDATE "pointsMonthly" SET doc = json_set(doc, '$.issued', json_extract(doc, '$.issued') + ?) WHERE id = ?`),
    memberPatch: db.prepare(`UPDATE "members" SET doc = json_patch(doc, ?) WHERE id = ?`),
  };
  put('pointsMonthly').run('2026-06:0', JSON.stringify({ month: '2026-06', issued: 0, redeemed: 0, expired: 0 }));
  for (let m = 0; m < MEMBERS; m += 1) {
    s.accPut.run(`m${m}`, JSON.stringify({ balance: 0, lifetimeEarned: 0, lots: [], seq: 0 }));
    put('members').run(`m${m}`, JSON.stringify({ openid: `o${m}`, nickname: '会员', role: 'member', channel: 'organic', joinedAt: '2026-05-31T00:00:00.000Z', joinDay: '2026-05-31', tier: 'normal' }));
  }
  const started = performance.now();
  for (let d = 0; d < DAYS; d += 1) {
    for (let m = 0; m < MEMBERS; m += 1) {
      const id = `m${m}`;
      const day = `2026-06-0${d + 1}`;
      db.exec('BEGIN IMMEDIATE');
      s.reqIns.run(`${id}:checkin.do:r${d}`, JSON.stringify({ state: 'done', result: null }));
      const acc = JSON.parse((s.accGet.get(id) as { doc: string }).doc) as { balance: number; lifetimeEarned: number; seq: number; streak?: { streak: number }; growth?: { buckets: Record<string, number> } };
      const streak = (acc.streak?.streak ?? 0) + 1;
      s.checkinIns.run(`${id}:${day}`, JSON.stringify({ memberId: id, day, at: day }));
      s.ledgerIns.run(`checkin:${id}:${day}`, JSON.stringify({ memberId: id, seq: acc.seq + 1, kind: 'earn', delta: 5, reason: 'checkin', balanceAfter: acc.balance + 5, createdAt: day }));
      s.monthInc.run(5, '2026-06:0');
      const funnel = { joinDay: '2026-05-31', activeDays: d + 1, lastActiveDay: day, activeWeeks: [0], stage: 2, reach: { activated: 1 } };
      s.accPut.run(id, JSON.stringify({
        ...acc, balance: acc.balance + 5, lifetimeEarned: acc.lifetimeEarned + 5, seq: acc.seq + 1, lots: [{ expiresAt: '2027-12-31T15:59:59.999Z', remaining: acc.balance + 5 }],
        streak: { lastDay: day, streak, longest: streak, total: streak, runs: [{ from: '2026-06-01', to: day }] },
        growth: { buckets: { ...(acc.growth?.buckets ?? {}), [day]: 5 }, updatedAt: day }, funnel: { ...funnel, channel: 'organic', activeBits: '1f' },
      }));
      s.memberPatch.run(JSON.stringify({ funnel, lastActiveDay: day, quietSince: day }), id);
      s.reqPut.run(`${id}:checkin.do:r${d}`, JSON.stringify({ state: 'done', result: { streak } }));
      db.exec('COMMIT');
    }
  }
  const elapsed = performance.now() - started;
  db.close();
  return elapsed / TOTAL;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qunyun-bench-'));
  try {
    const raw = rawSqlite(dir);

    const store = openSqliteStore(path.join(dir, 'store.sqlite'));
    const owners = new Set<string>();
    const runtime = (openid: string, now: string) => ({ store, openid, now: new Date(now), ownerOpenids: owners });
    for (let m = 0; m < MEMBERS; m += 1) await invoke(FUNCTIONS.member, { action: 'login' }, runtime(`p${m}`, dayAt(0)));
    let started = performance.now();
    for (let d = 0; d < DAYS; d += 1) {
      for (let m = 0; m < MEMBERS; m += 1) {
        const r = await invoke(FUNCTIONS.checkin, { action: 'do', requestId: `bench-${m}-${d}` }, runtime(`p${m}`, dayAt(d)));
        if (!r.ok) throw new Error(r.error.message);
      }
    }
    const handler = (performance.now() - started) / TOTAL;

    const server = createGateway({ store, functions: FUNCTIONS, local: true, ownerOpenids: owners });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/checkin`;
    for (let m = 0; m < MEMBERS; m += 1) await invoke(FUNCTIONS.member, { action: 'login' }, runtime(`h${m}`, dayAt(0)));
    const post = async (openid: string, d: number, tag: string) => {
      const t0 = performance.now();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-qunyun-openid': openid, 'x-qunyun-now': dayAt(d) },
        body: JSON.stringify({ action: 'do', requestId: `${tag}-${openid}-${d}` }),
      });
      const body = (await res.json()) as { ok: boolean };
      if (!body.ok) throw new Error(JSON.stringify(body));
      return performance.now() - t0;
    };
    const sequential: number[] = [];
    started = performance.now();
    for (let d = 0; d < DAYS; d += 1) for (let m = 0; m < MEMBERS; m += 1) sequential.push(await post(`h${m}`, d, 'seq'));
    const seqMs = performance.now() - started;

    for (let m = 0; m < MEMBERS; m += 1) await invoke(FUNCTIONS.member, { action: 'login' }, runtime(`c${m}`, dayAt(0)));
    const concurrent: number[] = [];
    const jobs: Array<[string, number]> = [];
    for (let d = 0; d < DAYS; d += 1) for (let m = 0; m < MEMBERS; m += 1) jobs.push([`c${m}`, d]);
    // 16 clients; each walks its own members in day order so streaks stay consecutive.
    const lanes = Array.from({ length: 16 }, (_, lane) => jobs.filter(([id]) => Number(id.slice(1)) % 16 === lane));
    started = performance.now();
    await Promise.all(lanes.map(async (lane) => {
      for (const [id, d] of lane) concurrent.push(await post(id, d, 'con'));
    }));
    const conMs = performance.now() - started;
    server.close();
    await store.close();

    sequential.sort((a, b) => a - b);
    concurrent.sort((a, b) => a - b);
    const seqMean = seqMs / TOTAL;
    console.log(`check-in benchmark: ${TOTAL} check-ins per path (${MEMBERS} members × ${DAYS} days), SQLite WAL on ${os.tmpdir()}`);
    console.log(`  raw SQLite transaction            ${fmt(raw)} per check-in`);
    console.log(`  store port + handler (no HTTP)    ${fmt(handler)} per check-in   ${(handler / raw).toFixed(1)}× raw`);
    console.log(`  gateway HTTP, 1 client            ${fmt(seqMean)} mean, p50 ${fmt(pct(sequential, 50))}, p99 ${fmt(pct(sequential, 99))}   ${(seqMean / raw).toFixed(1)}× raw`);
    console.log(`  gateway HTTP, 16 clients          ${(TOTAL / (conMs / 1000)).toFixed(0)} check-ins/s, p50 ${fmt(pct(concurrent, 50))}, p99 ${fmt(pct(concurrent, 99))}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
