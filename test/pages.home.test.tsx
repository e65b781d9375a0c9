/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import HomePage from '../src/pages/index/index';
import MePage from '../src/pages/me/index';
import TierPage from '../src/subpackages/member/tier/index';
import { resetSession } from '../src/services/session';
import { toasts } from './mocks/taro';
import { wirePageCloud, type PageCloud } from './support/pageCloud';

// Pages rendered with Testing Library; wx.cloud.callFunction is wired to the real functions on a
// real SQLite file, so what the member sees is what the cloud would answer.
let cloud: PageCloud;
let openid: string;

beforeAll(() => {
  cloud = wirePageCloud();
});
afterAll(() => cloud.close());
beforeEach(() => {
  openid = `page-member-${Math.random().toString(36).slice(2)}`;
  cloud.as(openid);
  toasts.length = 0;
  resetSession();
});

describe('成长值 shown twice', () => {
  it('shows the same growth on the 首页 badge as on 会员等级 after a check-in', async () => {
    render(<HomePage />);
    await screen.findByTestId('tier-badge');
    expect(screen.getByTestId('tier-badge').textContent).toContain('成长值 0');
    await act(async () => {
      fireEvent.click(await screen.findByRole('button', { name: '签到 +5' }));
    });
    await screen.findByRole('button', { name: '今日已签到' });
    const tier = render(<TierPage />);
    const growth = (await tier.findByTestId('tier-growth')).textContent;
    expect(growth).toBe('5');
    await waitFor(() => expect(screen.getByTestId('tier-badge').textContent).toContain(`成长值 ${growth} `));
  });
});

describe('首页 check-in card', () => {
  it('lets a new member check in and shows streak 1, the new balance and a success toast', async () => {
    render(<HomePage />);
    const button = await screen.findByRole('button', { name: '签到 +5' });
    expect(screen.getByTestId('streak').textContent).toBe('0');
    expect(screen.getByTestId('balance').textContent).toBe('0');
    expect(screen.getByText('再签 7 天得 +20')).toBeTruthy();

    await act(async () => {
      fireEvent.click(button);
    });

    await screen.findByRole('button', { name: '今日已签到' });
    expect(screen.getByTestId('streak').textContent).toBe('1');
    expect(screen.getByTestId('balance').textContent).toBe('5');
    expect(screen.getByText('再签 6 天得 +20')).toBeTruthy();
    expect(toasts).toEqual([{ title: '签到成功 +5 积分' }]);
  });

  it('tells the member when the server is busy and keeps the button for a retry', async () => {
    render(<HomePage />);
    const button = await screen.findByRole('button', { name: '签到 +5' });
    cloud.failNext('BUSY', '当前人数较多，请稍后再试');
    await act(async () => {
      fireEvent.click(button);
    });
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', '当前人数较多，请稍后再试');
    expect(screen.getByRole('button', { name: '签到 +5' })).toBeTruthy();
    expect(screen.getByTestId('balance').textContent).toBe('0');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '签到 +5' }));
    });
    await screen.findByRole('button', { name: '今日已签到' });
    expect(screen.getByTestId('balance').textContent).toBe('5');
  });
});

describe('我的 points history', () => {
  it('shows each ledger line with its Chinese reason, amount and balance after', async () => {
    await cloud.call(openid, 'member', { action: 'login' });
    await cloud.call(openid, 'checkin', { action: 'do', requestId: 'page-history-1' });
    render(<MePage />);
    const rows = await screen.findAllByTestId('ledger-row');
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain('每日签到');
    expect(rows[0].textContent).toContain('+5');
    expect(rows[0].textContent).toContain('余额 5');
    await waitFor(() => expect(screen.getByTestId('me-balance').textContent).toBe('5'));
  });

  it('invites a member with no history to check in', async () => {
    render(<MePage />);
    expect(await screen.findByText('还没有积分记录，去首页签到领第一笔积分吧。')).toBeTruthy();
  });
});
