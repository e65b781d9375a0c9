import { FUNCTIONS } from '../src/server/functions';
import { BANNED_ACTIONS, PRE_ADMISSION_ACTIONS } from '../src/server/domain/admission';
import { onboardingQueues } from '../src/server/domain/onboardingQueue';
import { DEFAULT_ENTRY } from '../src/core/entry';
import { memberIdFor } from '../src/server/kernel/ids';
import { loadSettings } from '../src/server/domain/settingsStore';
import { simulatePayment } from '../src/server/domain/payment';
import { startGateway, type TestGateway } from './support/gateway';

// Entry rules, the 入群仪式, bans and member care (issue 16) through the local gateway, on SQLite
// and on the replaying CloudBase double.
let gw: TestGateway;
const OWNER = 'ob-owner';
const HOST = 'ob-host';
const OLD = 'ob-old-member';
const NOW = '2026-11-24T04:00:00Z';
const LATER = '2026-11-24T06:00:00Z';
const QUESTIONS = ['你从哪里了解到我们？', '你希望在社群里收获什么？'];
const ENTRY = {
  ...Object.fromEntries(Object.entries(DEFAULT_ENTRY).filter(([k]) => k !== 'rulesVersion')),
  mode: 'application',
  questions: QUESTIONS,
  nicknameFormat: '城市-行业-姓名',
  profileFields: [
    { key: 'city', label: '城市', kind: 'text', options: [], required: true },
    { key: 'industry', label: '行业', kind: 'single', options: ['教育', '互联网', '零售'], required: true },
  ],
  welcomePoints: 66,
};

let seq = 0;
const rid = (p: string) => `${p}-${String(++seq).padStart(6, '0')}`;

