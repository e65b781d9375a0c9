// `npm run deploy -- --env <环境 ID> [--dry-run] [--var KEY=VALUE]...`: build the cloud functions,
// then plan and (unless --dry-run) apply every collection, index and function to one CloudBase
// environment with @cloudbase/manager-node. The logic lives in scripts/deploy/*.ts (tested in jest);
// this file bundles it with esbuild and runs it.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-functions.mjs')], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const outfile = path.join(root, 'dist', 'deploy', 'main.mjs');
await build({ entryPoints: [path.join(root, 'scripts', 'deploy', 'main.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'warning' });
const { main } = await import(pathToFileURL(outfile).href);
const require = createRequire(import.meta.url);
const code = await main(process.argv.slice(2), {
  root,
  env: process.env,
  log: (line) => console.log(line),
  loadManager: async (config) => {
    const CloudBase = require('@cloudbase/manager-node');
    return new CloudBase(config);
  },
});
process.exit(code);
