/**
 * @jest-environment jsdom
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import HomePage from '../src/pages/index/index';
import PostPage from '../src/subpackages/member/post/index';
import TodoPage from '../src/subpackages/host/todo/index';
import LessonPage from '../src/subpackages/member/lesson/index';
import FaqAdminPage from '../src/subpackages/owner/faq/index';
import PostEditPage from '../src/subpackages/host/post-edit/index';
import SopCalendarPage from '../src/subpackages/owner/sop/index';
import TopicNewPage from '../src/subpackages/member/topic-new/index';
import { MEMBER_POSTS_CLOSED } from '../src/core/posts';
import { memberIdFor } from '../src/server/kernel/ids';
import { resetSession } from '../src/services/session';
import { navigations, routerParams, toasts } from './mocks/taro';
import { wirePageCloud, type PageCloud } from './support/pageCloud';

// Content pages on the real functions and a real SQLite file.
let cloud: PageCloud;
const OWNER = 'content-page-owner';
const HOST = 'content-page-host';
let topicId = '';

beforeAll(async () => {
  cloud = wirePageCloud([OWNER]);
  await cloud.call(OWNER, 'member', { action: 'login' });
  await cloud.call(HOST, 'member', { action: 'login' });
  await cloud.call(OWNER, 'member', { action: 'setRole', requestId: 'cp-role-0001', memberId: memberIdFor(HOST), role: 'host' });
  const topic = (await cloud.call(HOST, 'posts', { action: 'publish', requestId: 'cp-post-0001', post: { kind: 'topic', title: '你最近在读什么书', text: '回复分享，首次回复有积分', images: [] } })) as { post: { id: string } };
  topicId = topic.post.id;
  await cloud.call(OWNER, 'posts', { action: 'faqSave', requestId: 'cp-faq-0001', faq: { keywords: ['过期'], question: '积分什么时候过期？', answer: '次年年底过期。' } });
});
afterAll(() => cloud.close());
beforeEach(() => {
  toasts.length = 0;
  navigations.length = 0;
  resetSession();
});

describe('content pages', () => {
  it('shows a member the feed on 首页 with unread marks and finds FAQ answers', async () => {
    cloud.as(`content-page-member-${Math.random().toString(36).slice(2)}`);
    render(<HomePage />);
    expect(await screen.findByText('你最近在读什么书')).toBeTruthy();
    expect(screen.getByText(/1 条未读/)).toBeTruthy();
    fireEvent.input(screen.getByLabelText('搜索常见问题'), { target: { value: '积分会过期吗' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '搜索' }));
    });
    expect(await screen.findByText('这些答案也许能帮到你')).toBeTruthy();
    expect(screen.getByText('次年年底过期。')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '已解决：积分什么时候过期？' }));
    });
    expect(toasts).toEqual([{ title: '很高兴帮到你' }]);
  });

  it('shows a member how many reminders are left and adds one when they subscribe', async () => {
    cloud.as(`content-page-member-${Math.random().toString(36).slice(2)}`);
    render(<HomePage />);
    const button = await screen.findByRole('button', { name: '订阅每日签到提醒' });
    expect(screen.getAllByText('没有剩余提醒').length).toBeGreaterThan(0);
    await act(async () => {
      fireEvent.click(button);
    });
    expect(await screen.findByText('还剩 1 次提醒')).toBeTruthy();
    expect(toasts).toEqual([{ title: '已订阅每日签到提醒' }]);
  });

  it('shows matching FAQ answers under the lesson question box before the member asks', async () => {
    const starts = new Date(Date.now() + 2 * 86_400_000);
    const lesson = (await cloud.call(HOST, 'lessons', {
      action: 'publish',
      requestId: 'cp-lesson-0001',
      lesson: { title: '积分运营', lecturer: '王老师', startsAt: starts.toISOString(), endsAt: new Date(starts.getTime() + 3_600_000).toISOString(), outline: '积分', watch: { kind: 'meeting', value: 'https://meeting.example.com/1' } },
    })) as { lesson: { id: string } };
    cloud.as(`content-page-member-${Math.random().toString(36).slice(2)}`);
    routerParams.id = lesson.lesson.id;
    render(<LessonPage />);
    fireEvent.change(await screen.findByTestId('question-input'), { target: { value: '我的积分会过期吗' } });
    expect(await screen.findByText('这些答案也许能帮到你', {}, { timeout: 3000 })).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '已解决，不用提问了：积分什么时候过期？' }));
    });
    expect(toasts).toEqual([{ title: '很高兴帮到你' }]);
    expect((screen.getByTestId('question-input') as HTMLInputElement).value).toBe('');
  });

  it('lets a member reply to a topic and earn its points', async () => {
    cloud.as(`content-page-member-${Math.random().toString(36).slice(2)}`);
    routerParams.id = topicId;
    render(<PostPage />);
    expect(await screen.findByText('每日话题：首次回复得 5 积分（每天有上限）')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('回复内容'), { target: { value: '在读《社群运营》' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '发送回复' }));
    });
    expect(await screen.findByText('在读《社群运营》')).toBeTruthy();
    expect(toasts).toEqual([{ title: '回复成功 +5 积分' }]);
    expect(screen.queryByLabelText(/隐藏 /)).toBeNull();
  });

  it('shows a host the queues and due routines on 今日待办', async () => {
    await cloud.call(OWNER, 'sop', { action: 'saveRoutine', requestId: 'cp-sop-0001', routine: { title: '签到提醒', cadence: { kind: 'daily', time: '21:00' }, hostId: memberIdFor(HOST), postKind: null, format: '', metric: 'checkin_rate', active: true } });
    cloud.as(HOST);
    render(<TodoPage />);
    expect(await screen.findByText(/签到提醒/)).toBeTruthy();
    expect(screen.getAllByTestId('queue').map((q) => q.getAttribute('aria-label'))).toContain('订单待发货 0 项');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '完成：签到提醒' }));
    });
    expect(toasts).toEqual([{ title: '已完成' }]);
    expect(await screen.findByText('✓ 签到提醒', { exact: false })).toBeTruthy();
  });

  it('lets the owner add a keyword answer and change topic points, saying what to fix first', async () => {
    cloud.as(OWNER);
    render(<FaqAdminPage />);
    await screen.findByText(/问答（1）/);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存问答' }));
    });
    expect(screen.getByText('请至少填写一个关键词')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('关键词'), { target: { value: '回放、错过' } });
    fireEvent.input(screen.getByLabelText('问题'), { target: { value: '直播错过了怎么办？' } });
    fireEvent.input(screen.getByLabelText('答案'), { target: { value: '课程页有回放。' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存问答' }));
    });
    expect(await screen.findByText(/问答（2）/)).toBeTruthy();
    expect((screen.getByLabelText('话题回复积分') as HTMLInputElement).value).toBe('5');
    fireEvent.input(screen.getByLabelText('每日奖励话题数'), { target: { value: '0' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存话题积分' }));
    });
    expect(screen.getByText('每日奖励话题数需为 1–50 的整数')).toBeTruthy();
  });

  it('shows the owner each routine with its on-time rate and metric definition', async () => {
    cloud.as(OWNER);
    render(<SopCalendarPage />);
    const rows = await screen.findAllByTestId('routine-row');
    expect(rows.map((r) => r.textContent).join(' ')).toContain('签到提醒');
    expect(rows[0].textContent).toContain('签到率');
    expect((await screen.findAllByTestId('host-figures')).map((r) => r.textContent)).toEqual([expect.stringContaining('按时 1/1')]);
  });

  it('shows a routine only on its host\'s list; the owner sees it as the team\'s and may cover it', async () => {
    await cloud.call(OWNER, 'sop', { action: 'saveRoutine', requestId: 'cp-sop-0002', routine: { title: '群内答疑巡检', cadence: { kind: 'daily', time: '23:59' }, hostId: memberIdFor(HOST), postKind: null, format: '', metric: 'none', active: true } });
    cloud.as(OWNER);
    render(<TodoPage />);
    const team = await screen.findAllByTestId('team-routine');
    expect(team.map((r) => r.textContent).join(' ')).toContain('✓ 签到提醒');
    expect(screen.queryAllByTestId('due-routine')).toHaveLength(0);
    expect(screen.getByText('今天没有分配给你的例行工作。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '代为完成：签到提醒' })).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '代为完成：群内答疑巡检' }));
    });
    expect(toasts).toEqual([{ title: '已完成' }]);
    cleanup();
    cloud.as(HOST);
    resetSession();
    render(<TodoPage />);
    expect((await screen.findAllByTestId('due-routine')).map((r) => r.textContent).join(' ')).toContain('✓ 群内答疑巡检');
    expect(screen.queryAllByTestId('team-routine')).toHaveLength(0);
  });

  it('lets a host write a post linked to a lesson, refusing a schedule without a date', async () => {
    cloud.as(HOST);
    delete routerParams.id;
    render(<PostEditPage />);
    fireEvent.click(await screen.findByLabelText('类型：活动预告'));
    fireEvent.input(screen.getByLabelText('标题'), { target: { value: '周四直播预告' } });
    fireEvent.input(screen.getByLabelText('正文'), { target: { value: '周四晚 8 点讲积分运营' } });
    fireEvent.click(await screen.findByLabelText('关联：课程 积分运营'));
    fireEvent.input(screen.getByLabelText('发布日期'), { target: { value: '' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '定时发布' }));
    });
    expect(screen.getByText('请填写发布日期（如 2026-12-01）和时间（如 08:00）')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '立即发布' }));
    });
    expect(toasts).toEqual([{ title: '已发布' }]);
    expect(navigations).toEqual(['back']);
    const feed = (await cloud.call(HOST, 'posts', { action: 'feed' })) as { posts: Array<{ title: string; link: { type: string; title: string } | null }> };
    expect(feed.posts.find((p) => p.title === '周四直播预告')?.link).toMatchObject({ type: 'lesson', title: '积分运营' });
  });

  it('lets a host add photos to a post, remove one, and shows them on the post page and in the feed', async () => {
    const taro = Taro as unknown as { chooseImage: unknown; cloud: { uploadFile: unknown } };
    taro.chooseImage = async ({ count }: { count: number }) => ({ tempFilePaths: ['wxfile://tmp/p1.jpg', 'wxfile://tmp/p2.png', 'wxfile://tmp/p3.jpg'].slice(0, count) });
    // Cloud storage answers a fileID for the path the client chose; the name keeps the picked file's ending.
    taro.cloud.uploadFile = async ({ cloudPath, filePath }: { cloudPath: string; filePath: string }) => ({ fileID: `cloud://env-test/${cloudPath.replace(/[^/]+$/, filePath.slice(-6))}` });
    cloud.as(HOST);
    delete routerParams.id;
    render(<PostEditPage />);
    fireEvent.click(await screen.findByLabelText('类型：精选文章'));
    fireEvent.input(screen.getByLabelText('标题'), { target: { value: '上周活动照片' } });
    fireEvent.input(screen.getByLabelText('正文'), { target: { value: '谢谢大家到场' } });
    await act(async () => {
      fireEvent.click(screen.getByLabelText('添加图片'));
    });
    await waitFor(() => expect(screen.getByText('+ 图片（3/9）')).toBeTruthy());
    fireEvent.click(screen.getByLabelText('移除第 2 张图片'));
    expect(screen.getByText('+ 图片（2/9）')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '立即发布' }));
    });
    expect(toasts).toEqual([{ title: '已发布' }]);
    const folder = `cloud://env-test/notes/${memberIdFor(HOST)}`;
    const feed = (await cloud.call(HOST, 'posts', { action: 'feed' })) as { posts: Array<{ id: string; title: string; images: string[] }> };
    const post = feed.posts.find((p) => p.title === '上周活动照片');
    expect(post?.images).toEqual([`${folder}/p1.jpg`, `${folder}/p3.jpg`]);

    cloud.as(`content-page-member-${Math.random().toString(36).slice(2)}`);
    resetSession();
    routerParams.id = post?.id ?? '';
    render(<PostPage />);
    expect((await screen.findAllByTestId('post-image')).map((i) => i.getAttribute('src'))).toEqual([`${folder}/p1.jpg`, `${folder}/p3.jpg`]);
    render(<HomePage />);
    const row = (await screen.findAllByTestId('post-row')).find((r) => r.textContent?.includes('上周活动照片'));
    expect(row?.querySelectorAll('[data-testid="post-row-image"]').length).toBe(2);
  });

  it('asks a member whose last topic reminder was used to continue, through WeChat\'s subscribe window on weapp', async () => {
    const TEMPLATE = 'TmplContent_page_0123456789';
    const member = `content-page-member-${Math.random().toString(36).slice(2)}`;
    await cloud.call(member, 'member', { action: 'login' });
    await cloud.call(member, 'posts', { action: 'subscribe', requestId: 'cp-sub-0001', topic: 'topic', templateId: TEMPLATE });
    const post = (await cloud.call(HOST, 'posts', { action: 'publish', requestId: 'cp-post-0002', post: { kind: 'topic', title: '周末去哪儿读书', text: '说说你的地方', images: [] } })) as { post: { id: string } };
    const asked: string[][] = [];
    let answer = 'reject';
    (Taro as unknown as { requestSubscribeMessage: unknown }).requestSubscribeMessage = async ({ tmplIds }: { tmplIds: string[] }) => {
      asked.push(tmplIds);
      return { errMsg: 'requestSubscribeMessage:ok', [TEMPLATE]: answer };
    };
    const env = process.env.TARO_ENV;
    process.env.TARO_ENV = 'weapp';
    (globalThis as unknown as { QUNYUN_CONTENT_TEMPLATE_ID: string }).QUNYUN_CONTENT_TEMPLATE_ID = TEMPLATE;
    try {
      cloud.as(member);
      routerParams.id = post.post.id;
      render(<PostPage />);
      expect(await screen.findByText('你的每日话题已用完，想继续收到新帖提醒吗？')).toBeTruthy();
      await act(async () => {
        fireEvent.click(screen.getByRole('button', { name: '继续接收每日话题' }));
      });
      expect(asked).toEqual([[TEMPLATE]]);
      expect(await screen.findByText(/你没有允许这条提醒/)).toBeTruthy();
      answer = 'accept';
      await act(async () => {
        fireEvent.click(screen.getByRole('button', { name: '继续接收每日话题' }));
      });
      expect(toasts).toEqual([{ title: '已订阅每日话题' }]);
      await waitFor(() => expect(screen.queryByTestId('reminder-prompt')).toBeNull());
      const left = (await cloud.call(member, 'posts', { action: 'reminders' })) as { reminders: Array<{ topic: string; remaining: number }> };
      expect(left.reminders.find((r) => r.topic === 'topic')?.remaining).toBe(1);
    } finally {
      process.env.TARO_ENV = env;
      delete (globalThis as unknown as { QUNYUN_CONTENT_TEMPLATE_ID?: string }).QUNYUN_CONTENT_TEMPLATE_ID;
    }
  });

  it('lets a member start a topic only after the owner opens member topics', async () => {
    const member = `content-page-member-${Math.random().toString(36).slice(2)}`;
    cloud.as(member);
    render(<HomePage />);
    await screen.findByText('你最近在读什么书');
    expect(screen.queryByRole('button', { name: '发起话题' })).toBeNull();
    render(<TopicNewPage />);
    fireEvent.input(screen.getByLabelText('话题标题'), { target: { value: '周末去哪儿读书' } });
    fireEvent.input(screen.getByLabelText('话题内容'), { target: { value: '推荐一下你常去的书店' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '发布话题' }));
    });
    expect(await screen.findByText(MEMBER_POSTS_CLOSED)).toBeTruthy();
    cleanup();

    cloud.as(OWNER);
    resetSession();
    render(<FaqAdminPage />);
    expect(await screen.findByText('会员发起话题：未开放')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '开放会员发起话题' }));
    });
    expect(await screen.findByText('会员发起话题：已开放')).toBeTruthy();
    cleanup();

    cloud.as(member);
    resetSession();
    toasts.length = 0;
    navigations.length = 0;
    render(<HomePage />);
    fireEvent.click(await screen.findByRole('button', { name: '发起话题' }));
    expect(navigations).toEqual(['/subpackages/member/topic-new/index']);
    render(<TopicNewPage />);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '发布话题' }));
    });
    expect(screen.getByText('请填写标题')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('话题标题'), { target: { value: '周末去哪儿读书' } });
    fireEvent.input(screen.getByLabelText('话题内容'), { target: { value: '推荐一下你常去的书店' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '发布话题' }));
    });
    expect(toasts).toEqual([{ title: '话题已发布' }]);
    expect(navigations[1]).toMatch(/^\/subpackages\/member\/post\/index\?id=/);
    const feed = (await cloud.call(OWNER, 'posts', { action: 'feed' })) as { posts: Array<{ title: string; byMember: boolean }> };
    expect(feed.posts.find((p) => p.title === '周末去哪儿读书')?.byMember).toBe(true);
    await cloud.call(OWNER, 'posts', { action: 'memberPosts', requestId: 'cp-close-0001', membersMayPost: false });
  });
});
