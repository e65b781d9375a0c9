/**
 * @jest-environment jsdom
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { FUNCTIONS } from '../src/server/functions';
import { invoke } from '../src/server/kernel/handler';
import { memberIdFor } from '../src/server/kernel/ids';
import { openSqliteStore, type SqliteStore } from '../src/server/local/sqliteStore';
import CampaignPage from '../src/subpackages/member/campaign/index';
import CampaignListPage from '../src/subpackages/member/campaigns/index';
import CampaignCreatePage from '../src/subpackages/host/campaign-new/index';
import ReviewQueuePage from '../src/subpackages/host/review/index';
import { resetSession } from '../src/services/session';
import { navigations, routerParams, toasts } from './mocks/taro';

// 打卡营 and 点评 pages against the real functions on a real SQLite file at a simulated time.
const OWNER = 'page-camp-owner';
const HOST = 'page-camp-host';
const MEMBER = 'page-camp-member';
let dir: string;
let store: SqliteStore;
let openid = '';
let now = new Date('2026-06-09T02:00:00Z');
let campaignId = '';

async function call(who: string, fn: string, event: Record<string, unknown>) {
  const r = await invoke(FUNCTIONS[fn], event, { store, openid: who, now, ownerOpenids: new Set([OWNER]) });
  if (!r.ok) throw new Error(r.error.message);
  return r.data as Record<string, any>;
}

function as(who: string) {
  openid = who;
  resetSession();
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'qunyun-page-camp-'));
  store = openSqliteStore(path.join(dir, 'page.sqlite'));
  (Taro.cloud as unknown as { callFunction: unknown }).callFunction = async ({ name, data }: { name: string; data: unknown }) => ({
    result: await invoke(FUNCTIONS[name], data, { store, openid, now, ownerOpenids: new Set([OWNER]) }),
  });
  for (const who of [OWNER, HOST, MEMBER]) await call(who, 'member', { action: 'login' });
  await call(OWNER, 'member', { action: 'setRole', requestId: 'page-camp-role', memberId: memberIdFor(HOST), role: 'host' });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  toasts.length = 0;
  navigations.length = 0;
});

describe('打卡营 pages', () => {
  it('lets a host create a campaign and opens its page', async () => {
    as(HOST);
    render(<CampaignCreatePage />);
    fireEvent.change(screen.getByTestId('camp-title'), { target: { value: '三天读书营' } });
    fireEvent.change(screen.getByTestId('camp-start'), { target: { value: '2026-06-10' } });
    fireEvent.change(screen.getByTestId('camp-length'), { target: { value: '3' } });
    fireEvent.change(screen.getByTestId('camp-prompt'), { target: { value: '今天读了哪一章？' } });
    fireEvent.change(screen.getByTestId('camp-reward'), { target: { value: '60' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '创建打卡营' }));
    });
    await waitFor(() => expect(toasts.map((t) => t.title)).toEqual(['打卡营已创建']));
    const url = navigations[0];
    expect(url).toMatch(/^\/subpackages\/member\/campaign\/index\?id=c_[0-9a-f]{16}$/);
    campaignId = url.split('id=')[1];
  });

  it('shows a bad start day as the server’s reason', async () => {
    as(HOST);
    render(<CampaignCreatePage />);
    fireEvent.change(screen.getByTestId('camp-title'), { target: { value: '补录营' } });
    fireEvent.change(screen.getByTestId('camp-start'), { target: { value: '2026-06-01' } });
    fireEvent.change(screen.getByTestId('camp-prompt'), { target: { value: '题目' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '创建打卡营' }));
    });
    expect((await screen.findByRole('alert')).textContent).toContain('开始日期不能早于今天');
  });

  it('lets a member join from the list, then check in with a note on the campaign page', async () => {
    as(MEMBER);
    render(<CampaignListPage />);
    await screen.findByText('三天读书营');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '加入打卡营' }));
    });
    await screen.findByRole('button', { name: '已加入，去打卡' });

    now = new Date('2026-06-10T02:00:00Z');
    routerParams.id = campaignId;
    render(<CampaignPage />);
    await screen.findByText('第 1 天 · 今日题目');
    expect(screen.getByTestId('camp-progress').textContent).toBe('0/3');
    expect(screen.getByTestId('camp-rate').textContent).toBe('0%');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '打卡' }));
    });
    expect((await screen.findByRole('alert')).textContent).toContain('这个打卡营需要写打卡笔记');
    fireEvent.change(screen.getByTestId('camp-text'), { target: { value: '读完第一章' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '打卡' }));
    });
    await screen.findByRole('button', { name: '今日已打卡' });
    expect(screen.getByTestId('camp-progress').textContent).toBe('1/3');
    expect(screen.getByTestId('camp-rate').textContent).toBe('100%');
    expect(toasts.map((t) => t.title)).toEqual(['打卡成功，第 1 天']);
    expect(screen.getByText('读完第一章')).toBeTruthy();
  });

  it('lets the host comment and mark 精选, and the member then sees both', async () => {
    as(HOST);
    render(<ReviewQueuePage />);
    const item = await screen.findByTestId('review-item');
    expect(item.textContent).toContain('读完第一章');
    fireEvent.change(screen.getByTestId('review-comment'), { target: { value: '读得很认真' } });
    fireEvent.click(screen.getByText('☆ 设为精选'));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '提交点评' }));
    });
    await screen.findByText('没有待点评的打卡，辛苦了！');
    expect(toasts.map((t) => t.title)).toEqual(['已点评']);

    as(MEMBER);
    routerParams.id = campaignId;
    render(<CampaignPage />);
    const host = await store.get<{ id: string; nickname: string }>('members', memberIdFor(HOST));
    expect((await screen.findAllByTestId('camp-comment')).map((c) => c.textContent)).toContain(`${host?.nickname} 点评：读得很认真`);
    expect(screen.getByText('精选打卡')).toBeTruthy();
  });
});
