// Ledger throughput (issue 4): credits and debits per second through the store port on SQLite
// (`post()` in a transaction: lots, monthly counters, account), side by side with the raw SQLite
// transactions that perform the same reads and writes. Prints both and the ratio.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { withDefaults } from '../src/core/settings';
import { post } from '../src/server/domain/ledger';
import { openSqliteStore } from '../src/server/local/sqliteStore';

const ACCOUNTS = 200;
const OPS = 10_000;
const settings = withDefaults(null);

function rate(ops: number, ms: number): string {
  return `${Math.round(ops / (ms / 1000)).toLocaleString('en-US')}/s`;
}

function rawRun(dir: string): { credit: number; debit: number } {
  const db = new Database(path.join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  for (const t of ['ledger', 'accounts', 'pointsMonthly']) db.exec(`CREATE TABLE ${t} (id TEXT PRIMARY KEY, doc TEXT NOT NULL)`);
  db.exec(`CREATE INDEX ledger_seq ON ledger(json_extract(doc,'$.memberId'), json_extract(doc,'$.seq'), id)`);
  db.exec(`CREATE INDEX ledger_kind ON ledger(json_extract(doc,'$.memberId'), json_extract(doc,'$.kind'), json_extract(doc,'$.seq'), id)`);
  db.exec(`CREATE INDEX accounts_exp ON accounts(json_extract(doc,'$.nextExpiry'), id)`);
  const getAcc = db.prepare('SELECT doc FROM accounts WHERE id = ?');
  const putAcc = db.prepare('INSERT INTO accounts (id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc');
  const getMonth = db.prepare('SELECT doc FROM pointsMonthly WHERE id = ?');
  const putMonth = db.prepare('INSERT INTO pointsMonthly (id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc');
  const getEntry = db.prepare('SELECT doc FROM ledger WHERE id = ?');
  const insEntry = db.prepare('INSERT INTO ledger (id, doc) VALUES (?, ?)');
  for (let a = 0; a < ACCOUNTS; a += 1) putAcc.run(`a${a}`, JSON.stringify({ balance: 0, lifetimeEarned: 0, lots: [], seq: 0 }));
  const one = (i: number, delta: number) => {
    const id = `a${i % ACCOUNTS}`;
    db.exec('BEGIN IMMEDIATE');
    const acc = JSON.parse((getAcc.get(id) as { doc: string }).doc) as { balance: number; lifetimeEarned: number; lots: Array<{ expiresAt: string; remaining: number }>; seq: number };
    getEntry.get(`k${delta}:${i}`);
    const balance = acc.balance + delta;
    const lots = delta > 0 ? [{ expiresAt: '2027-12-31T15:59:59.999Z', remaining: (acc.lots[0]?.remaining ?? 0) + delta }] : [{ expiresAt: '2027-12-31T15:59:59.999Z', remaining: acc.lots[0].remaining + delta }];
    insEntry.run(`k${delta}:${i}`, JSON.stringify({ memberId: id, seq: acc.seq + 1, kind: delta > 0 ? 'earn' : 'spend', delta, reason: 'manual', ref: null, balanceAfter: balance, createdAt: '2026-06-01T00:00:00.000Z', expiresAt: null }));
    const month = getMonth.get('2026-06:0') as { doc: string } | undefined;
    const m = month ? (JSON.parse(month.doc) as { issued: number; redeemed: number }) : { issued: 0, redeemed: 0 };
    putMonth.run('2026-06:0', JSON.stringify({ month: '2026-06', issued: m.issued + Math.max(delta, 0), redeemed: m.redeemed + Math.max(-delta, 0), expired: 0 }));
    putAcc.run(id, JSON.stringify({ ...acc, balance, lots, seq: acc.seq + 1, nextExpiry: '2027-12-31T15:59:59.999Z' }));
    db.exec('COMMIT');
  };
  let t0 = performance.now();
  for (let i = 0; i < OPS; i += 1) one(i, 5);
  const credit = performance.now() - t0;
  t0 = performance.now();
  for (let i = 0; i < OPS; i += 1) one(i, -3);
  const debit = performance.now() - t0;
  db.close();
  return { credit, debit };
}

async function storeRun(dir: string): Promise<{ credit: number; debit: number }> {
  const store = openSqliteStore(path.join(dir, 'store.sqlite'));
  for (let a = 0; a < ACCOUNTS; a += 1) {
    await store.transaction((tx) => tx.create('accounts', { id: `a${a}`, balance: 0, lifetimeEarned: 0, lots: [], nextExpiry: null, seq: 0, updatedAt: '' }));
  }
  const now = new Date('2026-06-01T00:00:00Z');
  let t0 = performance.now();
  for (let i = 0; i < OPS; i += 1) {
    await store.transaction((tx) => post(tx, `a${i % ACCOUNTS}`, [{ key: `credit:${i}`, delta: 5, reason: 'manual', ref: null }], now, settings));
  }
  const credit = performance.now() - t0;
  t0 = performance.now();
  for (let i = 0; i < OPS; i += 1) {
    await store.transaction((tx) => post(tx, `a${i % ACCOUNTS}`, [{ key: `debit:${i}`, delta: -3, reason: 'redeem', ref: null }], now, settings));
  }
  const debit = performance.now() - t0;
  await store.close();
  return { credit, debit };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qunyun-ledger-bench-'));
  try {
    const raw = rawRun(dir);
    const port = await storeRun(dir);
    console.log(`ledger benchmark: ${OPS.toLocaleString('en-US')} credits then ${OPS.toLocaleString('en-US')} debits over ${ACCOUNTS} accounts, one transaction each, SQLite WAL`);
    console.log(`  credits  raw SQLite ${rate(OPS, raw.credit).padStart(9)}   store port ${rate(OPS, port.credit).padStart(9)}   ratio ${(port.credit / raw.credit).toFixed(1)}×`);
    console.log(`  debits   raw SQLite ${rate(OPS, raw.debit).padStart(9)}   store port ${rate(OPS, port.debit).padStart(9)}   ratio ${(port.debit / raw.debit).toFixed(1)}×`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
