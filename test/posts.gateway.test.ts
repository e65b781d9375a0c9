import { memberIdFor } from '../src/server/kernel/ids';
import { startGateway, type TestGateway } from './support/gateway';

// Posts, topics, FAQ and digests through the local gateway (SQLite, or the CloudBase double).
let gw: TestGateway;
const OWNER = 'po-owner';
const HOST = 'po-host';
const HOST2 = 'po-host2';
const PEOPLE = Array.from({ length: 6 }, (_, i) => `po-member-${i}`);
const NOW = '2026-11-24T10:00:00+08:00';
let seq = 0;
const rid = (tag: string) => `${tag}-${String(++seq).padStart(6, '0')}`;

async function call(openid: string, event: Record<string, unknown>, now = NOW) {
  return gw.call(openid, 'posts', event, now);
}
async function ok(openid: string, event: Record<string, unknown>, now = NOW) {
  const r = await call(openid, event, now);
  if (r.status !== 200) throw new Error(`posts.${String(event.action)}: ${JSON.stringify(r.body)}`);
  return r.body.data;
}
const draft = (extra: Record<string, unknown> = {}) => ({ kind: 'notice', title: '本周安排', text: '周三晚上八点直播', images: [], ...extra });
async function publish(extra: Record<string, unknown> = {}, now = NOW, who = HOST) {
  return (await ok(who, { action: 'publish', requestId: rid('pub'), post: draft(extra) }, now)).post;
}
async function balance(openid: string, now = NOW) {
  return (await gw.call(openid, 'points', { action: 'balance' }, now)).body.data.balance as number;
}
async function cron(job: string, now: string) {
  const r = await gw.call(OWNER, 'cron', { action: 'run', job }, now);
  expect(r.status).toBe(200);
  return r.body.data as { accounts: number; messages?: number };
}
const feedIds = async (openid: string, now = NOW) => {
  const feed = await ok(openid, { action: 'feed' }, now);
  return [...feed.pinned, ...feed.posts].map((p: { id: string }) => p.id);
};

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  for (const openid of [OWNER, HOST, HOST2, ...PEOPLE]) await gw.call(openid, 'member', { action: 'login' }, '2026-11-01T10:00:00+08:00');
  for (const h of [HOST, HOST2]) await gw.call(OWNER, 'member', { action: 'setRole', requestId: `po-role-${h}`, memberId: memberIdFor(h), role: 'host' }, NOW);
});
afterAll(async () => {
  await gw.close();
});

