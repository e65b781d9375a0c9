import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type CloudBase from '@cloudbase/manager-node';
import { build } from 'esbuild';
import { executePlan, type ManagerLike } from '../scripts/deploy/execute';
import { main } from '../scripts/deploy/main';
import { buildDeployPlan, envReadsOf, formatPlan, indexName, parseDeployArgs, readFunctionSources, type DeployPlan } from '../scripts/deploy/plan';
import { COLLECTIONS, SCHEMA } from '../src/server/store/schema';

// `npm run deploy` short of the network: the plan is checked against schema.ts and cloudfunctions/,
// and the executor and the command run against a fake @cloudbase/manager-node.
const repo = path.resolve(__dirname, '..');
const fnRoot = path.join(repo, 'cloudfunctions');
const names = readdirSync(fnRoot).filter((name) => existsSync(path.join(fnRoot, name, 'index.ts'))).sort();
let tree: string;
let functionRoot: string;

beforeAll(async () => {
  // A dist/cloudfunctions as scripts/build-functions.mjs lays it out (bundle + config.json).
  tree = mkdtempSync(path.join(os.tmpdir(), 'qunyun-deploy-'));
  functionRoot = path.join(tree, 'dist', 'cloudfunctions');
  for (const name of names) {
    const out = path.join(functionRoot, name);
    mkdirSync(out, { recursive: true });
    await build({ bundle: true, platform: 'node', target: 'node16', format: 'cjs', logLevel: 'silent', entryPoints: [path.join(fnRoot, name, 'index.ts')], outfile: path.join(out, 'index.js'), external: ['wx-server-sdk'], minify: true });
    copyFileSync(path.join(fnRoot, name, 'config.json'), path.join(out, 'config.json'));
  }
});
afterAll(() => rmSync(tree, { recursive: true, force: true }));

const OWNERS = 'oOwnerSecret1,oOwnerSecret2';
function plan(): DeployPlan {
  return buildDeployPlan({ envId: 'qunyun-prod-1a2b', functionRoot, schema: SCHEMA, functions: readFunctionSources(functionRoot), vars: { QUNYUN_OWNER_OPENIDS: OWNERS } });
}

describe('the deploy plan', () => {
  it('creates every collection of schema.ts with every index it declares', () => {
    const p = plan();
    expect(p.collections.map((c) => c.name)).toEqual(COLLECTIONS);
    for (const c of p.collections) {
      const declared = SCHEMA[c.name as keyof typeof SCHEMA].indexes;
      expect(c.indexes.map((i) => i.fields)).toEqual(declared.map((fields) => [...fields]));
      expect(new Set(c.indexes.map((i) => i.name)).size).toBe(c.indexes.length);
    }
    expect(p.collections.find((c) => c.name === 'ledger')?.indexes.map((i) => i.name)).toEqual(['memberId_1_seq_1', 'memberId_1_kind_1_seq_1']);
  });

  it('deploys every function in cloudfunctions/ with its config.json timeout, timer and cloud calls', () => {
    const p = plan();
    expect(p.functions.map((f) => f.name)).toEqual(names);
    for (const f of p.functions) {
      const config = JSON.parse(readFileSync(path.join(fnRoot, f.name, 'config.json'), 'utf8'));
      expect(f.timeout).toBe(config.timeout);
      expect(f.openapi).toEqual(config.permissions.openapi);
      expect(f.triggers).toEqual(config.triggers ?? []);
      expect(f.dir).toBe(path.join(functionRoot, f.name));
    }
    const cron = p.functions.find((f) => f.name === 'cron');
    expect(cron?.triggers).toEqual([{ name: 'every5min', type: 'timer', config: '0 */5 * * * * *' }]);
    expect(cron?.timeout).toBeGreaterThanOrEqual(20);
    expect(p.functions.find((f) => f.name === 'lessons')?.openapi).toEqual(['security.msgSecCheck', 'subscribeMessage.send']);
  });

  it('gives each function the variables its code reads, and names the ones nobody supplied', () => {
    const p = plan();
    const fn = (name: string) => p.functions.find((f) => f.name === name);
    for (const f of p.functions.filter((f) => f.name !== 'vipPay')) expect(f.envVariables.QUNYUN_OWNER_OPENIDS).toBe(OWNERS);
    expect(fn('vipPay')?.envVariables.QUNYUN_OWNER_OPENIDS).toBeUndefined();
    expect(fn('vip')?.envVariables.QUNYUN_CLOUD_ENV).toBe('qunyun-prod-1a2b');
    expect(fn('vipPay')?.missingVariables).toContain('QUNYUN_PAY_SUB_MCH_ID');
    expect(envReadsOf('a=process.env.QUNYUN_OWNER_OPENIDS;b=process.env.HOME;c=process.env.QUNYUN_X')).toEqual(['QUNYUN_OWNER_OPENIDS', 'QUNYUN_X']);
  });

  it('prints names of variables, never their values', () => {
    const text = formatPlan(plan());
    expect(text).toContain('QUNYUN_OWNER_OPENIDS');
    expect(text).not.toContain('oOwnerSecret');
    expect(text).toContain('cron: 超时 60 秒；定时触发 every5min "0 */5 * * * * *"');
  });

  it('refuses a function without a timeout in its config.json', () => {
    expect(() => buildDeployPlan({ envId: 'e1', functionRoot, schema: SCHEMA, functions: [{ name: 'x', config: { permissions: { openapi: [] } }, envReads: [] }], vars: {} })).toThrow(
      'cloudfunctions/x/config.json 缺少 1–60 秒的 timeout',
    );
  });

  it('reads the command line and explains a bad one', () => {
    expect(parseDeployArgs(['--env', 'qunyun-prod-1a2b', '--dry-run', '--var', 'QUNYUN_OWNER_OPENIDS=o1,o2'])).toEqual({
      envId: 'qunyun-prod-1a2b',
      dryRun: true,
      vars: { QUNYUN_OWNER_OPENIDS: 'o1,o2' },
    });
    expect(parseDeployArgs(['--env=e-1']).dryRun).toBe(false);
    expect(() => parseDeployArgs(['--dry-run'])).toThrow(/请用 --env 指定云开发环境 ID/);
    expect(() => parseDeployArgs(['--env', 'e-1', '--var', 'lower=x'])).toThrow(/KEY=VALUE/);
    expect(() => parseDeployArgs(['--env', 'e-1', '--force'])).toThrow(/不认识的参数 --force/);
    expect(indexName(['campaignId', 'day'])).toBe('campaignId_1_day_1');
  });
});

