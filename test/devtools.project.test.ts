import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// WeChat DevTools may open the repository root or dist/weapp: both project.config.json files must
// name folders that exist from where they sit. The dist one is written by Taro and then fixed by
// config/devtoolsProject.js (a Taro plugin), which is run here on a temporary tree as Taro would.
type ProjectConfig = { miniprogramRoot?: string; cloudfunctionRoot?: string; appid?: string; setting?: unknown };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require('../config/devtoolsProject.js') as ((ctx: unknown) => void) & {
  distProjectConfig(root: ProjectConfig, appPath: string, outputPath: string): ProjectConfig;
};
const repo = path.resolve(__dirname, '..');
const rootConfig = JSON.parse(readFileSync(path.join(repo, 'project.config.json'), 'utf8')) as ProjectConfig;

it('the root project.config.json points at the built mini-program and cloud functions', () => {
  expect(rootConfig.miniprogramRoot).toBe('dist/weapp/');
  expect(rootConfig.cloudfunctionRoot).toBe('dist/cloudfunctions/');
});

it('rewrites dist/weapp/project.config.json so its cloudfunctionRoot reaches dist/cloudfunctions', () => {
  const tree = mkdtempSync(path.join(os.tmpdir(), 'qunyun-devtools-'));
  try {
    const outputPath = path.join(tree, 'dist', 'weapp');
    mkdirSync(outputPath, { recursive: true });
    mkdirSync(path.join(tree, 'dist', 'cloudfunctions', 'member'), { recursive: true });
    writeFileSync(path.join(tree, 'project.config.json'), JSON.stringify(rootConfig));
    // What Taro's generateProjectConfig writes: the root file with miniprogramRoot './' and appid from TARO_APP_ID.
    writeFileSync(path.join(outputPath, 'project.config.json'), JSON.stringify({ ...rootConfig, miniprogramRoot: './', appid: 'wx-from-env' }));
    let finish: (() => void) | null = null;
    plugin({ paths: { appPath: tree, outputPath }, onBuildFinish: (fn: () => void) => (finish = fn) });
    const env = process.env.TARO_ENV;
    process.env.TARO_ENV = 'weapp';
    try {
      (finish as unknown as () => void)();
    } finally {
      process.env.TARO_ENV = env;
    }
    const emitted = JSON.parse(readFileSync(path.join(outputPath, 'project.config.json'), 'utf8')) as ProjectConfig;
    expect(emitted.miniprogramRoot).toBe('./');
    expect(emitted.cloudfunctionRoot).toBe('../cloudfunctions/');
    expect(path.resolve(outputPath, emitted.cloudfunctionRoot ?? '')).toBe(path.join(tree, 'dist', 'cloudfunctions'));
    expect(emitted.appid).toBe('wx-from-env');
    expect(emitted.setting).toEqual(rootConfig.setting);
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
});

it('computes the cloud function root relative to any output folder', () => {
  expect(plugin.distProjectConfig(rootConfig, '/repo', '/repo/dist/weapp').cloudfunctionRoot).toBe('../cloudfunctions/');
  expect(plugin.distProjectConfig(rootConfig, '/repo', '/repo/out/a/b').cloudfunctionRoot).toBe('../../../dist/cloudfunctions/');
});
