import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FUNCTIONS } from '../../src/server/functions';
import { createGateway } from '../../src/server/gateway/gateway';
import { openSqliteStore, type SqliteStore } from '../../src/server/store/sqlite';

/** A local gateway on a real SQLite file in a temp dir, on a free port. */
export interface TestGateway {
  url: string;
  store: SqliteStore;
  /** POST /api/<fn> as `openid` (null: no identity header), optionally at a simulated time. */
  call(openid: string | null, fn: string, event: unknown, now?: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** Start a gateway for one test file; owners come from `owners` like QUNYUN_OWNER_OPENIDS. */
export async function startGateway(options: { owners?: string[]; local?: boolean } = {}): Promise<TestGateway> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qunyun-gw-'));
  const store = openSqliteStore(path.join(dir, 'test.sqlite'));
  const server = createGateway({ store, functions: FUNCTIONS, local: options.local ?? true, ownerOpenids: new Set(options.owners ?? []) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    store,
    async call(openid, fn, event, now) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (openid !== null) headers['x-qunyun-openid'] = openid;
      if (now) headers['x-qunyun-now'] = now;
      const response = await fetch(`${url}/api/${fn}`, { method: 'POST', headers, body: typeof event === 'string' ? event : JSON.stringify(event) });
      return { status: response.status, body: await response.json() };
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
