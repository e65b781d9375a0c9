// Funnel panel cost (docs/architecture.md, budgets: ≤ 50 ms for 100k members over 2 years on the embedded store).
// Seeds 100,000 members who joined over two years, with activity histories run through the real
// milestone rules (src/core/funnel), written in bulk with the real document shapes straight into a
// SQLite store file; then, in one run, times `funnel.overview` through the handler (it reads the
// per-join-day rollups) next to computing the same answer from the raw member records.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { addDays } from '../src/core/day';
import { addToRollup, applyActivity, emptyRollup, joinedFunnel, rollupsFromMembers, stageFigures, sumRollups, weekStart, type FunnelRollup, type MemberFunnel } from '../src/core/funnel';
import { DEFAULT_SETTINGS } from '../src/core/settings';
import { FUNCTIONS } from '../src/server/functions';
import { monthlyFromDaily, rollupId } from '../src/server/domain/funnelRollups';
import { invoke } from '../src/server/kernel/handler';
import { memberIdFor } from '../src/server/kernel/ids';
import { openSqliteStore } from '../src/server/local/sqliteStore';
import { seededRandom } from '../src/core/prng';

const MEMBERS = 100_000;
const DAYS = 730;
const TODAY = '2026-11-24';
const FIRST = addDays(TODAY, -(DAYS - 1));
const CHANNELS = ['referral', 'poster', 'group', 'lesson', 'organic'] as const;
/** Channel order of the overview's per-channel rows. */
const CHANNELS_ORDER = CHANNELS;
const W = DEFAULT_SETTINGS.funnel;

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

function seed(file: string): number {
  const rand = seededRandom(20261124);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insMember = db.prepare('INSERT INTO members (id, doc) VALUES (?, ?)');
  const insRollup = db.prepare('INSERT INTO funnelDaily (id, doc) VALUES (?, ?)');
  const insMonthly = db.prepare('INSERT INTO funnelMonthly (id, doc) VALUES (?, ?)');
  const rollups = new Map<string, FunnelRollup>();
  const started = performance.now();
  db.transaction(() => {
    const owner = memberIdFor('bench-owner');
    insMember.run(owner, JSON.stringify({ openid: 'bench-owner', nickname: '群主', role: 'owner', inviteCode: 'OWNER1', channel: 'organic', invitedBy: null, joinedAt: `${FIRST}T01:00:00.000Z`, joinDay: FIRST, funnel: joinedFunnel(FIRST), lastActiveDay: null, quietSince: FIRST }));
    rollups.set(rollupId(FIRST, 'organic'), { ...emptyRollup(FIRST, 'organic'), acquired: 1 });
    for (let i = 0; i < MEMBERS; i += 1) {
      const joinDay = addDays(FIRST, Math.floor(DAYS * Math.sqrt(rand())));
      const channel = CHANNELS[Math.floor(rand() * CHANNELS.length)];
      const key = rollupId(joinDay, channel);
      let rollup = rollups.get(key) ?? emptyRollup(joinDay, channel);
      rollup = { ...rollup, acquired: rollup.acquired + 1 };
      let f: MemberFunnel = joinedFunnel(joinDay);
      const habit = rand();
      const chance = habit < 0.2 ? 0.5 : habit < 0.55 ? 0.2 : habit < 0.85 ? 0.06 : 0;
      const span = Math.min(90, Math.round((Date.parse(TODAY) - Date.parse(joinDay)) / 86_400_000));
      for (let d = 0; d < span; d += 1) {
        if (rand() >= chance) continue;
        const step = applyActivity(f, addDays(joinDay, d), W);
        f = step.state;
        rollup = addToRollup(rollup, step.delta);
      }
      rollups.set(key, rollup);
      const id = `m_bench_${i}`;
      insMember.run(id, JSON.stringify({
        openid: id, nickname: `会员${i}`, role: 'member', inviteCode: `C${i}`, channel, invitedBy: null,
        joinedAt: `${joinDay}T02:00:00.000Z`, joinDay, funnel: f, lastActiveDay: f.lastActiveDay, quietSince: f.lastActiveDay ?? joinDay,
      }));
    }
    for (const [id, r] of rollups) insRollup.run(id, JSON.stringify(r));
    // The monthly rollups the bookkeeping keeps beside the daily ones (same sums, see server/funnel.ts).
    for (const [id, { id: _id, ...m }] of monthlyFromDaily(rollups.values())) insMonthly.run(id, JSON.stringify(m));
  })();
  db.close();
  console.log(`seeded ${MEMBERS.toLocaleString('en')} members over ${DAYS} days and ${rollups.size.toLocaleString('en')} rollups in ${fmt(performance.now() - started)}`);
  return rollups.size;
}

