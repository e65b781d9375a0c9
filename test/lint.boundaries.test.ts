import { spawnSync } from 'node:child_process';
import path from 'node:path';

// The one-way import rule (docs/architecture.md, layout) is enforced by lint; these cases prove it fires.
const rejected: Array<[string, string]> = [
  ['src/core/x.ts', "import { readFileSync } from 'node:fs';"],
  ['src/core/x.ts', "import Taro from '@tarojs/taro';"],
  ['src/core/x.ts', "import { invoke } from '../server/kernel/handler';"],
  ['src/server/domain/x.ts', "import { call } from '../../services/api';"],
  ['src/services/x.ts', "import { invoke } from '../server/kernel/handler';"],
  ['src/server/domain/x.ts', "import { cloudMain } from '../cloudbase/runtime';"],
  ['src/server/functions/x/index.ts', "import { createGateway } from '../../local/gateway';"],
  ['src/server/kernel/x.ts', "import cloud from 'wx-server-sdk';"],
  ['src/server/store/x.ts', "import Database from 'better-sqlite3';"],
  ['src/server/cloudbase/x.ts', "import { openSqliteStore } from '../local/sqliteStore';"],
  ['src/server/local/x.ts', "import { cloudMain } from '../cloudbase/runtime';"],
  ['src/server/local/x.ts', "import cloud from 'wx-server-sdk';"],
  ['cloudfunctions/x/index.ts', "import { seedDemo } from '../../src/server/local/demoSeed';"],
  ['src/subpackages/owner/x/index.tsx', "import { fetchItems } from '../../../services/mall';"],
  ['src/pages/me/x.tsx', "import { login } from '../../services/session';"],
  ['src/components/x.tsx', "import { fetchPersonas } from '../services/local';"],
  ['src/services/x.ts', "import { useMember } from '../hooks/useMember';"],
  ['src/hooks/x.ts', "import Home from '../pages/index/index';"],
  ['src/pages/index/x.tsx', "import { call } from '../../services/api';"],
  ['src/components/x.tsx', "import Database from 'better-sqlite3';"],
  ['types/x.ts', "import { z } from 'zod';"],
];
const allowed: Array<[string, string]> = [
  ['src/core/x.ts', "import dayjs from 'dayjs';"],
  ['src/server/x.ts', "import { dayKey } from '../core/day';"],
  ['src/hooks/x.ts', "import { call } from '../services/api';"],
  ['src/pages/index/x.tsx', "import { useCheckin } from '../../hooks/useCheckin';"],
  ['cloudfunctions/x/index.ts', "import { cloudMain } from '../../src/server/cloudbase/runtime';"],
  ['src/server/local/x.ts', "import { post } from '../domain/ledger';"],
  ['src/server/cloudbase/x.ts', "import { invoke } from '../kernel/handler';"],
  ['src/server/functions/x/index.ts', "import { post } from '../../domain/ledger';"],
  ['src/subpackages/owner/x/index.tsx', "import type { ApiFailure } from '../../../services/api';"],
  ['src/subpackages/owner/x/index.tsx', "import { showDay } from '../../../services/time';"],
  ['src/app.tsx', "import { rememberLaunch } from './services/session';"],
];

let counts: number[] = [];

beforeAll(() => {
  const root = path.resolve(__dirname, '..');
  const input = JSON.stringify([...rejected, ...allowed].map(([file, code]) => [file, `${code}\nexport {};\n`]));
  const run = spawnSync(process.execPath, [path.join(__dirname, 'support', 'lint-probe.mjs')], { cwd: root, input, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  counts = JSON.parse(run.stdout) as number[];
});

describe('import direction', () => {
  it.each(rejected.map((c, i) => [...c, i] as const))('rejects %s importing: %s', (_file, _code, i) => {
    expect(counts[i]).toBeGreaterThan(0);
  });

  it.each(allowed.map((c, i) => [...c, rejected.length + i] as const))('allows %s importing: %s', (_file, _code, i) => {
    expect(counts[i]).toBe(0);
  });
});
