/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { memberIdFor } from '../src/server/kernel/ids';
import { resetSession } from '../src/services/session';
import AdjustPointsPage from '../src/subpackages/host/adjust/index';
import PointsHistoryPage from '../src/subpackages/member/points/index';
import OwnerPointsPage from '../src/subpackages/owner/points/index';
import { modalAnswers, modals, routerParams, toasts } from './mocks/taro';
import { wirePageCloud, type PageCloud } from './support/pageCloud';

// The ledger pages as a member, a host and the owner see them, on the real functions.
const OWNER = 'page-owner';
const HOST = 'page-host';
let cloud: PageCloud;

beforeAll(async () => {
  cloud = wirePageCloud([OWNER]);
  await cloud.call(OWNER, 'member', { action: 'login' });
  await cloud.call(HOST, 'member', { action: 'login' });
  await cloud.call(OWNER, 'member', { action: 'setRole', requestId: 'page-host-role', memberId: memberIdFor(HOST), role: 'host' });
});
afterAll(() => cloud.close());
beforeEach(() => {
  resetSession();
  toasts.length = 0;
  modals.length = 0;
  modalAnswers.length = 0;
});

describe('积分明细', () => {
  it('shows the balance, filters the history and names the reason of a manual deduction', async () => {
    const member = `page-member-${Date.now()}`;
    await cloud.call(member, 'member', { action: 'login' });
    await cloud.call(member, 'checkin', { action: 'do', requestId: 'page-ck-000001' });
    await cloud.call(HOST, 'points', { action: 'adjust', requestId: 'page-adj-000001', memberId: memberIdFor(member), delta: 30, reason: '分享之星' });
    await cloud.call(HOST, 'points', { action: 'adjust', requestId: 'page-adj-000002', memberId: memberIdFor(member), delta: -10, reason: '重复领取扣回' });
    cloud.as(member);
    render(<PointsHistoryPage />);
    await waitFor(() => expect(screen.getByTestId('points-balance').textContent).toBe('25'));
    expect(await screen.findAllByTestId('ledger-row')).toHaveLength(3);

    await act(async () => {
      fireEvent.click(screen.getByText('使用'));
    });
    await waitFor(() => expect(screen.getAllByTestId('ledger-row')).toHaveLength(1));
    const row = screen.getByTestId('ledger-row');
    expect(row.textContent).toContain('人工调整');
    expect(row.textContent).toContain('-10');
    expect(row.textContent).toContain('原因：重复领取扣回');

    await act(async () => {
      fireEvent.click(screen.getByText('过期'));
    });
    expect(await screen.findByText('这里还没有记录。')).toBeTruthy();
  });
});

describe('积分明细 labels', () => {
  it('says what each entry is about (item, invitee) and never shows a raw id', async () => {
    const inviter = `page-inviter-${Date.now()}`;
    const login = await cloud.call(inviter, 'member', { action: 'login' });
    const code = (login as { member: { inviteCode: string } }).member.inviteCode;
    const friend = `page-friend-${Date.now()}`;
    const joined = await cloud.call(friend, 'member', { action: 'login', ref: code });
    const friendName = (joined as { member: { nickname: string } }).member.nickname;
    await cloud.call(friend, 'checkin', { action: 'do', requestId: 'page-ck-label-01' });
    const saved = await cloud.call(OWNER, 'mall', {
      action: 'saveItem',
      requestId: 'page-item-label-01',
      item: { title: '定制帆布袋', description: '', image: '', pointsPrice: 20, stock: 5, perMemberLimit: null, limitPeriod: 'ever', minTier: null, saleStartsAt: null, saleEndsAt: null, kind: 'virtual', virtual: { type: 'makeup_card', amount: 1 }, listed: true },
    });
    const itemId = (saved as { item: { id: string } }).item.id;
    const bought = await cloud.call(inviter, 'mall', { action: 'redeem', requestId: 'page-buy-label-01', itemId, qty: 2 });
    const orderId = (bought as { order: { id: string } }).order.id;
    cloud.as(inviter);
    render(<PointsHistoryPage />);
    const rows = await screen.findAllByTestId('ledger-row');
    const text = rows.map((r) => r.textContent).join('\n');
    expect(text).toContain('兑换 定制帆布袋 ×2');
    expect(text).toContain(`邀请 ${friendName} 激活`);
    expect(text).not.toMatch(/m_[0-9a-f]{6,}/);
    expect(text).not.toContain(orderId);
  });
});

