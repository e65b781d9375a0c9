/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import HomePage from '../src/pages/index/index';
import LessonsPage from '../src/pages/lessons/index';
import LessonPage from '../src/subpackages/member/lesson/index';
import { memberIdFor } from '../src/server/ids';
import { resetSession } from '../src/services/session';
import { routerParams, toasts } from './mocks/taro';
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
    expect(await cloud.store.count('lessonQuestions', { lessonId: id })).toBe(0);

    fireEvent.change(screen.getByTestId('question-input'), { target: { value: '新人第一周做什么？' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '提问' }));
    });
    await screen.findByText('新人第一周做什么？');
    expect(screen.getByText('等待讲师回答')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('offers hosts 发布直播课 on 课程', async () => {
    cloud.as(HOST);
    render(<LessonsPage />);
    expect(await screen.findByRole('button', { name: '发布直播课' })).toBeTruthy();
  });
});