describe('posts', () => {
  it('lets members neither publish, pin nor hide, and refuses bad posts without writing', async () => {
    expect((await call(PEOPLE[0], { action: 'publish', requestId: rid('m'), post: draft() })).body.error.code).toBe('FORBIDDEN');
    const bad = [
      draft({ title: '' }),
      draft({ title: '标'.repeat(41) }),
      draft({ text: '' }),
      draft({ kind: 'ad' }),
      draft({ images: Array.from({ length: 10 }, (_, i) => `/uploads/${String(i).padStart(24, 'a')}.png`) }),
      draft({ images: ['https://evil.example.com/x.png'] }),
      draft({ images: [`/uploads/${'b'.repeat(24)}.png`] }),
      draft({ publishAt: '2026-11-24T09:00:00+08:00' }),
      draft({ publishAt: 'tomorrow' }),
      draft({ draft: true, publishAt: '2026-11-25T08:00:00+08:00' }),
      draft({ authorId: 'x' }),
      draft({ text: '加微信看赌博网站' }),
    ];
    for (const post of bad) {
      const r = await call(HOST, { action: 'publish', requestId: rid('bad'), post });
      expect(r.body.error.code).toBe('VALIDATION');
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await feedIds(PEOPLE[0])).toEqual([]);
    expect((await ok(HOST, { action: 'drafts' })).posts).toEqual([]);
    const p = await publish();
    expect((await call(PEOPLE[0], { action: 'pin', requestId: rid('m'), postId: p.id, pinned: true })).body.error.code).toBe('FORBIDDEN');
    const reply = (await ok(PEOPLE[1], { action: 'reply', requestId: rid('r'), postId: p.id, text: '收到' })).reply;
    expect((await call(PEOPLE[0], { action: 'hide', requestId: rid('m'), replyId: reply.id, reason: '广告' })).body.error.code).toBe('FORBIDDEN');
    // Another host cannot edit it; the owner can.
    expect((await call(HOST2, { action: 'publish', requestId: rid('e'), postId: p.id, post: draft({ title: '改标题' }) })).body.error.code).toBe('FORBIDDEN');
    expect((await ok(OWNER, { action: 'publish', requestId: rid('e'), postId: p.id, post: draft({ title: '改后的标题' }) })).post.title).toBe('改后的标题');
    expect((await ok(PEOPLE[0], { action: 'get', postId: p.id })).post.title).toBe('改后的标题');
  });

  it('keeps a post scheduled for 08:00 invisible at 07:59, visible at 08:00, and published once by two overlapping cron runs', async () => {
    const at = '2026-11-25T08:00:00+08:00';
    const p = await publish({ kind: 'morning', title: '早安晨报 11/25', publishAt: at }, '2026-11-24T21:00:00+08:00');
    expect(p.state).toBe('scheduled');
    await ok(PEOPLE[2], { action: 'subscribe', requestId: rid('sub'), topic: 'morning' });
    const before = '2026-11-25T07:59:00+08:00';
    expect(await feedIds(PEOPLE[0], before)).not.toContain(p.id);
    expect((await call(PEOPLE[0], { action: 'get', postId: p.id }, before)).body.error.code).toBe('NOT_FOUND');
    expect((await call(PEOPLE[0], { action: 'reply', requestId: rid('early'), postId: p.id, text: '早' }, before)).body.error.code).toBe('NOT_FOUND');
    expect((await cron('publishPosts', before)).accounts).toBe(0);
    expect((await ok(HOST, { action: 'drafts' }, before)).posts.map((x: { id: string }) => x.id)).toContain(p.id);
    expect(await feedIds(PEOPLE[0], at)).toContain(p.id);
    const runs = await Promise.all([cron('publishPosts', at), cron('publishPosts', at)]);
    expect(runs[0].accounts + runs[1].accounts).toBe(1);
    expect((runs[0].messages ?? 0) + (runs[1].messages ?? 0)).toBe(1);
    expect((await cron('publishPosts', '2026-11-25T08:05:00+08:00')).accounts).toBe(0);
    const got = await ok(PEOPLE[0], { action: 'get', postId: p.id }, at);
    expect(got.post.state).toBe('published');
    const reminders = (await ok(PEOPLE[2], { action: 'reminders' }, at)).reminders;
    expect(reminders.find((r: { topic: string }) => r.topic === 'morning').remaining).toBe(0);
  });

  it('pays a topic reply once per member and topic under 30 parallel replies', async () => {
    const topic = await publish({ kind: 'topic', title: '今天你读了什么书' });
    const member = PEOPLE[3];
    const start = await balance(member);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => call(member, { action: 'reply', requestId: rid('par'), postId: topic.id, text: `第 ${i} 条想法` })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.data.points > 0)).toHaveLength(1);
    expect(await balance(member)).toBe(start + 5);
    const got = await ok(member, { action: 'get', postId: topic.id });
    expect(got.post.replies).toBe(30);
    expect(got.topicPoints).toBe(5);
    const history = (await gw.call(member, 'points', { action: 'history', filter: 'earn', limit: 100 }, NOW)).body.data.entries;
    expect(history.filter((e: { reason: string }) => e.reason === 'topic')).toHaveLength(1);
  });

  it('holds the daily cap on rewarded topic replies and pays again the next day', async () => {
    const member = PEOPLE[4];
    const day1 = '2026-11-26T12:00:00+08:00';
    const topics = [];
    for (let i = 0; i < 4; i += 1) topics.push(await publish({ kind: 'topic', title: `话题 ${i}` }, '2026-11-26T08:00:00+08:00'));
    const start = await balance(member, day1);
    const answers = [];
    for (const t of topics) answers.push(await ok(member, { action: 'reply', requestId: rid('cap'), postId: t.id, text: '我来说两句' }, day1));
    expect(answers.map((a) => a.points)).toEqual([5, 5, 5, 0]);
    expect(answers[3].capped).toBe(true);
    expect(await balance(member, day1)).toBe(start + 15);
    const day2 = '2026-11-27T12:00:00+08:00';
    expect((await ok(member, { action: 'reply', requestId: rid('cap'), postId: topics[3].id, text: '第二天再说' }, day2)).points).toBe(5);
    expect((await ok(member, { action: 'reply', requestId: rid('cap'), postId: topics[0].id, text: '又一条' }, day2)).points).toBe(0);
  });

  it('lets only the owner change topic points and cap, and pays by the new rules', async () => {
    expect((await call(HOST, { action: 'topicRules', requestId: rid('tr'), topicReplyPoints: 8, topicDailyCap: 1 })).body.error.code).toBe('FORBIDDEN');
    for (const bad of [{ topicReplyPoints: -1 }, { topicDailyCap: 0 }, { topicReplyPoints: 1.5 }]) {
      expect((await call(OWNER, { action: 'topicRules', requestId: rid('tr'), topicReplyPoints: 8, topicDailyCap: 1, ...bad })).body.error.code).toBe('VALIDATION');
    }
    await ok(OWNER, { action: 'topicRules', requestId: rid('tr'), topicReplyPoints: 8, topicDailyCap: 1 });
    const day = '2026-12-05T12:00:00+08:00';
    const [a, b] = [await publish({ kind: 'topic', title: '规则 A' }, day), await publish({ kind: 'topic', title: '规则 B' }, day)];
    expect((await ok(PEOPLE[5], { action: 'reply', requestId: rid('tr'), postId: a.id, text: '一' }, day)).points).toBe(8);
    expect((await ok(PEOPLE[5], { action: 'reply', requestId: rid('tr'), postId: b.id, text: '二' }, day)).capped).toBe(true);
    await ok(OWNER, { action: 'topicRules', requestId: rid('tr'), topicReplyPoints: 5, topicDailyCap: 3 });
  });

  it('replays a reply by requestId, refuses it with other params, and refuses bad replies', async () => {
    const p = await publish({ title: '回放测试' });
    const event = { action: 'reply', requestId: 'po-replay-0001', postId: p.id, text: '同一条' };
    const [a, b] = await Promise.all([call(PEOPLE[5], event), call(PEOPLE[5], event)]);
    expect(b.body).toEqual(a.body);
    expect((await call(PEOPLE[5], { ...event, text: '另一条' })).body.error.code).toBe('CONFLICT');
    for (const bad of [{ text: '' }, { text: '字'.repeat(501) }, { text: '赌博' }, { postId: '' }, { extra: 1 }]) {
      expect((await call(PEOPLE[5], { ...event, requestId: rid('badr'), ...bad })).body.error.code).toBe('VALIDATION');
    }
    expect((await call(PEOPLE[5], { ...event, requestId: rid('nf'), postId: 'po_missing' })).body.error.code).toBe('NOT_FOUND');
    expect((await ok(PEOPLE[5], { action: 'get', postId: p.id })).replies).toHaveLength(1);
  });

  it('hides a reply from members (hosts still see it with the reason) and hides posts from the feed', async () => {
    const p = await publish({ title: '隐藏测试' });
    const keep = (await ok(PEOPLE[0], { action: 'reply', requestId: rid('h'), postId: p.id, text: '好的' })).reply;
    const spam = (await ok(PEOPLE[1], { action: 'reply', requestId: rid('h'), postId: p.id, text: '私聊我' })).reply;
    expect((await call(HOST, { action: 'hide', requestId: rid('h'), replyId: spam.id, reason: '' })).body.error.code).toBe('VALIDATION');
    expect((await call(HOST, { action: 'hide', requestId: rid('h'), reason: '广告' })).body.error.code).toBe('VALIDATION');
    await ok(HOST, { action: 'hide', requestId: rid('h'), replyId: spam.id, reason: '广告引流' });
    const member = await ok(PEOPLE[2], { action: 'get', postId: p.id });
    expect(member.replies.map((r: { id: string }) => r.id)).toEqual([keep.id]);
    expect(member.post.replies).toBe(1);
    const host = await ok(HOST, { action: 'get', postId: p.id });
    expect(host.replies.find((r: { id: string }) => r.id === spam.id).hidden.reason).toBe('广告引流');
    await ok(HOST, { action: 'hide', requestId: rid('h'), postId: p.id, reason: '重复发布' });
    expect(await feedIds(PEOPLE[2])).not.toContain(p.id);
    expect((await call(PEOPLE[2], { action: 'get', postId: p.id })).body.error.code).toBe('NOT_FOUND');
  });

  it('pins at most three posts, shows them first, marks unread posts and pages the feed', async () => {
    const now = '2026-11-28T10:00:00+08:00';
    const posts = [];
    for (let i = 0; i < 4; i += 1) posts.push(await publish({ title: `置顶候选 ${i}` }, `2026-11-28T09:0${i}:00+08:00`));
    for (const p of posts.slice(0, 3)) await ok(HOST, { action: 'pin', requestId: rid('pin'), postId: p.id, pinned: true }, now);
    const fourth = await call(HOST2, { action: 'pin', requestId: rid('pin'), postId: posts[3].id, pinned: true }, now);
    expect(fourth.body.error.code).toBe('LIMIT_REACHED');
    const feed = await ok(PEOPLE[0], { action: 'feed', limit: 2 }, now);
    expect(feed.pinned.map((p: { id: string }) => p.id).sort()).toEqual(posts.slice(0, 3).map((p) => p.id).sort());
    expect(feed.posts.map((p: { id: string }) => p.id)).not.toContain(posts[0].id);
    expect(feed.posts[0].id).toBe(posts[3].id);
    expect(feed.posts[0].read).toBe(false);
    await ok(PEOPLE[0], { action: 'get', postId: posts[3].id }, now);
    const again = await ok(PEOPLE[0], { action: 'feed', limit: 2 }, now);
    expect(again.posts[0].read).toBe(true);
    expect(again.next).not.toBeNull();
    const page2 = await ok(PEOPLE[0], { action: 'feed', limit: 2, after: again.next }, now);
    expect(page2.pinned).toEqual([]);
    expect(page2.posts.map((p: { id: string }) => p.id)).not.toContain(again.posts[0].id);
    await ok(HOST, { action: 'pin', requestId: rid('pin'), postId: posts[0].id, pinned: false }, now);
    await ok(HOST2, { action: 'pin', requestId: rid('pin'), postId: posts[3].id, pinned: true }, now);
    const liked = await ok(PEOPLE[1], { action: 'react', requestId: rid('like'), postId: posts[3].id, like: true }, now);
    expect(liked).toEqual({ likes: 1, likedByMe: true });
  });
});

