import { memberIdFor } from '../src/server/kernel/ids';
import { supportQueues } from '../src/server/domain/supportQueue';
import { mediaCheckId } from '../src/server/domain/contentCheck';
import { applyMediaVerdict } from '../src/server/domain/mediaVerdicts';
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
  gw = await startGateway({ owners: [OWNER], uploads: true });
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
    const line = (await gw.call(answerer, 'points', { action: 'history' }, NOW)).body.data.entries[0];
    expect(line).toMatchObject({ delta: 10, reason: 'support', label: '回答被采纳：积分什么时候过期？' });
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

const baseItem = {
  title: '社群定制帆布袋',
  description: '限量周边',
  image: '',
  pointsPrice: 30,
  stock: 10,
  perMemberLimit: null,
  limitPeriod: 'ever',
  minTier: null,
  saleStartsAt: null,
  saleEndsAt: null,
  kind: 'physical',
  virtual: null,
  listed: true,
};
const ADDRESS = { name: '林小姐', phone: '13800000000', region: '上海市 徐汇区', detail: '漕溪北路 1 号' };

async function orderOf(openid: string): Promise<{ orderId: string; itemId: string }> {
  const item = (await gw.call(OWNER, 'mall', { action: 'saveItem', requestId: rid('item'), item: baseItem }, NOW)).body.data.item;
  const r = await gw.call(openid, 'mall', { action: 'redeem', requestId: rid('buy'), itemId: item.id, qty: 1, address: ADDRESS }, NOW);
  expect(r.status).toBe(200);
  return { orderId: r.body.data.order.id, itemId: item.id };
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 2)]);
async function upload(openid: string): Promise<string> {
  const response = await fetch(`${gw.url}/api/_upload`, { method: 'POST', headers: { 'content-type': 'image/png', 'x-qunyun-openid': openid }, body: new Uint8Array(PNG) });
  const body = (await response.json()) as { data: { url: string } };
  return body.data.url;
}

describe('photos on questions and cases', () => {
  it('takes the asker’s own uploads, shows them, and refuses someone else’s', async () => {
    const asker = await person('photo');
    const other = await person('photo-other');
    const mine = await upload(asker);
    const theirs = await upload(other);
    const refused = await call(asker, { action: 'ask', requestId: rid('ask'), text: '这张截图是什么意思？', images: [theirs] });
    expect(refused.body.error.code).toBe('VALIDATION');
    expect((await ok(asker, { action: 'mine' })).questions).toEqual([]);
    const q = (await ok(asker, { action: 'ask', requestId: rid('ask'), text: '这张截图是什么意思？', images: [mine] })).question;
    expect((await ok(other, { action: 'question', questionId: q.id })).question.images).toEqual([mine]);
    const c = (await ok(other, { action: 'file', requestId: rid('file'), kind: 'complaint', about: 'other', text: '截图为证', images: [theirs] })).case;
    expect(c.images).toEqual([theirs]);
    // WeChat's later verdict on a photo: a risky one leaves the question it was on.
    const check = await gw.store.get('mediaChecks', mediaCheckId(mine));
    expect(check?.usedIn).toBe(`supportQuestions/${q.id}`);
    await applyMediaVerdict(gw.store, { MsgType: 'event', Event: 'wxa_media_check', trace_id: check?.traceId ?? '', result: { suggest: 'risky' } });
    expect((await ok(other, { action: 'question', questionId: q.id })).question.images).toEqual([]);
  });
});

