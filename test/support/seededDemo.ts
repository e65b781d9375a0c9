import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FUNCTIONS } from '../../src/server/functions';
import { invoke } from '../../src/server/kernel/handler';
import type { Result } from '../../types/errors';
import { DEMO_OWNER, seedDemo, type SeedOptions } from '../../src/server/local/demoSeed';
import { openSqliteStore, type SqliteStore } from '../../src/server/local/sqliteStore';

/** The demo community one seed test file reads: its store and calls through the real functions at the seed's `now`. */
export interface SeededDemo {
  readonly store: SqliteStore;
  /** The raw result envelope of `fn.action` called as `openid`. */
  call(openid: string, fn: string, event: Record<string, unknown>): Promise<Result<unknown>>;
  /** The data of a call that must succeed (throws the Chinese message otherwise). */
  ok(openid: string, fn: string, event: Record<string, unknown>): Promise<any>;
}

/** Seeds the demo (`members` members, clock at `now`) into a throwaway SQLite file before the enclosing block's tests and removes it after them. */
export function seededDemo(now: Date, members: number, options: Omit<SeedOptions, 'now' | 'members'> = {}): SeededDemo {
  let store: SqliteStore | null = null;
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'qunyun-seed-'));
    store = openSqliteStore(path.join(dir, 'seed.sqlite'));
    await seedDemo(store, FUNCTIONS, { ...options, now, members });
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const demo: SeededDemo = {
    get store() {
      if (!store) throw new Error('the demo is seeded in beforeAll');
      return store;
    },
    call: (openid, fn, event) => invoke(FUNCTIONS[fn], event, { store: demo.store, openid, now, ownerOpenids: new Set([DEMO_OWNER]) }),
    async ok(openid, fn, event) {
      const r = await demo.call(openid, fn, event);
      if (!r.ok) throw new Error(r.error.message);
      return r.data;
    },
  };
  return demo;
}
