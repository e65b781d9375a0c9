import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FUNCTIONS } from '../../src/server/functions';
import { createGateway } from '../../src/server/local/gateway';
import type { RuntimePorts } from '../../src/server/kernel/handler';
import { cloudbaseStore } from '../../src/server/cloudbase/cloudbaseStore';
import type { Store } from '../../src/server/store/port';
import { openSqliteStore } from '../../src/server/local/sqliteStore';
import { seededRandom } from '../../src/core/prng';
import { createCloudDbDouble } from './cloudbaseDouble';

/**
 * Which store a gateway runs on: a real SQLite file (transactions one at a time), or the CloudBase
 * adapter over the SDK double that replays every transaction body and injects conflicts.
 */
export type TestStoreKind = 'sqlite' | 'cloudbase';

/** The store of this jest run: `QUNYUN_TEST_STORE` (the `cloudbase` jest project sets it), else SQLite. */
export function testStoreKind(): TestStoreKind {
  return process.env.QUNYUN_TEST_STORE === 'cloudbase' ? 'cloudbase' : 'sqlite';
}

/** A local gateway on a fresh store of `kind`, on a free port. */
export interface TestGateway {
  url: string;
  kind: TestStoreKind;
  /** The store behind the gateway, through the port only (for seeding what no action writes, and test-only repairs). */
  store: Store;
  /** Where the gateway keeps its files (SQLite file, uploads); deleted by `close`. */
  dir: string;
  /**
   * POST /api/<fn> as `openid` (null: no identity header), optionally at a simulated time. On the
   * CloudBase double a BUSY answer is sent again, as a member tapping again does (the client keeps
   * the requestId), so suites see the final outcome; `busyRetries` counts those resends.
   */
  call(openid: string | null, fn: string, event: unknown, now?: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
  readonly busyRetries: number;
}

/** How often a BUSY answer is sent again on the CloudBase double before the test sees it. */
const BUSY_RESENDS = 20;

/** Options of `startGateway`. */
export interface TestGatewayOptions {
  /** Owners, like QUNYUN_OWNER_OPENIDS. */
  owners?: string[];
  local?: boolean;
  /** Default: `testStoreKind()`. */
  store?: TestStoreKind;
  ports?: Partial<RuntimePorts>;
  /** Serve local-mode uploads from `<dir>/uploads`. */
  uploads?: boolean;
}

/** Start a gateway for one test file. */
export async function startGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qunyun-gw-'));
  const kind = options.store ?? testStoreKind();
  const store =
    kind === 'cloudbase'
      ? cloudbaseStore(createCloudDbDouble({ seed: 13, conflictRate: 0.1, maxRetries: 30 }), { random: seededRandom(13) })
      : openSqliteStore(path.join(dir, 'test.sqlite'));
  const server = createGateway({
    store,
    functions: FUNCTIONS,
    local: options.local ?? true,
    ownerOpenids: new Set(options.owners ?? []),
    ports: options.ports,
    uploadDir: options.uploads ? path.join(dir, 'uploads') : undefined,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let busyRetries = 0;
  const post = async (openid: string | null, fn: string, event: unknown, now?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (openid !== null) headers['x-qunyun-openid'] = openid;
    if (now) headers['x-qunyun-now'] = now;
    const response = await fetch(`${url}/api/${fn}`, { method: 'POST', headers, body: typeof event === 'string' ? event : JSON.stringify(event) });
    return { status: response.status, body: await response.json() };
  };
  return {
    url,
    kind,
    store,
    dir,
    get busyRetries() {
      return busyRetries;
    },
    async call(openid, fn, event, now) {
      let answer = await post(openid, fn, event, now);
      for (let i = 0; kind === 'cloudbase' && answer.status === 503 && i < BUSY_RESENDS; i += 1) {
        busyRetries += 1;
        await new Promise((resolve) => setTimeout(resolve, 5 + ((i * 7) % 20)));
        answer = await post(openid, fn, event, now);
      }
      return answer;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