describe('lesson questions on the desk', () => {
  it('asks about a lesson, lists the lesson’s answered desk questions, and refuses an unknown lesson', async () => {
    const lesson = { title: '社群运营的第一周', lecturer: '王老师', startsAt: '2026-12-09T20:00:00+08:00', endsAt: '2026-12-09T21:00:00+08:00', outline: '1. 拉新', watch: { kind: 'meeting', value: 'https://meeting.example.com/123' } };
    const published = await gw.call(HOST, 'lessons', { action: 'publish', requestId: rid('pub'), lesson }, NOW);
    expect(published.status).toBe(200);
    const lessonId = published.body.data.lesson.id;
    const asker = await person('lesson');
    expect((await call(asker, { action: 'ask', requestId: rid('ask'), text: '回放在哪看？', lessonId: 'no-such-lesson' })).body.error.code).toBe('VALIDATION');
    const q = (await ok(asker, { action: 'ask', requestId: rid('ask'), text: '回放在哪看？', lessonId })).question;
    expect(q).toMatchObject({ topic: 'lesson', lessonId });
    expect((await ok(asker, { action: 'questions', lessonId })).questions).toEqual([]);
    await ok(HOST, { action: 'answer', requestId: rid('ans'), questionId: q.id, text: '课程页的回放栏' });
    expect((await ok(asker, { action: 'questions', lessonId })).questions.map((x: { id: string }) => x.id)).toEqual([q.id]);
  });
});

describe('one Q&A: lesson questions live on the desk', () => {
  it('queues a lesson question for hosts, shows desk answers on the lesson page, and keeps older lesson questions readable', async () => {
    const lesson = { title: '激活新人的三个办法', lecturer: '王老师', startsAt: '2026-12-09T20:00:00+08:00', endsAt: '2026-12-09T21:00:00+08:00', outline: '1. 激活', watch: { kind: 'meeting', value: 'https://meeting.example.com/456' } };
    const lessonId = (await gw.call(HOST, 'lessons', { action: 'publish', requestId: rid('pub'), lesson }, NOW)).body.data.lesson.id;
    const asker = await person('lq');
    const helper = await person('lqh');
    const asked = (await gw.call(asker, 'lessons', { action: 'ask', requestId: rid('lask'), lessonId, text: '新人不说话怎么办？' }, NOW)).body.data.question;
    const queued = (await ok(HOST, { action: 'queue' })).items.find((i: { id: string }) => i.id === asked.id);
    expect(queued).toMatchObject({ kind: 'question', title: '新人不说话怎么办？' });
    const shown = await ok(helper, { action: 'question', questionId: asked.id });
    expect(shown.question).toMatchObject({ topic: 'lesson', lessonId });
    await ok(helper, { action: 'answer', requestId: rid('ans'), questionId: asked.id, text: '先私聊打个招呼' }, '2026-12-07T10:30:00+08:00');
    let page = (await gw.call(asker, 'lessons', { action: 'get', lessonId }, '2026-12-07T11:00:00+08:00')).body.data;
    expect(page.mine.questions.map((q: { answer: { text: string } | null; responseMinutes: number }) => [q.answer?.text, q.responseMinutes])).toEqual([['先私聊打个招呼', 30]]);
    // The host's lesson answer takes precedence on the lesson page and is rewritten in place.
    await gw.call(HOST, 'lessons', { action: 'answer', requestId: rid('la'), questionId: asked.id, text: '课上细讲' }, '2026-12-07T12:00:00+08:00');
    await gw.call(HOST, 'lessons', { action: 'answer', requestId: rid('la'), questionId: asked.id, text: '课上细讲，回放第 10 分钟' }, '2026-12-07T12:10:00+08:00');
    page = (await gw.call(asker, 'lessons', { action: 'get', lessonId }, '2026-12-07T13:00:00+08:00')).body.data;
    expect(page.mine.questions[0].answer.text).toBe('课上细讲，回放第 10 分钟');
    expect(page.mine.questions[0].responseMinutes).toBe(30);
    expect((await ok(asker, { action: 'question', questionId: asked.id })).answers).toHaveLength(2);
    // A question stored before the move still shows and can be answered.
    await gw.store.transaction((tx) => tx.create('lessonQuestions', { id: `${lessonId}:old`, lessonId, memberId: memberIdFor(asker), text: '以前的问题', createdAt: '2026-12-06T10:00:00.000Z', answeredAt: null, answeredBy: null }));
    const listed = (await gw.call(HOST, 'lessons', { action: 'questions', lessonId }, NOW)).body.data.questions;
    expect(listed.map((q: { text: string }) => q.text)).toEqual(['以前的问题', '新人不说话怎么办？']);
    const old = await gw.call(HOST, 'lessons', { action: 'answer', requestId: rid('la'), questionId: `${lessonId}:old`, text: '已答复' }, NOW);
    expect(old.body.data.question.answer.text).toBe('已答复');
    expect((await gw.call(HOST, 'lessons', { action: 'answer', requestId: rid('la'), questionId: 'q_missing', text: '答' }, NOW)).body.error.code).toBe('NOT_FOUND');
    expect((await gw.call(HOST, 'lessons', { action: 'stats', lessonId }, NOW)).body.data).toMatchObject({ questions: 2, answered: 2 });
  });
});

