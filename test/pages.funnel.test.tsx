/**
 * @jest-environment jsdom
 */
import { DEFAULT_VIP_SETTINGS } from '../src/core/tiers';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { resetSession } from '../src/services/session';
import OwnerFunnelPage from '../src/subpackages/owner/funnel/index';
import { wirePageCloud, type PageCloud } from './support/pageCloud';
import { FUNCTIONS } from '../src/server/functions';
import { invoke } from '../src/server/kernel/handler';
import { resolveLocalGroup } from '../src/server/local/gateway';

// 数据看板 on the real functions. jsdom has no 2d canvas, so the chart component is replaced by a
// stand-in that shows which option it got (drawing is covered by test/chart.weapp.test.ts and the e2e).
jest.mock('../src/subpackages/owner/chart/Chart', () => ({
  Chart: ({ option, testId }: { option: { series: Array<{ type: string; data: Array<{ name?: string } | number> }> }; testId: string }) => (
    <div data-testid={testId}>{option.series.map((s) => `${s.type}:${s.data.map((d) => (typeof d === 'object' && d && 'name' in d ? d.name : String(d))).join('|')}`).join(';')}</div>
  ),
}));

const OWNER = 'funnel-page-owner';
let cloud: PageCloud;

beforeAll(async () => {
  cloud = wirePageCloud([OWNER]);
  // No paid-VIP plan on sale: 转化 is not built yet.
  await cloud.store.transaction((tx) => tx.set('settings', { id: 'community', vip: { ...DEFAULT_VIP_SETTINGS, plans: [] } }));
  await cloud.call(OWNER, 'member', { action: 'login' });
  for (let i = 0; i < 3; i += 1) {
    await cloud.call(`fp-${i}`, 'member', { action: 'login', channel: 'poster' });
    if (i < 2) await cloud.call(`fp-${i}`, 'checkin', { action: 'do', requestId: `fp-ck-${i}-0001` });
  }
});
afterAll(() => cloud.close());
beforeEach(() => resetSession());

describe('数据看板', () => {
  it('shows the owner the funnel with counts, the pending 转化 stage and metric definitions on tap', async () => {
    cloud.as(OWNER);
    render(<OwnerFunnelPage />);
    // Owner + 3 members joined today; 2 checked in (activated).
    await waitFor(() => expect(screen.getByTestId('stage-acquired').textContent).toContain('4 人'));
    expect(screen.getByTestId('stage-activated').textContent).toContain('2 人');
    expect(screen.getByTestId('stage-activated').textContent).toContain('环比 50.0%');
    expect(screen.getByTestId('stage-converted').textContent).toContain('待上线');
    expect(screen.getByTestId('stage-converted').textContent).not.toContain('0 人');
    expect(screen.getByTestId('chart-funnel').textContent).toBe('funnel:拉新 4人|激活 2人|留存 0人');
    expect(screen.getByTestId('chart-channels').textContent).toBe('bar:0|3|0|0|1;bar:0|2|0|0|0;bar:0|0|0|0|0');

    await waitFor(() => expect(screen.getByTestId('metric-wau')).toBeTruthy());
    expect(screen.getByTestId('metric-wau').textContent).not.toContain('口径');
    await act(async () => {
      fireEvent.click(screen.getByTestId('metric-wau'));
    });
    expect(screen.getByTestId('metric-wau').textContent).toContain('口径：最近 7 天');
    expect(screen.getByTestId('metric-conversionRate').textContent).toContain('暂无');
    expect(screen.getByTestId('metric-conversionRate').textContent).toContain('还没有在售的付费会员方案');
  });

  it('tells a member they may not see it', async () => {
    cloud.as('fp-0');
    render(<OwnerFunnelPage />);
    expect((await screen.findAllByText('没有权限进行此操作')).length).toBeGreaterThan(0);
    expect(screen.queryByTestId('stage-acquired')).toBeNull();
  });

  it('filters the funnel and metrics by the group members were acquired through', async () => {
    const enter = async (openid: string) => {
      const r = await invoke(FUNCTIONS.group, { action: 'enter', requestId: `fp-enter-${openid}`, cloudID: 'local:fp-group' }, { store: cloud.store, openid, now: new Date(), ownerOpenids: new Set([OWNER]), platform: { resolveGroup: resolveLocalGroup } });
      if (!r.ok) throw new Error(r.error.message);
      return (r.data as { group: { id: string } }).group.id;
    };
    await cloud.call('fp-g0', 'member', { action: 'login', channel: 'group' });
    const groupId = await enter('fp-g0');
    await enter(OWNER);
    await cloud.call(OWNER, 'group', { action: 'claim', requestId: 'fp-claim-0001', groupId, name: '北京分会', kind: 'branch' });
    cloud.as(OWNER);
    render(<OwnerFunnelPage />);
    await waitFor(() => expect(screen.getByTestId('stage-acquired').textContent).toContain('5 人'));
    const chip = await screen.findByText('北京分会');
    await act(async () => {
      fireEvent.click(chip);
    });
    await waitFor(() => expect(screen.getByTestId('stage-acquired').textContent).toContain('1 人'));
    expect(screen.getByText(/只看经「北京分会」加入的成员/)).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('metric-groupSeen').textContent).toContain('2'));
    expect(screen.queryByTestId('metric-wau')).toBeNull();
  });
});
