import { memberIdFor } from '../src/server/kernel/ids';
import { lessonMetrics, lessonReminders } from '../src/server/domain/lessonRecords';
import { localMessaging } from '../src/server/domain/messaging';
import { DEFAULT_SETTINGS } from '../src/core/settings';
import { startGateway, type TestGateway } from './support/gateway';

// The lessons function through the local gateway on a real SQLite file.
let gw: TestGateway;
const OWNER = 'ls-owner';
const HOST = 'ls-host';
const MEMBERS = Array.from({ length: 12 }, (_, i) => `ls-member-${i}`);
const [ALICE, BOB, CAROL] = MEMBERS;
const NOW = '2026-11-24T10:00:00+08:00';
let seq = 0;
const rid = (tag: string) => `${tag}-${String(++seq).padStart(6, '0')}`;

async function call(openid: string, event: Record<string, unknown>, now = NOW) {
  return gw.call(openid, 'lessons', event, now);
}
async function ok(openid: string, event: Record<string, unknown>, now = NOW) {
  const r = await call(openid, event, now);
  if (r.status !== 200) throw new Error(`lessons.${String(event.action)}: ${JSON.stringify(r.body)}`);
  return r.body.data;
}
async function balance(openid: string, now = NOW): Promise<number> {
  const r = await gw.call(openid, 'points', { action: 'balance' }, now);
  return r.body.data.balance;
}

const lessonInput = (startsAt: string, endsAt: string, extra: Record<string, unknown> = {}) => ({
  title: '社群运营的第一周',
  lecturer: '王老师',
  startsAt,
  endsAt,
  outline: '1. 拉新\n2. 激活',
  watch: { kind: 'meeting', value: 'https://meeting.example.com/123' },
  ...extra,
});

async function publish(startsAt: string, endsAt: string, extra: Record<string, unknown> = {}, now = NOW) {
  return (await ok(HOST, { action: 'publish', requestId: rid('pub'), lesson: lessonInput(startsAt, endsAt, extra) }, now)).lesson;
}

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  const joined = '2026-11-01T10:00:00+08:00';
  for (const openid of [OWNER, HOST, ...MEMBERS]) await gw.call(openid, 'member', { action: 'login' }, joined);
  await gw.call(OWNER, 'member', { action: 'setRole', requestId: 'ls-make-host', memberId: memberIdFor(HOST), role: 'host' }, joined);
});
afterAll(async () => {
  await gw.close();
});

