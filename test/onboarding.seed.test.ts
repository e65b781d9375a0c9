import { seededDemo } from './support/seededDemo';
import { memberIdFor } from '../src/server/kernel/ids';
import { DEMO_APPLICANTS, DEMO_BANNED } from '../src/server/local/demoOnboarding';
import { onboardingQueues } from '../src/server/domain/onboardingQueue';

// The demo a newcomer gets runs on application entry: applicants wait, recent members walked the
// 入群仪式 (the wall is filled), KOCs carry the community and one member is banned.
const NOW = new Date('2026-11-25T09:00:00+08:00');
const demo = seededDemo(NOW, 80);

const as = demo.call;
async function ok(openid: string, fn: string, event: Record<string, unknown>) {
  const r = await as(openid, fn, event);
  if (!r.ok) throw new Error(r.error.message);
  return r.data as any;
}

describe('demo onboarding', () => {
  it('queues the applicants oldest first and keeps them pending', async () => {
    const queue = await ok('demo-host-1', 'member', { action: 'applications' });
    expect(queue.applications.map((a: { memberId: string }) => a.memberId).sort()).toEqual(DEMO_APPLICANTS.map(memberIdFor).sort());
    expect(queue.applications.some((a: { inviterName: string | null }) => a.inviterName === '群主·林姐')).toBe(true);
    const gate = await as(DEMO_APPLICANTS[0], 'checkin', { action: 'do', requestId: 'demo-try-1' });
    expect(gate.ok ? null : gate.error.message).toBe('入群申请审核中，通过后即可使用');
  });

  it('keeps the persona members admitted without a ritual, bans one member and fills the wall and the KOC list', async () => {
    const me = await ok('demo-member-001', 'member', { action: 'me' });
    expect([me.status, me.onboarding.steps]).toEqual(['admitted', []]);
    expect((await ok(DEMO_BANNED, 'member', { action: 'onboarding' })).ban.reason).toBe('多次在群里发布广告');
    const wall = await ok('demo-member-001', 'member', { action: 'intros' });
    expect(wall.intros.length).toBeGreaterThan(3);
    const koc = await ok('demo-owner', 'member', { action: 'koc' });
    expect(koc.kocs.length).toBeGreaterThan(3);
    expect(koc.kocs[0].activist).toBe(true);
    const stats = await ok('demo-owner', 'member', { action: 'onboardingStats' });
    expect(stats.completed).toBeGreaterThan(0);
    expect(stats.medianGreetSeconds).not.toBeNull();
    const detail = await ok('demo-host-1', 'member', { action: 'profileDetail', memberId: memberIdFor('demo-member-003') });
    expect(detail.tags).toEqual(['讲师候选', '种子用户']);
    expect(detail.notes).toHaveLength(1);
  });

  it('lets a newcomer apply, be approved by the demo host, walk the ritual and see the welcome gift', async () => {
    const newcomer = 'demo-newcomer-try';
    await ok(newcomer, 'member', { action: 'login' });
    await ok(newcomer, 'member', { action: 'apply', requestId: 'try-apply-1', answers: ['朋友推荐', '学运营'] });
    await ok('demo-host-1', 'member', { action: 'review', requestId: 'try-review-1', memberId: memberIdFor(newcomer), approve: true });
    const view = await ok(newcomer, 'member', { action: 'onboarding' });
    await ok(newcomer, 'member', { action: 'completeStep', requestId: 'try-rules-1', step: 'rules', rulesVersion: view.rulesVersion });
    await ok(newcomer, 'member', { action: 'completeStep', requestId: 'try-nick-1', step: 'nickname', nickname: '上海-教育-小新' });
    await ok(newcomer, 'member', { action: 'completeStep', requestId: 'try-prof-1', step: 'profile', profile: { city: '上海', industry: '教育' } });
    await ok(newcomer, 'member', { action: 'completeStep', requestId: 'try-intro-1', step: 'intro', intro: '大家好，我是小新。' });
    const history = await ok(newcomer, 'points', { action: 'history' });
    expect(history.entries.map((e: { reason: string; delta: number }) => [e.reason, e.delta])).toEqual([['welcome', 50]]);
    const queues = await onboardingQueues(demo.store, NOW.getTime());
    const newcomers = await ok('demo-host-1', 'member', { action: 'newcomers' });
    expect(queues.find((q) => q.key === 'newcomers')?.count).toBe(newcomers.waiting);
    expect(queues.find((q) => q.key === 'applications')?.count).toBe((await ok('demo-host-1', 'member', { action: 'applications' })).total);
  });
});

describe('demo with QUNYUN_DEMO_ENTRY=open (what the e2e runs)', () => {
  const open = seededDemo(NOW, 30, { entryMode: 'open' });
  it('admits a new member at once and keeps the seeded applicants pending', async () => {
    await open.ok('demo-e2e-newbie', 'member', { action: 'login' });
    expect((await open.call('demo-e2e-newbie', 'checkin', { action: 'do', requestId: 'e2e-newbie-1' })).ok).toBe(true);
    expect((await open.call(DEMO_APPLICANTS[1], 'checkin', { action: 'do', requestId: 'e2e-app-1' })).ok).toBe(false);
  });
});
