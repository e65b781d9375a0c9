/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { memberIdFor } from '../src/server/kernel/ids';
import { resetSession } from '../src/services/session';
import TierPage from '../src/subpackages/member/tier/index';
import OwnerVipPage from '../src/subpackages/owner/vip/index';
import { routerParams, toasts } from './mocks/taro';
import { wirePageCloud, type PageCloud } from './support/pageCloud';

// 会员等级 and 会员与续费 on the real functions.
const OWNER = 'tier-page-owner';
let cloud: PageCloud;
let seq = 0;

beforeAll(async () => {
  cloud = wirePageCloud([OWNER]);
  await cloud.call(OWNER, 'member', { action: 'login' });
});
afterAll(() => cloud.close());
beforeEach(() => {
  resetSession();
  toasts.length = 0;
  for (const k of Object.keys(routerParams)) delete routerParams[k];
});

async function memberWith(points: number): Promise<string> {
  const openid = `tier-page-${++seq}`;
  await cloud.call(openid, 'member', { action: 'login' });
  if (points > 0) await cloud.call(OWNER, 'points', { action: 'adjust', requestId: `tier-page-fund-${seq}`, memberId: memberIdFor(openid), delta: points, reason: '测试' });
  return openid;
}

describe('会员等级', () => {
  it('shows tier, growth, progress to the next tier, the keep-tier line and every tier', async () => {
    cloud.as(await memberWith(600));
    render(<TierPage />);
    expect((await screen.findByTestId('tier-name')).textContent).toBe('白银会员');
    expect(screen.getByTestId('tier-growth').textContent).toBe('600');
    expect(screen.getByTestId('tier-next').textContent).toBe('再获得 1400 成长值升级黄金');
    expect(screen.getByTestId('keep-tier').textContent).toMatch(/^成长值已达标，\d{4}-\d{2}-01 评定时将保持白银$/);
    expect(screen.getAllByTestId('tier-row').map((r) => r.textContent)).toEqual([
      '普普通成长值 ≥ 0签到、听课积分 ×1',
      '银白银成长值 ≥ 500签到、听课积分 ×1.1',
      '金黄金成长值 ≥ 2000签到、听课积分 ×1.2',
      '钻钻石成长值 ≥ 5000签到、听课积分 ×1.5',
    ]);
    expect(screen.getByTestId('vip-none').textContent).toContain('你还不是付费会员');
  });

  it('shows a VIP their expiry and records a renewal reminder subscription', async () => {
    const openid = await memberWith(0);
    await cloud.call(OWNER, 'vip', { action: 'grant', requestId: `tier-page-grant-${seq}`, memberId: memberIdFor(openid), days: 30, note: '线下转账' });
    cloud.as(openid);
    render(<TierPage />);
    expect((await screen.findByTestId('vip-until')).textContent).toMatch(/到期$/);
    expect(screen.getByText('付费会员期间享受黄金权益')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '到期前提醒我' }));
    });
    await waitFor(() => expect(toasts.map((t) => t.title)).toContain('到期前会提醒你'));
    await screen.findByText('可接收 1 次到期提醒（到期前 7 天和 1 天各一次）');
  });
});

describe('会员与续费 (owner)', () => {
  it('grants VIP with a note and lists the member as expiring soon', async () => {
    const openid = await memberWith(0);
    routerParams.memberId = memberIdFor(openid);
    cloud.as(OWNER);
    render(<OwnerVipPage />);
    await screen.findAllByTestId('tier-count');
    fireEvent.change(screen.getByDisplayValue('365'), { target: { value: '10' } });
    fireEvent.change(screen.getByPlaceholderText('如：微信转账 199 元'), { target: { value: '微信转账 29 元' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '确认开通' }));
    });
    await waitFor(() => expect(toasts.some((t) => t.title.startsWith('已开通至'))).toBe(true));
    await screen.findByText(/剩 10 天 · 续费/);
  });

  it('tells a member they may not see it', async () => {
    cloud.as(await memberWith(0));
    render(<OwnerVipPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('没有权限');
  });
});
