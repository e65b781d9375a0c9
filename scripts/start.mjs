// `npm start`: build the h5 app and the functions, then run the local gateway in local mode with
// the demo community on http://localhost:8080 (PORT, QUNYUN_DATA_DIR, QUNYUN_SEED override).
import { spawnSync, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (process.env.QUNYUN_SKIP_BUILD !== '1') {
  console.log('[qunyun] building the h5 app…');
  run('npx', ['taro', 'build', '--type', 'h5'], { NODE_ENV: 'production' });
  run('node', ['scripts/build-functions.mjs']);
}
const child = spawn('node', ['--enable-source-maps', 'dist/gateway/main.js'], {
  cwd: root,
  stdio: 'inherit',
  env: { QUNYUN_SEED: 'demo', ...process.env, QUNYUN_LOCAL: '1' },
});
const forward = (signal) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code) => process.exit(code ?? 0));
