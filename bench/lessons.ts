// Lessons and activities (issue 6), on SQLite through the function wrapper:
// - reminders: 1,000 subscribers of one lesson, the reminder job run twice at once (each
//   reminder must go out once); prints messages and wall time;
// - activity sign-up: 1,000 parallel sign-ups for 300 places through the local gateway over HTTP;
//   prints confirmed / waitlisted (the waitlist holds at most 500), p50/p99 latency and throughput.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MAX_WAITLIST } from '../src/core/activities';
import { withDefaults } from '../src/core/settings';
import { FUNCTIONS } from '../src/server/functions';
import { createGateway } from '../src/server/local/gateway';
import { invoke } from '../src/server/kernel/handler';
import { lessonReminders } from '../src/server/domain/lessonRecords';
import { localMessaging } from '../src/server/domain/messaging';
import { openSqliteStore } from '../src/server/local/sqliteStore';

const MEMBERS = 1000;
const PLACES = 300;
const OWNER = 'bench-owner';

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qunyun-lessons-'));
  const store = openSqliteStore(path.join(dir, 'lessons.sqlite'));
  const owners = new Set([OWNER]);
  const now = new Date('2026-11-24T02:00:00Z');
  const as = async <T>(openid: string, fn: string, event: Record<string, unknown>, at = now): Promise<T> => {
    const r = await invoke(FUNCTIONS[fn], event, { store, openid, now: at, ownerOpenids: owners });
    if (!r.ok) throw new Error(`${fn}.${String(event.action)}: ${r.error.message}`);
    return r.data as T;
  };
  try {
    await as(OWNER, 'member', { action: 'login' });
    for (let i = 0; i < MEMBERS; i += 1) await as(`m-${i}`, 'member', { action: 'login' });
    const { lesson } = await as<{ lesson: { id: string } }>(OWNER, 'lessons', { action: 'publish', requestId: 'bench-lesson', lesson: { title: '压测直播课', lecturer: '讲师', startsAt: '2026-11-24T12:00:00Z', endsAt: '2026-11-24T13:00:00Z', outline: '' } });
    for (let i = 0; i < MEMBERS; i += 1) await as(`m-${i}`, 'lessons', { action: 'subscribe', requestId: `bench-sub-${i}`, lessonId: lesson.id });
    const due = new Date('2026-11-24T11:50:00Z');
    const t0 = performance.now();
    const runs = await Promise.all([lessonReminders(store, due, withDefaults(null), localMessaging), lessonReminders(store, due, withDefaults(null), localMessaging)]);
    const reminderMs = performance.now() - t0;
    const messages = runs.reduce((n, r) => n + (r.messages ?? 0), 0);
    console.log(`reminders: ${MEMBERS} subscribers, 2 parallel runs → ${messages} messages (outbox ${await store.count('outbox')}) in ${reminderMs.toFixed(0)} ms (${((reminderMs / MEMBERS) * 1000).toFixed(0)} µs per reminder)`);

    const { activity } = await as<{ activity: { id: string } }>(OWNER, 'activities', {
      action: 'create',
      requestId: 'bench-activity',
      activity: { title: '压测沙龙', kind: 'salon', mode: 'offline', startsAt: '2026-11-28T06:00:00Z', endsAt: '2026-11-28T08:00:00Z', signupDeadline: '2026-11-27T12:00:00Z', place: '上海', capacity: PLACES, description: '' },
    });
    const server = createGateway({ store, functions: FUNCTIONS, local: true, ownerOpenids: owners });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/activities`;
    const latencies: number[] = [];
    const outcomes = new Map<string, number>();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: MEMBERS }, async (_, i) => {
        const t = performance.now();
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-qunyun-openid': `m-${i}`, 'x-qunyun-now': now.toISOString() },
          body: JSON.stringify({ action: 'signup', requestId: `bench-signup-${i}`, activityId: activity.id }),
        });
        const body = (await res.json()) as { ok: boolean; data?: { status: string }; error?: { code: string } };
        latencies.push(performance.now() - t);
        const key = body.ok ? (body.data?.status ?? '?') : (body.error?.code ?? 'unknown');
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }),
    );
    const wall = performance.now() - started;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    latencies.sort((a, b) => a - b);
    const stored = await store.get<{ id: string; confirmed: number; waitlist: string[] }>('activities', activity.id);
    console.log(`sign-up: ${MEMBERS} parallel for ${PLACES} places → ${JSON.stringify(Object.fromEntries(outcomes))}; stored confirmed ${stored?.confirmed}, waitlist ${stored?.waitlist.length}`);
    console.log(`sign-up: p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms, ${((MEMBERS / wall) * 1000).toFixed(0)} sign-ups/s`);
    if (messages !== MEMBERS || stored?.confirmed !== PLACES || stored.waitlist.length !== Math.min(MEMBERS - PLACES, MAX_WAITLIST)) process.exitCode = 1;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
