import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = path.resolve(__dirname, '..', '..');
/** Screenshots the e2e tests save for people to look at. */
export const SHOT_DIR = path.join(root, 'reports', 'e2e');

/** The built gateway (`dist/gateway/main.js`) serving the built h5 app, on a fresh data dir. */
export interface RunningApp {
  url: string;
  stop(): Promise<void>;
}

/** Start the app as `npm start` runs it (local mode, demo seed; open entry unless `env` says otherwise, so a new member checks in at once), on a free port. */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const main = path.join(root, 'dist', 'gateway', 'main.js');
  if (!existsSync(main) || !existsSync(path.join(root, 'dist', 'h5', 'index.html'))) {
    throw new Error('e2e needs the builds: run npm run build first');
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'qunyun-e2e-'));
  const child: ChildProcess = spawn('node', [main], {
    cwd: root,
    env: { ...process.env, PORT: '0', QUNYUN_DATA_DIR: dataDir, QUNYUN_SEED: 'demo', QUNYUN_LOCAL: '1', QUNYUN_DEMO_ENTRY: 'open', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${log}`)), 30000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /on http:\/\/localhost:(\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`gateway exited with ${code}:\n${log}`)));
  });
  return {
    url,
    async stop() {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, with the flags this machine needs (docs/architecture.md, toolchain); Playwright gives each launch a fresh profile dir. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The app and a browser for one e2e file, started before its tests and stopped after them. */
export function appAndBrowser(env: Record<string, string> = {}): { readonly app: RunningApp; readonly browser: Browser } {
  const handle = {} as { app: RunningApp; browser: Browser };
  beforeAll(async () => {
    handle.app = await startApp(env);
    handle.browser = await launchBrowser();
  });
  afterAll(async () => {
    await handle.browser?.close();
    await handle.app?.stop();
  });
  return handle;
}

/** Tap the confirm button (its confirmText) of the Taro h5 modal a destructive or money tap opens. */
export async function confirmModal(page: Page, confirmText: string): Promise<void> {
  const foot = page.locator('.taro-modal__foot');
  await foot.waitFor();
  await foot.getByText(confirmText, { exact: true }).click();
}
