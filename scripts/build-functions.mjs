// Bundles each cloud function into dist/cloudfunctions/<fn>/ (index.js + package.json, wx-server-sdk
// external) and the local gateway into dist/gateway/main.js.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const sdkVersion = pkg.dependencies['wx-server-sdk'];
const fnRoot = path.join(root, 'cloudfunctions');
const functions = readdirSync(fnRoot).filter((name) => existsSync(path.join(fnRoot, name, 'index.ts')));

const common = { bundle: true, platform: 'node', target: 'node16', format: 'cjs', legalComments: 'none', logLevel: 'warning' };

for (const name of functions) {
  const outdir = path.join(root, 'dist', 'cloudfunctions', name);
  mkdirSync(outdir, { recursive: true });
  await build({ ...common, entryPoints: [path.join(fnRoot, name, 'index.ts')], outfile: path.join(outdir, 'index.js'), external: ['wx-server-sdk'], minify: true });
  // config.json carries the function's openapi permissions, triggers (cron's timer) and timeout;
  // without it a deployed function gets no cloud calls and CloudBase's 3 s default.
  const config = path.join(fnRoot, name, 'config.json');
  if (!existsSync(config)) throw new Error(`cloudfunctions/${name}/config.json is missing (permissions.openapi and timeout)`);
  copyFileSync(config, path.join(outdir, 'config.json'));
  writeFileSync(
    path.join(outdir, 'package.json'),
    `${JSON.stringify({ name: `qunyun-${name}`, version: pkg.version, private: true, main: 'index.js', dependencies: { 'wx-server-sdk': sdkVersion } }, null, 2)}\n`,
  );
}

await build({
  ...common,
  target: 'node20',
  entryPoints: [path.join(root, 'src', 'server', 'local', 'main.ts')],
  outfile: path.join(root, 'dist', 'gateway', 'main.js'),
  external: ['better-sqlite3', 'wx-server-sdk'],
  sourcemap: true,
});
console.log(`built ${functions.length} cloud functions (${functions.join(', ')}) and the local gateway`);
