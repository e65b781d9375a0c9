import { memberIdFor } from '../src/server/kernel/ids';
import { supportQueues } from '../src/server/domain/supportQueue';
import { startGateway, type TestGateway } from './support/gateway';

// The support desk through the local gateway (SQLite, or the CloudBase double in the `cloudbase`
// project): answers paid once, private cases, remedies exactly once, working-hours clocks.
let gw: TestGateway;
const OWNER = 'sd-owner';
const HOST = 'sd-host';
const HOST2 = 'sd-host2';
const NOW = '2026-12-07T10:00:00+08:00';
let seq = 0;
const rid = (tag: string) => `${tag}-${String(++seq).padStart(6, '0')}`;

async function call(openid: string, event: Record<string, unknown>, now = NOW) {
  return gw.call(openid, 'support', event, now);
}
async function ok(openid: string, event: Record<string, unknown>, now = NOW) {
  const r = await call(openid, event, now);
  if (r.status !== 200) throw new Error(`support.${String(event.action)}: ${JSON.stringify(r.body)}`);
  return r.body.data;
}
async function person(label: string, points = 0): Promise<string> {
  const openid = `sd-${label}-${++seq}`;
  await gw.call(openid, 'member', { action: 'login' }, '2026-11-01T10:00:00+08:00');
  if (points > 0) {
    const r = await gw.call(OWNER, 'points', { action: 'adjust', requestId: rid('fund'), memberId: memberIdFor(openid), delta: points, reason: '测试积分' }, NOW);
    expect(r.status).toBe(200);
  }
  return openid;
}
async function balance(openid: string): Promise<number> {
  return (await gw.call(openid, 'points', { action: 'balance' }, NOW)).body.data.balance;
}
async function askAndAnswer(asker: string, answerer: string, now = NOW) {
  const q = (await ok(asker, { action: 'ask', requestId: rid('ask'), text: '积分什么时候过期？', topic: 'points' }, now)).question;
  const a = (await ok(answerer, { action: 'answer', requestId: rid('ans'), questionId: q.id, text: '次年年底过期' }, now)).answer;
  return { q, a };
}

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  for (const openid of [OWNER, HOST, HOST2]) await gw.call(openid, 'member', { action: 'login' }, '2026-11-01T10:00:00+08:00');
  await gw.call(OWNER, 'member', { action: 'setRole', requestId: 'sd-make-host', memberId: memberIdFor(HOST), role: 'host' }, NOW);
  await gw.call(OWNER, 'member', { action: 'setRole', requestId: 'sd-make-host2', memberId: memberIdFor(HOST2), role: 'host' }, NOW);
});
afterAll(async () => {
  await gw.close();
});

