import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Taro from '@tarojs/taro';
import { FUNCTIONS } from '../../src/server/functions';
import { invoke } from '../../src/server/kernel/handler';
import { openSqliteStore, type SqliteStore } from '../../src/server/local/sqliteStore';

/** Page tests' cloud: wx.cloud.callFunction wired to the real functions on a real SQLite file. */
export interface PageCloud {
  store: SqliteStore;
  /** The openid the next calls act as (like the WeChat context). */
  as(openid: string): void;
  /** Call a function directly (test setup), as `openid`. */
  call(openid: string, fn: string, event: Record<string, unknown>): Promise<unknown>;
  /** Make the next page call fail with this code (to see what the member is told). */
  failNext(code: string, message: string): void;
  close(): Promise<void>;
}

/** Wire Taro's cloud mock to the real functions; `owners` are owners by configuration. */
export function wirePageCloud(owners: string[] = []): PageCloud {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qunyun-page-'));
  const store = openSqliteStore(path.join(dir, 'page.sqlite'));
  const ownerOpenids = new Set(owners);
  let openid = '';
  let failure: { code: string; message: string } | null = null;
  (Taro.cloud as unknown as { callFunction: unknown }).callFunction = async ({ name, data }: { name: string; data: unknown }) => {
    if (failure) {
      const error = failure;
      failure = null;
      return { result: { ok: false, error } };
    }
    return { result: await invoke(FUNCTIONS[name], data, { store, openid, now: new Date(), ownerOpenids }) };
  };
  return {
    store,
    as(next) {
      openid = next;
    },
    async call(who, fn, event) {
      const result = await invoke(FUNCTIONS[fn], event, { store, openid: who, now: new Date(), ownerOpenids });
      if (!result.ok) throw new Error(`${fn}.${String(event.action)}: ${result.error.message}`);
      return result.data;
    },
    failNext(code, message) {
      failure = { code, message };
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