/**
 * The same overview figures from the raw member records: read every member who joined in range,
 * rebuild, count: stages, per-channel rows and acquisitions per week.
 */
function fromRawMembers(file: string, from: string, to: string) {
  const db = new Database(file, { readonly: true });
  const rows = db.prepare(`SELECT doc FROM members WHERE json_extract(doc,'$.joinDay') BETWEEN ? AND ?`).all(from, to) as Array<{ doc: string }>;
  const members = rows.map((r) => JSON.parse(r.doc) as { channel: string; funnel: MemberFunnel });
  const daily = [...rollupsFromMembers(members).values()];
  const stages = stageFigures(sumRollups(daily));
  const channels = CHANNELS_ORDER.map((channel) => {
    const t = sumRollups(daily.filter((r) => r.channel === channel));
    return { channel, acquired: t.acquired, activated: t.activated, retained: t.retained, converted: t.converted };
  });
  const weeks = new Map<string, number>();
  for (let w = weekStart(from); w <= to; w = addDays(w, 7)) weeks.set(w, 0);
  for (const r of daily) weeks.set(weekStart(r.joinDay), (weeks.get(weekStart(r.joinDay)) ?? 0) + r.acquired);
  const weekly = [...weeks.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([week, acquired]) => ({ week, acquired }));
  db.close();
  return { stages, channels, weekly };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qunyun-bench-funnel-'));
  const file = path.join(dir, 'funnel.sqlite');
  try {
    await openSqliteStore(file).close();
    seed(file);
    const store = openSqliteStore(file);
    const runtime = { store, openid: 'bench-owner', now: new Date(`${TODAY}T10:00:00+08:00`), ownerOpenids: new Set(['bench-owner']) };
    const ranges: Array<[string, string, string]> = [
      ['2 years (all members)', FIRST, TODAY],
      ['last 90 days', addDays(TODAY, -89), TODAY],
    ];
    for (const [label, from, to] of ranges) {
      const times: number[] = [];
      let answer: unknown = null;
      for (let i = 0; i < 25; i += 1) {
        const t0 = performance.now();
        const r = await invoke(FUNCTIONS.funnel, { action: 'overview', from, to }, runtime);
        times.push(performance.now() - t0);
        if (!r.ok) throw new Error(r.error.message);
        answer = r.data;
      }
      const rawTimes: number[] = [];
      let raw: unknown = null;
      for (let i = 0; i < 5; i += 1) {
        const t0 = performance.now();
        raw = fromRawMembers(file, from, to);
        rawTimes.push(performance.now() - t0);
      }
      const a = answer as { stages: Array<Record<string, unknown>>; channels: unknown; weekly: unknown };
      const served = { stages: a.stages.map(({ availability: _a, ...s }) => s), channels: a.channels, weekly: a.weekly };
      const same = JSON.stringify(served) === JSON.stringify(raw);
      times.sort((x, y) => x - y);
      rawTimes.sort((x, y) => x - y);
      const counts = (raw as { stages: Array<{ count: number }> }).stages.map((st) => st.count).join(' → ');
      const ratio = pct(rawTimes, 50) / pct(times, 50);
      console.log(`\noverview, ${label}: ${counts}`);
      console.log(`  funnel.overview from monthly + edge-day rollups (handler, no HTTP): p50 ${fmt(pct(times, 50))}, p95 ${fmt(pct(times, 95))}  ${pct(times, 50) <= 50 ? '(within 50 ms)' : '(OVER 50 ms)'}`);
      console.log(`  same answer from raw member records:            p50 ${fmt(pct(rawTimes, 50))}  (${ratio.toFixed(0)}× slower)`);
      console.log(`  answers identical (stages, channels, weekly trend): ${same ? 'yes' : 'NO'}`);
      if (!same) throw new Error(`${label}: the overview differs from the raw recompute`);
    }
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
