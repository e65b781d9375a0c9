import { groupFunction } from '../src/server/functions/group';
import { invoke, type FunctionDef } from '../src/server/kernel/handler';
import { memberIdFor } from '../src/server/kernel/ids';
import { startGateway, type TestGateway } from './support/gateway';

// WeChat groups through the local gateway (SQLite, or the CloudBase double in the `cloudbase`
// project): identity of a group only from the platform, exact counters, 活码 rotation, PK payouts.
let gw: TestGateway;
const OWNER = 'gr-owner';
const HOST = 'gr-host';
const HOST2 = 'gr-host2';
const PEOPLE = Array.from({ length: 200 }, (_, i) => `gr-member-${String(i).padStart(3, '0')}`);
const DAY = '2026-06-10';
const at = (day: string, hour = 10) => `${day}T${String(hour - 8).padStart(2, '0')}:00:00Z`;
let seq = 0;
const rid = (tag: string) => `${tag}-${String(++seq).padStart(6, '0')}`;
const QR = `/uploads/${'a'.repeat(24)}.png`;

async function call(openid: string, event: Record<string, unknown>, now = at(DAY)) {
  return gw.call(openid, 'group', event, now);
}
async function ok(openid: string, event: Record<string, unknown>, now = at(DAY)) {
  const r = await call(openid, event, now);
  if (r.status !== 200) throw new Error(`group.${String(event.action)}: ${JSON.stringify(r.body)}`);
  return r.body.data;
}
const enter = (openid: string, opengid: string, now = at(DAY), requestId = rid('enter')) => call(openid, { action: 'enter', requestId, cloudID: `local:${opengid}` }, now);
async function enteredGroupId(openid: string, opengid: string, now = at(DAY)): Promise<string> {
  const r = await enter(openid, opengid, now);
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  return r.body.data.group.id;
}
async function claim(openid: string, groupId: string, extra: Record<string, unknown> = {}, now = at(DAY)) {
  return ok(openid, { action: 'claim', requestId: rid('claim'), groupId, name: '测试群', kind: 'small', ...extra }, now);
}
const allGroups = async () => (await ok(OWNER, { action: 'list' })).all as Array<{ id: string; name: string }>;

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  const joinedAt = '2026-05-01T10:00:00+08:00';
  for (const openid of [OWNER, HOST, HOST2, ...PEOPLE]) await gw.call(openid, 'member', { action: 'login' }, joinedAt);
  for (const host of [HOST, HOST2]) await gw.call(OWNER, 'member', { action: 'setRole', requestId: `gr-role-${host}`, memberId: memberIdFor(host), role: 'host' }, joinedAt);
}, 120_000);
afterAll(async () => {
  await gw.close();
});

describe('group.enter: the group comes only from WeChat', () => {
  it('refuses a payload opengid, a forged cloudID and bad input with VALIDATION, creating nothing', async () => {
    const before = (await allGroups()).length;
    const bad = [
      { action: 'enter', requestId: rid('bad'), cloudID: 'local:forged', opengid: 'forged' },
      { action: 'enter', requestId: rid('bad'), opengid: 'forged' },
      { action: 'enter', requestId: rid('bad'), cloudID: 'forged-cloud-id' },
      { action: 'enter', requestId: rid('bad'), cloudID: 'local:../x' },
      { action: 'enter', requestId: rid('bad'), cloudID: '' },
      { action: 'enter', requestId: 'x', cloudID: 'local:ok' },
      { action: 'enter', requestId: rid('bad'), cloudID: 42 },
    ];
    for (const event of bad) {
      const r = await call(PEOPLE[0], event);
      expect(r.body.error.code).toBe('VALIDATION');
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await allGroups()).length).toBe(before);
  });

  it('refuses `local:` cloudIDs outside local mode (the runtime without the local stand-in)', async () => {
    const before = (await allGroups()).length;
    const r = await invoke(groupFunction as unknown as FunctionDef, { action: 'enter', requestId: rid('prod'), cloudID: 'local:prod-group' }, { store: gw.store, openid: PEOPLE[0], now: new Date(at(DAY)), ownerOpenids: new Set() });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await allGroups()).length).toBe(before);
  });

  it('records 200 members entering one group at once: one group, 200 seen, replays change nothing', async () => {
    const answers = await Promise.all(PEOPLE.map((p, i) => enter(p, 'big-one', at(DAY), `enter-big-${i}`)));
    expect(answers.map((a) => a.status)).toEqual(Array(200).fill(200));
    const ids = new Set(answers.map((a) => a.body.data.group.id));
    expect(ids.size).toBe(1);
    expect(answers.every((a) => a.body.data.firstTime === true)).toBe(true);
    const groupId = [...ids][0];
    expect((await allGroups()).filter((g) => g.id === groupId)).toHaveLength(1);
    const replay = await enter(PEOPLE[7], 'big-one', at(DAY), 'enter-big-7');
    expect(replay.body).toEqual(answers[7].body);
    const again = await enter(PEOPLE[7], 'big-one', at(DAY));
    expect(again.body.data.firstTime).toBe(false);
    expect((await ok(PEOPLE[0], { action: 'board', groupId })).seen).toBe(200);
    // A member only sees the groups they were seen in.
    expect((await ok(PEOPLE[3], { action: 'list' })).mine.map((g: { id: string }) => g.id)).toContain(groupId);
    expect((await ok(PEOPLE[3], { action: 'list' })).all).toBeNull();
  }, 120_000);

  it('remembers the group a member acquired through a group entered first on their join day', async () => {
    await gw.call('gr-newcomer', 'member', { action: 'login', channel: 'group' }, at(DAY, 9));
    await gw.call('gr-organic', 'member', { action: 'login', channel: 'organic' }, at(DAY, 9));
    const first = await enteredGroupId('gr-newcomer', 'acq-first', at(DAY, 10));
    await enteredGroupId('gr-newcomer', 'acq-second', at(DAY, 11));
    await enteredGroupId('gr-organic', 'acq-first', at(DAY, 10));
    expect((await gw.store.get('members', memberIdFor('gr-newcomer')))?.joinGroupId).toBe(first);
    expect((await gw.store.get('members', memberIdFor('gr-organic')))?.joinGroupId).toBeUndefined();
  });
});

