// Flash sale (issue 5): 1,000 parallel redemptions of an item with stock 100 through the local
// gateway over HTTP, on SQLite. Prints orders created, final stock, outcomes by code, p50/p99
// latency and throughput, and checks the ledger audit afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FUNCTIONS } from '../src/server/functions';
import { createGateway } from '../src/server/local/gateway';
import { invoke } from '../src/server/kernel/handler';
import { memberIdFor } from '../src/server/kernel/ids';
import { openSqliteStore } from '../src/server/local/sqliteStore';

const BUYERS = 250;
const REQUESTS = 1000;
const STOCK = 100;
const OWNER = 'bench-owner';

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qunyun-flash-'));
  const store = openSqliteStore(path.join(dir, 'flash.sqlite'));
  const owners = new Set([OWNER]);
  const now = new Date('2026-11-24T12:00:00Z');
  const as = (openid: string, fn: string, event: Record<string, unknown>) => invoke(FUNCTIONS[fn], event, { store, openid, now, ownerOpenids: owners });
  try {
    await as(OWNER, 'member', { action: 'login' });
    const saved = await as(OWNER, 'mall', {
      action: 'saveItem',
      requestId: 'bench-flash-item',
      item: { title: '秒杀礼盒', description: '', image: '', pointsPrice: 50, stock: STOCK, perMemberLimit: null, limitPeriod: 'ever', minTier: null, saleStartsAt: null, saleEndsAt: null, kind: 'coupon', virtual: null, listed: true },
    });
    if (!saved.ok) throw new Error(saved.error.message);
    const itemId = (saved.data as { item: { id: string } }).item.id;
    for (let i = 0; i < BUYERS; i += 1) {
      await as(`buyer-${i}`, 'member', { action: 'login' });
      await as(OWNER, 'points', { action: 'adjust', requestId: `bench-fund-${i}`, memberId: memberIdFor(`buyer-${i}`), delta: 1000, reason: '压测积分' });
    }

    const server = createGateway({ store, functions: FUNCTIONS, local: true, ownerOpenids: owners });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/mall`;
    const latencies: number[] = [];
    const outcomes = new Map<string, number>();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: REQUESTS }, async (_, i) => {
        const t0 = performance.now();
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-qunyun-openid': `buyer-${i % BUYERS}`, 'x-qunyun-now': now.toISOString() },
          body: JSON.stringify({ action: 'redeem', requestId: `bench-buy-${String(i).padStart(5, '0')}`, itemId, qty: 1 }),
        });
        const body = (await res.json()) as { ok: boolean; error?: { code: string } };
        latencies.push(performance.now() - t0);
        const key = body.ok ? 'ok' : (body.error?.code ?? 'unknown');
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }),
    );
    const elapsed = performance.now() - started;
    server.close();

    latencies.sort((a, b) => a - b);
    const item = (await store.get('items', itemId)) as unknown as { stock: number; sold: number };
    const orders = await store.count('orders');
    const audit = await as(OWNER, 'points', { action: 'audit' });
    const mismatches = audit.ok ? (audit.data as { mismatches: unknown[] }).mismatches.length : -1;
    console.log(`flash-sale benchmark: ${REQUESTS} parallel redemptions by ${BUYERS} members, stock ${STOCK}, local gateway over HTTP, SQLite`);
    console.log(`  orders created   ${orders}`);
    console.log(`  final stock      ${item.stock} (sold ${item.sold})`);
    console.log(`  outcomes         ${[...outcomes.entries()].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`  latency          p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms`);
    console.log(`  throughput       ${Math.round(REQUESTS / (elapsed / 1000))} requests/s (${elapsed.toFixed(0)} ms in all)`);
    console.log(`  ledger audit     ${mismatches === 0 ? 'clean' : `${mismatches} mismatches`}`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
