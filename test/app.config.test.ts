import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

// The app and page configs as WeChat reads them (app.json / <page>.json after the Taro build):
// what they forget fails silently on a phone, so it is checked here against the code that needs it.
const src = path.resolve(__dirname, '..', 'src');
const globals = globalThis as unknown as Record<string, unknown>;
globals.defineAppConfig = (config: unknown) => config;
globals.definePageConfig = (config: unknown) => config;

interface AppConfig {
  pages: string[];
  subPackages: Array<{ root: string; pages: string[] }>;
  requiredPrivateInfos?: string[];
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = <T>(file: string): T => (require(file) as { default: T }).default;
const app = load<AppConfig>(path.join(src, 'app.config.ts'));
const pages = [...app.pages, ...app.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'server' ? [] : sourcesUnder(file);
    return /\.tsx?$/.test(name) ? [file] : [];
  });
}
const clientSources = sourcesUnder(src);

// WeChat's list of APIs that only work when app.json declares them in requiredPrivateInfos.
const PRIVATE_APIS = ['chooseAddress', 'chooseLocation', 'choosePoi', 'getFuzzyLocation', 'getLocation', 'onLocationChange', 'startLocationUpdate', 'startLocationUpdateBackground'];

it('declares in requiredPrivateInfos every private-info API the client calls (WeChat refuses the others)', () => {
  const used = PRIVATE_APIS.filter((api) => clientSources.some((file) => new RegExp(`\\.${api}\\(`).test(readFileSync(file, 'utf8'))));
  expect(used).toContain('chooseAddress');
  expect([...(app.requiredPrivateInfos ?? [])].sort()).toEqual(used.sort());
});

it('enables pull-down refresh on every page that listens for it (the hook never fires otherwise)', () => {
  const listening = clientSources.filter((file) => /\busePullDownRefresh\(/.test(readFileSync(file, 'utf8')));
  expect(listening.length).toBeGreaterThanOrEqual(2);
  for (const file of listening) {
    const page = path.relative(src, file).replace(/\.tsx$/, '');
    // The hook binds to the page it runs in: only page modules may call it, so the scan is complete.
    expect({ file: page, isPage: pages.includes(page) }).toEqual({ file: page, isPage: true });
    const config = load<{ enablePullDownRefresh?: boolean }>(path.join(src, `${page}.config.ts`));
    expect({ page, enablePullDownRefresh: config.enablePullDownRefresh }).toEqual({ page, enablePullDownRefresh: true });
  }
});
