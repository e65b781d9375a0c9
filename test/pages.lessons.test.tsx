/**
 * @jest-environment jsdom
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import HomePage from '../src/pages/index/index';
import LessonsPage from '../src/pages/lessons/index';
import LessonPage from '../src/subpackages/member/lesson/index';
import ActivityPage from '../src/subpackages/member/activity/index';
import WeekCalendarPage from '../src/subpackages/member/week/index';
import LessonDeskPage from '../src/subpackages/host/lesson-desk/index';
import ActivityDeskPage from '../src/subpackages/host/activity-desk/index';
import { memberIdFor } from '../src/server/kernel/ids';
import { resetSession } from '../src/services/session';
import { routerParams, shareHandlers, toasts } from './mocks/taro';
import { wirePageCloud, type PageCloud } from './support/pageCloud';

// The lesson pages against the real lessons function on SQLite (real clock: lessons are placed
// around the moment the test runs).
let cloud: PageCloud;
const OWNER = 'page-ls-owner';
const HOST = 'page-ls-host';
let member: string;
let seq = 0;
const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

async function publish(title: string, fromMin: number, toMin: number): Promise<string> {
  const r = (await cloud.call(HOST, 'lessons', {
    action: 'publish',
    requestId: `page-ls-pub-${++seq}`,
    lesson: { title, lecturer: '李老师', startsAt: minutes(fromMin), endsAt: minutes(toMin), outline: '第一部分：定位' },
  })) as { lesson: { id: string } };
  return r.lesson.id;
}

beforeAll(async () => {
  cloud = wirePageCloud([OWNER]);
  await cloud.call(OWNER, 'member', { action: 'login' });
  await cloud.call(HOST, 'member', { action: 'login' });
  await cloud.call(OWNER, 'member', { action: 'setRole', requestId: 'page-ls-host-role', memberId: memberIdFor(HOST), role: 'host' });
});
afterAll(() => cloud.close());
beforeEach(async () => {
  member = `page-ls-member-${Math.random().toString(36).slice(2)}`;
  await cloud.call(member, 'member', { action: 'login' });
  cloud.as(member);
  toasts.length = 0;
  resetSession();
});

describe('课程 and lesson pages', () => {
  it('shows a live lesson on 首页 and 课程, and a member checks in once for points', async () => {
    const id = await publish('正在直播的课', -1, 59);
    render(<HomePage />);
    const today = await screen.findByTestId('today-lessons');
    expect(today.textContent).toContain('正在直播的课');
    expect(today.textContent).toContain('直播中');
    render(<LessonsPage />);
    const week = await screen.findByTestId('week-schedule');
    expect(week.textContent).toContain('正在直播的课');
    expect(screen.queryByText('发布直播课')).toBeNull();

    routerParams.id = id;
    render(<LessonPage />);
    const attend = await screen.findByRole('button', { name: '签到听课 +10' });
    await act(async () => {
      fireEvent.click(attend);
    });
    await screen.findByText('已签到听课');
    expect(screen.queryByRole('button', { name: '签到听课 +10' })).toBeNull();
    expect(toasts).toEqual([{ title: '签到成功 +10 积分' }]);
    const balance = (await cloud.call(member, 'points', { action: 'balance' })) as { balance: number };
    expect(balance.balance).toBe(10);
  });

  it('lets a member set a reminder and ask a question, and refuses filtered words', async () => {
    const id = await publish('明晚的课', 60 * 24, 60 * 25);
    routerParams.id = id;
    render(<LessonPage />);
    const remind = await screen.findByRole('button', { name: '提醒我' });
    await act(async () => {
      fireEvent.click(remind);
    });
    await screen.findByRole('button', { name: '已设置提醒' });
    expect(toasts).toEqual([{ title: '开课前 15 分钟提醒你' }]);

    fireEvent.change(screen.getByTestId('question-input'), { target: { value: '能讲讲博彩群吗' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '提问' }));
    });
    expect((await screen.findByRole('alert')).textContent).toContain('不允许的内容');
    expect(await cloud.store.count('supportQuestions', { lessonId: id })).toBe(0);

    fireEvent.change(screen.getByTestId('question-input'), { target: { value: '新人第一周做什么？' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '提问' }));
    });
    await screen.findByText('问：新人第一周做什么？');
    expect(screen.getByText('等待讲师回答')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('offers hosts 发布直播课 on 课程', async () => {
    cloud.as(HOST);
    render(<LessonsPage />);
    expect(await screen.findByRole('button', { name: '发布直播课' })).toBeTruthy();
  });
});

describe('activity page', () => {
  it('signs a member up, waitlists the next one when full, and promotes them when the first cancels', async () => {
    const r = (await cloud.call(HOST, 'activities', {
      action: 'create',
      requestId: `page-ac-${++seq}`,
      activity: { title: '周末读书会', kind: 'salon', mode: 'online', startsAt: minutes(60 * 48), endsAt: minutes(60 * 50), signupDeadline: minutes(60 * 24), place: '腾讯会议 123', capacity: 1, description: '' },
    })) as { activity: { id: string } };
    routerParams.id = r.activity.id;
    const first = render(<ActivityPage />);
    const signupButton = await screen.findByRole('button', { name: '报名' });
    await act(async () => {
      fireEvent.click(signupButton);
    });
    await screen.findByText('你已报名成功');
    expect(screen.getByTestId('activity-places').textContent).toBe('已报 1/1');
    first.unmount();

    const firstMember = member;
    const second = `page-ac-second-${seq}`;
    await cloud.call(second, 'member', { action: 'login' });
    cloud.as(second);
    resetSession();
    const view = render(<ActivityPage />);
    const waitlistButton = await screen.findByRole('button', { name: '名额已满，加入候补' });
    await act(async () => {
      fireEvent.click(waitlistButton);
    });
    await screen.findByText('你在候补第 1 位，有人取消时按顺序递补');
    view.unmount();

    cloud.as(firstMember);
    resetSession();
    render(<ActivityPage />);
    const cancelButton = await screen.findByRole('button', { name: '取消报名' });
    await act(async () => {
      fireEvent.click(cancelButton);
    });
    // The waitlisted member took the place, so the page now offers the waitlist.
    await screen.findByRole('button', { name: '名额已满，加入候补' });
    const promoted = (await cloud.call(second, 'activities', { action: 'get', activityId: r.activity.id })) as { mine: { status: string } };
    expect(promoted.mine.status).toBe('confirmed');
  });
});

describe('周活动日历', () => {
  it('shows a week of lessons and activities by day and shares it with the week in the path', async () => {
    // A week well in the future so nothing else is on it: Monday 2027-03-01 … Sunday 2027-03-07.
    await cloud.call(HOST, 'lessons', {
      action: 'publish',
      requestId: `page-wk-${++seq}`,
      lesson: { title: '三月开学第一课', lecturer: '李老师', startsAt: '2027-03-02T12:00:00Z', endsAt: '2027-03-02T13:00:00Z', outline: '' },
    });
    await cloud.call(HOST, 'activities', {
      action: 'create',
      requestId: `page-wk-${++seq}`,
      activity: { title: '三月读书沙龙', kind: 'salon', mode: 'offline', startsAt: '2027-03-06T06:00:00Z', endsAt: '2027-03-06T08:00:00Z', signupDeadline: '2027-03-05T12:00:00Z', place: '上海', capacity: 20, description: '' },
    });
    routerParams.day = '2027-03-03';
    shareHandlers.length = 0;
    render(<WeekCalendarPage />);
    const calendar = await screen.findByTestId('week-calendar');
    await waitFor(() => expect(calendar.textContent).toContain('三月读书沙龙'));
    const text = calendar.textContent ?? '';
    expect(text.indexOf('三月开学第一课')).toBeGreaterThan(text.indexOf('周二 03-02'));
    expect(text.indexOf('三月开学第一课')).toBeLessThan(text.indexOf('周三 03-03'));
    expect(text.indexOf('三月读书沙龙')).toBeGreaterThan(text.indexOf('周六 03-06'));
    expect(text.indexOf('三月读书沙龙')).toBeLessThan(text.indexOf('周日 03-07'));
    const share = shareHandlers[shareHandlers.length - 1]() as { title: string; path: string };
    expect(share).toEqual({ title: '本周活动日历 03-01–03-07：直播课与活动一览', path: '/subpackages/member/week/index?day=2027-03-01' });
    delete routerParams.day;
  });
});

describe('host desks', () => {
  it('shows a live lesson\'s 听课率 with its definition and lets the host write an answer the asker reads', async () => {
    const id = await publish('讲师看板测试课', -5, 55);
    await cloud.call(member, 'lessons', { action: 'attend', requestId: `page-desk-${++seq}`, lessonId: id });
    await cloud.call(member, 'lessons', { action: 'ask', requestId: `page-desk-${++seq}`, lessonId: id, text: '怎么做分层运营？' });
    cloud.as(HOST);
    resetSession();
    routerParams.id = id;
    render(<LessonDeskPage />);
    const rate = await screen.findByTestId('attendance-rate');
    const members = await cloud.store.count('members');
    expect(rate.textContent).toBe(`${((1 / members) * 100).toFixed(1)}%`);
    expect(screen.getByText('听课率 = 签到听课人数 ÷ 签到截止（下课后 30 分钟）时已加入的会员数')).toBeTruthy();
    expect(screen.getByTestId('average-rating').textContent).toBe('—');
    fireEvent.input(screen.getByTestId('answer-input'), { target: { value: '先按活跃度分三层' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '发布回答' }));
    });
    await screen.findByText('答：先按活跃度分三层');
    expect(screen.getByRole('button', { name: '更新回答' })).toBeTruthy();
    // The asker reads question and answer on the lesson page.
    cloud.as(member);
    resetSession();
    cleanup();
    render(<LessonPage />);
    await screen.findByTestId('lesson-title');
    const row = await screen.findByTestId('qa-row');
    expect(row.textContent).toContain('问：怎么做分层运营？');
    expect(row.textContent).toMatch(/答（.+）：先按活跃度分三层/);
    expect(row.textContent).not.toContain('讲师已回答');
  });

  it('lets the host check in a signed-up member from the roster', async () => {
    const r = (await cloud.call(HOST, 'activities', {
      action: 'create',
      requestId: `page-desk-${++seq}`,
      activity: { title: '签到测试沙龙', kind: 'salon', mode: 'offline', startsAt: minutes(60), endsAt: minutes(180), signupDeadline: minutes(30), place: '上海', capacity: 5, description: '' },
    })) as { activity: { id: string } };
    await cloud.call(member, 'activities', { action: 'signup', requestId: `page-desk-${++seq}`, activityId: r.activity.id });
    cloud.as(HOST);
    resetSession();
    routerParams.id = r.activity.id;
    render(<ActivityDeskPage />);
    const checkIn = await screen.findByRole('button', { name: '签到' });
    await act(async () => {
      fireEvent.click(checkIn);
    });
    await waitFor(() => expect(screen.getByTestId('roster-row').textContent).toContain('已签到'));
    const page = (await cloud.call(member, 'activities', { action: 'get', activityId: r.activity.id })) as { mine: { attended: boolean } };
    expect(page.mine.attended).toBe(true);
  });
});
