import { spawnSync } from 'node:child_process';
import path from 'node:path';

// The one-way import rule (docs/architecture.md, layout) is enforced by lint; these cases prove it fires.
const rejected: Array<[string, string]> = [
  ['src/core/x.ts', "import { readFileSync } from 'node:fs';"],
  ['src/core/x.ts', "import Taro from '@tarojs/taro';"],
  ['src/core/x.ts', "import { invoke } from '../server/handler';"],
  ['src/server/x.ts', "import { call } from '../services/api';"],
  ['src/services/x.ts', "import { invoke } from '../server/handler';"],
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
  ['cloudfunctions/x/index.ts', "import { cloudMain } from '../../src/server/runtime/cloudbase';"],
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
