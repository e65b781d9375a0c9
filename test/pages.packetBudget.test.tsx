/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { memberIdFor } from '../src/server/kernel/ids';
import { resetSession } from '../src/services/session';
import PacketBudgetPage from '../src/subpackages/owner/packet-budget/index';
import { toasts } from './mocks/taro';
import { wirePageCloud, type PageCloud } from './support/pageCloud';

// 红包预算 (owner): this month's used / left, a Chinese refusal for a bad number, and the change log.
const OWNER = 'budget-page-owner';
const HOST = 'budget-page-host';
let cloud: PageCloud;

beforeAll(async () => {
  cloud = wirePageCloud([OWNER]);
  for (const who of [OWNER, HOST]) await cloud.call(who, 'member', { action: 'login' });
  await cloud.call(OWNER, 'member', { action: 'setRole', requestId: 'budget-page-role', memberId: memberIdFor(HOST), role: 'host' });
  await cloud.call(HOST, 'games', { action: 'sendPacket', requestId: 'budget-page-send', total: 800, count: 4, kind: 'equal', greeting: '' });
});
afterAll(() => cloud.close());
beforeEach(() => {
  resetSession();
  toasts.length = 0;
});

it("shows this month's used and left, refuses a bad budget in Chinese, saves a good one and lists the change", async () => {
  cloud.as(OWNER);
  render(<PacketBudgetPage />);
  expect((await screen.findByTestId('budget-used')).textContent).toBe('已用 800 积分 · 还剩 19200 / 20000 积分');
  expect(screen.getByText('最近没有修改过红包预算。全部规则修改见「规则设置」。')).toBeTruthy();
  const input = screen.getByTestId('budget-input') as HTMLInputElement;
  expect(input.value).toBe('20000');

  fireEvent.change(input, { target: { value: '一万' } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '保存预算' }));
  });
  expect((await screen.findByRole('alert')).textContent).toContain('每月红包预算需为 0–1000000 的整数');
  expect(((await cloud.call(OWNER, 'settings', { action: 'packetBudget' })) as { packetMonthlyBudget: number }).packetMonthlyBudget).toBe(20_000);

  fireEvent.change(input, { target: { value: '500' } });
  expect(screen.getByText('本月已用 800 积分，超过新预算：本月不能再用预算发红包，下月按新预算计算。')).toBeTruthy();
  fireEvent.change(input, { target: { value: '5000' } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '保存预算' }));
  });
  await waitFor(() => expect(screen.getByTestId('budget-used').textContent).toBe('已用 800 积分 · 还剩 4200 / 5000 积分'));
  expect(toasts.map((t) => t.title)).toEqual(['已保存，立即生效']);
  expect((await screen.findByTestId('budget-log')).textContent).toContain('每月红包预算 20000 → 5000 积分');
});
