/**
 * The deploy plan (`npm run deploy`): what one CloudBase environment needs, built without any
 * network call from the store schema and the built cloud functions, so it can be printed
 * (`--dry-run`) and tested. scripts/deploy/execute.ts carries it out with @cloudbase/manager-node.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A timer trigger as config.json and CloudBase write it. */
export interface TriggerSpec {
  name: string;
  type: string;
  config: string;
}

/** The parts of a function's config.json the deploy reads. */
export interface FunctionConfigJson {
  permissions?: { openapi?: string[] };
  triggers?: TriggerSpec[];
  timeout?: number;
}

/** One built function: its folder name, config.json and the QUNYUN_* variables its code reads. */
export interface FunctionSource {
  name: string;
  config: FunctionConfigJson | null;
  envReads: string[];
}

/** Collections and their indexed field lists, as src/server/store/schema.ts derives them from the registry (collections.ts). */
export type SchemaSpec = Record<string, { indexes: ReadonlyArray<ReadonlyArray<string>> }>;

/** One index to create (all keys ascending: CloudBase walks it backwards for descending orders). */
export interface IndexPlan {
  name: string;
  fields: string[];
}

/** One collection and the indexes it must have. */
export interface CollectionPlan {
  name: string;
  indexes: IndexPlan[];
}

/** One function to deploy from `dir` with its configuration. */
export interface FunctionPlan {
  name: string;
  dir: string;
  runtime: string;
  timeout: number;
  triggers: TriggerSpec[];
  /** Cloud calls it makes; applied by WeChat when config.json is uploaded (see README). */
  openapi: string[];
  /** Variables to set (merged over what the function already has). */
  envVariables: Record<string, string>;
  /** Variables the code reads that nobody supplied. */
  missingVariables: string[];
}

/** Everything `npm run deploy` does to one environment. */
export interface DeployPlan {
  envId: string;
  functionRoot: string;
  collections: CollectionPlan[];
  functions: FunctionPlan[];
}

/** What the command line asked for. */
export interface DeployArgs {
  envId: string;
  dryRun: boolean;
  vars: Record<string, string>;
}

/** Node runtime of new functions: the bundles target node16 (scripts/build-functions.mjs). */
export const RUNTIME = 'Nodejs16.13';

/** The usage line shown on a bad command line. */
export const USAGE = 'usage: npm run deploy -- --env <环境 ID> [--dry-run] [--var QUNYUN_OWNER_OPENIDS=openid1,openid2 ...]';

/** Parse `--env <id> [--dry-run] [--var KEY=VALUE]...`; throws an Error with USAGE on anything else. */
export function parseDeployArgs(argv: string[]): DeployArgs {
  let envId = '';
  let dryRun = false;
  const vars: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--env' || arg.startsWith('--env=')) envId = arg === '--env' ? (argv[++i] ?? '') : arg.slice('--env='.length);
    else if (arg === '--var' || arg.startsWith('--var=')) {
      const pair = arg === '--var' ? (argv[++i] ?? '') : arg.slice('--var='.length);
      const eq = pair.indexOf('=');
      if (eq <= 0 || !/^[A-Z][A-Z0-9_]*$/.test(pair.slice(0, eq))) throw new Error(`--var 需要 KEY=VALUE 形式（收到 "${pair.slice(0, Math.max(eq, 0)) || pair.slice(0, 20)}"）\n${USAGE}`);
      vars[pair.slice(0, eq)] = pair.slice(eq + 1);
    } else throw new Error(`不认识的参数 ${arg}\n${USAGE}`);
  }
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/i.test(envId)) throw new Error(`请用 --env 指定云开发环境 ID\n${USAGE}`);
  return { envId, dryRun, vars };
}

/** Index name for a field list, in MongoDB's style (`role_1_joinedAt_1`). */
export function indexName(fields: ReadonlyArray<string>): string {
  return fields.map((f) => `${f}_1`).join('_');
}

