import { MEMBER_POSTS_CLOSED } from '../src/core/posts';
import { memberIdFor } from '../src/server/kernel/ids';
import { startGateway, type TestGateway } from './support/gateway';

// 会员自发话题 behind settings.posts.membersMayPost (issue 17): off by default, then open, checked,
// limited, hideable, unrewarded and counted on the metrics panel.
let gw: TestGateway;
const OWNER = 'mt-owner';
const HOST = 'mt-host';
const PEOPLE = Array.from({ length: 4 }, (_, i) => `mt-member-${i}`);
const NOW = '2026-11-24T10:00:00+08:00';
let seq = 0;
const rid = (tag: string) => `${tag}-${String(++seq).padStart(6, '0')}`;
const topic = (extra: Record<string, unknown> = {}) => ({ title: '大家平时怎么做读书笔记', text: '我习惯用卡片，想听听你们的办法', images: [], ...extra });

async function call(openid: string, fn: string, event: Record<string, unknown>, now = NOW) {
  return gw.call(openid, fn, event, now);
}
async function ok(openid: string, fn: string, event: Record<string, unknown>, now = NOW) {
  const r = await call(openid, fn, event, now);
  if (r.status !== 200) throw new Error(`${fn}.${String(event.action)}: ${JSON.stringify(r.body)}`);
  return r.body.data;
}
const memberPostCount = async () => (await gw.store.find('posts', { where: { kind: 'topic' }, limit: 100 })).docs.filter((d) => (d as { byMember?: boolean }).byMember).length;
const metric = async (key: string, now = NOW) => ((await ok(OWNER, 'funnel', { action: 'metrics' }, now)).metrics as Array<{ key: string; value: number | null; availability: { status: string } }>).find((m) => m.key === key);

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  for (const openid of [OWNER, HOST, ...PEOPLE]) await gw.call(openid, 'member', { action: 'login' }, '2026-11-01T10:00:00+08:00');
  await gw.call(OWNER, 'member', { action: 'setRole', requestId: 'mt-role-host', memberId: memberIdFor(HOST), role: 'host' }, NOW);
});
afterAll(async () => {
  await gw.close();
});

