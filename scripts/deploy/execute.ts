/**
 * Carries out a DeployPlan with @cloudbase/manager-node (Tencent Cloud API keys). Only the slice
 * of the manager it calls is typed here, so tests drive it with a fake and no network.
 */
import type { DeployPlan } from './plan';

/** The @cloudbase/manager-node calls the deploy makes. */
export interface ManagerLike {
  database: {
    createCollectionIfNotExists(name: string): Promise<unknown>;
    checkIndexExists(collection: string, indexName: string): Promise<{ Exists?: boolean }>;
    updateCollection(
      collection: string,
      change: { CreateIndexes: Array<{ IndexName: string; MgoKeySchema: { MgoIndexKeys: Array<{ Name: string; Direction: string }>; MgoIsUnique: boolean } }> },
    ): Promise<unknown>;
  };
  functions: {
    getFunctionDetail(name: string): Promise<{ Environment?: { Variables?: Array<{ Key: string; Value: string }> }; Triggers?: Array<{ TriggerName?: string; TriggerDesc?: string }> }>;
    deleteFunctionTrigger(name: string, triggerName: string): Promise<unknown>;
    createFunction(param: {
      func: { name: string; runtime: string; timeout: number; handler: string; installDependency: boolean; triggers: Array<{ name: string; type: string; config: string }>; envVariables?: Record<string, string>; ignore: string[] };
      functionRootPath: string;
      force: boolean;
    }): Promise<unknown>;
  };
}

function isNotFound(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? String((error as { code?: unknown }).code ?? '') : '';
  return /ResourceNotFound/i.test(code) || /not.?found|不存在/i.test(String((error as { message?: unknown } | null)?.message ?? ''));
}

/**
 * Create missing collections and indexes, then create or update every function (code from its
 * dist folder, runtime, timeout, timer triggers, variables merged over the ones it already has).
 * Stops at the first failure with the name of what failed; `log` receives progress lines.
 */
export async function executePlan(plan: DeployPlan, manager: ManagerLike, log: (line: string) => void): Promise<void> {
  for (const collection of plan.collections) {
    await manager.database.createCollectionIfNotExists(collection.name);
    const missing = [];
    for (const index of collection.indexes) {
      const { Exists } = await manager.database.checkIndexExists(collection.name, index.name);
      if (!Exists) missing.push(index);
    }
    if (missing.length > 0) {
      await manager.database.updateCollection(collection.name, {
        CreateIndexes: missing.map((index) => ({
          IndexName: index.name,
          MgoKeySchema: { MgoIndexKeys: index.fields.map((field) => ({ Name: field, Direction: '1' })), MgoIsUnique: false },
        })),
      });
    }
    log(`集合 ${collection.name}：就绪${missing.length ? `（新建索引 ${missing.map((i) => i.name).join(', ')}）` : ''}`);
  }
  for (const fn of plan.functions) {
    // CloudBase replaces a function's variables as a whole: keep the ones already set there.
    let existing: Record<string, string> = {};
    let triggers = fn.triggers;
    try {
      const detail = await manager.functions.getFunctionDetail(fn.name);
      existing = Object.fromEntries((detail.Environment?.Variables ?? []).map((v) => [v.Key, v.Value]));
      // A timer trigger is created once: keep an identical one, replace one whose schedule changed.
      const current = detail.Triggers ?? [];
      triggers = [];
      for (const trigger of fn.triggers) {
        const same = current.find((t) => t.TriggerName === trigger.name);
        if (same && (same.TriggerDesc ?? '').includes(trigger.config)) continue;
        if (same) await manager.functions.deleteFunctionTrigger(fn.name, trigger.name);
        triggers.push(trigger);
      }
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    const envVariables = { ...existing, ...fn.envVariables };
    await manager.functions.createFunction({
      func: {
        name: fn.name,
        runtime: fn.runtime,
        timeout: fn.timeout,
        handler: 'index.main',
        installDependency: true,
        triggers,
        ...(Object.keys(envVariables).length > 0 ? { envVariables } : {}),
        ignore: ['node_modules', 'node_modules/**/*'],
      },
      functionRootPath: plan.functionRoot,
      force: true,
    });
    log(`云函数 ${fn.name}：已部署（超时 ${fn.timeout} 秒${fn.triggers.length ? `，定时触发 ${fn.triggers.length} 个` : ''}）`);
  }
}