// tsc checks that the real @cloudbase/manager-node has every call the executor makes, typed alike.
const realManagerFits = (manager: CloudBase): ManagerLike => manager;

/** A fake manager that records calls; `existing` are functions already deployed. */
function fakeManager(existing: Record<string, { vars?: Record<string, string>; triggers?: Array<{ TriggerName: string; TriggerDesc: string }> }> = {}, indexes = new Set<string>()) {
  const calls: Array<[string, ...unknown[]]> = [];
  const manager: ManagerLike = {
    database: {
      createCollectionIfNotExists: async (name) => calls.push(['createCollection', name]),
      checkIndexExists: async (collection, name) => ({ Exists: indexes.has(`${collection}.${name}`) }),
      updateCollection: async (collection, change) => calls.push(['updateCollection', collection, change]),
    },
    functions: {
      getFunctionDetail: async (name) => {
        const fn = existing[name];
        if (!fn) throw Object.assign(new Error(`[${name}] 函数不存在`), { code: 'ResourceNotFound.Function' });
        return { Environment: { Variables: Object.entries(fn.vars ?? {}).map(([Key, Value]) => ({ Key, Value })) }, Triggers: fn.triggers ?? [] };
      },
      deleteFunctionTrigger: async (name, trigger) => calls.push(['deleteTrigger', name, trigger]),
      createFunction: async (param) => calls.push(['createFunction', param]),
    },
  };
  return { manager, calls };
}

