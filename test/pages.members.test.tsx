/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { memberIdFor } from '../src/server/kernel/ids';
import { resetSession } from '../src/services/session';
import HostMembersPage from '../src/subpackages/host/members/index';
import MemberDetailPage from '../src/subpackages/host/member/index';
import OwnerVipPage from '../src/subpackages/owner/vip/index';
import { InactiveList } from '../src/subpackages/owner/funnel/InactiveList';
import { wirePageCloud, type PageCloud } from './support/pageCloud';
import { navigations, routerParams, toasts } from './mocks/taro';

const OWNER = 'mp-owner';
const HOST = 'mp-host';
let cloud: PageCloud;
const QUIET = 33;

beforeAll(async () => {
  cloud = wirePageCloud([OWNER]);
  await cloud.call(OWNER, 'member', { action: 'login' });
  await cloud.call(HOST, 'member', { action: 'login' });
  await cloud.call(OWNER, 'member', { action: 'setRole', requestId: 'mp-mkhost-01', memberId: memberIdFor(HOST), role: 'host' });
  await cloud.call('mp-li', 'member', { action: 'login' });
  await cloud.call('mp-li', 'member', { action: 'setNickname', requestId: 'mp-nick-li-01', nickname: '李明' });
  await cloud.call('mp-li', 'checkin', { action: 'do', requestId: 'mp-ck-li-0001' });
  await cloud.call('mp-li', 'checkin', { action: 'note', requestId: 'mp-note-li-01', text: '打卡第一天' });
  // Members who joined 40 days ago and never came back, plus staff who are just as quiet.
  const { store } = cloud;
  for (let i = 0; i < QUIET; i += 1) await cloud.call(`mp-q${i}`, 'member', { action: 'login' });
  const longAgo = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
  for (const openid of [OWNER, HOST, ...Array.from({ length: QUIET }, (_, i) => `mp-q${i}`)]) {
    await store.transaction((tx) => tx.update('members', memberIdFor(openid), { quietSince: longAgo, joinDay: longAgo }));
  }
  await store.transaction((tx) => tx.set('subscriptions', { id: `${memberIdFor('mp-q0')}:local`, memberId: memberIdFor('mp-q0'), templateId: 'local', granted: 1, used: 0 }));
});
afterAll(() => cloud.close());
beforeEach(() => {
  resetSession();
  navigations.length = 0;
  toasts.length = 0;
  for (const k of Object.keys(routerParams)) delete routerParams[k];
});

async function search(text: string) {
  await act(async () => {
    fireEvent.change(screen.getAllByTestId('member-picker-input')[0], { target: { value: text } });
  });
}

describe('finding a member', () => {
  it('lets a host find a member by name and open their page, without showing internal ids', async () => {
    cloud.as(HOST);
    render(<HostMembersPage />);
    await search('李');
    const row = await screen.findByRole('button', { name: /李明 · 会员 · 邀请码 [A-Z0-9]{6} · \d+ 积分/ });
    expect(document.body.textContent).not.toMatch(/m_[0-9a-f]{8,}/);
    await act(async () => {
      fireEvent.click(row);
    });
    expect(navigations).toEqual([`/subpackages/host/member/index?memberId=${memberIdFor('mp-li')}`]);
  });

  it('says when nobody matches', async () => {
    cloud.as(HOST);
    render(<HostMembersPage />);
    await search('无此人');
    expect(await screen.findByText('没有找到昵称以“无此人”开头或邀请码相同的成员')).toBeTruthy();
  });

  it('shows an owner the member page with streak, notes and the actions, and marks for cleanup', async () => {
    cloud.as(OWNER);
    routerParams.memberId = memberIdFor('mp-li');
    render(<MemberDetailPage />);
    const profile = await screen.findByTestId('member-profile');
    expect(profile.textContent).toContain('李明');
    expect(profile.textContent).toContain('1 天 · 最长 1 天 · 累计 1 天');
    expect(screen.getByTestId('member-checkins').textContent).toContain('笔记：打卡第一天');
    expect(screen.getByRole('button', { name: '开通付费会员' })).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '标记待清理' }));
    });
    await waitFor(() => expect(screen.getByTestId('member-profile').textContent).toContain('待清理'));
    expect(screen.getByRole('button', { name: '取消待清理' })).toBeTruthy();
  });

  it('lets the owner grant VIP to a member picked by name, with no id box', async () => {
    cloud.as(OWNER);
    render(<OwnerVipPage />);
    expect(screen.queryByPlaceholderText('m_…')).toBeNull();
    await search('李明');
    await act(async () => {
      fireEvent.click(await screen.findByRole('button', { name: /^李明 · 会员/ }));
    });
    expect(screen.getByText('已选择：李明')).toBeTruthy();
    await act(async () => {
      fireEvent.change(screen.getByPlaceholderText('如：微信转账 199 元'), { target: { value: '微信转账 199 元' } });
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '确认开通' }));
    });
    await waitFor(() => expect(toasts.map((t) => t.title).join()).toMatch(/已开通至/));
  });
});

describe('活跃度警示', () => {
  it('pages through every quiet member without staff, reminds one with quota and says how many can be reached', async () => {
    cloud.as(OWNER);
    render(<InactiveList exportLink={null} />);
    await waitFor(() => expect(screen.getAllByTestId('inactive-row')).toHaveLength(30));
    expect(screen.getByTestId('inactive-summary').textContent).toContain(`共 ${QUIET} 人，已显示 30 人`);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
    });
    await waitFor(() => expect(screen.getAllByTestId('inactive-row')).toHaveLength(QUIET));
    expect(screen.getByTestId('inactive-summary').textContent).toContain('其中 1 人有订阅额度、可以提醒');
    expect(screen.queryByRole('button', { name: '加载更多' })).toBeNull();
    const remind = screen.getByRole('button', { name: /^提醒 / });
    const row = remind.closest('[data-testid="inactive-row"]') as HTMLElement;
    await act(async () => {
      fireEvent.click(remind);
    });
    await waitFor(() => expect(within(row).getByText('已提醒')).toBeTruthy());
    const mark = within(row).getByRole('button', { name: /^标记待清理 / });
    await act(async () => {
      fireEvent.click(mark);
    });
    await waitFor(() => expect(within(row).getByRole('button', { name: /^取消待清理 / })).toBeTruthy());
    expect(within(row).getAllByRole('button')[0].textContent).toContain('待清理');
  });
});