describe('complaints and disputes', () => {
  it('shows a case only to its parties and staff; any other member gets NOT_FOUND', async () => {
    const filer = await person('filer');
    const other = await person('other');
    const stranger = await person('stranger');
    const dispute = (await ok(filer, { action: 'file', requestId: rid('file'), kind: 'dispute', text: '对方借了我的书没还', otherId: memberIdFor(other) })).case;
    expect(dispute).toMatchObject({ state: 'open', myPart: 'filer', clock: null });
    expect((await ok(other, { action: 'case', caseId: dispute.id })).case.myPart).toBe('other');
    expect((await ok(HOST, { action: 'case', caseId: dispute.id })).case.clock).not.toBeNull();
    const refused = await call(stranger, { action: 'case', caseId: dispute.id });
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('NOT_FOUND');
    expect((await call(stranger, { action: 'case', caseId: 'k_missing' })).body).toEqual(refused.body);
    for (const action of ['respond', 'reopen']) expect((await call(stranger, { action, requestId: rid('x'), caseId: dispute.id, ...(action === 'respond' ? { text: '我来看看' } : { reason: '我来看看' }) })).body.error.code).toBe('NOT_FOUND');
    expect((await call(stranger, { action: 'rate', requestId: rid('x'), caseId: dispute.id, score: 1 })).body.error.code).toBe('NOT_FOUND');
    expect((await call(stranger, { action: 'take', requestId: rid('x'), caseId: dispute.id })).body.error.code).toBe('FORBIDDEN');
    expect((await ok(other, { action: 'mine' })).cases.map((c: { id: string }) => c.id)).toEqual([dispute.id]);
    const about = await person('about');
    const code = (await gw.call(about, 'member', { action: 'me' }, NOW)).body.data.member.inviteCode;
    const complaint = (await ok(filer, { action: 'file', requestId: rid('file'), kind: 'complaint', about: 'member', otherCode: code, text: '这位会员在群里骂人' })).case;
    expect(complaint.aboutLabel).toBe((await gw.call(about, 'member', { action: 'me' }, NOW)).body.data.member.nickname);
    expect((await call(about, { action: 'case', caseId: complaint.id })).body.error.code).toBe('NOT_FOUND');
    expect((await ok(about, { action: 'mine' })).cases).toEqual([]);
    expect((await ok(stranger, { action: 'mine' })).cases).toEqual([]);
  });

  it('lets the other party reply once and counts a dispute both settle as self-resolved', async () => {
    const filer = await person('filer');
    const other = await person('other');
    const d = (await ok(filer, { action: 'file', requestId: rid('file'), kind: 'dispute', text: '拼单的钱没有分清楚', otherId: memberIdFor(other) })).case;
    expect((await call(filer, { action: 'respond', requestId: rid('r'), caseId: d.id, text: '我也说一句' })).body.error.code).toBe('FORBIDDEN');
    expect((await ok(other, { action: 'respond', requestId: rid('r'), caseId: d.id, text: '我已经转账了' })).case.reply.text).toBe('我已经转账了');
    expect((await call(other, { action: 'respond', requestId: rid('r'), caseId: d.id, text: '再说一句' })).body.error.code).toBe('CONFLICT');
    expect((await ok(filer, { action: 'settle', requestId: rid('s'), caseId: d.id })).case.state).toBe('open');
    const settled = (await ok(other, { action: 'settle', requestId: rid('s'), caseId: d.id })).case;
    expect(settled).toMatchObject({ state: 'resolved', selfResolved: true, resolution: '双方已和解' });
    const m = await ok(OWNER, { action: 'metrics' });
    expect(m.disputeSelfResolution).toBe(1);
  });

  it('refunds an order from a complaint exactly once, linked both ways', async () => {
    const buyer = await person('buyer', 100);
    const { orderId, itemId } = await orderOf(buyer);
    expect(await balance(buyer)).toBe(70);
    const c = (await ok(buyer, { action: 'file', requestId: rid('file'), kind: 'complaint', about: 'order', orderId, text: '帆布袋一直没有发货' })).case;
    expect(c.aboutLabel).toBe('社群定制帆布袋 ×1');
    await ok(HOST, { action: 'take', requestId: rid('take'), caseId: c.id });
    const results = await Promise.all(Array.from({ length: 10 }, () => call(HOST, { action: 'remedy', requestId: rid('refund'), caseId: c.id, kind: 'refund', orderId, note: '缺货退款' })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 200).every((r) => r.body.error.code === 'CONFLICT')).toBe(true);
    expect(await balance(buyer)).toBe(100);
    const shown = (await ok(buyer, { action: 'case', caseId: c.id })).case;
    expect(shown.remedies).toHaveLength(1);
    expect(shown.remedies[0]).toMatchObject({ kind: 'refund', points: 30, orderId });
    const order = await gw.store.get('orders', orderId);
    expect(order).toMatchObject({ status: 'cancelled', caseId: c.id, refundEntryId: shown.remedies[0].entryId });
    const shelf = (await gw.call(OWNER, 'mall', { action: 'list' }, NOW)).body.data.items.find((i: { id: string }) => i.id === itemId);
    expect(shelf.stock).toBe(10);
    expect((await call(HOST, { action: 'remedy', requestId: rid('again'), caseId: c.id, kind: 'refund', orderId, note: '再退一次' })).body.error.code).toBe('CONFLICT');
    expect(await balance(buyer)).toBe(100);
  });

  it('reverses a ledger entry and grants goodwill once each, and refuses bad remedies without moving points', async () => {
    const member = await person('rev', 50);
    const entryId = (await gw.call(member, 'points', { action: 'history' }, NOW)).body.data.entries[0].id;
    const c = (await ok(member, { action: 'file', requestId: rid('file'), kind: 'complaint', about: 'points', text: '积分被多发了，想退回' })).case;
    const bad: Array<Record<string, unknown>> = [
      { kind: 'refund' },
      { kind: 'reverse' },
      { kind: 'goodwill' },
      { kind: 'goodwill', points: 0 },
      { kind: 'goodwill', points: 1001 },
      { kind: 'goodwill', points: 1.5 },
      { kind: 'cash', points: 5 },
      { kind: 'goodwill', points: 5, note: '' },
    ];
    for (const extra of bad) expect((await call(HOST, { action: 'remedy', requestId: rid('bad'), caseId: c.id, note: '处理', ...extra })).body.error.code).toBe('VALIDATION');
    expect(await balance(member)).toBe(50);
    const reversals = await Promise.all(Array.from({ length: 5 }, () => call(HOST, { action: 'remedy', requestId: rid('rev'), caseId: c.id, kind: 'reverse', entryId, note: '多发退回' })));
    expect(reversals.filter((r) => r.status === 200)).toHaveLength(1);
    expect(await balance(member)).toBe(0);
    const goodwill = await Promise.all(Array.from({ length: 5 }, () => call(HOST, { action: 'remedy', requestId: rid('gw'), caseId: c.id, kind: 'goodwill', points: 20, note: '感谢反馈' })));
    expect(goodwill.filter((r) => r.status === 200)).toHaveLength(1);
    expect(await balance(member)).toBe(20);
    const history = (await gw.call(member, 'points', { action: 'history' }, NOW)).body.data.entries;
    expect(history.filter((e: { ref: string | null }) => e.ref === c.id)).toHaveLength(2);
    expect(history.map((e: { label: string | null }) => e.label)).toEqual(expect.arrayContaining(['客服补偿', '冲正']));
    expect(history.some((e: { label: string | null }) => e.label?.includes(c.id))).toBe(false);
    expect((await ok(member, { action: 'case', caseId: c.id })).case.remedies.map((r: { kind: string }) => r.kind)).toEqual(['reverse', 'goodwill']);
    expect((await call(member, { action: 'remedy', requestId: rid('self'), caseId: c.id, kind: 'goodwill', points: 5, note: '给自己' })).body.error.code).toBe('FORBIDDEN');
  });

  it('takes, resolves, rates and reopens within 7 days; escalated cases are the owner’s', async () => {
    const filer = await person('flow');
    const c = (await ok(filer, { action: 'file', requestId: rid('file'), kind: 'complaint', about: 'lesson', text: '直播课声音断断续续' })).case;
    await ok(HOST, { action: 'take', requestId: rid('take'), caseId: c.id });
    expect((await call(HOST2, { action: 'take', requestId: rid('take'), caseId: c.id })).body.error.code).toBe('CONFLICT');
    expect((await call(filer, { action: 'rate', requestId: rid('rate'), caseId: c.id, score: 5 })).body.error.code).toBe('CONFLICT');
    const resolved = (await ok(HOST, { action: 'resolve', requestId: rid('res'), caseId: c.id, resolution: '已联系讲师换设备，回放已补上' })).case;
    expect(resolved).toMatchObject({ state: 'resolved', resolution: '已联系讲师换设备，回放已补上' });
    for (const score of [0, 6, 2.5]) expect((await call(filer, { action: 'rate', requestId: rid('rate'), caseId: c.id, score })).body.error.code).toBe('VALIDATION');
    expect((await ok(filer, { action: 'rate', requestId: rid('rate'), caseId: c.id, score: 2, comment: '有点慢' })).case.rating).toEqual({ score: 2, comment: '有点慢' });
    expect((await call(filer, { action: 'rate', requestId: rid('rate'), caseId: c.id, score: 5 })).body.error.code).toBe('CONFLICT');
    const reopened = (await ok(filer, { action: 'reopen', requestId: rid('re'), caseId: c.id, reason: '回放还是没有声音' }, '2026-12-12T10:00:00+08:00')).case;
    expect(reopened).toMatchObject({ state: 'in_progress', reopened: 1, rating: null });
    await ok(HOST, { action: 'resolve', requestId: rid('res'), caseId: c.id, resolution: '回放已重新上传' }, '2026-12-12T11:00:00+08:00');
    await ok(filer, { action: 'rate', requestId: rid('rate'), caseId: c.id, score: 4 }, '2026-12-12T12:00:00+08:00');
    expect((await call(filer, { action: 'reopen', requestId: rid('re'), caseId: c.id, reason: '还有问题' }, '2026-12-19T12:00:00+08:00')).body.error.code).toBe('CONFLICT');

    const e = (await ok(filer, { action: 'file', requestId: rid('file'), kind: 'complaint', text: '群管态度不好' })).case;
    expect((await ok(HOST, { action: 'escalate', requestId: rid('esc'), caseId: e.id, reason: '涉及群管本人' })).case.state).toBe('escalated');
    expect((await call(HOST2, { action: 'resolve', requestId: rid('res'), caseId: e.id, resolution: '我来' })).body.error.code).toBe('FORBIDDEN');
    expect((await ok(OWNER, { action: 'resolve', requestId: rid('res'), caseId: e.id, resolution: '群主已沟通' })).case.state).toBe('resolved');
  });

  it('refuses bad cases and stores nothing', async () => {
    const filer = await person('badcase');
    const bad: Array<Record<string, unknown>> = [
      { kind: 'complaint', text: '' },
      { kind: 'complaint', text: '字'.repeat(1001) },
      { kind: 'praise', text: '很好' },
      { kind: 'dispute', text: '没有对方' },
      { kind: 'dispute', text: '和自己', otherId: memberIdFor(filer) },
      { kind: 'complaint', about: 'order', text: '没有订单' },
      { kind: 'complaint', about: 'order', orderId: 'o_missing', text: '别人的订单' },
      { kind: 'complaint', about: 'weather', text: '天气' },
    ];
    for (const extra of bad) {
      const r = await call(filer, { action: 'file', requestId: rid('bad'), ...extra });
      expect(r.body.error.code).toBe('VALIDATION');
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await ok(filer, { action: 'mine' })).cases).toEqual([]);
  });
});

