/**
 * @jest-environment jsdom
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { memberIdFor } from '../src/server/kernel/ids';
import { resetSession } from '../src/services/session';
import SupportPage from '../src/subpackages/member/support/index';
import SupportItemPage from '../src/subpackages/member/support-item/index';
import SupportQueuePage from '../src/subpackages/host/support/index';
import SupportOwnerPage from '../src/subpackages/owner/support/index';
import { navigations, routerParams, toasts } from './mocks/taro';
import { wirePageCloud, type PageCloud } from './support/pageCloud';

// The support desk pages as a member, a host and the owner see them, on the real functions.
const OWNER = 'sp-owner';
const HOST = 'sp-host';
const ASKER = 'sp-asker';
const HELPER = 'sp-helper';
let cloud: PageCloud;

beforeAll(async () => {
  cloud = wirePageCloud([OWNER]);
  for (const who of [OWNER, HOST, ASKER, HELPER]) await cloud.call(who, 'member', { action: 'login' });
  await cloud.call(OWNER, 'member', { action: 'setRole', requestId: 'sp-host-role', memberId: memberIdFor(HOST), role: 'host' });
});
afterAll(() => cloud.close());
beforeEach(() => {
  resetSession();
  toasts.length = 0;
  navigations.length = 0;
  for (const k of Object.keys(routerParams)) delete routerParams[k];
  cleanup();
});

const balanceOf = async (who: string) => ((await cloud.call(who, 'points', { action: 'balance' })) as { balance: number }).balance;

describe('求助中心 and the question page', () => {
  it('asks through the form, and the asker accepts another member’s answer, who is paid', async () => {
    cloud.as(ASKER);
    render(<SupportPage />);
    const box = await screen.findByTestId('ask-text');
    fireEvent.change(box, { target: { value: '补签卡在哪里兑换？' } });
    await act(async () => {
      fireEvent.click(screen.getByText('提交问题'));
    });
    await waitFor(() => expect(toasts.map((t) => t.title)).toContain('已提交问题'));
    const row = await screen.findByLabelText('查看问题：补签卡在哪里兑换？');
    expect(row.textContent).toContain('等待回答');
    expect(row.textContent).not.toMatch(/q_[0-9a-f]{6}/);
    fireEvent.click(row);
    const questionId = navigations[0].split('question=')[1];
    cleanup();

    cloud.as(HELPER);
    resetSession();
    routerParams.question = questionId;
    render(<SupportItemPage />);
    fireEvent.change(await screen.findByTestId('answer-text'), { target: { value: '在积分商城里，虚拟商品那一栏' } });
    await act(async () => {
      fireEvent.click(screen.getByText('提交回答'));
    });
    await screen.findByText('在积分商城里，虚拟商品那一栏');
    expect(screen.queryByText('采纳这个回答')).toBeNull();
    cleanup();

    cloud.as(ASKER);
    resetSession();
    render(<SupportItemPage />);
    const accept = await screen.findByText('采纳这个回答');
    await act(async () => {
      fireEvent.click(accept);
    });
    await waitFor(() => expect(toasts.map((t) => t.title)).toContain('已采纳，回答者得 10 积分'));
    expect(await balanceOf(HELPER)).toBe(10);
    await screen.findByText(/已采纳/);
  });

  it('files a complaint about an order and says who can see it', async () => {
    cloud.as(ASKER);
    render(<SupportPage />);
    await screen.findByTestId('ask-text');
    fireEvent.click(screen.getByText('投诉与纠纷'));
    expect(screen.getByText('只有你、群管和群主（纠纷还有对方）能看到。')).toBeTruthy();
    fireEvent.click(screen.getByText('关于课程'));
    fireEvent.change(screen.getByTestId('case-text'), { target: { value: '昨晚的直播课没有回放' } });
    await act(async () => {
      fireEvent.click(screen.getByText('提交投诉'));
    });
    await waitFor(() => expect(navigations.some((n) => n.includes('case='))).toBe(true));
    expect(await screen.findByLabelText('查看投诉：昨晚的直播课没有回放')).toBeTruthy();
  });

  it('files a dispute naming the other member by invite code and refuses an unknown code with a sentence', async () => {
    const other = (await cloud.call(HELPER, 'member', { action: 'me' })) as { member: { inviteCode: string; nickname: string } };
    cloud.as(ASKER);
    render(<SupportPage />);
    await screen.findByTestId('ask-text');
    fireEvent.click(screen.getByText('投诉与纠纷'));
    fireEvent.click(screen.getByText('纠纷'));
    fireEvent.change(screen.getByTestId('other-code'), { target: { value: 'ZZZZZZ' } });
    fireEvent.change(screen.getByTestId('case-text'), { target: { value: '拼单的钱没分清' } });
    await act(async () => {
      fireEvent.click(screen.getByText('提交纠纷'));
    });
    expect((await screen.findByRole('alert')).textContent).toContain('没有找到这个邀请码');
    fireEvent.change(screen.getByTestId('other-code'), { target: { value: other.member.inviteCode } });
    await act(async () => {
      fireEvent.click(screen.getByText('提交纠纷'));
    });
    await waitFor(() => expect(toasts.map((t) => t.title)).toContain('已提交'));
    const mine = (await cloud.call(HELPER, 'support', { action: 'mine' })) as { cases: Array<{ text: string; myPart: string }> };
    expect(mine.cases.find((c) => c.text === '拼单的钱没分清')?.myPart).toBe('other');
  });
});

describe('host queue and case handling', () => {
  it('shows waiting items with their clock in community time, and resolves a case with a filled-in script', async () => {
    await cloud.call(OWNER, 'support', { action: 'saveScript', requestId: 'sp-script-01', script: { kind: 'complaint', title: '致歉', body: '{会员}您好，给您带来不便非常抱歉' } });
    const filed = (await cloud.call(ASKER, 'support', { action: 'file', requestId: 'sp-file-0001', kind: 'complaint', about: 'points', text: '签到积分没到账' })) as { case: { id: string } };
    cloud.as(HOST);
    render(<SupportQueuePage />);
    const row = await screen.findByLabelText('处理：签到积分没到账');
    expect(row.textContent).toMatch(/应于 \d{2}-\d{2} \d{2}:\d{2} 前处理|已超时/);
    expect(row.textContent).not.toContain(filed.case.id);
    fireEvent.click(row);
    expect(navigations).toContain(`/subpackages/member/support-item/index?case=${filed.case.id}`);
    cleanup();

    resetSession();
    routerParams.case = filed.case.id;
    render(<SupportItemPage />);
    const take = await screen.findByText('受理');
    await act(async () => {
      fireEvent.click(take);
    });
    await waitFor(() => expect(toasts.map((t) => t.title)).toContain('已受理'));
    fireEvent.click(await screen.findByLabelText('插入话术：致歉'));
    const text = screen.getByTestId('staff-text') as HTMLTextAreaElement;
    expect(text.value).toMatch(/您好，给您带来不便非常抱歉$/);
    expect(text.value).not.toContain('{会员}');
    await act(async () => {
      fireEvent.click(screen.getByText('给出处理结果'));
    });
    await waitFor(() => expect(toasts.map((t) => t.title)).toContain('已解决'));
    cleanup();

    cloud.as(ASKER);
    resetSession();
    render(<SupportItemPage />);
    expect(await screen.findByText(/处理结果：.*您好，给您带来不便非常抱歉/)).toBeTruthy();
    fireEvent.click(screen.getByLabelText('4 星'));
    await act(async () => {
      fireEvent.click(screen.getByText('提交评价'));
    });
    await waitFor(() => expect(toasts.map((t) => t.title)).toContain('感谢评价'));
  });

  it('shows the owner response times, self-organisation and satisfaction', async () => {
    cloud.as(OWNER);
    render(<SupportOwnerPage />);
    expect(await screen.findByText('会员回答占比（群内自答）')).toBeTruthy();
    expect(screen.getByText('纠纷自行和解率')).toBeTruthy();
    expect(screen.getByText(/4 \/ 5（1 条评价）/)).toBeTruthy();
    const byMembers = screen.getByText('会员回答占比（群内自答）').parentElement as HTMLElement;
    expect(byMembers.textContent).toContain('100%');
    fireEvent.change(screen.getByLabelText('下班时间（点）'), { target: { value: '8' } });
    await act(async () => {
      fireEvent.click(screen.getByText('保存时限'));
    });
    expect((await screen.findByRole('alert')).textContent).toContain('下班时间需晚于上班时间');
    fireEvent.change(screen.getByLabelText('下班时间（点）'), { target: { value: '20' } });
    await act(async () => {
      fireEvent.click(screen.getByText('保存时限'));
    });
    await waitFor(() => expect(toasts.map((t) => t.title)).toContain('时限已保存'));
    expect(((await cloud.call(HOST, 'support', { action: 'rules' })) as { rules: { workEndHour: number } }).rules.workEndHour).toBe(20);
  });
});
