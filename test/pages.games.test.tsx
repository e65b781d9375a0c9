/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FUNCTIONS } from '../src/server/functions';
import { invoke } from '../src/server/kernel/handler';
import { memberIdFor } from '../src/server/kernel/ids';
import { resolveLocalGroup } from '../src/server/local/gateway';
import { resetSession } from '../src/services/session';
import BoardsPage from '../src/subpackages/games/boards/index';
import LotteriesPage from '../src/subpackages/games/lotteries/index';
import LotteryPage from '../src/subpackages/games/lottery/index';
import PacketPage from '../src/subpackages/games/packet/index';
import PacketsPage from '../src/subpackages/games/packets/index';
import { modals, navigations, routerParams, toasts } from './mocks/taro';
import { wirePageCloud, type PageCloud } from './support/pageCloud';

// The games pages as members and hosts see them, on the real functions.
const OWNER = 'games-page-owner';
const HOST = 'games-page-host';
const MEMBER = 'games-page-member';
let cloud: PageCloud;

beforeAll(async () => {
  cloud = wirePageCloud([OWNER]);
  for (const who of [OWNER, HOST, MEMBER, 'games-page-a', 'games-page-b']) await cloud.call(who, 'member', { action: 'login' });
  await cloud.call(OWNER, 'member', { action: 'setRole', requestId: 'games-page-role', memberId: memberIdFor(HOST), role: 'host' });
  await cloud.call(OWNER, 'points', { action: 'adjust', requestId: 'games-page-fund', memberId: memberIdFor(MEMBER), delta: 100, reason: '测试' });
});
afterAll(() => cloud.close());
beforeEach(() => {
  resetSession();
  toasts.length = 0;
  navigations.length = 0;
  modals.length = 0;
});

it('refuses a packet that cannot be split before sending, then sends one from the member’s points', async () => {
  cloud.as(MEMBER);
  render(<PacketsPage />);
  await screen.findByText('红包从你的积分中扣除，过期未领完的积分会退回给你');
  fireEvent.change(screen.getByTestId('packet-total'), { target: { value: '3' } });
  fireEvent.change(screen.getByTestId('packet-count'), { target: { value: '5' } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '塞进红包' }));
  });
  expect(screen.getByText('总积分不能少于红包个数（每个红包至少 1 积分）')).toBeTruthy();
  expect(modals).toEqual([]);
  fireEvent.change(screen.getByTestId('packet-total'), { target: { value: '60' } });
  fireEvent.change(screen.getByTestId('packet-count'), { target: { value: '2' } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '塞进红包' }));
  });
  await waitFor(() => expect(toasts).toEqual([{ title: '红包已发出' }]));
  expect(modals[0].content).toBe('从你的积分发出 60 积分，共 2 个？');
  expect(navigations[0]).toMatch(/^\/subpackages\/games\/packet\/index\?id=P/);
});

it('opens a packet, and shows who got how much and 手气最佳 once all are taken', async () => {
  const sent = (await cloud.call(HOST, 'games', { action: 'sendPacket', requestId: 'games-page-send', total: 50, count: 2, kind: 'lucky', greeting: '新年快乐' })) as { packet: { id: string } };
  routerParams.id = sent.packet.id;
  cloud.as('games-page-a');
  const first = render(<PacketPage />);
  const open = await screen.findByRole('button', { name: '开' });
  await act(async () => {
    fireEvent.click(open);
  });
  await waitFor(() => expect(screen.getByTestId('packet-mine').textContent).toMatch(/^\d+ 积分$/));
  expect(screen.queryByText('手气最佳')).toBeNull();
  first.unmount();
  await cloud.call('games-page-b', 'games', { action: 'grab', requestId: 'games-page-grab-b', packetId: sent.packet.id });
  resetSession();
  render(<PacketPage />);
  await waitFor(() => expect(screen.getAllByTestId('packet-grab')).toHaveLength(2));
  expect(screen.getAllByText('手气最佳')).toHaveLength(1);
  expect(screen.getByText('已领取 2/2 个，共 50/50 积分')).toBeTruthy();
});

it('shows the member’s own rank on the board and the praise they received', async () => {
  await cloud.call(HOST, 'games', { action: 'praise', requestId: 'games-page-praise', memberId: memberIdFor(MEMBER), text: '笔记写得很用心', points: 10 });
  await cloud.call(OWNER, 'cron', { action: 'run', job: 'rankBoards' });
  cloud.as(MEMBER);
  render(<BoardsPage />);
  fireEvent.click(await screen.findByLabelText('本月表扬榜'));
  await waitFor(() => expect(screen.getByTestId('board-me').textContent).toContain('第 1 名'));
  await waitFor(() => expect(screen.getByTestId('my-praise').textContent).toContain('笔记写得很用心（+10 积分）'));
});