describe('service levels and the host queue', () => {
  it('puts a question asked at 20:50 due at 12:50 the next day, overdue items first, and matches the to-do counts', async () => {
    const asker = await person('late');
    const q = (await ok(asker, { action: 'ask', requestId: rid('ask'), text: '晚上的问题' }, '2026-12-07T20:50:00+08:00')).question;
    const at = (iso: string) => new Date(iso).toISOString();
    const before = await ok(HOST, { action: 'queue' }, '2026-12-08T12:49:00+08:00');
    const row = before.items.find((i: { id: string }) => i.id === q.id);
    expect(row.clock).toMatchObject({ dueAt: at('2026-12-08T12:50:00+08:00'), overdue: false });
    const after = await ok(HOST, { action: 'queue' }, '2026-12-08T12:51:00+08:00');
    const late = after.items.find((i: { id: string }) => i.id === q.id);
    expect(late.clock.overdue).toBe(true);
    const firstCalm = after.items.findIndex((i: { clock: { overdue: boolean } }) => !i.clock.overdue);
    const lastLate = after.items.map((i: { clock: { overdue: boolean } }) => i.clock.overdue).lastIndexOf(true);
    expect(firstCalm === -1 || lastLate < firstCalm).toBe(true);
    const queues = await supportQueues(gw.store, Date.parse('2026-12-08T12:51:00+08:00'));
    expect(Object.fromEntries(queues.map((x) => [x.key, x.count]))).toEqual({ 'support.questions': after.totals.questions, 'support.complaints': after.totals.complaints, 'support.disputes': after.totals.disputes, 'support.owner': after.totals.owner });
    expect(after.totals.owner).toBeGreaterThan(0);
    expect(after.totals.owner).toBe(after.items.filter((i: { state: string; clock: { toOwner: boolean } }) => i.state === '已上报群主' || i.clock.toOwner).length);
    expect(after.totals.questions).toBe(after.items.filter((i: { kind: string }) => i.kind === 'question').length);
    expect(queues[0].oldestAt).not.toBeNull();
    expect(queues.every((x) => x.path.startsWith('/subpackages/host/support/index'))).toBe(true);
    await ok(HOST, { action: 'answer', requestId: rid('ans'), questionId: q.id, text: '早上好，答案是……' }, '2026-12-08T13:00:00+08:00');
    const done = await ok(HOST, { action: 'queue' }, '2026-12-08T13:01:00+08:00');
    expect(done.items.find((i: { id: string }) => i.id === q.id)).toBeUndefined();
    expect((await supportQueues(gw.store, Date.now()))[0].count).toBe(after.totals.questions - 1);
  });

  it('keeps the queue and metrics for staff and owners', async () => {
    const member = await person('nosy');
    expect((await call(member, { action: 'queue' })).body.error.code).toBe('FORBIDDEN');
    expect((await call(HOST, { action: 'metrics' })).body.error.code).toBe('FORBIDDEN');
    const m = await ok(OWNER, { action: 'metrics' }, '2026-12-08T14:00:00+08:00');
    expect(m.questions).toBeGreaterThan(10);
    expect(m.medianFirstResponseMinutes).not.toBeNull();
    expect(m.answeredByMembers).toBeGreaterThan(0.5);
    expect(m.satisfaction).toBe(4);
    expect(m.ratings).toBe(1);
    expect(m.reopenRate).toBeGreaterThan(0);
    expect(m.perHost.length).toBeGreaterThan(0);
    const panel = (await gw.call(OWNER, 'funnel', { action: 'metrics' }, '2026-12-08T14:00:00+08:00')).body.data.metrics;
    const byKey = Object.fromEntries(panel.map((x: { key: string; value: number | null }) => [x.key, x.value]));
    expect(byKey.supportSatisfaction).toBe(4);
    expect(byKey.supportByMembers).toBe(m.answeredByMembers);
    expect(byKey.disputeSelfResolution).toBe(1);
  });

  it('lets the owner write scripts hosts insert, and members cannot', async () => {
    const saved = (await ok(OWNER, { action: 'saveScript', requestId: rid('sc'), script: { kind: 'complaint', title: '致歉', body: '{会员}您好，关于{订单}给您带来不便，非常抱歉' } })).script;
    expect((await ok(HOST, { action: 'scripts' })).scripts).toContainEqual(saved);
    expect((await call(HOST, { action: 'saveScript', requestId: rid('sc'), script: { kind: 'complaint', title: 'x', body: 'y' } })).body.error.code).toBe('FORBIDDEN');
    expect((await call(OWNER, { action: 'saveScript', requestId: rid('sc'), script: { kind: 'complaint', title: '', body: 'y' } })).body.error.code).toBe('VALIDATION');
  });

  it('lets the owner change working hours and limits, which the clocks follow, and refuses unsound rules', async () => {
    const rules = (await ok(HOST, { action: 'rules' })).rules;
    expect(rules).toMatchObject({ workStartHour: 9, workEndHour: 21, questionHours: 4, complaintHours: 2, disputeHours: 48 });
    const bad = [{ workEndHour: 9 }, { workStartHour: 20, workEndHour: 22 }, { questionHours: 0 }, { answerReward: -1 }, { reopenDays: 1.5 }, { extra: 1 }];
    for (const patch of bad) expect((await call(OWNER, { action: 'updateRules', requestId: rid('rules'), rules: { ...rules, ...patch } })).body.error.code).toBe('VALIDATION');
    expect((await call(HOST, { action: 'updateRules', requestId: rid('rules'), rules: { ...rules, questionHours: 2 } })).body.error.code).toBe('FORBIDDEN');
    expect((await ok(HOST, { action: 'rules' })).rules).toEqual(rules);
    await ok(OWNER, { action: 'updateRules', requestId: rid('rules'), rules: { ...rules, workEndHour: 18, questionHours: 2 } });
    const asker = await person('rules');
    const q = (await ok(asker, { action: 'ask', requestId: rid('ask'), text: '下午的问题' }, '2026-12-09T17:30:00+08:00')).question;
    const row = (await ok(HOST, { action: 'queue' }, '2026-12-09T17:31:00+08:00')).items.find((i: { id: string }) => i.id === q.id);
    expect(row.clock.dueAt).toBe(new Date('2026-12-10T10:30:00+08:00').toISOString());
    await ok(OWNER, { action: 'updateRules', requestId: rid('rules'), rules });
  });
});
