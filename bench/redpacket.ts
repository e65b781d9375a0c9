// Red packet (issue 19): 1,000 parallel grabs over HTTP for a 200-share 拼手气 packet through the
// local gateway, on SQLite. Checks exactly 200 paid, 800 told "红包已抢完", the sum paid equals the
// total, the sender's ledger and the audit; prints p50/p99 and grabs/s next to a flash sale of the
// same shape (1,000 parallel redemptions, stock 100) measured in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { PointsAudit } from '../types/api';
import type { PacketView } from '../types/games';
import { FUNCTIONS } from '../src/server/functions';
import { createGateway } from '../src/server/local/gateway';
import { invoke } from '../src/server/kernel/handler';
import { memberIdFor } from '../src/server/kernel/ids';
import { openSqliteStore } from '../src/server/local/sqliteStore';

const GRABBERS = 1000;
const SHARES = 200;
const TOTAL = 2000;
const BUYERS = 250;
const STOCK = 100;
const OWNER = 'bench-owner';
const SENDER = 'bench-sender';

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Rush {
  latencies: number[];
  outcomes: Map<string, number>;
  elapsed: number;
  amounts: number[];
}

/** Fire `requests` POSTs at once; each answer's outcome is `ok` or the error code and message. */
async function rush(url: string, requests: number, now: Date, body: (i: number) => { openid: string; event: Record<string, unknown> }): Promise<Rush> {
  const latencies: number[] = [];
  const outcomes = new Map<string, number>();
  const amounts: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: requests }, async (_, i) => {
      const { openid, event } = body(i);
      const t0 = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-qunyun-openid': openid, 'x-qunyun-now': now.toISOString() }, body: JSON.stringify(event) });
      const answer = (await res.json()) as { ok: boolean; data?: { amount?: number }; error?: { code: string; message: string } };
      latencies.push(performance.now() - t0);
      if (answer.ok && typeof answer.data?.amount === 'number') amounts.push(answer.data.amount);
      const key = answer.ok ? 'ok' : `${answer.error?.code} "${answer.error?.message}"`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }),
  );
  latencies.sort((a, b) => a - b);
  return { latencies, outcomes, elapsed: performance.now() - started, amounts };
}

function line(label: string, r: Rush, requests: number): string {
  return `  ${label.padEnd(12)} p50 ${pct(r.latencies, 50).toFixed(1).padStart(6)} ms   p99 ${pct(r.latencies, 99).toFixed(1).padStart(6)} ms   ${String(Math.round(requests / (r.elapsed / 1000))).padStart(5)} requests/s`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qunyun-redpacket-'));
  const store = openSqliteStore(path.join(dir, 'redpacket.sqlite'));
  const owners = new Set([OWNER]);
  const now = new Date('2026-12-08T12:00:00Z');
  const as = async <T = unknown>(openid: string, fn: string, event: Record<string, unknown>): Promise<T> => {
    const r = await invoke(FUNCTIONS[fn], event, { store, openid, now, ownerOpenids: owners });
    if (!r.ok) throw new Error(`${fn}.${String(event.action)}: ${r.error.message}`);
    return r.data as T;
  };
  let failed = false;
  const check = (ok: boolean, what: string) => {
    if (!ok) failed = true;
    console.log(`  ${ok ? '✓' : '✗'} ${what}`);
  };
  try {
    await as(OWNER, 'member', { action: 'login' });
    await as(SENDER, 'member', { action: 'login' });
    await as(OWNER, 'points', { action: 'adjust', requestId: 'bench-fund-sender', memberId: memberIdFor(SENDER), delta: TOTAL, reason: '压测积分' });
    for (let i = 0; i < GRABBERS; i += 1) await as(`grabber-${i}`, 'member', { action: 'login' });
    const packetId = (await as<{ packet: PacketView }>(SENDER, 'games', { action: 'sendPacket', requestId: 'bench-packet', total: TOTAL, count: SHARES, kind: 'lucky', greeting: '压测红包' })).packet.id;
    const item = await as<{ item: { id: string } }>(OWNER, 'mall', {
      action: 'saveItem',
      requestId: 'bench-flash-item',
      item: { title: '秒杀礼盒', description: '', image: '', pointsPrice: 50, stock: STOCK, perMemberLimit: null, limitPeriod: 'ever', minTier: null, saleStartsAt: null, saleEndsAt: null, kind: 'coupon', virtual: null, listed: true },
    });
    for (let i = 0; i < BUYERS; i += 1) await as(OWNER, 'points', { action: 'adjust', requestId: `bench-fund-${i}`, memberId: memberIdFor(`grabber-${i}`), delta: 1000, reason: '压测积分' });

    const server = createGateway({ store, functions: FUNCTIONS, local: true, ownerOpenids: owners });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    const grabs = await rush(`${base}/games`, GRABBERS, now, (i) => ({ openid: `grabber-${i}`, event: { action: 'grab', requestId: `bench-grab-${String(i).padStart(5, '0')}`, packetId } }));
    const flash = await rush(`${base}/mall`, 1000, now, (i) => ({ openid: `grabber-${i % BUYERS}`, event: { action: 'redeem', requestId: `bench-buy-${String(i).padStart(5, '0')}`, itemId: item.item.id, qty: 1 } }));
    server.close();

    const packet = (await as<{ packet: PacketView }>(SENDER, 'games', { action: 'packet', packetId })).packet;
    const senderLedger = (await as<{ entries: Array<{ delta: number; reason: string }> }>(SENDER, 'points', { action: 'history', limit: 10 })).entries;
    const audit = await as<PointsAudit>(OWNER, 'points', { action: 'audit' });
    const senderBalance = (await as<{ balance: number }>(SENDER, 'points', { action: 'balance' })).balance;
    const paid = grabs.outcomes.get('ok') ?? 0;
    const empty = grabs.outcomes.get('OUT_OF_STOCK "红包已抢完"') ?? 0;
    const sum = grabs.amounts.reduce((a, b) => a + b, 0);
    console.log(`red packet benchmark: ${GRABBERS} parallel grabs by ${GRABBERS} members of a ${SHARES}-share packet of ${TOTAL} points, local gateway over HTTP, SQLite`);
    console.log(`  outcomes     ${[...grabs.outcomes.entries()].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    check(paid === SHARES, `exactly ${SHARES} paid (${paid})`);
    check(empty === GRABBERS - SHARES, `${GRABBERS - SHARES} told "红包已抢完" (${empty})`);
    check(sum === TOTAL && packet.claimedPoints === TOTAL && packet.grabs.length === SHARES, `sum paid ${sum} = total ${TOTAL}; the packet page lists ${packet.grabs.length} grabs`);
    check(senderLedger.filter((e) => e.reason === 'red_packet').map((e) => e.delta).join(',') === String(-TOTAL), `sender's ledger: one debit of ${TOTAL}, balance ${senderBalance}`);
    check(audit.mismatches.length === 0, `ledger audit clean (${audit.checkedAccounts} accounts, ${audit.checkedEntries} entries)`);
    console.log(`flash sale in the same run: 1000 parallel redemptions by ${BUYERS} members, stock ${STOCK}`);
    console.log(`  outcomes     ${[...flash.outcomes.entries()].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log('side by side:');
    console.log(line('red packet', grabs, GRABBERS));
    console.log(line('flash sale', flash, 1000));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) process.exit(1);
}

void main();
