/**
 * @jest-environment jsdom
 */
import { render, screen, waitFor } from '@testing-library/react';
import { memberIdFor } from '../src/server/kernel/ids';
import { saveSettings } from '../src/server/domain/settingsStore';
import { resetSession } from '../src/services/session';
import { setCommunityOffset } from '../src/services/time';
import MyOrdersPage from '../src/subpackages/member/orders/index';
import InvitePage from '../src/subpackages/member/invite/index';
import LessonPage from '../src/subpackages/member/lesson/index';
import OwnerPointsPage from '../src/subpackages/owner/points/index';
import ReferralReviewPage from '../src/subpackages/owner/referrals/index';
import { routerParams } from './mocks/taro';
import { wirePageCloud, type PageCloud } from './support/pageCloud';

// Every time a person sees is in the community's zone, whatever the device's zone is (here Los
// Angeles) and without Intl's timeZone (ignored on Android WeChat): the server sends the offset.
process.env.TZ = 'America/Los_Angeles';

const OWNER = 'times-owner';
const MEMBER = 'times-member';
const INVITEE = 'times-invitee';
const AT = '2026-12-01T16:30:00.000Z'; // 2026-12-02 00:30 in Asia/Shanghai, 11:30 on 12-01 in New York.
let cloud: PageCloud;

/** Run `body` with the clock (Date only) stopped at `iso`. */
async function at<T>(iso: string, body: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({ now: new Date(iso), doNotFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'hrtime', 'performance'] });
  try {
    return await body();
  } finally {
    jest.useRealTimers();
  }
}

async function setTimezone(timezone: string) {
  await cloud.store.transaction((tx) => saveSettings(tx, { timezone }));
}

beforeAll(async () => {
  cloud = wirePageCloud([OWNER]);
  await at('2026-11-20T02:00:00.000Z', async () => {
    await cloud.call(OWNER, 'member', { action: 'login' });
    await cloud.call(MEMBER, 'member', { action: 'login' });
    await cloud.call(OWNER, 'points', { action: 'adjust', requestId: 'times-fund-000001', memberId: memberIdFor(MEMBER), delta: 100, reason: '测试' });
  });
  // Every new referral waits for the owner (a held referral to show).
  await cloud.store.transaction((tx) => saveSettings(tx, { referral: { velocityPerHour: 0 } }));
  const item = (await cloud.call(OWNER, 'mall', {
    action: 'saveItem', requestId: 'times-item-000001',
    item: { title: '帆布袋', description: '周边', image: '', pointsPrice: 10, stock: 5, perMemberLimit: 5, limitPeriod: 'month', minTier: null, saleStartsAt: null, saleEndsAt: null, kind: 'physical', virtual: null, listed: true },
  })) as { item: { id: string } };
  const code = ((await cloud.call(MEMBER, 'member', { action: 'me' })) as { member: { inviteCode: string } }).member.inviteCode;
  await at(AT, async () => {
    await cloud.call(MEMBER, 'mall', { action: 'redeem', requestId: 'times-order-000001', itemId: item.item.id, qty: 1, address: { name: '林小姐', phone: '13800000000', region: '上海市', detail: '漕溪北路 1 号' } });
    await cloud.call(OWNER, 'points', { action: 'adjust', requestId: 'times-adjust-000001', memberId: memberIdFor(MEMBER), delta: 5, reason: '分享之星' });
    await cloud.call(INVITEE, 'member', { action: 'login', ref: code, channel: 'referral' });
  });
});
afterAll(() => cloud.close());
beforeEach(() => {
  resetSession();
  setCommunityOffset(0);
});

describe('times in an Asia/Shanghai community', () => {
  it('shows an order made at 16:30 UTC as 12-02 00:30', async () => {
    cloud.as(MEMBER);
    render(<MyOrdersPage />);
    expect((await screen.findByTestId('order-row')).textContent).toContain('2026-12-02 00:30');
  });

  it('shows the adjustment log and the held referral at 12-02 00:30', async () => {
    cloud.as(OWNER);
    render(<OwnerPointsPage />);
    await waitFor(() => expect(screen.getAllByTestId('adjustment-row').some((r) => r.textContent?.includes('2026-12-02 00:30'))).toBe(true));
    render(<ReferralReviewPage />);
    expect((await screen.findByTestId('held-row')).textContent).toContain('2026-12-02 00:30');
  });

  it('shows an invitee who joined at 00:30 as joined on 12-02', async () => {
    cloud.as(MEMBER);
    render(<InvitePage />);
    expect((await screen.findByTestId('invitee-row')).textContent).toContain('2026-12-02 加入');
  });
});

describe('times in a community outside China', () => {
  beforeAll(() => setTimezone('America/New_York'));
  afterAll(() => setTimezone('Asia/Shanghai'));

  it('shows the same order in New York time', async () => {
    cloud.as(MEMBER);
    render(<MyOrdersPage />);
    expect((await screen.findByTestId('order-row')).textContent).toContain('2026-12-01 11:30');
  });

  it('shows lesson times in New York time', async () => {
    const lesson = (await cloud.call(OWNER, 'lessons', {
      action: 'publish', requestId: 'times-lesson-000001',
      lesson: { title: '纽约晚课', lecturer: '李老师', startsAt: '2027-01-06T01:00:00.000Z', endsAt: '2027-01-06T02:30:00.000Z', outline: '第一部分' },
    })) as { lesson: { id: string } };
    cloud.as(MEMBER);
    routerParams.id = lesson.lesson.id;
    render(<LessonPage />);
    expect(await screen.findByText(/2027-01-05 20:00–21:30/)).toBeTruthy();
  });
});
