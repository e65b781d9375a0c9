/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import MePage from '../src/pages/me/index';
import { resetSession } from '../src/services/session';
import { navigations } from './mocks/taro';
import { wirePageCloud, type PageCloud } from './support/pageCloud';

// 我的 as grouped rows (issue 14): each row is a named link, members see only their own group,
// the owner sees 运营管理 and 群主设置 too, and a row opens its page.
const OWNER = 'page-me-owner';
let cloud: PageCloud;

beforeAll(() => {
  cloud = wirePageCloud([OWNER]);
});
afterAll(() => cloud.close());
beforeEach(() => {
  resetSession();
  navigations.length = 0;
});

describe('我的', () => {
  it('shows a member only their own rows, each a named link', async () => {
    cloud.as(`page-me-member-${Math.random().toString(36).slice(2)}`);
    render(<MePage />);
    const link = await screen.findByRole('link', { name: '会员等级，成长值与付费会员' });
    expect(link).toBeTruthy();
    expect(screen.queryByText('运营管理')).toBeNull();
    expect(screen.queryByText('群主设置')).toBeNull();
    expect(screen.queryByRole('link', { name: '会员名单 · 调整积分' })).toBeNull();
  });

  it('shows the owner the management groups and opens 更多规则', async () => {
    cloud.as(OWNER);
    render(<MePage />);
    await screen.findByText('群主设置');
    expect(screen.getByRole('link', { name: '会员名单 · 调整积分' })).toBeTruthy();
    const rules = screen.getByRole('link', { name: '更多规则，邀请、等级、有效期、口径' });
    fireEvent.click(rules);
    expect(navigations.at(-1)).toBe('/subpackages/owner/rule-sets/index');
    expect(within(screen.getByTestId('me-balance').parentElement as HTMLElement).getByText('积分')).toBeTruthy();
  });
});