it('explains the 贡献榜 figure and its weights, with the member’s own rank', async () => {
  // The praise of the test above counted as 获得点赞 in its own transaction: no job needed.
  cloud.as(MEMBER);
  render(<BoardsPage />);
  fireEvent.click(await screen.findByLabelText('贡献榜'));
  await waitFor(() => expect(screen.getByTestId('board-explain').textContent).toContain('近 30 天贡献值'));
  expect(screen.getByTestId('board-explain').textContent).toContain('获得点赞：每次 +1');
  await waitFor(() => expect(screen.getByTestId('board-me').textContent).toContain('第 1 名'));
  expect(screen.getByTestId('board-me').textContent).toContain('1 贡献值');
});

it('verifies a drawn lottery on the phone: the seed matches its hash and the winners recompute', async () => {
  const now = Date.now();
  const created = (await cloud.call(HOST, 'games', {
    action: 'createLottery',
    requestId: 'games-page-lottery',
    lottery: { title: '周末福利', prizes: [{ kind: 'points', points: 5, winners: 1 }], entry: { kind: 'free' }, entryDeadline: new Date(now + 1500).toISOString(), drawAt: new Date(now + 1500).toISOString() },
  })) as { lottery: { id: string } };
  for (const who of ['games-page-a', 'games-page-b', MEMBER]) await cloud.call(who, 'games', { action: 'enterLottery', requestId: `games-page-enter-${who}`, lotteryId: created.lottery.id });
  await new Promise((resolve) => setTimeout(resolve, 1600));
  await cloud.call(HOST, 'games', { action: 'draw', requestId: 'games-page-draw', lotteryId: created.lottery.id });
  routerParams.id = created.lottery.id;
  cloud.as(MEMBER);
  render(<LotteryPage />);
  await waitFor(() => expect(screen.getByTestId('proof-hash').textContent).toBe('✓ 种子的 SHA-256 与创建时公布的一致'));
  expect(screen.getByTestId('proof-winners').textContent).toBe('✓ 本机按下面的方法重算，中奖名单一致');
  expect(screen.getByTestId('lottery-winners').textContent).toContain('5 积分');
});

it('lets a host start a lottery with a mall item as the top prize and a check-in entry rule', async () => {
  await cloud.call(OWNER, 'mall', { action: 'saveItem', requestId: 'games-page-item', item: { title: '定制马克杯', description: '', image: '', pointsPrice: 80, stock: 2, perMemberLimit: null, limitPeriod: 'ever', minTier: null, saleStartsAt: null, saleEndsAt: null, kind: 'physical', virtual: null, listed: true } });
  cloud.as(HOST);
  render(<LotteriesPage />);
  fireEvent.click(await screen.findByText('定制马克杯（剩 2）'));
  fireEvent.click(screen.getByText('签到满天数'));
  fireEvent.change(screen.getByPlaceholderText('例如：周末签到福利'), { target: { value: '马克杯抽奖' } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '发起抽奖' }));
  });
  await waitFor(() => expect(navigations[0]).toMatch(/^\/subpackages\/games\/lottery\/index\?id=L/));
  const id = navigations[0].split('id=')[1];
  const { lottery } = (await cloud.call(MEMBER, 'games', { action: 'lottery', lotteryId: id })) as { lottery: { prizes: Array<{ label: string }>; entryLabel: string } };
  expect(lottery.prizes.map((p) => p.label)).toEqual(['定制马克杯', '100 积分']);
  expect(lottery.entryLabel).toBe('开始后签到满 10 天可参与');
});

it('sends a packet to one of the member’s groups, preselected from its board, and tells outsiders who it is for', async () => {
  const r = await invoke(FUNCTIONS.group, { action: 'enter', requestId: 'games-page-enter', cloudID: 'local:games-page-grp' }, { store: cloud.store, openid: MEMBER, now: new Date(), ownerOpenids: new Set([OWNER]), platform: { resolveGroup: resolveLocalGroup } });
  if (!r.ok) throw new Error(r.error.message);
  const groupId = (r.data as { group: { id: string } }).group.id;
  cloud.as(MEMBER);
  routerParams.groupId = encodeURIComponent(groupId);
  render(<PacketsPage />);
  const chip = await screen.findByText('仅「未命名群」群友');
  expect(chip.className).toContain('is-active');
  fireEvent.change(screen.getByTestId('packet-total'), { target: { value: '10' } });
  fireEvent.change(screen.getByTestId('packet-count'), { target: { value: '2' } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '塞进红包' }));
  });
  await waitFor(() => expect(toasts).toEqual([{ title: '红包已发出' }]));
  delete routerParams.groupId;
  const id = /id=(P[^&]+)/.exec(navigations[0])![1];
  const stored = await cloud.store.get('packets', id);
  expect(stored?.audience).toEqual({ kind: 'group', groupId, name: '未命名群' });
  resetSession();
  routerParams.id = id;
  cloud.as('games-page-b');
  render(<PacketPage />);
  expect((await screen.findByTestId('packet-blocked')).textContent).toBe('这个红包只发给「未命名群」的群友，请从这个群的群聊卡片进入后再抢');
  expect(screen.getByTestId('packet-audience').textContent).toBe('仅「未命名群」群友可抢');
});
