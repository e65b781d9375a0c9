import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { dayKey } from '../../core/day';
import { FUNCTIONS } from '../functions';
import { ownerOpenidsFromEnv } from '../kernel/owners';
import { DEMO_OWNER, demoPersonas, seedDemo } from './demoSeed';
import { loadSettings } from '../domain/settingsStore';
import { openSqliteStore } from './sqliteStore';
import QRCode from 'qrcode';
import { createGateway } from './gateway';
import { JOBS } from '../domain/jobs';
import { localPayRoute } from './localPay';
import { localMessaging } from '../domain/messaging';

/**
 * `npm start` entry: SQLite under QUNYUN_DATA_DIR (default .data/), demo seed on first start
 * (QUNYUN_SEED=demo|none; QUNYUN_DEMO_ENTRY picks the demo's entry rule), local mode (header identity) only when QUNYUN_LOCAL=1.
 */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8080);
  const dataDir = path.resolve(process.env.QUNYUN_DATA_DIR ?? '.data');
  const seed = process.env.QUNYUN_SEED ?? 'demo';
  const local = process.env.QUNYUN_LOCAL === '1';
  const staticDir = path.resolve(process.env.QUNYUN_STATIC_DIR ?? path.join(__dirname, '..', 'h5'));
  mkdirSync(dataDir, { recursive: true });
  const store = openSqliteStore(path.join(dataDir, 'qunyun.sqlite'));
  const owners = ownerOpenidsFromEnv(process.env.QUNYUN_OWNER_OPENIDS ?? (seed === 'demo' ? DEMO_OWNER : ''));

  if (seed === 'demo' && (await store.count('members')) === 0) {
    const started = Date.now();
    console.log('[qunyun] seeding the demo community (first start only)…');
    // QUNYUN_DEMO_ENTRY=open|referral|application|paid: the demo's entry rule (default application, issue 16).
    const entryMode = (['open', 'referral', 'application', 'paid'] as const).find((m) => m === process.env.QUNYUN_DEMO_ENTRY) ?? 'application';
    const result = await seedDemo(store, FUNCTIONS, { now: new Date(), entryMode });
    console.log(`[qunyun] seeded ${result.members} members and ${result.checkins} check-ins in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  const publicUrl = () => process.env.QUNYUN_PUBLIC_URL ?? `http://localhost:${(server.address() as AddressInfo | null)?.port ?? port}`;
  const server = createGateway({
    store,
    functions: FUNCTIONS,
    local,
    ownerOpenids: owners,
    staticDir,
    uploadDir: path.join(dataDir, 'uploads'),
    ports: {
      platform: {
        // The poster code locally: a QR code of the h5 link that opens the same page with the same scene.
        miniCode: async (scene, page) => {
          const ref = /^r=(\w+)$/.exec(scene)?.[1];
          const link = `${publicUrl()}/${page}${ref ? `?ref=${ref}` : ''}`;
          return QRCode.toDataURL(link, { margin: 1, width: 360 });
        },
      },
    },
    localRoutes: {
      pay: localPayRoute(store),
      personas: async () => {
        const settings = await loadSettings(store);
        return { personas: await demoPersonas(store, dayKey(new Date(), settings.timezone)) };
      },
    },
  });
  server.listen(port, () => {
    const bound = (server.address() as AddressInfo).port;
    console.log(`[qunyun] ${local ? 'local mode' : 'gateway'} on http://localhost:${bound} (data: ${dataDir})`);
  });
  // The cron function's timer, locally: every job every 10 minutes (and once at start).
  const runJobs = async () => {
    const settings = await loadSettings(store);
    for (const [name, job] of Object.entries(JOBS)) {
      const run = await job(store, new Date(), settings, localMessaging);
      if (run.accounts > 0) console.log(`[qunyun] cron ${name}: ${run.accounts} affected${run.points > 0 ? `, ${run.points} points` : ''}`);
    }
  };
  const runJobsSafely = () => void runJobs().catch((error: unknown) => console.error('[qunyun] cron failed', error));
  runJobsSafely();
  const timer = setInterval(runJobsSafely, 10 * 60_000);
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    server.close();
    void store.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('[qunyun] failed to start', error);
  process.exit(1);
});