describe('group.claim, join and leave', () => {
  it('lets a host who entered the group claim it once; members and outsiders cannot', async () => {
    const groupId = await enteredGroupId(HOST, 'claim-me');
    expect((await call(PEOPLE[0], { action: 'claim', requestId: rid('c'), groupId, name: '会员群', kind: 'small' })).body.error.code).toBe('FORBIDDEN');
    expect((await call(HOST2, { action: 'claim', requestId: rid('c'), groupId, name: '别人的群', kind: 'small' })).body.error.code).toBe('FORBIDDEN');
    expect((await call(HOST, { action: 'claim', requestId: rid('c'), groupId, name: '', kind: 'small' })).body.error.code).toBe('VALIDATION');
    expect((await call(HOST, { action: 'claim', requestId: rid('c'), groupId, name: '群', kind: 'huge' })).body.error.code).toBe('VALIDATION');
    const claimed = await claim(HOST, groupId, { name: '上海分会', kind: 'branch', region: '上海' });
    expect(claimed.group).toMatchObject({ claimed: true, name: '上海分会', kind: 'branch', capacity: 200, region: '上海' });
    await enter(HOST2, 'claim-me');
    expect((await call(HOST2, { action: 'claim', requestId: rid('c'), groupId, name: '抢群', kind: 'small' })).body.error.code).toBe('CONFLICT');
    expect((await claim(OWNER, groupId, { name: '上海分会（新）', kind: 'branch' })).group.name).toBe('上海分会（新）');
  });

  it('fills a sub-group to its capacity exactly under 12 parallel joins, and a leave frees a place', async () => {
    const groupId = await enteredGroupId(HOST, 'small-cap');
    await claim(HOST, groupId, { name: '读书小群', kind: 'interest', capacity: 3 });
    const joiners = PEOPLE.slice(100, 112);
    const answers = await Promise.all(joiners.map((p) => call(p, { action: 'join', requestId: rid('join'), groupId })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.error.message)).toEqual(Array(9).fill('这个群已满员，请选择其他群'));
    const inside = joiners.filter((_, i) => answers[i].status === 200);
    const outside = joiners.filter((_, i) => answers[i].status !== 200);
    expect((await ok(inside[0], { action: 'list' })).mine.find((g: { id: string }) => g.id === groupId)).toMatchObject({ joined: 3, mine: { joined: true } });
    const leaveEvent = { action: 'leave', requestId: rid('leave'), groupId };
    const left = await ok(inside[0], leaveEvent);
    expect(left.group.joined).toBe(2);
    expect((await call(inside[0], leaveEvent)).body.data).toEqual(left);
    expect((await call(inside[0], { action: 'leave', requestId: rid('leave'), groupId })).body.error.code).toBe('CONFLICT');
    expect((await ok(outside[0], { action: 'join', requestId: rid('join'), groupId })).group.joined).toBe(3);
    expect((await ok(outside[0], { action: 'list' })).joinable.map((g: { id: string }) => g.id)).not.toContain(groupId);
  }, 60_000);

  it('keeps a member in at most 10 groups (each one costs the check-in a few operations)', async () => {
    const who = PEOPLE[140];
    for (let i = 0; i < 10; i += 1) await enter(who, `many-${i}`);
    const extra = await enteredGroupId(HOST, 'many-extra');
    await claim(HOST, extra, { name: '第十一个群', kind: 'interest' });
    const r = await call(who, { action: 'join', requestId: rid('join'), groupId: extra });
    expect(r.body.error).toEqual({ code: 'LIMIT_REACHED', message: '最多加入 10 个群，请先退出一个' });
    expect((await ok(who, { action: 'list' })).mine).toHaveLength(10);
  });
});