describe('questions and accepted answers', () => {
  it('pays the answerer once when 30 accepts race, and every other accept changes nothing', async () => {
    const asker = await person('asker');
    const answerer = await person('answerer');
    const { q, a } = await askAndAnswer(asker, answerer);
    const before = await balance(answerer);
    const results = await Promise.all(Array.from({ length: 30 }, () => call(asker, { action: 'accept', requestId: rid('acc'), questionId: q.id, answerId: a.id })));
    const wins = results.filter((r) => r.status === 200);
    expect(wins).toHaveLength(1);
    expect(wins[0].body.data.paid).toBe(10);
    expect(results.filter((r) => r.status !== 200).every((r) => r.body.error.code === 'CONFLICT')).toBe(true);
    expect(await balance(answerer)).toBe(before + 10);
    const shown = await ok(asker, { action: 'question', questionId: q.id });
    expect(shown.question.state).toBe('accepted');
    expect(shown.answers[0]).toMatchObject({ id: a.id, accepted: true });
  });

  it('replays an accept with its first answer and refuses the requestId for another answer', async () => {
    const asker = await person('asker');
    const answerer = await person('answerer');
    const { q, a } = await askAndAnswer(asker, answerer);
    const event = { action: 'accept', requestId: rid('acc'), questionId: q.id, answerId: a.id };
    const [first, second] = await Promise.all([call(asker, event), call(asker, event)]);
    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(await balance(answerer)).toBe(10);
    const other = (await ok(answerer, { action: 'answer', requestId: rid('ans'), questionId: q.id, text: '补充一句' })).answer;
    expect((await call(asker, { ...event, answerId: other.id })).body.error.code).toBe('CONFLICT');
    expect(await balance(answerer)).toBe(10);
  });

  it('pays nothing for answering one’s own question, for a host answer, or when someone else accepts', async () => {
    const asker = await person('self');
    const q = (await ok(asker, { action: 'ask', requestId: rid('ask'), text: '自问自答的问题' })).question;
    const own = (await ok(asker, { action: 'answer', requestId: rid('ans'), questionId: q.id, text: '我自己找到了答案' })).answer;
    const accepted = await ok(asker, { action: 'accept', requestId: rid('acc'), questionId: q.id, answerId: own.id });
    expect(accepted.paid).toBe(0);
    expect(accepted.note).toMatch(/自己/);
    expect(await balance(asker)).toBe(0);

    const asker2 = await person('asker');
    const { q: q2 } = await askAndAnswer(asker2, await person('x'));
    const hostAnswer = (await ok(HOST, { action: 'answer', requestId: rid('ans'), questionId: q2.id, text: '群管来回答' })).answer;
    const stranger = await person('stranger');
    expect((await call(stranger, { action: 'accept', requestId: rid('acc'), questionId: q2.id, answerId: hostAnswer.id })).body.error.code).toBe('FORBIDDEN');
    const byHost = await ok(HOST, { action: 'accept', requestId: rid('acc'), questionId: q2.id, answerId: hostAnswer.id });
    expect(byHost.paid).toBe(0);
    expect(await balance(HOST)).toBe(0);
  });

  it('holds the daily cap of paid answers per answerer and pays again the next community day', async () => {
    const answerer = await person('busy');
    const askers: string[] = [];
    const pairs = [];
    for (let i = 0; i < 7; i += 1) {
      askers.push(await person(`c${i}`));
      pairs.push(await askAndAnswer(askers[i], answerer));
    }
    const paid: number[] = [];
    for (const [i, { q, a }] of pairs.entries()) {
      const when = i < 6 ? '2026-12-07T23:50:00+08:00' : '2026-12-08T00:10:00+08:00';
      paid.push((await ok(askers[i], { action: 'accept', requestId: rid('acc'), questionId: q.id, answerId: a.id }, when)).paid);
    }
    expect(paid).toEqual([10, 10, 10, 10, 10, 0, 10]);
    expect(await balance(answerer)).toBe(60);
  });

  it('refuses bad questions and answers with a sentence and stores nothing', async () => {
    const asker = await person('bad');
    const bad: Array<Record<string, unknown>> = [
      { text: '' },
      { text: '问'.repeat(501) },
      { text: '好问题', topic: 'weather' },
      { text: '好问题', images: ['/uploads/a.jpg', '/uploads/b.jpg', '/uploads/c.jpg', '/uploads/d.jpg'] },
      { text: '好问题', images: ['https://evil.example/x.jpg'] },
      { text: '好问题', memberId: 'someone' },
      { text: 123 },
    ];
    for (const extra of bad) {
      const r = await call(asker, { action: 'ask', requestId: rid('bad'), ...extra });
      expect(r.body.error.code).toBe('VALIDATION');
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await call(asker, { action: 'ask', text: '没有请求号' })).body.error.code).toBe('VALIDATION');
    expect((await ok(asker, { action: 'mine' })).questions).toEqual([]);
    const { q } = await askAndAnswer(asker, await person('y'));
    for (const extra of [{ text: '' }, { text: '答'.repeat(1001) }, { questionId: '' }]) {
      expect((await call(asker, { action: 'answer', requestId: rid('bad'), questionId: q.id, text: '好', ...extra })).body.error.code).toBe('VALIDATION');
    }
    expect((await call(asker, { action: 'accept', requestId: rid('bad'), questionId: q.id })).body.error.code).toBe('VALIDATION');
    expect((await ok(asker, { action: 'question', questionId: q.id })).answers).toHaveLength(1);
  });

  it('lists answered questions in the knowledge base, newest and most useful first, and by lesson topic', async () => {
    const page = await ok(await person('reader'), { action: 'questions', sort: 'useful', limit: 5 });
    expect(page.questions.length).toBeGreaterThan(0);
    expect(page.questions[0].state).toBe('accepted');
    const newest = await ok(HOST, { action: 'questions', topic: 'points', limit: 100 });
    const times = newest.questions.map((q: { createdAt: string }) => q.createdAt);
    expect(newest.questions.every((q: { topic: string }) => q.topic === 'points')).toBe(true);
    expect(times.length).toBeGreaterThan(3);
  });
});