/** The QUNYUN_* environment variables a bundle reads (`process.env.QUNYUN_X`). */
export function envReadsOf(code: string): string[] {
  return [...new Set([...code.matchAll(/process\.env\.(QUNYUN_[A-Z0-9_]+)/g)].map((m) => m[1]))].sort();
}

/** Read every built function under `functionRoot` (a folder per function with index.js and config.json). */
export function readFunctionSources(functionRoot: string): FunctionSource[] {
  return readdirSync(functionRoot)
    .filter((name) => existsSync(path.join(functionRoot, name, 'index.js')))
    .sort()
    .map((name) => {
      const configFile = path.join(functionRoot, name, 'config.json');
      const config = existsSync(configFile) ? (JSON.parse(readFileSync(configFile, 'utf8')) as FunctionConfigJson) : null;
      return { name, config, envReads: envReadsOf(readFileSync(path.join(functionRoot, name, 'index.js'), 'utf8')) };
    });
}

/**
 * Build the plan: every collection of `schema` with its indexes, every function with its
 * config.json (timeout, timer triggers, cloud-call permissions) and the variables it reads, taken
 * from `vars` (QUNYUN_CLOUD_ENV defaults to the target environment). Throws when a function has
 * no usable config.json, so nothing half-configured is deployed.
 */
export function buildDeployPlan(input: { envId: string; functionRoot: string; schema: SchemaSpec; functions: FunctionSource[]; vars: Record<string, string> }): DeployPlan {
  const collections = Object.entries(input.schema).map(([name, spec]) => ({
    name,
    indexes: spec.indexes.map((fields) => ({ name: indexName(fields), fields: [...fields] })),
  }));
  const supplied: Record<string, string> = { QUNYUN_CLOUD_ENV: input.envId, ...input.vars };
  const functions = input.functions.map((fn): FunctionPlan => {
    const timeout = fn.config?.timeout;
    if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1 || timeout > 60) {
      throw new Error(`cloudfunctions/${fn.name}/config.json 缺少 1–60 秒的 timeout`);
    }
    const envVariables: Record<string, string> = {};
    const missingVariables: string[] = [];
    for (const key of fn.envReads) {
      if (supplied[key] !== undefined && supplied[key] !== '') envVariables[key] = supplied[key];
      else missingVariables.push(key);
    }
    return {
      name: fn.name,
      dir: path.join(input.functionRoot, fn.name),
      runtime: RUNTIME,
      timeout,
      triggers: fn.config?.triggers ?? [],
      openapi: fn.config?.permissions?.openapi ?? [],
      envVariables,
      missingVariables,
    };
  });
  return { envId: input.envId, functionRoot: input.functionRoot, collections, functions };
}

/** The plan as lines for a person; variable values are never printed (only their names). */
export function formatPlan(plan: DeployPlan): string {
  const lines = [`部署到云开发环境 ${plan.envId}`, '', `集合 ${plan.collections.length} 个（已有的保留，缺的索引补上）：`];
  for (const c of plan.collections) lines.push(`  ${c.name}${c.indexes.length ? `  索引 ${c.indexes.map((i) => i.name).join(', ')}` : ''}`);
  lines.push('', `云函数 ${plan.functions.length} 个（${RUNTIME}，云端安装依赖）：`);
  for (const f of plan.functions) {
    const parts = [`超时 ${f.timeout} 秒`];
    if (f.triggers.length) parts.push(`定时触发 ${f.triggers.map((t) => `${t.name} "${t.config}"`).join(', ')}`);
    if (f.openapi.length) parts.push(`云调用 ${f.openapi.join(', ')}`);
    const vars = Object.keys(f.envVariables);
    if (vars.length) parts.push(`环境变量 ${vars.join(', ')}`);
    if (f.missingVariables.length) parts.push(`未设置 ${f.missingVariables.join(', ')}`);
    lines.push(`  ${f.name}: ${parts.join('；')}`);
  }
  return lines.join('\n');
}