describe('publishing', () => {
  it('lets members neither publish nor see drafts', async () => {
    const before = await gw.store.count('lessons');
    const r = await call(ALICE, { action: 'publish', requestId: rid('m'), lesson: lessonInput('2026-12-01T20:00:00+08:00', '2026-12-01T21:00:00+08:00') });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    expect(await gw.store.count('lessons')).toBe(before);

    const draft = (await ok(HOST, { action: 'publish', requestId: rid('d'), draft: true, lesson: lessonInput('2026-12-02T20:00:00+08:00', '2026-12-02T21:00:00+08:00') })).lesson;
    expect(draft.status).toBe('draft');
    expect((await call(ALICE, { action: 'get', lessonId: draft.id })).body.error.code).toBe('NOT_FOUND');
    const memberWeek = await ok(ALICE, { action: 'week', day: '2026-12-02' });
    expect(memberWeek.days.flatMap((d: { lessons: unknown[] }) => d.lessons)).toHaveLength(0);
    const hostWeek = await ok(HOST, { action: 'week', day: '2026-12-02' });
    expect(hostWeek.days.flatMap((d: { lessons: { id: string }[] }) => d.lessons.map((l) => l.id))).toEqual([draft.id]);

    const published = await ok(HOST, { action: 'update', requestId: rid('u'), lessonId: draft.id, publish: true, lesson: lessonInput(draft.startsAt, draft.endsAt) });
    expect(published.lesson.status).toBe('scheduled');
    expect((await ok(ALICE, { action: 'get', lessonId: draft.id })).lesson.status).toBe('scheduled');
  });

  it('rejects bad lessons with VALIDATION and writes nothing', async () => {
    const before = await gw.store.count('lessons');
    const bad: Array<Record<string, unknown>> = [
      lessonInput('2026-12-01T20:00:00+08:00', '2026-12-01T20:00:00+08:00'),
      lessonInput('2026-12-01T20:00:00+08:00', '2026-12-01T19:00:00+08:00'),
      lessonInput('2026-12-01T08:00:00+08:00', '2026-12-01T20:00:01+08:00'),
      lessonInput('tomorrow', '2026-12-01T20:00:00+08:00'),
      lessonInput('2026-12-01T20:00:00+08:00', '2026-12-01T21:00:00+08:00', { title: '课'.repeat(41) }),
      lessonInput('2026-12-01T20:00:00+08:00', '2026-12-01T21:00:00+08:00', { title: '   ' }),
      lessonInput('2026-12-01T20:00:00+08:00', '2026-12-01T21:00:00+08:00', { outline: 'x'.repeat(2001) }),
      lessonInput('2026-12-01T20:00:00+08:00', '2026-12-01T21:00:00+08:00', { capacity: 0 }),
      lessonInput('2026-12-01T20:00:00+08:00', '2026-12-01T21:00:00+08:00', { watch: { kind: 'tv', value: 'x' } }),
      lessonInput('2026-12-01T20:00:00+08:00', '2026-12-01T21:00:00+08:00', { openid: 'someone' }),
    ];
    for (const lesson of bad) {
      const r = await call(HOST, { action: 'publish', requestId: rid('bad'), lesson });
      expect([r.status, r.body.error?.code]).toEqual([400, 'VALIDATION']);
    }
    expect(await gw.store.count('lessons')).toBe(before);
  });

  it('places a lesson on its community day of the Monday–Sunday week', async () => {
    // 00:30 in Shanghai on Sunday 6 Dec is still Saturday 5 Dec in UTC.
    const lesson = await publish('2026-12-06T00:30:00+08:00', '2026-12-06T01:30:00+08:00');
    expect(lesson.day).toBe('2026-12-06');
    const week = await ok(BOB, { action: 'week', day: '2026-12-03' });
    expect(week.monday).toBe('2026-11-30');
    expect(week.days.map((d: { day: string }) => d.day)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(week.days[6].lessons.map((l: { id: string }) => l.id)).toContain(lesson.id);
    expect(week.days[5].lessons.map((l: { id: string }) => l.id)).not.toContain(lesson.id);
    const next = await ok(BOB, { action: 'week', day: '2026-12-07' });
    expect(next.days.flatMap((d: { lessons: { id: string }[] }) => d.lessons.map((l) => l.id))).not.toContain(lesson.id);
  });

  it('replays a publish with the same requestId without a second lesson', async () => {
    const event = { action: 'publish', requestId: 'ls-replay-publish', lesson: lessonInput('2026-12-10T20:00:00+08:00', '2026-12-10T21:00:00+08:00') };
    const before = await gw.store.count('lessons');
    const [a, b] = await Promise.all([call(HOST, event), call(HOST, event)]);
    expect(a.body).toEqual(b.body);
    expect(await gw.store.count('lessons')).toBe(before + 1);
  });
});

describe('a lesson from schedule to rating', () => {
  const start = '2026-11-24T20:00:00+08:00';
  const end = '2026-11-24T21:00:00+08:00';
  let id: string;
  beforeAll(async () => {
    id = (await publish(start, end)).id;
  });

  it('moves scheduled → live → ended → replay with the clock', async () => {
    expect((await ok(ALICE, { action: 'get', lessonId: id }, '2026-11-24T19:59:00+08:00')).lesson.status).toBe('scheduled');
    expect((await ok(ALICE, { action: 'get', lessonId: id }, '2026-11-24T20:00:00+08:00')).lesson.status).toBe('live');
    expect((await ok(ALICE, { action: 'get', lessonId: id }, '2026-11-24T21:00:00+08:00')).lesson.status).toBe('ended');
    const early = await call(HOST, { action: 'addReplay', requestId: rid('rp'), lessonId: id, url: 'https://replay.example.com/1', transcript: '' }, '2026-11-24T19:00:00+08:00');
    expect(early.body.error.code).toBe('CONFLICT');
  });

  it('takes questions before the lesson, filtered and capped, and hosts answer them', async () => {
    const long = await call(ALICE, { action: 'ask', requestId: rid('q'), lessonId: id, text: '问'.repeat(201) });
    expect(long.body.error.code).toBe('VALIDATION');
    const dirty = await call(ALICE, { action: 'ask', requestId: rid('q'), lessonId: id, text: '请问 赌 博 群怎么管' });
    expect(dirty.body.error.code).toBe('VALIDATION');
    expect((await ok(HOST, { action: 'stats', lessonId: id })).questions).toBe(0);
    const asked = (await ok(ALICE, { action: 'ask', requestId: rid('q'), lessonId: id, text: '新人怎么激活？' }, '2026-11-24T12:00:00+08:00')).question;
    expect((await call(ALICE, { action: 'questions', lessonId: id })).body.error.code).toBe('FORBIDDEN');
    expect((await call(ALICE, { action: 'answer', requestId: rid('a'), questionId: asked.id, text: '我来答' })).body.error.code).toBe('FORBIDDEN');
    const listed = await ok(HOST, { action: 'questions', lessonId: id });
    expect(listed.questions.map((q: { text: string; answeredAt: null }) => [q.text, q.answeredAt])).toEqual([['新人怎么激活？', null]]);
    // Bad input: an empty answer, an over-long one and a filtered word are refused.
    const empty = await call(HOST, { action: 'answer', requestId: rid('a'), questionId: asked.id, text: '   ' });
    expect(empty.body.error.code).toBe('VALIDATION');
    expect((await call(HOST, { action: 'answer', requestId: rid('a'), questionId: asked.id, text: '答'.repeat(1001) })).body.error.code).toBe('VALIDATION');
    expect((await call(HOST, { action: 'answer', requestId: rid('a'), questionId: asked.id, text: '去 赌 博 群' })).body.error.code).toBe('VALIDATION');
    // Parallel answers (double taps and a replayed request): the first answer's time is the response time.
    const first = rid('a');
    const taps = await Promise.all([
      ...Array.from({ length: 4 }, () => call(HOST, { action: 'answer', requestId: first, questionId: asked.id, text: '签到一次即激活' }, '2026-11-24T12:45:00+08:00')),
      call(HOST, { action: 'answer', requestId: rid('a'), questionId: asked.id, text: '签到一次即激活' }, '2026-11-24T12:45:00+08:00'),
    ]);
    expect(taps.map((t) => t.status)).toEqual([200, 200, 200, 200, 200]);
    expect(taps.map((t) => t.body.data.question.responseMinutes)).toEqual([45, 45, 45, 45, 45]);
    const reused = await call(HOST, { action: 'answer', requestId: first, questionId: asked.id, text: '别的内容' });
    expect(reused.body.error.code).toBe('CONFLICT');
    // A rewrite changes the text, not the response time.
    const rewritten = (await ok(HOST, { action: 'answer', requestId: rid('a'), questionId: asked.id, text: '完成首次签到即激活' }, '2026-11-24T13:30:00+08:00')).question;
    expect([rewritten.responseMinutes, rewritten.answer.text]).toEqual([45, '完成首次签到即激活']);
    // The asker sees the answer on the lesson page, and so does everyone after the lesson (replay).
    const mine = await ok(ALICE, { action: 'get', lessonId: id }, '2026-11-24T14:00:00+08:00');
    expect(mine.mine.questions.map((q: { text: string; answer: { text: string } }) => [q.text, q.answer.text])).toEqual([['新人怎么激活？', '完成首次签到即激活']]);
    const later = await ok(BOB, { action: 'get', lessonId: id }, '2026-11-25T10:00:00+08:00');
    expect(later.answered.map((q: { text: string; answer: { text: string } }) => [q.text, q.answer.text])).toEqual([['新人怎么激活？', '完成首次签到即激活']]);
    const late = await call(BOB, { action: 'ask', requestId: rid('q'), lessonId: id, text: '还能问吗' }, '2026-11-24T21:01:00+08:00');
    expect(late.body.error.code).toBe('CONFLICT');
  });

  it('allows attendance only from the start until 30 minutes after the end, with points once', async () => {
    const before = await balance(ALICE);
    const early = await call(ALICE, { action: 'attend', requestId: rid('at'), lessonId: id }, '2026-11-24T19:59:59+08:00');
    expect(early.body.error.code).toBe('CONFLICT');
    const late = await call(ALICE, { action: 'attend', requestId: rid('at'), lessonId: id }, '2026-11-24T21:30:01+08:00');
    expect(late.body.error.code).toBe('CONFLICT');
    expect(await balance(ALICE)).toBe(before);

    const live = '2026-11-24T20:10:00+08:00';
    const results = await Promise.all(Array.from({ length: 20 }, () => call(ALICE, { action: 'attend', requestId: rid('burst'), lessonId: id }, live)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 200).every((r) => r.body.error.code === 'CONFLICT')).toBe(true);
    expect(await balance(ALICE)).toBe(before + 10);
    const page = await gw.call(ALICE, 'points', { action: 'history' }, live);
    expect(page.body.data.entries.filter((e: { reason: string }) => e.reason === 'lesson')).toHaveLength(1);

    // Within the grace window after the end, and a replayed request returns its first answer.
    const event = { action: 'attend', requestId: 'ls-bob-attend', lessonId: id };
    const first = await call(BOB, event, '2026-11-24T21:25:00+08:00');
    expect(first.status).toBe(200);
    const again = await call(BOB, event, '2026-11-24T21:26:00+08:00');
    expect(again.body).toEqual(first.body);
    expect((await ok(HOST, { action: 'stats', lessonId: id })).attendees).toBe(2);
    expect((await ok(ALICE, { action: 'get', lessonId: id }, live)).mine.attended).toBe(true);
  });

  it('takes one rating per member, only after the end', async () => {
    const during = await call(CAROL, { action: 'rate', requestId: rid('r'), lessonId: id, score: 5 }, '2026-11-24T20:30:00+08:00');
    expect(during.body.error.code).toBe('CONFLICT');
    for (const score of [0, 6, 4.5]) {
      expect((await call(CAROL, { action: 'rate', requestId: rid('r'), lessonId: id, score }, '2026-11-24T22:00:00+08:00')).body.error.code).toBe('VALIDATION');
    }
    expect((await call(CAROL, { action: 'rate', requestId: rid('r'), lessonId: id, score: 5, comment: '好'.repeat(201) }, '2026-11-24T22:00:00+08:00')).body.error.code).toBe('VALIDATION');
    expect((await call(CAROL, { action: 'rate', requestId: rid('r'), lessonId: id, score: 5, comment: '讲得好，刷单也可以讲讲' }, '2026-11-24T22:00:00+08:00')).body.error.code).toBe('VALIDATION');
    expect((await ok(HOST, { action: 'stats', lessonId: id })).ratings).toBe(0);
    await ok(CAROL, { action: 'rate', requestId: rid('r'), lessonId: id, score: 5, comment: '很实用' }, '2026-11-24T22:00:00+08:00');
    await ok(ALICE, { action: 'rate', requestId: rid('r'), lessonId: id, score: 4 }, '2026-11-24T22:00:00+08:00');
    const again = await call(CAROL, { action: 'rate', requestId: rid('r'), lessonId: id, score: 1 }, '2026-11-24T22:05:00+08:00');
    expect(again.body.error.code).toBe('CONFLICT');
    expect((await ok(CAROL, { action: 'get', lessonId: id }, '2026-11-24T22:05:00+08:00')).mine.rating).toEqual({ score: 5, comment: '很实用' });
  });

  it('adds a replay after the end and reports 听课率 and 满意度 to hosts only', async () => {
    const after = '2026-11-24T23:00:00+08:00';
    const replay = await ok(HOST, { action: 'addReplay', requestId: rid('rp'), lessonId: id, url: 'https://replay.example.com/1', transcript: '今天讲了拉新。' }, after);
    expect(replay.lesson.status).toBe('replay');
    const past = await ok(ALICE, { action: 'past' }, after);
    expect(past.lessons.map((l: { id: string }) => l.id)).toContain(id);
    expect((await call(ALICE, { action: 'stats', lessonId: id }, after)).body.error.code).toBe('FORBIDDEN');
    const stats = await ok(HOST, { action: 'stats', lessonId: id }, after);
    const members = 2 + MEMBERS.length;
    expect(stats).toMatchObject({ attendees: 2, members, ratings: 2, averageRating: 4.5, questions: 1, answered: 1, medianResponseMinutes: 45 });
    expect(stats.attendanceRate).toBeCloseTo(2 / members);
    expect(stats.definitions.attendanceRate).toContain('听课率');
  });

  it('feeds the owner metrics: pooled 听课率, mean rating and median response time over ended lessons', async () => {
    const m = await lessonMetrics(gw.store, new Date('2026-11-24T23:00:00+08:00'));
    expect(m.lessons).toBe(1);
    expect(m.attendanceRate).toBeCloseTo(2 / (2 + MEMBERS.length));
    expect(m.satisfaction).toBe(4.5);
    expect(m.questionResponseMinutes).toBe(45);
    const before = await lessonMetrics(gw.store, new Date('2026-11-24T20:30:00+08:00'));
    expect(before).toEqual({ lessons: 0, attendanceRate: null, satisfaction: null, questionResponseMinutes: null });
  });
});

describe('capacity', () => {
  it('lets exactly `capacity` members check in under parallel taps', async () => {
    const lesson = await publish('2026-11-25T20:00:00+08:00', '2026-11-25T21:00:00+08:00', { capacity: 5 });
    const live = '2026-11-25T20:05:00+08:00';
    const results = await Promise.all(MEMBERS.map((m) => call(m, { action: 'attend', requestId: rid('cap'), lessonId: lesson.id }, live)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(5);
    expect(results.filter((r) => r.status !== 200).map((r) => r.body.error.code)).toEqual(Array(MEMBERS.length - 5).fill('LIMIT_REACHED'));
    expect((await ok(HOST, { action: 'stats', lessonId: lesson.id })).attendees).toBe(5);
  });
});

describe('reminders', () => {
  it('sends each subscriber one reminder 15 minutes before, even with cron running twice at once', async () => {
    const lesson = await publish('2026-11-26T20:00:00+08:00', '2026-11-26T21:00:00+08:00');
    const subscribers = MEMBERS.slice(0, 4);
    for (const m of subscribers) {
      const r = await ok(m, { action: 'subscribe', requestId: rid('sub'), lessonId: lesson.id });
      expect(r.quota).toBeGreaterThanOrEqual(1);
    }
    const twice = await call(ALICE, { action: 'subscribe', requestId: rid('sub'), lessonId: lesson.id });
    expect(twice.body.error.code).toBe('CONFLICT');
    expect((await ok(BOB, { action: 'get', lessonId: lesson.id })).lesson.subscribers).toBe(4);

    const tooEarly = await gw.call(OWNER, 'cron', { action: 'run', job: 'lessonReminders' }, '2026-11-26T19:40:00+08:00');
    expect(tooEarly.body.data.messages).toBe(0);
    const due = '2026-11-26T19:50:00+08:00';
    const runs = await Promise.all([
      gw.call(OWNER, 'cron', { action: 'run', job: 'lessonReminders' }, due),
      gw.call(OWNER, 'cron', { action: 'run', job: 'lessonReminders' }, due),
      ...Array.from({ length: 4 }, () => lessonReminders(gw.store, new Date(due), DEFAULT_SETTINGS, localMessaging)),
    ]);
    const sent = runs.map((r) => ('body' in r ? r.body.data.messages : r.messages));
    expect(sent.reduce((a, b) => a + b, 0)).toBe(4);
    const later = await gw.call(OWNER, 'cron', { action: 'run', job: 'lessonReminders' }, '2026-11-26T19:55:00+08:00');
    expect(later.body.data.messages).toBe(0);

    const outbox = (await gw.call(OWNER, 'lessons', { action: 'outbox' }, due)).body.data.messages.filter((m: { lessonId: string }) => m.lessonId === lesson.id);
    expect(outbox).toHaveLength(4);
    expect(outbox.every((m: { kind: string; state: string; channel: string }) => m.kind === 'reminder' && m.state === 'sent' && m.channel === 'outbox')).toBe(true);
    expect(new Set(outbox.map((m: { memberId: string }) => m.memberId))).toEqual(new Set(subscribers.map(memberIdFor)));
    expect((await call(ALICE, { action: 'outbox' })).body.error.code).toBe('FORBIDDEN');
    const started = await call(CAROL, { action: 'subscribe', requestId: rid('sub'), lessonId: lesson.id }, '2026-11-26T20:01:00+08:00');
    expect(started.body.error.code).toBe('CONFLICT');
  });

  it('notifies subscribers when a scheduled lesson moves, and reminds them again for the new time', async () => {
    const lesson = await publish('2026-11-27T20:00:00+08:00', '2026-11-27T21:00:00+08:00');
    await ok(BOB, { action: 'subscribe', requestId: rid('sub'), lessonId: lesson.id });
    await ok(CAROL, { action: 'subscribe', requestId: rid('sub'), lessonId: lesson.id });
    // Bob accepted a second one-time message (another 提醒我 elsewhere) and so has quota for both.
    const extra = await publish('2026-12-20T20:00:00+08:00', '2026-12-20T21:00:00+08:00');
    await ok(BOB, { action: 'subscribe', requestId: rid('sub'), lessonId: extra.id });

    const same = await ok(HOST, { action: 'update', requestId: rid('u'), lessonId: lesson.id, lesson: lessonInput(lesson.startsAt, lesson.endsAt, { title: '改个标题' }) });
    expect(same.notified).toBe(0);
    const moved = await ok(HOST, { action: 'update', requestId: rid('u'), lessonId: lesson.id, lesson: lessonInput('2026-11-27T21:00:00+08:00', '2026-11-27T22:00:00+08:00') });
    expect(moved.notified).toBe(2);
    const run = await gw.call(OWNER, 'cron', { action: 'run', job: 'lessonReminders' }, '2026-11-27T20:50:00+08:00');
    expect(run.body.data.messages).toBe(1);
    const outbox = (await gw.call(OWNER, 'lessons', { action: 'outbox' })).body.data.messages.filter((m: { lessonId: string }) => m.lessonId === lesson.id);
    const byMember = (openid: string) => outbox.filter((m: { memberId: string }) => m.memberId === memberIdFor(openid)).map((m: { kind: string; state: string }) => `${m.kind}:${m.state}`).sort();
    expect(byMember(BOB)).toEqual(['reminder:sent', 'time_change:sent']);
    // Carol's single one-time subscription went on the time-change notice.
    expect(byMember(CAROL)).toEqual(['reminder:no_quota', 'time_change:sent']);

    const startedMove = await call(HOST, { action: 'update', requestId: rid('u'), lessonId: lesson.id, lesson: lessonInput('2026-11-28T21:00:00+08:00', '2026-11-28T22:00:00+08:00') }, '2026-11-27T21:10:00+08:00');
    expect(startedMove.body.error.code).toBe('CONFLICT');
  });
});
