import { seededDemo } from './support/seededDemo';
import { DEMO_HOSTS, DEMO_OWNER, demoMemberOpenid } from '../src/server/local/demoSeed';

// The demo community shows its WeChat groups: four claimed groups with members seen and
// check-ins on their boards, a 活码 pool with a warning, a running PK and one the cron settles.
const NOW = new Date('2026-11-25T20:00:00+08:00');
const demo = seededDemo(NOW, 60);

const call = demo.ok;

describe('demo groups', () => {
  it('has a 大群, two 小群 and a 分会 with members seen and yesterday\'s check-ins on the board', async () => {
    const { all } = await call(DEMO_HOSTS[0], 'group', { action: 'list' });
    expect(all.map((g: { name: string; kind: string }) => `${g.name}/${g.kind}`).sort()).toEqual(['上海分会/branch', '晨跑小群/small', '群运大群/big', '读书小群/small']);
    const big = all.find((g: { kind: string }) => g.kind === 'big');
    const board = await call(demoMemberOpenid(1), 'group', { action: 'board', groupId: big.id, day: '2026-11-24' });
    expect(board.seen).toBe(63);
    expect(board.checkedInToday).toBeGreaterThan(5);
    expect(board.streakLeaders.length).toBeGreaterThan(0);
    // Some regulars already checked in this morning, so a fresh start shows "本群今日 n/63 已签到" with n > 0.
    const today = await call(demoMemberOpenid(1), 'group', { action: 'board', groupId: big.id });
    expect(today.day).toBe('2026-11-25');
    expect(today.checkedInToday).toBeGreaterThan(0);
    expect(today.checkedInToday).toBeLessThan(63);
    const mine = await call(demoMemberOpenid(6), 'group', { action: 'list' });
    expect(mine.mine.map((g: { name: string }) => g.name)).toEqual(expect.arrayContaining(['群运大群', '读书小群', '上海分会']));
  });

  it('shows a 活码 QR with the owner warned about the 分会 code, and PKs: one live, one settled by the cron once', async () => {
    expect((await call(demoMemberOpenid(2), 'group', { action: 'joinCode', pool: '新人' })).code.groupName).toBe('群运大群');
    expect((await call(DEMO_OWNER, 'group', { action: 'codes', pool: '新人' })).warnings).toEqual(['「上海分会」的群二维码将在 24 小时内过期，请及时更换']);
    const first = await call(DEMO_OWNER, 'cron', { action: 'run', job: 'settlePks' });
    expect(first.accounts).toBeGreaterThan(0);
    expect((await call(DEMO_OWNER, 'cron', { action: 'run', job: 'settlePks' })).accounts).toBe(0);
    const { pks } = await call(demoMemberOpenid(3), 'group', { action: 'pks' });
    // Newest first: the live check-in PK, the live 听课率 PK, the settled one.
    expect(pks.map((p: { state: string; metric: string }) => `${p.state}/${p.metric}`)).toEqual(['running/checkinRate', 'running/lessonRate', 'settled/checkinRate']);
    expect(pks[0].standings.every((s: { checkins: number }) => s.checkins > 0)).toBe(true);
    expect(pks[2].winners).toHaveLength(1);
  });

  it('has a packet for the 读书小群 only, grabbed by its members and pushed to its live card, and a 听课率 PK', async () => {
    const { all } = await call(DEMO_HOSTS[0], 'group', { action: 'list' });
    const read = all.find((g: { name: string }) => g.name === '读书小群');
    const board = await call(DEMO_HOSTS[0], 'group', { action: 'board', groupId: read.id });
    expect(board.packets).toEqual([expect.objectContaining({ greeting: '读书小群本周共读打卡红包', claimedCount: 5, count: 8, state: 'open' })]);
    const card = await demo.store.get('liveCards', `packet:${board.packets[0].id}`);
    expect(card?.lastState).toEqual({ targetState: 0, memberCount: 5, roomLimit: 8 });
    const { pks } = await call(DEMO_HOSTS[0], 'group', { action: 'pks' });
    const lesson = pks.find((p: { metric: string }) => p.metric === 'lessonRate');
    expect(lesson).toMatchObject({ state: 'running', live: true });
    expect(lesson.standings).toHaveLength(2);
  });
});
