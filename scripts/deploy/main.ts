/**
 * `npm run deploy -- --env <id> [--dry-run] [--var KEY=VALUE]`: plan from schema.ts and
 * dist/cloudfunctions, print it, and unless --dry-run carry it out with @cloudbase/manager-node.
 * Credentials come from TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY (/ TENCENTCLOUD_SESSIONTOKEN)
 * and are never printed.
 */
import path from 'node:path';
import { SCHEMA } from '../../src/server/store/schema';
import { executePlan, type ManagerLike } from './execute';
import { buildDeployPlan, formatPlan, parseDeployArgs, readFunctionSources, type DeployPlan } from './plan';

/** What main needs from the outside world (replaced in tests). */
export interface DeployDeps {
  root: string;
  env: Record<string, string | undefined>;
  log: (line: string) => void;
  loadManager: (config: { secretId: string; secretKey: string; token?: string; envId: string }) => Promise<ManagerLike>;
}

const PERMISSIONS_NOTE =
  '云调用权限（config.json 的 permissions.openapi）由微信在开发者工具上传云函数时生效：若部署后云调用报 -604101，请在开发者工具中右键该云函数 →「上传并部署：云端安装依赖」。';

/** Run the deploy; returns the exit code (0 done or dry run, 1 refused or failed). */
export async function main(argv: string[], deps: DeployDeps): Promise<number> {
  let plan: DeployPlan;
  try {
    const args = parseDeployArgs(argv);
    const functionRoot = path.join(deps.root, 'dist', 'cloudfunctions');
    const vars: Record<string, string> = {};
    for (const [key, value] of Object.entries(deps.env)) if (key.startsWith('QUNYUN_') && value) vars[key] = value;
    plan = buildDeployPlan({ envId: args.envId, functionRoot, schema: SCHEMA, functions: readFunctionSources(functionRoot), vars: { ...vars, ...args.vars } });
    deps.log(formatPlan(plan));
    if (plan.functions.some((f) => f.openapi.length > 0)) deps.log(`\n${PERMISSIONS_NOTE}`);
    if (args.dryRun) {
      deps.log('\n--dry-run：以上为计划，未做任何改动。');
      return 0;
    }
  } catch (error) {
    deps.log(error instanceof Error ? error.message : String(error));
    return 1;
  }
  const secretId = deps.env.TENCENTCLOUD_SECRETID ?? '';
  const secretKey = deps.env.TENCENTCLOUD_SECRETKEY ?? '';
  if (!secretId || !secretKey) {
    deps.log('\n请先设置 TENCENTCLOUD_SECRETID 和 TENCENTCLOUD_SECRETKEY（腾讯云访问密钥，需有云开发权限），或加 --dry-run 只看计划。');
    return 1;
  }
  try {
    const manager = await deps.loadManager({ secretId, secretKey, token: deps.env.TENCENTCLOUD_SESSIONTOKEN || undefined, envId: plan.envId });
    await executePlan(plan, manager, deps.log);
    deps.log('\n部署完成。');
    return 0;
  } catch (error) {
    // Manager errors carry the request, never the keys; print the message only.
    deps.log(`\n部署失败：${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