describe('faq', () => {
  it('lets only owners save answers, finds them by keyword and counts a deflection once a day', async () => {
    const entry = { keywords: ['退款', '退钱'], question: '会员费可以退款吗？', answer: '开通 7 天内可在 我的 → 订单 申请退款。' };
    expect((await call(HOST, { action: 'faqSave', requestId: rid('f'), faq: entry })).body.error.code).toBe('FORBIDDEN');
    expect((await call(OWNER, { action: 'faqSave', requestId: rid('f'), faq: { ...entry, keywords: [] } })).body.error.code).toBe('VALIDATION');
    const saved = (await ok(OWNER, { action: 'faqSave', requestId: rid('f'), faq: entry })).entry;
    await ok(OWNER, { action: 'faqSave', requestId: rid('f'), faq: { keywords: ['直播', '回放'], question: '直播错过了怎么办？', answer: '课程页有回放。' } });
    const found = (await ok(PEOPLE[0], { action: 'faqSearch', q: '我想退款怎么操作' })).entries;
    expect(found.map((e: { id: string }) => e.id)).toEqual([saved.id]);
    expect((await ok(PEOPLE[0], { action: 'faqSearch', q: '天气' })).entries).toEqual([]);
    expect((await ok(PEOPLE[0], { action: 'faqDeflected', requestId: rid('d'), faqId: saved.id })).counted).toBe(true);
    expect((await ok(PEOPLE[0], { action: 'faqDeflected', requestId: rid('d'), faqId: saved.id })).counted).toBe(false);
    expect((await ok(PEOPLE[1], { action: 'faqDeflected', requestId: rid('d'), faqId: saved.id })).counted).toBe(true);
    const owner = (await ok(OWNER, { action: 'faqList' })).entries;
    expect(owner.find((e: { id: string }) => e.id === saved.id).deflections).toBe(2);
  });
});