describe('调整积分 (host)', () => {
  it('grants points with a reason and tells the host the new balance', async () => {
    const member = `page-target-${Date.now()}`;
    await cloud.call(member, 'member', { action: 'login' });
    cloud.as(HOST);
    routerParams.memberId = memberIdFor(member);
    routerParams.name = encodeURIComponent('小林');
    render(<AdjustPointsPage />);
    fireEvent.change(screen.getByTestId('adjust-amount'), { target: { value: '40' } });
    fireEvent.change(screen.getByTestId('adjust-reason'), { target: { value: '沙龙一等奖' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '确认发放' }));
    });
    expect(modals).toEqual([{ title: '确认发放积分', content: '给 小林 发放 40 积分\n原因：沙龙一等奖' }]);
    expect((await screen.findByTestId('adjust-done')).textContent).toBe('已发放 40 积分，当前余额 40');
    expect(toasts).toEqual([{ title: '已发放 40 积分' }]);
  });

  it('tells the host an adjustment above the daily limit waits for the owner', async () => {
    const member = `page-big-${Date.now()}`;
    await cloud.call(member, 'member', { action: 'login' });
    cloud.as(HOST);
    routerParams.memberId = memberIdFor(member);
    render(<AdjustPointsPage />);
    fireEvent.change(screen.getByTestId('adjust-amount'), { target: { value: '2500' } });
    fireEvent.change(screen.getByTestId('adjust-reason'), { target: { value: '年度贡献奖' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '确认发放' }));
    });
    expect((await screen.findByTestId('adjust-pending')).textContent).toContain('已提交群主审批');
    expect(toasts).toEqual([{ title: '超出今日额度，等待群主审批' }]);
    expect(((await cloud.call(member, 'points', { action: 'balance' })) as { balance: number }).balance).toBe(0);
  });

  it('shows the refusal when a deduction exceeds the balance', async () => {
    const member = `page-poor-${Date.now()}`;
    await cloud.call(member, 'member', { action: 'login' });
    cloud.as(HOST);
    routerParams.memberId = memberIdFor(member);
    render(<AdjustPointsPage />);
    fireEvent.click(screen.getByText('扣除'));
    fireEvent.change(screen.getByTestId('adjust-amount'), { target: { value: '5' } });
    fireEvent.change(screen.getByTestId('adjust-reason'), { target: { value: '测试' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '确认扣除' }));
    });
    expect((await screen.findByRole('alert')).textContent).toContain('积分不足');
  });
});

describe('调整积分: checks and confirmation', () => {
  it('says what to fix for a negative or empty amount and an empty reason, and sends nothing', async () => {
    const member = `page-neg-${Date.now()}`;
    await cloud.call(member, 'member', { action: 'login' });
    await cloud.call(HOST, 'points', { action: 'adjust', requestId: `page-neg-seed-${Date.now()}`, memberId: memberIdFor(member), delta: 20, reason: '起始' });
    cloud.as(HOST);
    routerParams.memberId = memberIdFor(member);
    render(<AdjustPointsPage />);
    fireEvent.change(screen.getByTestId('adjust-amount'), { target: { value: '-5' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '确认发放' }));
    });
    expect(screen.getByText('积分需为 1–100000 的整数')).toBeTruthy();
    expect(screen.getByText('请填写发放原因')).toBeTruthy();
    expect(screen.getByTestId('adjust-amount').className).toContain('is-invalid');
    expect(modals).toEqual([]);
    expect(((await cloud.call(member, 'points', { action: 'balance' })) as { balance: number }).balance).toBe(20);
  });

  it('moves nothing when the host cancels the confirmation', async () => {
    const member = `page-cancel-${Date.now()}`;
    await cloud.call(member, 'member', { action: 'login' });
    cloud.as(HOST);
    routerParams.memberId = memberIdFor(member);
    routerParams.name = encodeURIComponent('小周');
    render(<AdjustPointsPage />);
    fireEvent.click(screen.getByText('扣除'));
    fireEvent.change(screen.getByTestId('adjust-amount'), { target: { value: '5' } });
    fireEvent.change(screen.getByTestId('adjust-reason'), { target: { value: '重复领取' } });
    modalAnswers.push(false);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '确认扣除' }));
    });
    expect(modals).toEqual([{ title: '确认扣除积分', content: '给 小周 扣除 5 积分\n原因：重复领取' }]);
    expect(screen.queryByTestId('adjust-done')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('积分审计 (owner)', () => {
  it('runs the audit and shows a clean result, the liability and the adjustment log', async () => {
    cloud.as(OWNER);
    render(<OwnerPointsPage />);
    await screen.findByTestId('outstanding');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '开始审计' }));
    });
    const result = await screen.findByTestId('audit-result');
    expect(result.textContent).toContain('全部一致，未发现异常');
    expect((await screen.findAllByTestId('adjustment-row')).length).toBeGreaterThanOrEqual(3);
  });

  it('lists adjustments waiting for approval and approves or rejects them from the page', async () => {
    const member = `page-pending-${Date.now()}`;
    await cloud.call(member, 'member', { action: 'login' });
    for (const [i, delta] of [3000, 4000].entries()) {
      await cloud.call(HOST, 'points', { action: 'adjust', requestId: `page-big-${i}-${Date.now()}`, memberId: memberIdFor(member), delta, reason: `大额奖励${i}` });
    }
    cloud.as(OWNER);
    render(<OwnerPointsPage />);
    await waitFor(() => expect(screen.getAllByTestId('pending-adjustment-row').length).toBeGreaterThanOrEqual(2));
    const rowOf = (reason: string) => screen.getAllByTestId('pending-adjustment-row').find((r) => r.textContent?.includes(reason)) as HTMLElement;
    await act(async () => {
      fireEvent.click(rowOf('大额奖励0').querySelector('[data-testid="approve-adjustment"]') as Element);
    });
    await waitFor(() => expect(rowOf('大额奖励0')).toBeUndefined());
    await act(async () => {
      fireEvent.click(rowOf('大额奖励1').querySelector('[data-testid="reject-adjustment"]') as Element);
    });
    await waitFor(() => expect(rowOf('大额奖励1')).toBeUndefined());
    expect(((await cloud.call(member, 'points', { action: 'balance' })) as { balance: number }).balance).toBe(3000);
    const log = screen.getAllByTestId('adjustment-row').map((r) => r.textContent ?? '');
    expect(log.some((t) => t.includes('已批准') && t.includes('+3000'))).toBe(true);
    expect(log.some((t) => t.includes('已驳回') && t.includes('+4000'))).toBe(true);
  });

  it('tells a host the audit is for owners only', async () => {
    cloud.as(HOST);
    render(<OwnerPointsPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('没有权限');
  });
});
