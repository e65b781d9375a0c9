import { seededDemo } from './support/seededDemo';

// The demo a newcomer gets shows a living feed, a host to-do list with real items, the owner's
// calendar with on-time rates (some routines missed) and a drafted monthly digest.
const NOW = new Date('2026-11-25T09:00:00+08:00');
const demo = seededDemo(NOW, 60);

const as = demo.ok;

describe('demo content', () => {
  it('gives members a feed with a pinned notice, today’s 早安 and topics with replies', async () => {
    const feed = await as('demo-member-001', 'posts', { action: 'feed' });
    expect(feed.pinned.map((p: { title: string }) => p.title)).toEqual(['群规与积分说明（新人必读）']);
    expect(feed.posts[0].title).toBe('早安晨报 11-25');
    const topics = await as('demo-member-001', 'posts', { action: 'feed', kind: 'topic', limit: 40 });
    expect(topics.posts.length).toBeGreaterThan(20);
    expect(topics.posts.some((p: { replies: number }) => p.replies > 3)).toBe(true);
    expect((await as('demo-member-001', 'posts', { action: 'faqSearch', q: '积分会过期吗' })).entries).toHaveLength(1);
  });

  it('gives hosts a to-do list with real items and owners a calendar with misses', async () => {
    const today = await as('demo-host-1', 'sop', { action: 'today' });
    expect(today.due.map((d: { routine: { title: string } }) => d.routine.title)).toContain('发布早安晨报');
    expect(today.due.find((d: { routine: { title: string } }) => d.routine.title === '发布早安晨报').done.auto).toBe(true);
    expect(today.queues.some((q: { count: number }) => q.count > 0)).toBe(true);
    const report = await as('demo-owner', 'sop', { action: 'report' });
    const morning = report.rows.find((r: { routine: { title: string } }) => r.routine.title === '发布早安晨报');
    expect(morning.missed).toBeGreaterThan(0);
    expect(morning.onTimeRate).toBeGreaterThan(0.6);
    expect(morning.metric.value).toBeGreaterThan(0);
    expect(report.behind.length).toBeGreaterThan(0);
    const drafts = await as('demo-host-1', 'posts', { action: 'drafts' });
    expect(drafts.posts.map((p: { title: string }) => p.title)).toEqual(expect.arrayContaining(['2026年10月 月度集锦', '早安晨报 11-26']));
  });

  it('shows member topics open, with a few started by members (one hidden) counted on the metrics panel', async () => {
    const topics = await as('demo-member-001', 'posts', { action: 'feed', kind: 'topic', limit: 40 });
    expect(topics.membersMayPost).toBe(true);
    const mine = topics.posts.filter((p: { byMember: boolean }) => p.byMember);
    expect(mine.map((p: { title: string }) => p.title)).toEqual(['周末读书会想读哪本书？', '求推荐适合通勤听的播客', '有没有一起晨跑的群友？']);
    expect(mine.every((p: { replies: number }) => p.replies === 3)).toBe(true);
    const metrics = (await as('demo-owner', 'funnel', { action: 'metrics' })).metrics as Array<{ key: string; value: number | null; availability: { status: string } }>;
    expect(metrics.find((m) => m.key === 'memberTopics')).toMatchObject({ value: 3, availability: { status: 'available' } });
  });
});