describe('digests', () => {
  it('drafts the monthly digest from data once, even from two overlapping runs, as a draft hosts can edit', async () => {
    const at = '2026-12-01T00:05:00+08:00';
    const runs = await Promise.all([cron('draftDigests', at), cron('draftDigests', at)]);
    expect(runs[0].accounts + runs[1].accounts).toBe(1);
    expect((await cron('draftDigests', '2026-12-02T00:05:00+08:00')).accounts).toBe(0);
    const drafts = (await ok(HOST, { action: 'drafts' }, at)).posts;
    const digest = drafts.find((p: { kind: string }) => p.kind === 'digest');
    expect(digest.title).toBe('2026年11月 月度集锦');
    expect(digest.text).toContain('今天你读了什么书（30 条回复）');
    expect(digest.canEdit).toBe(true);
    expect(await feedIds(PEOPLE[0], at)).not.toContain(digest.id);
    const published = (await ok(HOST2, { action: 'publish', requestId: rid('dg'), postId: digest.id, post: { kind: 'digest', title: digest.title, text: digest.text, images: [] } }, at)).post;
    expect(published.state).toBe('published');
    expect(await feedIds(PEOPLE[0], at)).toContain(digest.id);
  });

  it('drafts the 年度回顾 and December 月度集锦 at year end, once each', async () => {
    const at = '2027-01-01T00:05:00+08:00';
    expect((await cron('draftDigests', at)).accounts).toBe(2);
    expect((await cron('draftDigests', '2027-01-02T00:05:00+08:00')).accounts).toBe(0);
    const titles = (await ok(HOST, { action: 'drafts' }, at)).posts.map((p: { title: string }) => p.title);
    expect(titles).toEqual(expect.arrayContaining(['2026年 年度回顾', '2026年12月 月度集锦']));
  });
});