describe('member topics', () => {
  it('refuses members with a Chinese sentence while closed (the default), and the metric says why it is empty', async () => {
    const r = await call(PEOPLE[0], 'posts', { action: 'memberPublish', requestId: rid('mp'), post: topic() });
    expect(r.body.error).toEqual({ code: 'FORBIDDEN', message: MEMBER_POSTS_CLOSED });
    expect(await memberPostCount()).toBe(0);
    expect((await ok(PEOPLE[0], 'posts', { action: 'feed' })).membersMayPost).toBe(false);
    expect(await metric('memberTopics')).toMatchObject({ value: null, availability: { status: 'unavailable' } });
    expect((await call(HOST, 'posts', { action: 'memberPosts', requestId: rid('open'), membersMayPost: true })).body.error.code).toBe('FORBIDDEN');
    expect((await call(PEOPLE[0], 'posts', { action: 'memberPosts', requestId: rid('open'), membersMayPost: true })).body.error.code).toBe('FORBIDDEN');
  });

  it('once open lets members start topics that others see, reply to without points, and counts them', async () => {
    await ok(OWNER, 'posts', { action: 'topicRules', requestId: rid('rules'), topicReplyPoints: 7, topicDailyCap: 3 });
    expect(await ok(OWNER, 'posts', { action: 'memberPosts', requestId: rid('open'), membersMayPost: true })).toEqual({ membersMayPost: true });
    // Changing the point rules afterwards keeps member topics open (one settings section, merged in the transaction).
    await ok(OWNER, 'posts', { action: 'topicRules', requestId: rid('rules'), topicReplyPoints: 5, topicDailyCap: 3 });
    expect((await ok(PEOPLE[1], 'posts', { action: 'faqList' })).topicRules).toEqual({ topicReplyPoints: 5, topicDailyCap: 3, membersMayPost: true });

    const requestId = rid('mp');
    const first = (await ok(PEOPLE[0], 'posts', { action: 'memberPublish', requestId, post: topic() })).post;
    expect(first).toMatchObject({ kind: 'topic', byMember: true, state: 'published', title: '大家平时怎么做读书笔记' });
    // Replay answers the first post; the same id with other content is a conflict.
    expect((await ok(PEOPLE[0], 'posts', { action: 'memberPublish', requestId, post: topic() })).post.id).toBe(first.id);
    expect((await call(PEOPLE[0], 'posts', { action: 'memberPublish', requestId, post: topic({ title: '换个标题' }) })).body.error.code).toBe('CONFLICT');
    expect(await memberPostCount()).toBe(1);

    const feed = await ok(PEOPLE[1], 'posts', { action: 'feed' });
    expect(feed.membersMayPost).toBe(true);
    expect(feed.posts.find((p: { id: string }) => p.id === first.id)).toMatchObject({ byMember: true });
    const opened = await ok(PEOPLE[1], 'posts', { action: 'get', postId: first.id });
    expect(opened.topicPoints).toBe(0);
    const reply = await ok(PEOPLE[1], 'posts', { action: 'reply', requestId: rid('re'), postId: first.id, text: '我用思维导图' });
    expect(reply.points).toBe(0);
    expect((await ok(PEOPLE[1], 'points', { action: 'balance' })).balance).toBe(0);

    expect(await metric('memberTopics')).toMatchObject({ value: 1, availability: { status: 'available' } });
    // Host content figures leave member topics out.
    expect((await metric('postsPerDay'))?.value).toBe(0);
  });

  it('refuses bad or unsuitable topics without writing anything', async () => {
    const before = await memberPostCount();
    const bad = [
      topic({ title: '' }),
      topic({ title: '标'.repeat(41) }),
      topic({ text: '' }),
      topic({ text: '长'.repeat(1001) }),
      topic({ images: ['https://evil.example.com/x.png'] }),
      topic({ images: [`/uploads/${'c'.repeat(24)}.png`] }),
      topic({ kind: 'notice' }),
      { ...topic(), link: { type: 'lesson', id: 'x', title: 'x' } },
    ];
    for (const post of bad) {
      const r = await call(PEOPLE[2], 'posts', { action: 'memberPublish', requestId: rid('bad'), post });
      expect(r.body.error.code).toBe('VALIDATION');
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const unsuitable = await call(PEOPLE[2], 'posts', { action: 'memberPublish', requestId: rid('bad'), post: topic({ text: '加微信返现，稳赚' }) });
    expect(unsuitable.body.error.code).toBe('VALIDATION');
    expect(await memberPostCount()).toBe(before);
  });

  it('lets a member start at most 3 topics a day, even when sent at once', async () => {
    const day = '2026-11-26T09:00:00+08:00';
    const runs = await Promise.all(Array.from({ length: 6 }, (_, i) => call(PEOPLE[3], 'posts', { action: 'memberPublish', requestId: rid(`burst${i}`), post: topic({ title: `话题 ${i}` }) }, day)));
    expect(runs.filter((r) => r.status === 200)).toHaveLength(3);
    expect(runs.filter((r) => r.status !== 200).every((r) => r.body.error.code === 'RATE_LIMITED')).toBe(true);
    const mine = (await gw.store.find('posts', { where: { kind: 'topic' }, limit: 100 })).docs.filter((d) => (d as { authorId: string }).authorId === memberIdFor(PEOPLE[3]));
    expect(mine).toHaveLength(3);
  });

  it('lets hosts hide a member topic (gone for members and from the count) and closing stops new ones', async () => {
    const at = '2026-11-27T09:00:00+08:00';
    const post = (await ok(PEOPLE[1], 'posts', { action: 'memberPublish', requestId: rid('mp'), post: topic({ title: '周末有人一起跑步吗' }) }, at)).post;
    const counted = (await metric('memberTopics', at))?.value as number;
    await ok(HOST, 'posts', { action: 'hide', requestId: rid('hide'), postId: post.id, reason: '与社群主题无关' }, at);
    expect((await call(PEOPLE[2], 'posts', { action: 'get', postId: post.id }, at)).body.error.code).toBe('NOT_FOUND');
    expect((await ok(PEOPLE[2], 'posts', { action: 'feed' }, at)).posts.map((p: { id: string }) => p.id)).not.toContain(post.id);
    expect((await metric('memberTopics', at))?.value).toBe(counted - 1);
    // Members cannot hide or edit someone else's topic.
    expect((await call(PEOPLE[2], 'posts', { action: 'hide', requestId: rid('hide'), postId: post.id, reason: '不喜欢' }, at)).body.error.code).toBe('FORBIDDEN');
    expect((await call(PEOPLE[2], 'posts', { action: 'publish', requestId: rid('edit'), postId: post.id, post: { kind: 'topic', ...topic() } }, at)).body.error.code).toBe('FORBIDDEN');

    await ok(OWNER, 'posts', { action: 'memberPosts', requestId: rid('close'), membersMayPost: false }, at);
    const refused = await call(PEOPLE[1], 'posts', { action: 'memberPublish', requestId: rid('mp'), post: topic({ title: '再发一个' }) }, at);
    expect(refused.body.error).toEqual({ code: 'FORBIDDEN', message: MEMBER_POSTS_CLOSED });
  });
});
