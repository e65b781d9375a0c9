// Package-size budget (docs/architecture.md, budgets): weapp main package ≤ 1 MiB, each subpackage ≤ 2 MiB,
// each cloud-function bundle ≤ 300 KiB. Prints every figure; exits 1 on any breach.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KiB = 1024;
const MiB = 1024 * KiB;
const weapp = path.join(root, 'dist', 'weapp');
const fnDir = path.join(root, 'dist', 'cloudfunctions');

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
const fmt = (n) => (n >= MiB ? `${(n / MiB).toFixed(2)} MiB` : `${(n / KiB).toFixed(1)} KiB`);

if (!existsSync(path.join(weapp, 'app.json')) || !existsSync(fnDir)) {
  console.error('size check: build output missing (run npm run build first)');
  process.exit(1);
}
const app = JSON.parse(readFileSync(path.join(weapp, 'app.json'), 'utf8'));
const subRoots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
// Files DevTools does not upload: source maps and license notes.
const counted = (f) => !/\.(map|LICENSE\.txt)$/.test(f);
const sizes = { main: 0 };
for (const r of subRoots) sizes[r] = 0;
for (const file of files(weapp).filter(counted)) {
  const rel = path.relative(weapp, file).split(path.sep).join('/');
  const owner = subRoots.find((r) => rel.startsWith(`${r}/`)) ?? 'main';
  sizes[owner] += statSync(file).size;
}

const rows = [];
rows.push(['weapp main package', sizes.main, MiB]);
for (const r of subRoots) rows.push([`weapp subpackage ${r}`, sizes[r], 2 * MiB]);
for (const name of readdirSync(fnDir)) {
  const bundle = path.join(fnDir, name, 'index.js');
  if (existsSync(bundle)) rows.push([`cloud function ${name}`, statSync(bundle).size, 300 * KiB]);
}
let failed = 0;
for (const [label, size, budget] of rows) {
  const ok = size <= budget;
  if (!ok) failed += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label.padEnd(34)} ${fmt(size).padStart(10)} / ${fmt(budget)}`);
}
if (failed > 0) {
  console.error(`size check: ${failed} budget(s) exceeded`);
  process.exit(1);
}
console.log('size check: every package within budget');