describe('reminders', () => {
  it('sends the check-in reminder from 20:00 once a day, only to subscribers who have not checked in, spending one unit each', async () => {
    const [lazy, diligent] = [PEOPLE[0], PEOPLE[1]];
    const day = '2026-11-29';
    for (const m of [lazy, diligent]) await ok(m, { action: 'subscribe', requestId: rid('rs'), topic: 'checkin' }, `${day}T09:00:00+08:00`);
    expect((await ok(lazy, { action: 'reminders' }, `${day}T09:00:00+08:00`)).reminders.find((r: { topic: string }) => r.topic === 'checkin').remaining).toBe(1);
    await gw.call(diligent, 'checkin', { action: 'do', requestId: rid('ci') }, `${day}T10:00:00+08:00`);
    expect((await cron('checkinReminders', `${day}T19:59:00+08:00`)).accounts).toBe(0);
    const runs = await Promise.all([cron('checkinReminders', `${day}T20:05:00+08:00`), cron('checkinReminders', `${day}T20:05:00+08:00`)]);
    expect(runs[0].accounts + runs[1].accounts).toBe(1);
    expect((await ok(lazy, { action: 'reminders' }, `${day}T21:00:00+08:00`)).reminders.find((r: { topic: string }) => r.topic === 'checkin').remaining).toBe(0);
    expect((await ok(diligent, { action: 'reminders' }, `${day}T21:00:00+08:00`)).reminders.find((r: { topic: string }) => r.topic === 'checkin').remaining).toBe(1);
    // The next evening only the member with quota left is reminded; the other must accept again.
    expect((await cron('checkinReminders', '2026-11-30T20:05:00+08:00')).accounts).toBe(1);
    expect((await ok(diligent, { action: 'reminders' }, '2026-11-30T21:00:00+08:00')).reminders.find((r: { topic: string }) => r.topic === 'checkin').remaining).toBe(0);
    expect((await call(lazy, { action: 'subscribe', requestId: rid('rs'), topic: 'weekly' })).body.error.code).toBe('VALIDATION');
  });
});
