/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { FUNCTIONS } from '../src/server/functions';
import { invoke } from '../src/server/kernel/handler';
import { memberIdFor } from '../src/server/kernel/ids';
import { resolveLocalGroup } from '../src/server/local/gateway';
import { resetSession } from '../src/services/session';
import MyGroupsPage from '../src/subpackages/member/groups/index';
import GroupBoardPage from '../src/subpackages/member/group/index';
import GroupAdminPage from '../src/subpackages/host/groups/index';
import GroupHealthPage from '../src/subpackages/host/group-health/index';
import { wirePageCloud, type PageCloud } from './support/pageCloud';
import { routerParams, toasts } from './mocks/taro';

const OWNER = 'pg-owner';
const HOST = 'pg-host';
const A = 'pg-a';
const B = 'pg-b';
let cloud: PageCloud;
let big = '';
let small = '';

/** Enter a group as if from its card (the local group stand-in), as `openid`. */
async function enter(openid: string, opengid: string): Promise<string> {
  const r = await invoke(FUNCTIONS.group, { action: 'enter', requestId: `pg-enter-${openid}-${opengid}`, cloudID: `local:${opengid}` }, { store: cloud.store, openid, now: new Date(), ownerOpenids: new Set([OWNER]), platform: { resolveGroup: resolveLocalGroup } });
  if (!r.ok) throw new Error(r.error.message);
  return (r.data as { group: { id: string } }).group.id;
}

beforeAll(async () => {
  cloud = wirePageCloud([OWNER]);
  for (const who of [OWNER, HOST, A, B]) await cloud.call(who, 'member', { action: 'login' });
  await cloud.call(OWNER, 'member', { action: 'setRole', requestId: 'pg-mkhost-01', memberId: memberIdFor(HOST), role: 'host' });
  await cloud.call(A, 'member', { action: 'setNickname', requestId: 'pg-nick-a-01', nickname: '阿明' });
  big = await enter(HOST, 'pg-big');
  small = await enter(HOST, 'pg-small');
  await enter(HOST, 'pg-new');
  await enter(A, 'pg-big');
  await enter(B, 'pg-big');
  await cloud.call(HOST, 'group', { action: 'claim', requestId: 'pg-claim-big', groupId: big, name: '群运大群', kind: 'big' });
  await cloud.call(HOST, 'group', { action: 'claim', requestId: 'pg-claim-small', groupId: small, name: '读书小群', kind: 'small', topic: '读书' });
  await cloud.call(A, 'checkin', { action: 'do', requestId: 'pg-ci-a-0001' });
});
afterAll(() => cloud.close());
beforeEach(() => {
  resetSession();
  toasts.length = 0;
  for (const k of Object.keys(routerParams)) delete routerParams[k];
});

describe('我的群', () => {
  it('shows my group and lets me join a sub-group by its topic, without internal ids', async () => {
    cloud.as(B);
    render(<MyGroupsPage />);
    expect(await screen.findByText('群运大群')).toBeTruthy();
    const row = (await screen.findAllByTestId('joinable-group'))[0];
    expect(within(row).getByText('读书小群')).toBeTruthy();
    expect(within(row).getByText(/兴趣组|小群 · 读书 · 已加入 0\/40/)).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '加入读书小群' }));
    });
    expect(toasts.map((t) => t.title)).toContain('已加入');
    expect(await screen.findByRole('button', { name: '退出读书小群' })).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/g_[0-9a-f]{8,}|m_[0-9a-f]{8,}/);
  });
});

describe('群榜', () => {
  it('shows today\'s check-ins of the group and the streak board', async () => {
    cloud.as(B);
    routerParams.id = big;
    render(<GroupBoardPage />);
    expect((await screen.findByTestId('board-today')).textContent).toBe('本群今日 1/3 已签到');
    expect(screen.getAllByTestId('board-line')[0].textContent).toMatch(/1\. 阿明/);
  });

  it('tells an outsider to enter from the group card', async () => {
    cloud.as(OWNER);
    await cloud.call(OWNER, 'member', { action: 'login' });
    cloud.as('pg-outsider');
    routerParams.id = small;
    render(<GroupBoardPage />);
    expect(await screen.findByText('只有这个群的成员能看群榜单，请从群聊卡片进入')).toBeTruthy();
  });
});

describe('群管理 and 群健康度', () => {
  it('lets a host claim a new group with a name and kind', async () => {
    cloud.as(HOST);
    render(<GroupAdminPage />);
    const open = await screen.findByRole('button', { name: '认领未命名群' });
    await act(async () => {
      fireEvent.click(open);
    });
    const form = await screen.findByTestId('claim-form');
    await act(async () => {
      fireEvent.click(within(form).getByText('分会'));
      fireEvent.change(within(form).getByTestId('claim-name'), { target: { value: '杭州分会' } });
      fireEvent.change(within(form).getByTestId('claim-region'), { target: { value: '杭州' } });
    });
    await act(async () => {
      fireEvent.click(within(form).getByText('保存'));
    });
    expect(toasts.map((t) => t.title)).toContain('已保存');
    expect((await screen.findAllByTestId('admin-group')).map((r) => r.textContent)).toContainEqual(expect.stringMatching(/^杭州分会分会 · 已加入 0\/200/));
  });

  it('refuses a claim without a name, saying what to fix', async () => {
    cloud.as(HOST);
    render(<GroupAdminPage />);
    const open = await screen.findByRole('button', { name: '编辑读书小群' });
    await act(async () => {
      fireEvent.click(open);
    });
    const form = await screen.findByTestId('claim-form');
    await act(async () => {
      fireEvent.change(within(form).getByTestId('claim-name'), { target: { value: '' } });
      fireEvent.click(within(form).getByText('保存'));
    });
    expect(within(form).getByText('请填写群名称')).toBeTruthy();
  });

  it('shows a group\'s stage with its reason', async () => {
    cloud.as(HOST);
    routerParams.id = big;
    render(<GroupHealthPage />);
    expect((await screen.findByTestId('health-stage')).textContent).toBe('起步');
    expect(screen.getByText('群里只有 3 位成员被识别，少于 20 位')).toBeTruthy();
    const step = screen.getByRole('checkbox', { name: '第一轮转化已做' });
    await act(async () => {
      fireEvent.click(step);
    });
    expect((await screen.findByRole('checkbox', { name: '第一轮转化已做' })).textContent).toMatch(/已完成/);
  });

  it('shows hosts the stage rules, and lets the owner change the thresholds', async () => {
    cloud.as(HOST);
    routerParams.id = big;
    const host = render(<GroupHealthPage />);
    expect((await screen.findByTestId('health-thresholds')).textContent).toContain('少于 20 人为起步');
    expect(screen.queryByText('保存阈值')).toBeNull();
    host.unmount();
    resetSession();
    cloud.as(OWNER);
    render(<GroupHealthPage />);
    const members = await screen.findByTestId('threshold-startingMembers');
    await act(async () => {
      fireEvent.input(members, { target: { value: '0' } });
    });
    await act(async () => {
      fireEvent.click(screen.getByText('保存阈值'));
    });
    expect(screen.getByText(/少于多少名成员算起步/, { selector: '.field__error' })).toBeTruthy();
    await act(async () => {
      fireEvent.input(screen.getByTestId('threshold-startingMembers'), { target: { value: '2' } });
    });
    await act(async () => {
      fireEvent.click(screen.getByText('保存阈值'));
    });
    expect(await screen.findByText('稳定', { selector: '[data-testid="health-stage"]' })).toBeTruthy();
    expect(screen.getByTestId('health-thresholds').textContent).toContain('少于 2 人为起步');
  });
});
