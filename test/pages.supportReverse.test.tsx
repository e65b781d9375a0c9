/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { memberIdFor } from '../src/server/kernel/ids';
import { resetSession } from '../src/services/session';
import SupportItemPage from '../src/subpackages/member/support-item/index';
import { modalAnswers, modals, routerParams, toasts } from './mocks/taro';
import { wirePageCloud, type PageCloud } from './support/pageCloud';

// 撤销积分 on the case page (host): pick a party's entry, confirm a sentence naming the member,
// the amount and the reason, and the points move back once.
const OWNER = 'spr-owner';
const HOST = 'spr-host';
const MEMBER = 'spr-member';
let cloud: PageCloud;
let caseId = '';
let name = '';

beforeAll(async () => {
  cloud = wirePageCloud([OWNER]);
  for (const who of [OWNER, HOST, MEMBER]) await cloud.call(who, 'member', { action: 'login' });
  await cloud.call(OWNER, 'member', { action: 'setRole', requestId: 'spr-role', memberId: memberIdFor(HOST), role: 'host' });
  await cloud.call(OWNER, 'points', { action: 'adjust', requestId: 'spr-fund', memberId: memberIdFor(MEMBER), delta: 100, reason: '活动奖励' });
  await cloud.call(OWNER, 'points', { action: 'adjust', requestId: 'spr-take', memberId: memberIdFor(MEMBER), delta: -30, reason: '误扣' });
  const filed = (await cloud.call(MEMBER, 'support', { action: 'file', requestId: 'spr-file', kind: 'complaint', about: 'points', text: '昨天被误扣了 30 积分' })) as { case: { id: string; filerName: string } };
  caseId = filed.case.id;
  name = filed.case.filerName;
});
afterAll(() => cloud.close());
beforeEach(() => {
  resetSession();
  toasts.length = 0;
  modals.length = 0;
  modalAnswers.length = 0;
});

const balance = async () => ((await cloud.call(MEMBER, 'points', { action: 'balance' })) as { balance: number }).balance;

it('asks for a reason first, confirms member, amount and reason, and reverses the entry once', async () => {
  routerParams.case = caseId;
  cloud.as(HOST);
  render(<SupportItemPage />);
  const reverse = await screen.findByRole('button', { name: `撤销${name}的人工调整 -30 积分` });
  expect(screen.getAllByTestId('case-entry')).toHaveLength(2);

  await act(async () => {
    fireEvent.click(reverse);
  });
  expect((await screen.findByRole('alert')).textContent).toBe('请先在上面的输入框写下撤销原因（会记入积分明细）');
  expect(modals).toEqual([]);

  fireEvent.change(screen.getByTestId('staff-text'), { target: { value: '核实为误扣，退回' } });
  modalAnswers.push(false);
  await act(async () => {
    fireEvent.click(reverse);
  });
  expect(modals[0]).toEqual({ title: '撤销积分', content: expect.stringMatching(new RegExp(`^撤销${name}的「人工调整」-30 积分（.+），将退还${name} 30 积分。原因：核实为误扣，退回$`)) });
  expect(await balance()).toBe(70);

  await act(async () => {
    fireEvent.click(reverse);
  });
  await waitFor(() => expect(toasts.map((t) => t.title)).toEqual(['已撤销']));
  expect(await balance()).toBe(100);
  await waitFor(() => expect(screen.getAllByTestId('case-entry')).toHaveLength(1));
  expect(screen.queryByRole('button', { name: `撤销${name}的人工调整 -30 积分` })).toBeNull();
  expect(screen.getAllByText(/撤销积分 -30/).length).toBeGreaterThan(0);
});
