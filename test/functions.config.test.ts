import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

// What a deployed function may do on CloudBase is what its config.json declares: every
// `cloud.openapi.<ns>.<method>` call fails with -604101 unless `permissions.openapi` lists it, and a
// function stops after `timeout` seconds (3 s when absent). The source each function ships is its
// esbuild bundle (the same options as scripts/build-functions.mjs), so that is what is scanned.
const root = path.resolve(__dirname, '..');
const fnRoot = path.join(root, 'cloudfunctions');
const functions = readdirSync(fnRoot).filter((name) => existsSync(path.join(fnRoot, name, 'index.ts')));

interface FunctionConfig {
  permissions?: { openapi?: unknown };
  triggers?: Array<{ name: string; type: string; config: string }>;
  timeout?: unknown;
}

function configOf(name: string): FunctionConfig | null {
  const file = path.join(fnRoot, name, 'config.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as FunctionConfig) : null;
}

const bundles = new Map<string, Promise<string>>();

/** The deployed bundle of one function, as scripts/build-functions.mjs builds it. */
function bundleOf(name: string): Promise<string> {
  let bundle = bundles.get(name);
  if (!bundle) {
    bundle = bundleNow(name);
    bundles.set(name, bundle);
  }
  return bundle;
}

async function bundleNow(name: string): Promise<string> {
  const result = await build({
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    legalComments: 'none',
    logLevel: 'silent',
    entryPoints: [path.join(fnRoot, name, 'index.ts')],
    external: ['wx-server-sdk'],
    minify: true,
    write: false,
  });
  return result.outputFiles[0].text;
}

/** The `openapi.<ns>.<method>` calls a bundle makes; throws on an openapi use it cannot name. */
function openapiCalls(code: string): string[] {
  const calls = new Set<string>();
  for (const m of code.matchAll(/\bopenapi\b/g)) {
    const named = /^openapi\.([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)\s*\(/.exec(code.slice(m.index, m.index + 120));
    if (!named) throw new Error(`cannot tell which openapi method is used near: ${code.slice(m.index - 40, m.index + 80)}`);
    calls.add(`${named[1]}.${named[2]}`);
  }
  return [...calls].sort();
}

it('finds the cloud functions and the openapi calls in a bundle', () => {
  expect(functions.length).toBeGreaterThanOrEqual(13);
  expect(openapiCalls('a.default.openapi.security.msgSecCheck({x:1});b.openapi.subscribeMessage.send(y)')).toEqual(['security.msgSecCheck', 'subscribeMessage.send']);
  expect(() => openapiCalls('const{openapi:o}=cloud;o.security.msgSecCheck()')).toThrow(/cannot tell/);
});

describe.each(functions)('cloudfunctions/%s/config.json', (name) => {
  it('declares every openapi method the function can reach', async () => {
    const calls = openapiCalls(await bundleOf(name));
    const declared = configOf(name)?.permissions?.openapi ?? [];
    expect(Array.isArray(declared)).toBe(true);
    const missing = calls.filter((call) => !(declared as string[]).includes(call));
    expect({ function: name, missing }).toEqual({ function: name, missing: [] });
  });

  it('ships the WeChat capability for every platform call it makes (no silent local stand-in)', async () => {
    const code = await bundleOf(name);
    const calls = openapiCalls(code);
    if (/\.platform\.riskRank\(/.test(code)) expect(calls).toContain('riskControl.getUserRiskRank');
    if (/\.platform\.miniCode\(/.test(code)) expect(calls).toContain('wxacode.getUnlimited');
    // Groups (issue 15): live cards and group identity need their WeChat implementations.
    if (/\.setUpdatableMsg\(/.test(code)) expect(calls).toContain('updatableMessage.setUpdatableMsg');
    if (/\.platform\.createActivityId\(/.test(code)) expect(calls).toContain('updatableMessage.createActivityId');
    if (/\.platform\.resolveGroup\(/.test(code)) expect(code).toMatch(/\.getOpenData\(\{list:/);
  });

  it('sets a timeout long enough for its work (CloudBase default is 3 s)', () => {
    const timeout = configOf(name)?.timeout;
    expect(typeof timeout).toBe('number');
    expect(Number.isInteger(timeout) && (timeout as number) >= 5 && (timeout as number) <= 60).toBe(true);
    // cron runs every job in turn and funnel rebuilds the day table: both page through whole collections.
    if (name === 'cron' || name === 'funnel') expect(timeout as number).toBeGreaterThanOrEqual(20);
  });
});

it('keeps the cron timer trigger', () => {
  expect(configOf('cron')?.triggers).toEqual([{ name: 'every5min', type: 'timer', config: '0 */5 * * * * *' }]);
});