describe('the deploy executor (fake manager)', () => {
  it('drives the same interface as @cloudbase/manager-node', () => {
    expect(typeof realManagerFits).toBe('function');
  });

  it('creates collections, only the missing indexes, and every function with its config', async () => {
    const { manager, calls } = fakeManager({}, new Set(['ledger.memberId_1_seq_1']));
    const lines: string[] = [];
    await executePlan(plan(), manager, (line) => lines.push(line));
    expect(calls.filter((c) => c[0] === 'createCollection').map((c) => c[1])).toEqual(COLLECTIONS);
    const ledger = calls.find((c) => c[0] === 'updateCollection' && c[1] === 'ledger');
    expect(ledger?.[2]).toEqual({
      CreateIndexes: [{ IndexName: 'memberId_1_kind_1_seq_1', MgoKeySchema: { MgoIndexKeys: [{ Name: 'memberId', Direction: '1' }, { Name: 'kind', Direction: '1' }, { Name: 'seq', Direction: '1' }], MgoIsUnique: false } }],
    });
    expect(calls.some((c) => c[0] === 'updateCollection' && c[1] === 'invites')).toBe(false);
    const deployed = calls.filter((c) => c[0] === 'createFunction').map((c) => c[1] as { func: { name: string; timeout: number; triggers: unknown[]; envVariables?: Record<string, string> }; functionRootPath: string; force: boolean });
    expect(deployed.map((d) => d.func.name)).toEqual(names);
    const cron = deployed.find((d) => d.func.name === 'cron');
    expect(cron).toMatchObject({ functionRootPath: functionRoot, force: true, func: { timeout: 60, triggers: [{ name: 'every5min', type: 'timer', config: '0 */5 * * * * *' }] } });
    expect(cron?.func.envVariables).toEqual({ QUNYUN_OWNER_OPENIDS: OWNERS });
    expect(lines.join('\n')).not.toContain('oOwnerSecret');
  });

  it('keeps variables already set on a function and does not recreate an unchanged timer', async () => {
    const { manager, calls } = fakeManager({
      cron: { vars: { QUNYUN_EXTRA: 'kept', QUNYUN_OWNER_OPENIDS: 'old' }, triggers: [{ TriggerName: 'every5min', TriggerDesc: '{"cron":"0 */5 * * * * *"}' }] },
      vip: { triggers: [] },
    });
    await executePlan(plan(), manager, () => undefined);
    const cron = calls.find((c) => c[0] === 'createFunction' && (c[1] as { func: { name: string } }).func.name === 'cron')?.[1] as { func: { triggers: unknown[]; envVariables: Record<string, string> } };
    expect(cron.func.envVariables).toEqual({ QUNYUN_EXTRA: 'kept', QUNYUN_OWNER_OPENIDS: OWNERS });
    expect(cron.func.triggers).toEqual([]);
    expect(calls.some((c) => c[0] === 'deleteTrigger')).toBe(false);
  });

  it('replaces a timer whose schedule changed', async () => {
    const { manager, calls } = fakeManager({ cron: { triggers: [{ TriggerName: 'every5min', TriggerDesc: '{"cron":"0 0 * * * * *"}' }] } });
    await executePlan(plan(), manager, () => undefined);
    expect(calls.filter((c) => c[0] === 'deleteTrigger')).toEqual([['deleteTrigger', 'cron', 'every5min']]);
  });
});

describe('npm run deploy', () => {
  const deps = (env: Record<string, string | undefined>, lines: string[], loaded: unknown[]) => ({
    root: tree,
    env,
    log: (line: string) => lines.push(line),
    loadManager: async (config: unknown) => {
      loaded.push(config);
      return fakeManager().manager;
    },
  });

  it('--dry-run prints the plan and never loads the manager', async () => {
    const lines: string[] = [];
    const loaded: unknown[] = [];
    const env = { QUNYUN_OWNER_OPENIDS: OWNERS, TENCENTCLOUD_SECRETID: 'AKIDsecret', TENCENTCLOUD_SECRETKEY: 'keysecret' };
    expect(await main(['--env', 'qunyun-prod-1a2b', '--dry-run'], deps(env, lines, loaded))).toBe(0);
    expect(loaded).toEqual([]);
    const text = lines.join('\n');
    expect(text).toContain('部署到云开发环境 qunyun-prod-1a2b');
    expect(text).toContain('未做任何改动');
    expect(text).toContain('-604101');
    for (const secret of ['oOwnerSecret', 'AKIDsecret', 'keysecret']) expect(text).not.toContain(secret);
  });

  it('without keys it says which to set and touches nothing', async () => {
    const lines: string[] = [];
    const loaded: unknown[] = [];
    expect(await main(['--env', 'qunyun-prod-1a2b'], deps({}, lines, loaded))).toBe(1);
    expect(loaded).toEqual([]);
    expect(lines.join('\n')).toContain('TENCENTCLOUD_SECRETID 和 TENCENTCLOUD_SECRETKEY');
  });

  it('with keys it deploys to the named environment and does not print them', async () => {
    const lines: string[] = [];
    const loaded: unknown[] = [];
    const env = { TENCENTCLOUD_SECRETID: 'AKIDsecret', TENCENTCLOUD_SECRETKEY: 'keysecret' };
    expect(await main(['--env', 'qunyun-prod-1a2b'], deps(env, lines, loaded))).toBe(0);
    expect(loaded).toEqual([{ secretId: 'AKIDsecret', secretKey: 'keysecret', token: undefined, envId: 'qunyun-prod-1a2b' }]);
    const text = lines.join('\n');
    expect(text).toContain('部署完成');
    for (const secret of ['AKIDsecret', 'keysecret']) expect(text).not.toContain(secret);
  });
});