describe('group writes: bad input changes nothing, a replay answers the first result', () => {
  it('refuses malformed join, leave, claim, setCode, checklist and markSilent calls with a Chinese sentence', async () => {
    const groupId = await enteredGroupId(HOST, 'strict-grp');
    await claim(HOST, groupId, { name: '严格小群', kind: 'small', capacity: 5 });
    const bad: Array<[string, Record<string, unknown>]> = [
      [PEOPLE[130], { action: 'join', requestId: rid('b'), groupId: '' }],
      [PEOPLE[130], { action: 'join', requestId: rid('b'), groupId, memberId: 'someone-else' }],
      [PEOPLE[130], { action: 'leave', requestId: rid('b') }],
      [HOST, { action: 'claim', requestId: rid('b'), groupId, name: '名'.repeat(31), kind: 'small' }],
      [HOST, { action: 'claim', requestId: rid('b'), groupId, name: '群', kind: 'small', capacity: 1 }],
      [HOST, { action: 'claim', requestId: rid('b'), groupId, name: '群', kind: 'small', capacity: 2.5 }],
      [HOST, { action: 'claim', requestId: rid('b'), groupId, name: '群', kind: 'small', pool: 'a b' }],
      [OWNER, { action: 'setCode', requestId: rid('b'), groupId, image: QR, expiresAt: 'tomorrow', capacity: 5, pool: 'p' }],
      [OWNER, { action: 'setCode', requestId: rid('b'), groupId, image: QR, expiresAt: '2026-06-12T00:00:00Z', capacity: 0, pool: 'p' }],
      [HOST, { action: 'checklist', requestId: rid('b'), groupId, step: 'round4', done: true }],
      [HOST, { action: 'checklist', requestId: rid('b'), groupId, step: 'round1', done: 'yes' }],
    ];
    for (const [who, event] of bad) {
      const r = await call(who, event);
      expect({ event, code: r.body.error?.code }).toEqual({ event, code: 'VALIDATION' });
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const list = await ok(HOST, { action: 'list' });
    expect(list.all.find((g: { id: string }) => g.id === groupId)).toMatchObject({ name: '严格小群', capacity: 5, joined: 0, pool: null });
    expect((await ok(HOST, { action: 'health', groupId })).checklist).toEqual({ round1: false, round2: false, round3: false, moved: false });
  });

  it('answers a replayed join, claim, setCode and checklist with the first result, and refuses the same requestId with other params', async () => {
    const groupId = await enteredGroupId(HOST, 'replay-grp');
    const claimEvent = { action: 'claim', requestId: rid('rc'), groupId, name: '重放小群', kind: 'small', capacity: 5 };
    const first = await call(HOST, claimEvent);
    expect((await call(HOST, claimEvent)).body).toEqual(first.body);
    expect((await call(HOST, { ...claimEvent, name: '改名' })).body.error.code).toBe('CONFLICT');
    const joinEvent = { action: 'join', requestId: rid('rj'), groupId };
    const joined = await Promise.all([call(PEOPLE[131], joinEvent), call(PEOPLE[131], joinEvent)]);
    expect(joined[1].body).toEqual(joined[0].body);
    expect(joined[0].body.data.group.joined).toBe(1);
    const codeEvent = { action: 'setCode', requestId: rid('rs'), groupId, image: QR, expiresAt: '2026-06-12T00:00:00Z', capacity: 5, pool: 'replay' };
    const code = await call(OWNER, codeEvent);
    expect(code.status).toBe(200);
    expect((await call(OWNER, codeEvent)).body).toEqual(code.body);
    const tick = { action: 'checklist', requestId: rid('rt'), groupId, step: 'moved', done: true };
    const ticked = await call(HOST, tick);
    expect((await call(HOST, tick)).body).toEqual(ticked.body);
    expect((await call(HOST, { ...tick, done: false })).body.error.code).toBe('CONFLICT');
    expect((await ok(HOST, { action: 'health', groupId })).checklist.moved).toBe(true);
  });
});

describe('group.board', () => {
  it('counts today\'s check-ins of the group in the check-in transaction and ranks streaks and weekly points', async () => {
    const members = PEOPLE.slice(20, 25);
    let groupId = '';
    for (const m of members) groupId = await enteredGroupId(m, 'board-grp', at('2026-06-08'));
    // Members 20–22 check in on three days, 23 once, 24 never.
    for (const day of ['2026-06-08', '2026-06-09', '2026-06-10']) {
      for (const m of members.slice(0, 3)) expect((await gw.call(m, 'checkin', { action: 'do', requestId: rid('ci') }, at(day))).status).toBe(200);
    }
    expect((await gw.call(members[3], 'checkin', { action: 'do', requestId: rid('ci') }, at('2026-06-10'))).status).toBe(200);
    const board = await ok(members[4], { action: 'board', groupId }, at('2026-06-10', 20));
    expect(board.seen).toBe(5);
    expect(board.checkedInToday).toBe(4);
    expect(board.streakLeaders.map((l: { value: number }) => l.value)).toEqual([3, 3, 3, 1]);
    expect(board.weekLeaders).toHaveLength(4);
    expect(board.weekLeaders[3].value).toBeLessThan(board.weekLeaders[0].value);
    expect((await ok(members[4], { action: 'board', groupId, day: '2026-06-09' }, at('2026-06-10', 20))).checkedInToday).toBe(3);
    expect((await call(PEOPLE[199], { action: 'board', groupId })).body.error.code).toBe('FORBIDDEN');
    expect((await call(members[0], { action: 'board', groupId, day: '6/10' })).body.error.code).toBe('VALIDATION');
  }, 60_000);
});

describe('group PK', () => {
  it('pays the winning group\'s members once even when settlement runs twice at once, and not members who joined after the start', async () => {
    const start = '2026-07-01';
    const a = PEOPLE.slice(40, 44);
    const b = PEOPLE.slice(50, 54);
    let ga = '';
    let gb = '';
    for (const m of a) ga = await enteredGroupId(m, 'pk-a', at('2026-06-30'));
    for (const m of b) gb = await enteredGroupId(m, 'pk-b', at('2026-06-30'));
    await enteredGroupId(HOST, 'pk-a', at('2026-06-30'));
    await enteredGroupId(HOST, 'pk-b', at('2026-06-30'));
    await claim(HOST, ga, { name: 'A 组', kind: 'small' });
    await claim(HOST, gb, { name: 'B 组', kind: 'small' });
    const bad = [
      { action: 'startPk', requestId: rid('pk'), title: 'PK', groupIds: [ga], days: 3, metric: 'checkinRate', prize: 50 },
      { action: 'startPk', requestId: rid('pk'), title: 'PK', groupIds: [ga, ga], days: 3, metric: 'checkinRate', prize: 50 },
      { action: 'startPk', requestId: rid('pk'), title: 'PK', groupIds: [ga, gb], days: 31, metric: 'checkinRate', prize: 50 },
      { action: 'startPk', requestId: rid('pk'), title: 'PK', groupIds: [ga, gb], days: 3, metric: 'likes', prize: 50 },
      { action: 'startPk', requestId: rid('pk'), title: 'PK', groupIds: [ga, gb], days: 3, metric: 'checkinRate', prize: -1 },
    ];
    for (const event of bad) expect((await call(HOST, event, at(start, 9))).body.error.code).toBe('VALIDATION');
    expect((await call(PEOPLE[40], { action: 'startPk', requestId: rid('pk'), title: 'PK', groupIds: [ga, gb], days: 3, metric: 'checkinRate', prize: 50 }, at(start, 9))).body.error.code).toBe('FORBIDDEN');
    const startEvent = { action: 'startPk', requestId: rid('pk'), title: '七月签到 PK', groupIds: [ga, gb], days: 3, metric: 'checkinRate', prize: 50 };
    const started = await ok(HOST, startEvent, at(start, 9));
    expect((await call(HOST, startEvent, at(start, 9))).body.data).toEqual(started);
    const pkId = started.pk.id;
    expect((await ok(HOST, { action: 'pks' }, at(start, 9))).pks.filter((p: { id: string }) => p.id === pkId)).toHaveLength(1);
    // A joins after the start and checks in every day: counted live, never paid.
    const late = PEOPLE[45];
    await enteredGroupId(late, 'pk-a', at(start, 10));
    for (const day of ['2026-07-01', '2026-07-02', '2026-07-03']) {
      for (const m of [...a, late]) await gw.call(m, 'checkin', { action: 'do', requestId: rid('ci') }, at(day, 11));
      await gw.call(b[0], 'checkin', { action: 'do', requestId: rid('ci') }, at(day, 11));
    }
    const live = (await ok(PEOPLE[40], { action: 'pk', pkId }, at('2026-07-03', 20))).pk;
    expect(live).toMatchObject({ state: 'running', live: true });
    expect(live.standings[0]).toMatchObject({ name: 'A 组', rank: 1 });
    const balanceOf = async (m: string) => (await gw.call(m, 'points', { action: 'balance' }, at('2026-07-04', 12))).body.data.balance as number;
    const before = await Promise.all([...a, late, ...b].map(balanceOf));
    const runs = await Promise.all([0, 1].map(() => gw.call(OWNER, 'cron', { action: 'run', job: 'settlePks' }, at('2026-07-04', 12))));
    expect(runs.map((r) => r.status)).toEqual([200, 200]);
    // The host was in group A before the start too: five members are paid.
    expect(runs.reduce((sum, r) => sum + r.body.data.points, 0)).toBe(50 * (a.length + 1));
    expect((await gw.call(OWNER, 'cron', { action: 'run', job: 'settlePks' }, at('2026-07-05', 12))).body.data.points).toBe(0);
    const after = await Promise.all([...a, late, ...b].map(balanceOf));
    expect(after.map((x, i) => x - before[i])).toEqual([50, 50, 50, 50, 0, 0, 0, 0, 0]);
    const settled = (await ok(PEOPLE[50], { action: 'pk', pkId }, at('2026-07-05', 12))).pk;
    expect(settled).toMatchObject({ state: 'settled', live: false, winners: [ga] });
    expect(settled.standings.find((s: { groupId: string }) => s.groupId === ga)).toMatchObject({ eligible: 5, checkins: 12 });
  }, 120_000);
});

describe('group PK on new activated members', () => {
  it('ranks groups by members who entered during the PK and checked in, and pays the winner\'s earlier members once', async () => {
    const start = '2026-07-10';
    let ga = '';
    let gb = '';
    ga = await enteredGroupId(HOST, 'pkn-a', at('2026-07-09'));
    gb = await enteredGroupId(HOST, 'pkn-b', at('2026-07-09'));
    const old = PEOPLE[120];
    await enteredGroupId(old, 'pkn-b', at('2026-07-09'));
    await claim(HOST, ga, { name: '新人 A', kind: 'small' });
    await claim(HOST, gb, { name: '新人 B', kind: 'small' });
    const pk = (await ok(HOST, { action: 'startPk', requestId: rid('pkn'), title: '拉新 PK', groupIds: [ga, gb], days: 2, metric: 'newMembers', prize: 40 }, at(start, 9))).pk;
    // A gets three newcomers but only one checks in; B gets two newcomers who both check in.
    for (const m of PEOPLE.slice(121, 124)) await enteredGroupId(m, 'pkn-a', at(start, 10));
    for (const m of PEOPLE.slice(124, 126)) await enteredGroupId(m, 'pkn-b', at(start, 10));
    for (const m of [PEOPLE[121], PEOPLE[124], PEOPLE[125]]) await gw.call(m, 'checkin', { action: 'do', requestId: rid('ci') }, at('2026-07-11', 11));
    const live = (await ok(HOST, { action: 'pk', pkId: pk.id }, at('2026-07-11', 20))).pk;
    expect(live.standings.map((s: { name: string; newMembers: number }) => [s.name, s.newMembers])).toEqual([['新人 A', 3], ['新人 B', 2]]);
    const before = (await gw.call(old, 'points', { action: 'balance' }, at('2026-07-12', 12))).body.data.balance;
    await Promise.all([0, 1].map(() => gw.call(OWNER, 'cron', { action: 'run', job: 'settlePks' }, at('2026-07-12', 12))));
    const settled = (await ok(HOST, { action: 'pk', pkId: pk.id }, at('2026-07-12', 12))).pk;
    expect(settled.winners).toEqual([gb]);
    expect(settled.standings.map((s: { name: string; newMembers: number }) => [s.name, s.newMembers])).toEqual([['新人 B', 2], ['新人 A', 1]]);
    // The winner's members from before the start are paid; the newcomers are not.
    expect((await gw.call(old, 'points', { action: 'balance' }, at('2026-07-12', 12))).body.data.balance).toBe(before + 40);
    expect(await gw.store.get('ledger', `pk:${pk.id}:${memberIdFor(PEOPLE[124])}`)).toBeNull();
  }, 60_000);
});

describe('group 活码', () => {
  it('shows the first group that is neither full nor expired, warns the owner, and counts 1,000 parallel views exactly', async () => {
    const g1 = await enteredGroupId(HOST, 'code-1', at('2026-08-01'));
    const g2 = await enteredGroupId(HOST, 'code-2', at('2026-08-01'));
    const g3 = await enteredGroupId(HOST, 'code-3', at('2026-08-01'));
    // The pool shows groups in the order they entered it.
    for (const [i, [g, name]] of [[g1, '新人一群'], [g2, '新人二群'], [g3, '新人三群']].entries()) await claim(HOST, g, { name, kind: 'big', pool: 'newbie' }, `2026-08-01T0${i}:00:00Z`);
    const setCode = (openid: string, groupId: string, expiresAt: string, capacity: number) => call(openid, { action: 'setCode', requestId: rid('code'), groupId, image: QR, expiresAt, capacity, pool: 'newbie' }, at('2026-08-01'));
    expect((await setCode(HOST, g1, '2026-08-05T00:00:00Z', 2)).body.error.code).toBe('FORBIDDEN');
    expect((await setCode(OWNER, g1, '2026-08-10T00:00:00Z', 2)).body.error.code).toBe('VALIDATION');
    expect((await setCode(OWNER, g1, '2026-07-31T00:00:00Z', 2)).body.error.code).toBe('VALIDATION');
    expect((await call(OWNER, { action: 'setCode', requestId: rid('code'), groupId: g1, image: 'https://evil.example/qr.png', expiresAt: '2026-08-05T00:00:00Z', capacity: 2, pool: 'newbie' }, at('2026-08-01'))).body.error.code).toBe('VALIDATION');
    // Group 1 holds 2 (the host is already one), group 2 expires first, group 3 is the spare.
    expect((await setCode(OWNER, g1, '2026-08-06T00:00:00Z', 2)).status).toBe(200);
    expect((await setCode(OWNER, g2, '2026-08-02T04:00:00Z', 100)).status).toBe(200);
    expect((await setCode(OWNER, g3, '2026-08-07T00:00:00Z', 100)).status).toBe(200);
    const show = async (now: string) => (await ok(PEOPLE[60], { action: 'joinCode', pool: 'newbie', channel: 'poster' }, now)).code?.groupName ?? null;
    expect(await show(at('2026-08-01', 12))).toBe('新人一群');
    await enter(PEOPLE[61], 'code-1', at('2026-08-01', 12));
    expect(await show(at('2026-08-01', 13))).toBe('新人二群');
    const codes = await ok(HOST, { action: 'codes', pool: 'newbie' }, at('2026-08-01', 13));
    expect(codes.warnings).toEqual(['「新人二群」的群二维码将在 24 小时内过期，请及时更换']);
    expect(await show(at('2026-08-02', 15))).toBe('新人三群');
    const views = await Promise.all(Array.from({ length: 1000 }, (_, i) => call(PEOPLE[i % 200], { action: 'joinCode', pool: 'newbie', channel: 'group' }, at('2026-08-03', 12))));
    expect(views.every((v) => v.status === 200 && v.body.data.code.groupName === '新人三群')).toBe(true);
    const pool = await ok(OWNER, { action: 'codes', pool: 'newbie' }, at('2026-08-03', 12));
    const third = pool.codes.find((c: { groupId: string }) => c.groupId === g3);
    expect(third.views).toEqual([{ channel: 'group', views: 1000 }, { channel: 'poster', views: 1 }]);
    expect(pool.codes.find((c: { groupId: string }) => c.groupId === g1)).toMatchObject({ full: true, views: [{ channel: 'poster', views: 1 }] });
    expect(pool.warnings).toContain('「新人二群」的群二维码已过期，请上传新的二维码');
    expect((await ok(PEOPLE[60], { action: 'joinCode', pool: 'newbie' }, at('2026-08-07', 12))).code).toBeNull();
    expect((await call(PEOPLE[60], { action: 'joinCode', pool: '../x' })).body.error.code).toBe('VALIDATION');
    // One member cannot inflate the counts: past 30 views a minute they are asked to wait.
    const burst = await Promise.all(Array.from({ length: 35 }, () => call(PEOPLE[62], { action: 'joinCode', pool: 'newbie', channel: 'group' }, at('2026-08-03', 13))));
    expect(burst.filter((b) => b.status === 429)).toHaveLength(5);
    const recount = await ok(OWNER, { action: 'codes', pool: 'newbie' }, at('2026-08-03', 13));
    expect(recount.codes.find((c: { groupId: string }) => c.groupId === g3).views).toEqual([{ channel: 'group', views: 1030 }, { channel: 'poster', views: 1 }]);
  }, 180_000);
});

describe('group.health and live cards', () => {
  it('shows a group\'s stage with its reason and the 洗粉 list without staff', async () => {
    const members = PEOPLE.slice(70, 74);
    let groupId = '';
    for (const m of members) groupId = await enteredGroupId(m, 'health-grp', at('2026-09-01'));
    await enteredGroupId(HOST, 'health-grp', at('2026-09-01'));
    await gw.call(members[0], 'checkin', { action: 'do', requestId: rid('ci') }, at('2026-09-20'));
    const health = await ok(HOST, { action: 'health', groupId }, at('2026-09-20', 20));
    expect(health).toMatchObject({ seen: 5, active7: 1, active30: 5, stage: '起步', silentDays: 14 });
    expect(health.reason).toMatch(/5 位成员/);
    expect(health.silent.map((s: { name: string }) => s.name)).toHaveLength(3);
    expect((await call(members[0], { action: 'health', groupId })).body.error.code).toBe('FORBIDDEN');
    // The host reviews the 洗粉 list and ticks the 转化后解散 checklist.
    const quiet = health.silent[0].memberId;
    const markEvent = { action: 'markSilent', requestId: rid('mark'), groupId, memberId: quiet, mark: 'remove' };
    expect((await ok(HOST, markEvent, at('2026-09-20', 20))).mark).toBe('remove');
    expect((await call(HOST, markEvent, at('2026-09-20', 20))).body.data.mark).toBe('remove');
    expect((await call(HOST, { ...markEvent, requestId: rid('mark'), mark: 'delete' })).body.error.code).toBe('VALIDATION');
    expect((await call(members[1], { ...markEvent, requestId: rid('mark') })).body.error.code).toBe('FORBIDDEN');
    expect((await call(HOST, { ...markEvent, requestId: rid('mark'), memberId: memberIdFor(PEOPLE[199]) })).body.error.code).toBe('NOT_FOUND');
    expect((await ok(HOST, { action: 'checklist', requestId: rid('list'), groupId, step: 'round1', done: true })).checklist).toEqual({ round1: true, round2: false, round3: false, moved: false });
    const after = await ok(HOST, { action: 'health', groupId }, at('2026-09-20', 20));
    expect(after.silent.find((s: { memberId: string }) => s.memberId === quiet).mark).toBe('remove');
    expect(after.checklist.round1).toBe(true);
  });

  it('creates a live card once per requestId and pushes "已报名 n/m" after each sign-up', async () => {
    const activity = (
      await gw.call(HOST, 'activities', {
        action: 'create',
        requestId: rid('act'),
        activity: {
          title: '线下沙龙',
          kind: 'salon',
          mode: 'offline',
          startsAt: '2026-11-28T14:00:00+08:00',
          endsAt: '2026-11-28T17:00:00+08:00',
          place: '徐汇区示范路 1 号',
          capacity: 30,
          signupDeadline: '2026-11-27T22:00:00+08:00',
          description: '聊聊社群运营',
        },
      }, '2026-11-20T10:00:00+08:00')
    ).body.data.activity;
    const shareEvent = { action: 'liveCard', requestId: rid('card'), kind: 'activity', refId: activity.id };
    const card = await ok(HOST, shareEvent, '2026-11-20T10:00:00+08:00');
    expect(card.templateInfo.parameterList).toEqual([{ name: 'member_count', value: '0' }, { name: 'room_limit', value: '30' }]);
    expect((await call(HOST, shareEvent, '2026-11-20T10:00:00+08:00')).body.data).toEqual(card);
    await gw.call(PEOPLE[80], 'activities', { action: 'signup', requestId: rid('su'), activityId: activity.id }, '2026-11-20T11:00:00+08:00');
    await gw.call(PEOPLE[81], 'activities', { action: 'signup', requestId: rid('su'), activityId: activity.id }, '2026-11-20T11:00:10+08:00');
    const seen = await ok(HOST, { action: 'liveCard', requestId: rid('card'), kind: 'activity', refId: activity.id }, '2026-11-20T12:00:00+08:00');
    expect(seen.activityId).toBe(card.activityId);
    expect(seen.lastState).toEqual({ targetState: 0, memberCount: 2, roomLimit: 30 });
    expect(seen.updates).toBe(2);
    // Ids live 24 h: the next share after that gets a new one.
    const renewed = await ok(HOST, { action: 'liveCard', requestId: rid('card'), kind: 'activity', refId: activity.id }, '2026-11-21T11:00:00+08:00');
    expect(renewed.activityId).not.toBe(card.activityId);
    expect((await call(HOST, { action: 'liveCard', requestId: rid('card'), kind: 'lesson', refId: activity.id })).body.error.code).toBe('VALIDATION');
  });
});

describe('group share bonus', () => {
  it('pays the sharer once a day when others open the card from a group, even 30 at once, and never for their own open', async () => {
    const day = '2026-10-10';
    const sharer = PEOPLE[150];
    const openers = PEOPLE.slice(160, 190);
    await enteredGroupId(sharer, 'share-grp', at(day, 8));
    const code = (await gw.call(sharer, 'member', { action: 'me' }, at(day, 8))).body.data.member.inviteCode as string;
    const balance = async () => (await gw.call(sharer, 'points', { action: 'balance' }, at(day, 23))).body.data.balance as number;
    const open = (who: string, extra: Record<string, unknown> = {}, now = at(day, 12)) => call(who, { action: 'enter', requestId: rid('open'), cloudID: 'local:share-grp', sharedBy: code, sharedDay: day, ...extra }, now);
    // Before the sharer checks in, an open pays nothing.
    expect((await open(openers[0], {}, at(day, 8))).body.data.shareBonus).toBe(false);
    expect((await gw.call(sharer, 'checkin', { action: 'do', requestId: rid('ci') }, at(day, 9))).status).toBe(200);
    const before = await balance();
    expect((await open(sharer)).body.data.shareBonus).toBe(false);
    expect(await balance()).toBe(before);
    const opens = await Promise.all(openers.map((who) => open(who)));
    expect(opens.map((o) => o.status)).toEqual(Array(30).fill(200));
    expect(opens.filter((o) => o.body.data.shareBonus)).toHaveLength(1);
    expect(await balance()).toBe(before + 5);
    // A card shared yesterday, or a forged sharer code, pays nothing today.
    expect((await open(PEOPLE[191], { sharedDay: '2026-10-09' })).body.data.shareBonus).toBe(false);
    expect((await call(PEOPLE[192], { action: 'enter', requestId: rid('open'), cloudID: 'local:share-grp', sharedBy: 'bad code' })).body.error.code).toBe('VALIDATION');
    expect(await balance()).toBe(before + 5);
    // The home check-in card carries only the sharer's invite code: opened from the group the same day, it pays that day.
    const next = '2026-10-11';
    expect((await gw.call(sharer, 'checkin', { action: 'do', requestId: rid('ci') }, at(next, 9))).status).toBe(200);
    expect((await call(openers[0], { action: 'enter', requestId: rid('open'), cloudID: 'local:share-grp', sharedBy: code }, at(next, 12))).body.data.shareBonus).toBe(true);
    const history = (await gw.call(sharer, 'points', { action: 'history' }, at(next, 23))).body.data.entries as Array<{ delta: number; note: string | null }>;
    expect(history.filter((e) => e.note === '签到卡分享到群并被群友打开，双倍签到积分')).toHaveLength(2);
  }, 60_000);
});

describe('group.praise: hosts praise a member in a group, shown on its board', () => {
  it('shows this week\'s praise on the board, pays points once per requestId, and refuses members, outsiders and bad input', async () => {
    const groupId = await enteredGroupId(HOST, 'praise-group');
    await enter(PEOPLE[150], 'praise-group');
    const praise = { action: 'praise', requestId: rid('praise'), groupId, memberId: memberIdFor(PEOPLE[150]), text: '每天在群里分享读书笔记', points: 5 };
    const balance = async () => (await gw.call(PEOPLE[150], 'points', { action: 'balance' }, at(DAY))).body.data.balance as number;
    const before = await balance();
    const first = await ok(HOST, praise);
    const again = await ok(HOST, praise);
    expect(again.praise.id).toBe(first.praise.id);
    expect(await balance()).toBe(before + 5);
    const board = await ok(PEOPLE[150], { action: 'board', groupId });
    expect(board.praised.map((p: { text: string; memberName: string }) => p.text)).toEqual(['每天在群里分享读书笔记']);

    expect((await call(PEOPLE[151], { ...praise, requestId: rid('praise') })).body.error.code).toBe('FORBIDDEN');
    const outsider = await call(HOST, { ...praise, requestId: rid('praise'), memberId: memberIdFor(PEOPLE[152]) });
    expect(outsider.body.error).toMatchObject({ code: 'VALIDATION', message: '这位成员还不在这个群里，请选择群里的成员' });
    for (const bad of [{ text: '' }, { points: -1 }, { points: 1.5 }, { groupId: '' }, { opengid: 'x' }]) {
      const r = await call(HOST, { ...praise, requestId: rid('praise'), ...bad });
      expect(r.body.error.code).toBe('VALIDATION');
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await balance()).toBe(before + 5);
    expect((await ok(PEOPLE[150], { action: 'board', groupId })).praised).toHaveLength(1);
  });
});

describe('group PK on lesson attendance (听课率)', () => {
  it('ranks by attendances ÷ (members × lessons held), live and settled, counting only members from before the start', async () => {
    const l1 = PEOPLE.slice(90, 94);
    const l2 = PEOPLE.slice(94, 98);
    const late = PEOPLE[98];
    let g1 = '';
    let g2 = '';
    for (const m of l1) g1 = await enteredGroupId(m, 'pk-lesson-1', at('2026-08-09'));
    for (const m of l2) g2 = await enteredGroupId(m, 'pk-lesson-2', at('2026-08-09'));
    await enteredGroupId(HOST, 'pk-lesson-1', at('2026-08-09'));
    await enteredGroupId(HOST, 'pk-lesson-2', at('2026-08-09'));
    await claim(HOST, g1, { name: '听课一群', kind: 'small' });
    await claim(HOST, g2, { name: '听课二群', kind: 'small' });
    const lesson = async (day: string) => {
      const input = { title: `直播课 ${day}`, lecturer: '讲师', startsAt: `${day}T12:00:00Z`, endsAt: `${day}T13:00:00Z`, outline: '' };
      const r = await gw.call(HOST, 'lessons', { action: 'publish', requestId: rid('pub'), lesson: input }, at('2026-08-01'));
      if (r.status !== 200) throw new Error(JSON.stringify(r.body));
      return r.body.data.lesson.id as string;
    };
    const first = await lesson('2026-08-10');
    const second = await lesson('2026-08-11');
    const started = await ok(HOST, { action: 'startPk', requestId: rid('pk'), title: '八月听课 PK', groupIds: [g1, g2], days: 3, metric: 'lessonRate', prize: 30 }, at('2026-08-10', 9));
    const pkId = started.pk.id;
    await enteredGroupId(late, 'pk-lesson-1', at('2026-08-10', 10));
    const attend = async (m: string, lessonId: string, day: string) => {
      const r = await gw.call(m, 'lessons', { action: 'attend', requestId: rid('att'), lessonId }, `${day}T12:30:00Z`);
      if (r.status !== 200) throw new Error(JSON.stringify(r.body));
    };
    for (const m of [l1[0], l1[1], l1[2], late, l2[0], l2[1]]) await attend(m, first, '2026-08-10');
    for (const m of [l1[0], late, l2[0]]) await attend(m, second, '2026-08-11');
    // Live: every attendance in the group (the late joiner too) over the members at the start × lessons so far.
    const live = (await ok(l1[0], { action: 'pk', pkId }, at('2026-08-11', 22))).pk;
    expect(live.standings.map((s: { name: string; attended: number; lessons: number; eligible: number; ratePermille: number }) => [s.name, s.attended, s.lessons, s.eligible, s.ratePermille])).toEqual([
      ['听课一群', 6, 2, 5, 600],
      ['听课二群', 3, 2, 5, 300],
    ]);
    const balanceOf = async (m: string) => (await gw.call(m, 'points', { action: 'balance' }, at('2026-08-13', 12))).body.data.balance as number;
    const before = await Promise.all([...l1, late, ...l2].map(balanceOf));
    await Promise.all([0, 1].map(() => gw.call(OWNER, 'cron', { action: 'run', job: 'settlePks' }, at('2026-08-13', 12))));
    const settled = (await ok(l2[0], { action: 'pk', pkId }, at('2026-08-13', 13))).pk;
    expect(settled).toMatchObject({ state: 'settled', winners: [g1] });
    // Settled: only members from before the start (4 + the host); the late joiner's 2 attendances drop out.
    expect(settled.standings.find((s: { groupId: string }) => s.groupId === g1)).toMatchObject({ attended: 4, lessons: 2, eligible: 5, ratePermille: 400 });
    expect(settled.standings.find((s: { groupId: string }) => s.groupId === g2)).toMatchObject({ attended: 3, lessons: 2, eligible: 5, ratePermille: 300 });
    const after = await Promise.all([...l1, late, ...l2].map(balanceOf));
    expect(after.map((x, i) => x - before[i])).toEqual([30, 30, 30, 30, 0, 0, 0, 0, 0]);
  }, 60_000);
});

describe('group stage thresholds in settings', () => {
  it('lets the owner change them (health follows), refuses hosts and bad values, changing nothing', async () => {
    const members = PEOPLE.slice(26, 30);
    let groupId = '';
    for (const m of members) groupId = await enteredGroupId(m, 'stage-grp', at('2026-10-01'));
    await enteredGroupId(HOST, 'stage-grp', at('2026-10-01'));
    const health = async () => ok(HOST, { action: 'health', groupId }, at('2026-10-02', 20));
    const before = await health();
    expect(before).toMatchObject({ stage: '起步', thresholds: { startingMembers: 20, declineDrop: 100, silentMax: 600, growthRise: 50 } });
    const stage = { startingMembers: 3, declineDrop: 200, silentMax: 700, growthRise: 80 };
    const event = { action: 'updateGroupStages', requestId: rid('stage'), stage };
    expect((await gw.call(HOST, 'settings', event, at('2026-10-02'))).body.error.code).toBe('FORBIDDEN');
    const bad = [
      { ...stage, startingMembers: 0 },
      { ...stage, silentMax: 1001 },
      { ...stage, growthRise: 1.5 },
      { startingMembers: 3, declineDrop: 200, silentMax: 700 },
      { ...stage, extra: 1 },
    ];
    for (const s of bad) {
      const r = await gw.call(OWNER, 'settings', { action: 'updateGroupStages', requestId: rid('stage'), stage: s }, at('2026-10-02'));
      expect(r.body.error.code).toBe('VALIDATION');
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await health()).thresholds).toEqual(before.thresholds);
    const saved = await gw.call(OWNER, 'settings', event, at('2026-10-02'));
    expect(saved.body.data).toEqual({ stage, changed: true });
    expect((await gw.call(OWNER, 'settings', event, at('2026-10-02'))).body.data).toEqual(saved.body.data);
    const after = await health();
    expect(after.thresholds).toEqual(stage);
    // Five members seen is no longer 起步 under a threshold of 3.
    expect(after.stage).not.toBe('起步');
    const restore = await gw.call(OWNER, 'settings', { action: 'updateGroupStages', requestId: rid('stage'), stage: before.thresholds }, at('2026-10-02'));
    expect(restore.body.data.changed).toBe(true);
  });
});
