/**
 * The `cron` function's entry: timer runs of every job, WeChat's image-verdict pushes, and owner
 * calls. Apart from runtime.ts so only the cron bundle carries the jobs (and what they import).
 */
import cloud from 'wx-server-sdk';
import type { CronRun } from '../../../types/api';
import { applyMediaVerdict, isMediaCheckPush } from '../domain/mediaVerdicts';
import { JOBS } from '../domain/jobs';
import { localMessaging } from '../domain/messaging';
import { loadSettings } from '../domain/settingsStore';
import type { FunctionDef, RuntimePorts } from '../kernel/handler';
import { cloudbaseStore, type CloudDb } from './cloudbaseStore';
import { cloudMain, isTimerEvent } from './runtime';

/**
 * The `main` of the `cron` function: a timer trigger (no OPENID) runs every job as the system;
 * any other call is an ordinary, owner-checked `cron.run`.
 */
export function cronMain(def: FunctionDef, ports: Partial<RuntimePorts> = {}): (event: unknown, context: unknown) => Promise<unknown> {
  const call = cloudMain(def, ports);
  const messaging = ports.messaging ?? localMessaging;
  const store = cloudbaseStore(cloud.database() as unknown as CloudDb);
  return async (event, context) => {
    const { OPENID } = cloud.getWXContext();
    // Configured as the message-push receiver (云开发 → 设置 → 消息推送): WeChat's image verdicts.
    if (!OPENID && isMediaCheckPush(event)) {
      await applyMediaVerdict(store, event);
      return 'success';
    }
    if (!OPENID && isTimerEvent(event)) {
      const settings = await loadSettings(store);
      const runs: CronRun[] = [];
      for (const job of Object.values(JOBS)) runs.push(await job(store, new Date(), settings, messaging));
      return { ok: true, data: { runs } };
    }
    return call(event, context);
  };
}