async function ok(openid: string, fn: string, event: Record<string, unknown>, now = NOW) {
  const r = await gw.call(openid, fn, event, now);
  if (r.status !== 200) throw new Error(`${fn}.${String(event.action)}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.data;
}

async function balance(openid: string): Promise<number> {
  return (await gw.store.get('accounts', memberIdFor(openid)))?.balance ?? 0;
}

/** A new member who registers under application mode and applies (pending, application submitted). */
async function applicant(openid: string, answers = ['朋友推荐', '认识同行']) {
  await ok(openid, 'member', { action: 'login' });
  return ok(openid, 'member', { action: 'apply', requestId: rid('apply'), answers });
}

async function admitted(openid: string) {
  await applicant(openid);
  await ok(HOST, 'member', { action: 'review', requestId: rid('review'), memberId: memberIdFor(openid), approve: true });
}

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  await ok(OWNER, 'member', { action: 'login' });
  await ok(HOST, 'member', { action: 'login' });
  await ok(OLD, 'member', { action: 'login' });
  // A member from before entry rules: no status, no admission instant (what every stored member looks like).
  await gw.store.transaction(async (tx) => {
    const { status: _s, admittedAt: _a, newcomer: _n, ...old } = (await tx.get('members', memberIdFor(OLD)))!;
    await tx.set('members', old);
  });
  await ok(OWNER, 'member', { action: 'setRole', requestId: 'ob-host-role', memberId: memberIdFor(HOST), role: 'host' });
  await ok(OWNER, 'settings', { action: 'updateEntry', requestId: 'ob-entry-1', entry: ENTRY });
});
afterAll(() => gw.close());

describe('entry status in the wrapper', () => {
  const routes = Object.values(FUNCTIONS).flatMap((fn) => Object.keys(fn.routes).map((action) => `${fn.name}.${action}`));

  it('keeps members who joined before the rule admitted: they check in as before', async () => {
    const me = await ok(OLD, 'member', { action: 'me' });
    expect(me.status).toBe('admitted');
    expect(me.onboarding.steps).toEqual([]);
    expect((await gw.call(OLD, 'checkin', { action: 'do', requestId: rid('old-checkin') }, NOW)).status).toBe(200);
  });

  it('refuses a pending applicant every action outside the pre-admission list, writing nothing', async () => {
    await applicant('ob-gate-pending');
    const before = await balance('ob-gate-pending');
    const allowed: string[] = [];
    for (const key of routes) {
      const [fn, action] = key.split('.');
      const r = await gw.call('ob-gate-pending', fn, { action, requestId: rid('gate') }, NOW);
      if (r.status === 403 && r.body.error.message === '入群申请审核中，通过后即可使用') continue;
      allowed.push(key);
    }
    expect(allowed.sort()).toEqual([...PRE_ADMISSION_ACTIONS].filter((k) => routes.includes(k)).sort());
    expect(allowed).not.toEqual(expect.arrayContaining(['checkin.do']));
    expect(await balance('ob-gate-pending')).toBe(before);
    expect(await gw.store.count('ledger', { memberId: memberIdFor('ob-gate-pending') })).toBe(0);
  });

  it('refuses a banned member every action outside the banned list with the reason and the end day', async () => {
    await ok('ob-gate-banned', 'member', { action: 'login' });
    await admittedDirect('ob-gate-banned');
    await ok(OWNER, 'member', { action: 'ban', requestId: rid('ban'), memberId: memberIdFor('ob-gate-banned'), reason: '发布广告', until: '2026-12-01T16:00:00Z' });
    const allowed: string[] = [];
    for (const key of routes) {
      const [fn, action] = key.split('.');
      const r = await gw.call('ob-gate-banned', fn, { action, requestId: rid('gate-b') }, NOW);
      if (r.status === 403 && r.body.error.message === '你已被禁止参与社群活动，原因：发布广告，至 2026-12-01') continue;
      allowed.push(key);
    }
    expect(allowed.sort()).toEqual([...BANNED_ACTIONS].filter((k) => routes.includes(k)).sort());
    expect(await gw.store.count('ledger', { memberId: memberIdFor('ob-gate-banned') })).toBe(0);
  });

  it('lets the ban lapse at its end', async () => {
    expect((await gw.call('ob-gate-banned', 'checkin', { action: 'do', requestId: rid('after-ban') }, '2026-12-02T01:00:00Z')).status).toBe(200);
  });
});

/** Admit a member registered under open mode by approving through an application (mode stays application). */
async function admittedDirect(openid: string) {
  await ok(openid, 'member', { action: 'apply', requestId: rid('apply'), answers: ['朋友', '学习'] });
  await ok(HOST, 'member', { action: 'review', requestId: rid('review'), memberId: memberIdFor(openid), approve: true });
}

describe('apply and review', () => {
  it('refuses bad answers with a sentence and writes nothing', async () => {
    await ok('ob-bad', 'member', { action: 'login' });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ answers: ['只答一题'] }, '请回答全部 2 个问题'],
      [{ answers: ['好', '  '] }, '请填写回答'],
      [{ answers: ['好', 'x'.repeat(201)] }, '回答最多 200 字'],
      [{ answers: ['好', '好'], ref: 'ZZZZZZ' }, '邀请码无效，请向邀请人确认'],
    ];
    for (const [params, message] of cases) {
      const r = await gw.call('ob-bad', 'member', { action: 'apply', requestId: rid('bad'), ...params }, NOW);
      expect([r.status, r.body.error.message]).toEqual([400, message]);
    }
    expect(await gw.store.get('applications', memberIdFor('ob-bad'))).toBeNull();
    expect((await ok('ob-bad', 'member', { action: 'onboarding' })).application).toBeNull();
  });

  it('queues applications oldest first with answers and invite source; a second submission waits', async () => {
    const inviterCode = (await ok(OLD, 'member', { action: 'me' })).member.inviteCode;
    await ok('ob-q1', 'member', { action: 'login' });
    await ok('ob-q1', 'member', { action: 'apply', requestId: rid('q1'), answers: ['公众号', '认识朋友'], ref: inviterCode }, '2026-11-24T04:01:00Z');
    await ok('ob-q2', 'member', { action: 'login' });
    await ok('ob-q2', 'member', { action: 'apply', requestId: rid('q2'), answers: ['直播', '学运营'] }, '2026-11-24T04:02:00Z');
    const again = await gw.call('ob-q2', 'member', { action: 'apply', requestId: rid('q2b'), answers: ['直播', '学运营'] }, NOW);
    expect([again.status, again.body.error.message]).toEqual([409, '申请已提交，请耐心等待审核']);
    const queue = await ok(HOST, 'member', { action: 'applications' });
    const mine = queue.applications.filter((a: { memberId: string }) => [memberIdFor('ob-q1'), memberIdFor('ob-q2')].includes(a.memberId));
    expect(mine.map((a: { memberId: string }) => a.memberId)).toEqual([memberIdFor('ob-q1'), memberIdFor('ob-q2')]);
    expect(mine[0]).toMatchObject({ inviterName: expect.any(String), answers: [{ question: QUESTIONS[0], answer: '公众号' }, { question: QUESTIONS[1], answer: '认识朋友' }] });
    expect(queue.total).toBe(queue.applications.length);
    expect((await gw.call('ob-q2', 'member', { action: 'applications' }, NOW)).status).toBe(403);
  });

  it('admits once when two hosts approve in parallel, and replays the first answer', async () => {
    await applicant('ob-par');
    const memberId = memberIdFor('ob-par');
    const a = { action: 'review', requestId: rid('par-a'), memberId, approve: true };
    const results = await Promise.all([gw.call(HOST, 'member', a, LATER), gw.call(OWNER, 'member', { ...a, requestId: rid('par-b') }, LATER)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const audit = await gw.store.count('memberAudit', { memberId });
    expect(audit).toBe(1);
    const replay = await gw.call(HOST, 'member', a, LATER);
    if (results[0].status === 200) expect(replay.body).toEqual(results[0].body);
    const view = await ok('ob-par', 'member', { action: 'onboarding' });
    expect(view.status).toBe('admitted');
    expect(view.application).toMatchObject({ state: 'approved' });
    expect((await gw.store.get('applications', memberId))?.decisionSeconds).toBeGreaterThan(0);
  });

  it('refuses approving after a rejection; the applicant reads the reason and may apply again', async () => {
    await applicant('ob-rej');
    const memberId = memberIdFor('ob-rej');
    const noReason = await gw.call(HOST, 'member', { action: 'review', requestId: rid('rej0'), memberId, approve: false }, NOW);
    expect([noReason.status, noReason.body.error.message]).toEqual([400, '请填写拒绝原因，申请人会看到它']);
    await ok(HOST, 'member', { action: 'review', requestId: rid('rej1'), memberId, approve: false, reason: '请补充你的行业' });
    const approve = await gw.call(HOST, 'member', { action: 'review', requestId: rid('rej2'), memberId, approve: true }, NOW);
    expect([approve.status, approve.body.error.message]).toEqual([409, '这份申请已被拒绝，申请人重新提交后才能再审核']);
    const view = await ok('ob-rej', 'member', { action: 'onboarding' });
    expect([view.status, view.application.state, view.application.reason]).toEqual(['pending', 'rejected', '请补充你的行业']);
    expect((await gw.call('ob-rej', 'checkin', { action: 'do', requestId: rid('rej-ci') }, NOW)).body.error.message).toBe('入群申请未通过，请查看原因后重新申请');
    await ok('ob-rej', 'member', { action: 'apply', requestId: rid('rej-again'), answers: ['朋友', '教育行业'] });
    expect((await gw.store.get('applications', memberId))?.round).toBe(2);
  });

  it('never locks out existing members when the rule changes, and owners are admitted at once', async () => {
    expect((await ok(OWNER, 'member', { action: 'me' })).status).toBe('admitted');
    expect((await ok(HOST, 'member', { action: 'me' })).status).toBe('admitted');
  });
});

describe('the 入群仪式', () => {
  it('walks the checklist, refuses a nickname off the format or with a blocked word, and pays the gift once under 30 parallel completions', async () => {
    await admitted('ob-new');
    const me = memberIdFor('ob-new');
    let view = await ok('ob-new', 'member', { action: 'me' });
    expect(view.onboarding.steps.map((s: { key: string; done: boolean }) => [s.key, s.done])).toEqual([['rules', false], ['nickname', false], ['profile', false], ['intro', false]]);
    const oldVersion = await gw.call('ob-new', 'member', { action: 'completeStep', requestId: rid('rules0'), step: 'rules', rulesVersion: 99 }, NOW);
    expect(oldVersion.status).toBe(409);
    await ok('ob-new', 'member', { action: 'completeStep', requestId: rid('rules'), step: 'rules', rulesVersion: view.onboarding.rulesVersion });
    const badFormat = await gw.call('ob-new', 'member', { action: 'completeStep', requestId: rid('nick0'), step: 'nickname', nickname: '小林' }, NOW);
    expect([badFormat.status, badFormat.body.error.message]).toEqual([400, '昵称请按「城市-行业-姓名」的格式填写，用“-”分隔，例如：上海-教育-小林']);
    const blocked = await gw.call('ob-new', 'member', { action: 'completeStep', requestId: rid('nick1'), step: 'nickname', nickname: '上海-刷单-小林' }, NOW);
    expect(blocked.status).toBe(400);
    expect(blocked.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    view = await ok('ob-new', 'member', { action: 'me' });
    expect(view.member.nickname).not.toContain('小林');
    await ok('ob-new', 'member', { action: 'completeStep', requestId: rid('nick2'), step: 'nickname', nickname: '上海-教育-小林' });
    const badProfile = await gw.call('ob-new', 'member', { action: 'completeStep', requestId: rid('prof0'), step: 'profile', profile: { city: '上海', industry: '金融' } }, NOW);
    expect([badProfile.status, badProfile.body.error.message]).toEqual([400, '请从选项中选择行业']);
    await ok('ob-new', 'member', { action: 'completeStep', requestId: rid('prof'), step: 'profile', profile: { city: '上海', industry: '教育' } });
    expect(await balance('ob-new')).toBe(0);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => gw.call('ob-new', 'member', { action: 'completeStep', requestId: rid(`intro-${i}`), step: 'intro', intro: '大家好，我是小林，在上海做教育。' }, LATER)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(await balance('ob-new')).toBe(66);
    const history = await ok('ob-new', 'points', { action: 'history' }, LATER);
    expect(history.entries.filter((e: { reason: string }) => e.reason === 'welcome')).toHaveLength(1);
    view = await ok('ob-new', 'member', { action: 'me' }, LATER);
    expect(view.onboarding.completed).toBe(true);
    expect(view.member.nickname).toBe('上海-教育-小林');
    const wall = await ok(OLD, 'member', { action: 'intros' }, LATER);
    expect(wall.intros.filter((i: { memberId: string }) => i.memberId === me)).toEqual([{ memberId: me, nickname: '上海-教育-小林', text: '大家好，我是小林，在上海做教育。', at: expect.any(String) }]);
  });

  it('rate-limits nickname changes and checks their content', async () => {
    await admitted('ob-rename');
    const names = ['北京-零售-阿明', '北京-零售-明明', '北京-零售-小明', '北京-零售-大明', '北京-零售-明哥'];
    for (const nickname of names) await ok('ob-rename', 'member', { action: 'updateProfile', requestId: rid('rename'), nickname });
    const sixth = await gw.call('ob-rename', 'member', { action: 'updateProfile', requestId: rid('rename'), nickname: '北京-零售-老明' }, NOW);
    expect(sixth.status).toBe(429);
    expect((await ok('ob-rename', 'member', { action: 'me' })).member.nickname).toBe('北京-零售-明哥');
  });
});

describe('hosts: newcomers, greetings, tags, private notes; owners: KOC and stats', () => {
  it('greets a newcomer once for 新人响应时间 and 贡献值, and the queue counts equal the pages', async () => {
    await admitted('ob-greet');
    const memberId = memberIdFor('ob-greet');
    const before = await onboardingQueues(gw.store, Date.parse(LATER));
    const page = await ok(HOST, 'member', { action: 'newcomers', limit: 100 }, LATER);
    const apps = await ok(HOST, 'member', { action: 'applications', limit: 100 }, LATER);
    expect(before.find((q) => q.key === 'newcomers')?.count).toBe(page.waiting);
    expect(before.find((q) => q.key === 'applications')?.count).toBe(apps.total);
    expect(before.map((q) => q.path)).toEqual(['/subpackages/host/applications/index', '/subpackages/host/newcomers/index']);
    const greet = await ok(HOST, 'member', { action: 'greet', requestId: rid('greet'), memberId, text: '欢迎欢迎！' }, LATER);
    expect(greet.greetSeconds).toBeGreaterThan(0);
    await ok(OWNER, 'member', { action: 'greet', requestId: rid('greet2'), memberId, text: '再欢迎一次' }, LATER);
    const metrics = await ok(OWNER, 'funnel', { action: 'metrics' }, LATER);
    expect(metrics.metrics.find((m: { key: string }) => m.key === 'newcomerResponse')).toMatchObject({ label: '新人响应时间', value: Math.round(greet.greetSeconds / 60) });
    const after = await onboardingQueues(gw.store, Date.parse(LATER));
    expect(after.find((q) => q.key === 'newcomers')?.count).toBe(page.waiting - 1);
    expect((await ok('ob-greet', 'member', { action: 'me' }, LATER)).onboarding.greeting).toMatchObject({ text: '再欢迎一次' });
    const koc = await ok(OWNER, 'member', { action: 'koc' }, LATER);
    const host = koc.kocs.find((k: { memberId: string }) => k.memberId === memberIdFor(HOST));
    expect(host).toMatchObject({ last30: 2, did: [{ kind: 'intro_greeted', label: '欢迎新人', count: 1 }] });
    expect(koc.weights).toHaveLength(6);
    expect((await gw.call(HOST, 'member', { action: 'koc' }, LATER)).status).toBe(403);
    const stats = await ok(OWNER, 'member', { action: 'onboardingStats' }, LATER);
    expect(stats.completed).toBeGreaterThanOrEqual(1);
    expect(stats.perStep.map((s: { key: string }) => s.key)).toEqual(['rules', 'nickname', 'profile', 'intro']);
  });

  it('counts an invitee who starts (first check-in after admission) as a contribution of the inviter, once', async () => {
    const code = (await ok(OLD, 'member', { action: 'me' })).member.inviteCode;
    await ok('ob-invited', 'member', { action: 'login', ref: code });
    await admittedDirect('ob-invited');
    await ok('ob-invited', 'checkin', { action: 'do', requestId: rid('inv-ci') });
    await ok('ob-invited', 'checkin', { action: 'do', requestId: rid('inv-ci2') }, '2026-11-25T04:00:00Z');
    const koc = await ok(OWNER, 'member', { action: 'koc' }, '2026-11-25T04:00:00Z');
    expect(koc.kocs.find((k: { memberId: string }) => k.memberId === memberIdFor(OLD))).toMatchObject({ last30: 5, did: [{ kind: 'referral_activated', label: '邀请的好友激活', count: 1 }] });
  });

  it('tags from the owner list and keeps private notes out of every member-facing answer', async () => {
    await admitted('ob-noted');
    const memberId = memberIdFor('ob-noted');
    const badTag = await gw.call(HOST, 'member', { action: 'tag', requestId: rid('tag0'), memberId, tags: ['不存在的标签'] }, NOW);
    expect([badTag.status, badTag.body.error.message]).toEqual([400, '标签「不存在的标签」不在标签列表中，请让群主先添加']);
    await ok(HOST, 'member', { action: 'tag', requestId: rid('tag'), memberId, tags: ['种子用户'] });
    const secret = '私密备注：疑似竞品调研';
    await ok(HOST, 'member', { action: 'note', requestId: rid('note'), memberId, text: secret });
    const detail = await ok(HOST, 'member', { action: 'profileDetail', memberId });
    expect(detail.tags).toEqual(['种子用户']);
    expect(detail.notes.map((n: { text: string }) => n.text)).toEqual([secret]);
    expect((await gw.call('ob-noted', 'member', { action: 'profileDetail', memberId }, NOW)).status).toBe(403);
    const answers = [
      await gw.call('ob-noted', 'member', { action: 'me' }, NOW),
      await gw.call('ob-noted', 'member', { action: 'onboarding' }, NOW),
      await gw.call('ob-noted', 'member', { action: 'intros' }, NOW),
      await gw.call('ob-noted', 'member', { action: 'updateProfile', requestId: rid('up'), nickname: '杭州-互联网-阿诺' }, NOW),
      await gw.call('ob-noted', 'points', { action: 'history' }, NOW),
    ];
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(JSON.stringify(a.body)).not.toContain('竞品');
      expect(JSON.stringify(a.body)).not.toContain('种子用户');
    }
  });
});

describe('segments by tag and profile', () => {
  it('counts and exports members by tag and by profile answer, following tag changes', async () => {
    await admitted('ob-seg');
    const memberId = memberIdFor('ob-seg');
    await ok('ob-seg', 'member', { action: 'updateProfile', requestId: rid('seg-prof'), profile: { city: '成都', industry: '零售' } });
    await ok(HOST, 'member', { action: 'tag', requestId: rid('seg-tag'), memberId, tags: ['讲师候选'] });
    const segments = await ok(OWNER, 'funnel', { action: 'segments' });
    const group = (d: string) => segments.groups.find((g: { dimension: string }) => g.dimension === d);
    expect(group('tag').items.find((i: { value: string }) => i.value === '讲师候选').count).toBe(1);
    expect(group('profile').items.find((i: { value: string }) => i.value === 'industry=零售')).toMatchObject({ label: '行业：零售', count: 1 });
    const byTag = await ok(OWNER, 'funnel', { action: 'exportSegment', dimension: 'tag', value: '讲师候选' });
    expect(byTag.rows).toBe(1);
    const byProfile = await ok(OWNER, 'funnel', { action: 'exportSegment', dimension: 'profile', value: 'industry=零售' });
    expect(byProfile.csv).toContain(memberId);
    await ok(HOST, 'member', { action: 'tag', requestId: rid('seg-untag'), memberId, tags: [] });
    expect((await ok(OWNER, 'funnel', { action: 'exportSegment', dimension: 'tag', value: '讲师候选' })).rows).toBe(0);
    expect((await ok(OWNER, 'funnel', { action: 'exportSegment', dimension: 'profile', value: 'industry=零售' })).rows).toBe(1);
  });

  it('breaks the funnel down by a profile choice field', async () => {
    const range = { action: 'profileBreakdown', from: '2026-11-01', to: '2026-11-30' };
    const before = await ok(OWNER, 'funnel', { ...range, field: 'industry' });
    expect(before.fields).toEqual([{ key: 'industry', label: '行业' }, { key: '#tag', label: '标签' }]);
    expect(before.rows.find((r: { value: string }) => r.value === '零售')).toMatchObject({ acquired: 1, activated: 0 });
    await ok('ob-seg', 'checkin', { action: 'do', requestId: rid('seg-ci') });
    const after = await ok(OWNER, 'funnel', range);
    expect(after.rows.find((r: { value: string }) => r.value === '零售')).toMatchObject({ acquired: 1, activated: 1 });
    const outside = await ok(OWNER, 'funnel', { ...range, from: '2026-10-01', to: '2026-10-31' });
    expect(outside.rows.every((r: { acquired: number }) => r.acquired === 0)).toBe(true);
    const bad = await gw.call(OWNER, 'funnel', { ...range, from: '2026-12-01' }, NOW);
    expect([bad.status, bad.body.error.message]).toEqual([400, '开始日期不能晚于结束日期']);
  });

  it('breaks the funnel down by tag, and counts tags and profiles saved before facets once the backfill job has run', async () => {
    const range = { action: 'profileBreakdown', from: '2026-11-01', to: '2026-11-30' };
    const row = (view: { rows: Array<{ value: string; acquired: number }> }, value: string) => view.rows.find((r) => r.value === value)?.acquired;
    await admitted('ob-tagged');
    const seeds = row(await ok(OWNER, 'funnel', { ...range, field: '#tag' }), '种子用户') as number;
    await ok(HOST, 'member', { action: 'tag', requestId: rid('tagged'), memberId: memberIdFor('ob-tagged'), tags: ['种子用户'] });
    const byTag = await ok(OWNER, 'funnel', { ...range, field: '#tag' });
    expect(byTag.field).toBe('#tag');
    expect(byTag.rows.map((r: { value: string }) => r.value)).toEqual(DEFAULT_ENTRY.tags);
    expect(row(byTag, '种子用户')).toBe(seeds + 1);
    const educationBefore = row(await ok(OWNER, 'funnel', { ...range, field: 'industry' }), '教育') as number;

    // A member whose tags and profile were stored before facets existed (no facet documents).
    await gw.store.transaction((tx) => tx.update('members', memberIdFor(OLD), { tags: ['种子用户'], profile: { city: '北京', industry: '教育' } }));
    expect(row(await ok(OWNER, 'funnel', { ...range, field: '#tag' }), '种子用户')).toBe(seeds + 1);
    const runs = await Promise.all([1, 2].map(() => ok(OWNER, 'cron', { action: 'run', job: 'backfillFacets' })));
    expect(runs.some((r) => r.accounts >= 1)).toBe(true);
    expect(row(await ok(OWNER, 'funnel', { ...range, field: '#tag' }), '种子用户')).toBe(seeds + 2);
    expect(row(await ok(OWNER, 'funnel', { ...range, field: 'industry' }), '教育')).toBe(educationBefore + 1);
    const exported = await ok(OWNER, 'funnel', { action: 'exportSegment', dimension: 'tag', value: '种子用户' });
    expect(exported.csv).toContain(memberIdFor(OLD));
    // The walk is done: later runs only read the cursor, and later changes keep facets in step.
    expect((await ok(OWNER, 'cron', { action: 'run', job: 'backfillFacets' })).accounts).toBe(0);
    expect((await gw.store.get('facetBackfill', 'cursor'))?.done).toBe(true);
    await ok(HOST, 'member', { action: 'tag', requestId: rid('old-untag'), memberId: memberIdFor(OLD), tags: [] });
    expect(row(await ok(OWNER, 'funnel', { ...range, field: '#tag' }), '种子用户')).toBe(seeds + 1);
    const unknown = await gw.call(OWNER, 'funnel', { ...range, field: 'nope' }, NOW);
    expect([unknown.status, unknown.body.error.message]).toEqual([400, '资料项已更新，请刷新后重试']);
  });
});

describe('bans', () => {
  it('cancels open orders with refunds, stops the invite code, keeps the points, and unban restores access; both audited', async () => {
    await admitted('ob-ban');
    const memberId = memberIdFor('ob-ban');
    await ok(OWNER, 'points', { action: 'adjust', requestId: rid('grant'), memberId, delta: 100, reason: '活动奖励' });
    const item = (await ok(OWNER, 'mall', { action: 'saveItem', requestId: rid('item'), item: { title: '帆布袋', description: '周边', image: '', pointsPrice: 30, stock: 5, perMemberLimit: null, limitPeriod: 'ever', minTier: null, saleStartsAt: null, saleEndsAt: null, kind: 'coupon', virtual: null, listed: true } })).item;
    await ok('ob-ban', 'mall', { action: 'redeem', requestId: rid('redeem'), itemId: item.id, qty: 1 });
    expect(await balance('ob-ban')).toBe(70);
    const code = (await ok('ob-ban', 'member', { action: 'me' })).member.inviteCode;
    const bad = await gw.call(OWNER, 'member', { action: 'ban', requestId: rid('ban0'), memberId, reason: '  ' }, NOW);
    expect(bad.status).toBe(400);
    const self = await gw.call(OWNER, 'member', { action: 'ban', requestId: rid('ban1'), memberId: memberIdFor(OWNER), reason: '测试' }, NOW);
    expect(self.status).toBe(403);
    expect((await gw.call(HOST, 'member', { action: 'ban', requestId: rid('ban2'), memberId, reason: '刷屏' }, NOW)).status).toBe(403);
    const banEvent = { action: 'ban', requestId: rid('ban3'), memberId, reason: '多次发广告' };
    const banned = await ok(OWNER, 'member', banEvent);
    expect(banned).toEqual({ memberId, cancelledOrders: 1, refunded: 30, rejectedReferrals: 0 });
    expect((await gw.call(OWNER, 'member', banEvent, NOW)).body.data).toEqual(banned);
    expect(await balance('ob-ban')).toBe(100);
    const orders = await ok(HOST, 'mall', { action: 'orders' });
    expect(orders.orders.find((o: { memberId: string }) => o.memberId === memberId)).toMatchObject({ status: 'cancelled' });
    const refused = await gw.call('ob-ban', 'mall', { action: 'redeem', requestId: rid('redeem2'), itemId: item.id, qty: 1 }, NOW);
    expect([refused.status, refused.body.error.message]).toEqual([403, '你已被禁止参与社群活动，原因：多次发广告']);
    await ok('ob-invitee', 'member', { action: 'login' });
    const viaBanned = await gw.call('ob-invitee', 'member', { action: 'apply', requestId: rid('inv'), answers: ['朋友', '学习'], ref: code }, NOW);
    expect([viaBanned.status, viaBanned.body.error.message]).toEqual([400, '邀请码无效，请向邀请人确认']);
    expect((await ok('ob-ban', 'member', { action: 'onboarding' })).ban).toEqual({ reason: '多次发广告', until: null });
    await ok(OWNER, 'member', { action: 'unban', requestId: rid('unban'), memberId, reason: '已道歉' });
    expect((await gw.call('ob-ban', 'checkin', { action: 'do', requestId: rid('ci') }, NOW)).status).toBe(200);
    const detail = await ok(OWNER, 'member', { action: 'profileDetail', memberId });
    expect(detail.audit.map((a: { action: string; reason: string }) => [a.action, a.reason])).toEqual(expect.arrayContaining([['ban', '多次发广告'], ['unban', '已道歉']]));
  });
});

describe('hosts with the right to ban', () => {
  it('lets a host ban and unban a member only once the owner allows it, never an owner', async () => {
    await admitted('ob-host-ban');
    const memberId = memberIdFor('ob-host-ban');
    const refused = await gw.call(HOST, 'member', { action: 'ban', requestId: rid('hb0'), memberId, reason: '刷屏' }, NOW);
    expect([refused.status, refused.body.error.message]).toEqual([403, '只有群主可以封禁或解封成员']);
    expect((await ok(HOST, 'member', { action: 'profileDetail', memberId })).canBan).toBe(false);
    await ok(OWNER, 'settings', { action: 'updateEntry', requestId: rid('hb-entry'), entry: { ...ENTRY, hostsMayBan: true } });
    expect((await ok(HOST, 'member', { action: 'profileDetail', memberId })).canBan).toBe(true);
    await ok(HOST, 'member', { action: 'ban', requestId: rid('hb1'), memberId, reason: '刷屏' });
    expect((await gw.call('ob-host-ban', 'checkin', { action: 'do', requestId: rid('hb-ci') }, NOW)).status).toBe(403);
    const owner = await gw.call(HOST, 'member', { action: 'ban', requestId: rid('hb2'), memberId: memberIdFor(OWNER), reason: '测试' }, NOW);
    expect([owner.status, owner.body.error.message]).toEqual([403, '不能封禁群主']);
    await ok(HOST, 'member', { action: 'unban', requestId: rid('hb3'), memberId, reason: '误封' });
    await ok(OWNER, 'settings', { action: 'updateEntry', requestId: rid('hb-entry-off'), entry: ENTRY });
    expect((await gw.call(HOST, 'member', { action: 'ban', requestId: rid('hb4'), memberId, reason: '再次刷屏' }, NOW)).status).toBe(403);
  });
});

describe('entry settings', () => {
  it('refuses application mode without questions and bumps the 群规 version only when the text changes', async () => {
    const bad = await gw.call(OWNER, 'settings', { action: 'updateEntry', requestId: rid('e0'), entry: { ...ENTRY, questions: [] } }, NOW);
    expect([bad.status, bad.body.error.message]).toEqual([400, '审核入群至少需要 1 个入群问题']);
    const same = await ok(OWNER, 'settings', { action: 'updateEntry', requestId: rid('e1'), entry: ENTRY });
    const changed = await ok(OWNER, 'settings', { action: 'updateEntry', requestId: rid('e2'), entry: { ...ENTRY, rules: '新版群规：友善交流。' } });
    expect(changed.entry.rulesVersion).toBe(same.entry.rulesVersion + 1);
    const done = await ok('ob-new', 'member', { action: 'onboarding' }, LATER);
    expect(done.steps.find((s: { key: string }) => s.key === 'rules').done).toBe(false);
    // The finished ritual stays finished; 首页 asks for the new version instead.
    expect([done.completed, done.reacceptRules]).toEqual([true, true]);
    const again = await ok('ob-new', 'member', { action: 'completeStep', requestId: rid('rules-again'), step: 'rules', rulesVersion: changed.entry.rulesVersion }, LATER);
    expect([again.completed, again.reacceptRules]).toEqual([true, false]);
    expect(await balance('ob-new')).toBe(66);
    expect((await gw.call(HOST, 'settings', { action: 'updateEntry', requestId: rid('e3'), entry: ENTRY }, NOW)).status).toBe(403);
  });

  it('asks members admitted before a new 群规 version to accept it once, never blocks them, and pays no second gift', async () => {
    const TOMORROW = '2026-11-25T04:00:00Z';
    await admitted('ob-rules-done');
    const done = memberIdFor('ob-rules-done');
    const v0 = (await ok('ob-rules-done', 'member', { action: 'onboarding' })).rulesVersion;
    await ok('ob-rules-done', 'member', { action: 'completeStep', requestId: rid('rd-rules'), step: 'rules', rulesVersion: v0 });
    await ok('ob-rules-done', 'member', { action: 'completeStep', requestId: rid('rd-nick'), step: 'nickname', nickname: '杭州-零售-阿明' });
    await ok('ob-rules-done', 'member', { action: 'completeStep', requestId: rid('rd-prof'), step: 'profile', profile: { city: '杭州', industry: '零售' } });
    await ok('ob-rules-done', 'member', { action: 'completeStep', requestId: rid('rd-intro'), step: 'intro', intro: '大家好，我是阿明。' });
    expect(await balance('ob-rules-done')).toBe(66);
    // Someone mid-ritual when the rules change: the checklist asks for the new version, not a second prompt.
    await admitted('ob-rules-mid');
    const published = await ok(OWNER, 'settings', { action: 'updateEntry', requestId: rid('rules-v'), entry: { ...ENTRY, rules: '第三版群规：禁止广告，友善交流。' } });
    const version = published.entry.rulesVersion;

    const old = await ok(OLD, 'member', { action: 'onboarding' }, TOMORROW);
    const finished = await ok('ob-rules-done', 'member', { action: 'onboarding' }, TOMORROW);
    const mid = await ok('ob-rules-mid', 'member', { action: 'onboarding' }, TOMORROW);
    expect([old.reacceptRules, old.completed, old.steps]).toEqual([true, true, []]);
    expect([finished.reacceptRules, finished.completed]).toEqual([true, true]);
    expect([mid.reacceptRules, mid.completed, mid.steps[0]]).toEqual([false, false, { key: 'rules', label: expect.any(String), done: false }]);

    // Not blocked from earning while asked: both check in.
    for (const who of [OLD, 'ob-rules-done']) expect((await gw.call(who, 'checkin', { action: 'do', requestId: rid('ci') }, TOMORROW)).status).toBe(200);
    const before = await balance('ob-rules-done');
    const beforeOld = await balance(OLD);
    // An old version is refused and changes nothing; the current one is accepted once, also by a member from before entry rules.
    const stale = await gw.call('ob-rules-done', 'member', { action: 'completeStep', requestId: rid('rd-stale'), step: 'rules', rulesVersion: version - 1 }, TOMORROW);
    expect([stale.status, stale.body.error.message]).toEqual([409, '群规已更新，请重新阅读后同意']);
    const twice = await Promise.all([1, 2, 3].map(() => gw.call('ob-rules-done', 'member', { action: 'completeStep', requestId: rid('rd-accept'), step: 'rules', rulesVersion: version }, TOMORROW)));
    expect(twice.every((r) => r.status === 200 && r.body.data.reacceptRules === false && r.body.data.completed === true)).toBe(true);
    const oldAccepted = await ok(OLD, 'member', { action: 'completeStep', requestId: rid('old-accept'), step: 'rules', rulesVersion: version }, TOMORROW);
    expect([oldAccepted.reacceptRules, oldAccepted.completed]).toEqual([false, true]);
    // Old members still walk no ritual otherwise.
    expect((await gw.call(OLD, 'member', { action: 'completeStep', requestId: rid('old-nick'), step: 'intro', intro: '你好' }, TOMORROW)).status).toBe(409);
    // No second welcome gift for anyone.
    expect(await balance('ob-rules-done')).toBe(before);
    expect(await balance(OLD)).toBe(beforeOld);
    const history = await ok('ob-rules-done', 'points', { action: 'history' }, TOMORROW);
    expect(history.entries.filter((e: { reason: string }) => e.reason === 'welcome')).toHaveLength(1);
    expect((await gw.store.get('members', done))?.onboarding?.rulesVersion).toBe(version);
  });

  it('admits a paying member of a paid community like an approved application: the ritual and the greeting queue, once', async () => {
    const PAY_DAY = '2026-11-26T04:00:00Z';
    await ok(OWNER, 'settings', { action: 'updateEntry', requestId: rid('paid-mode'), entry: { ...ENTRY, mode: 'paid' } }, PAY_DAY);
    await ok('ob-payer', 'member', { action: 'login' }, PAY_DAY);
    const payer = memberIdFor('ob-payer');
    expect((await ok('ob-payer', 'member', { action: 'onboarding' }, PAY_DAY)).status).toBe('pending');
    const refused = await gw.call('ob-payer', 'checkin', { action: 'do', requestId: rid('pay-ci0') }, PAY_DAY);
    expect([refused.status, refused.body.error.message]).toEqual([403, '本社群仅对付费会员开放，开通会员后即可使用']);
    const waitingBefore = (await ok(HOST, 'member', { action: 'newcomers' }, PAY_DAY)).waiting;

    const order = await ok('ob-payer', 'vip', { action: 'buy', requestId: rid('pay-buy'), planId: 'month' }, PAY_DAY);
    const settings = await loadSettings(gw.store);
    const paid = await Promise.all([1, 2, 3, 4].map(() => simulatePayment(gw.store, order.orderId, new Date(PAY_DAY), settings)));
    expect(paid.filter((p) => p.paid)).toHaveLength(1);

    const stored = (await gw.store.get('members', payer))!;
    expect([stored.status, stored.admittedAt, stored.newcomer]).toEqual(['admitted', new Date(PAY_DAY).toISOString(), 'waiting']);
    const view = await ok('ob-payer', 'member', { action: 'onboarding' }, PAY_DAY);
    expect([view.status, view.completed, view.steps.map((s: { key: string }) => s.key)]).toEqual(['admitted', false, ['rules', 'nickname', 'profile', 'intro']]);
    const queue = await ok(HOST, 'member', { action: 'newcomers' }, PAY_DAY);
    expect(queue.waiting).toBe(waitingBefore + 1);
    expect(queue.newcomers.find((n: { memberId: string }) => n.memberId === payer)).toMatchObject({ greeted: false, stepsDone: 0 });
    expect((await gw.call('ob-payer', 'checkin', { action: 'do', requestId: rid('pay-ci1') }, PAY_DAY)).status).toBe(200);
    await ok('ob-payer', 'member', { action: 'completeStep', requestId: rid('pay-rules'), step: 'rules', rulesVersion: view.rulesVersion }, PAY_DAY);

    // A host greets; a renewal later neither re-admits nor re-queues.
    await ok(HOST, 'member', { action: 'greet', requestId: rid('pay-greet'), memberId: payer, text: '欢迎加入付费社群！' }, PAY_DAY);
    const renewal = await ok('ob-payer', 'vip', { action: 'buy', requestId: rid('pay-buy2'), planId: 'month' }, '2026-11-27T04:00:00Z');
    expect((await simulatePayment(gw.store, renewal.orderId, new Date('2026-11-27T04:00:00Z'), settings)).paid).toBe(true);
    const after = (await gw.store.get('members', payer))!;
    expect([after.admittedAt, after.newcomer, after.onboarding?.rulesVersion]).toEqual([stored.admittedAt, 'greeted', view.rulesVersion]);
    const audit = await gw.store.find('memberAudit', { where: { memberId: payer }, limit: 10 });
    expect(audit.docs.map((d) => [d.action, d.reason])).toEqual([['approve', '付费入群']]);
  });
});
