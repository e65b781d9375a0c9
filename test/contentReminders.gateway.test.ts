import type { MessagingPort, OutgoingMessage } from '../src/server/domain/messaging';
import { memberIdFor } from '../src/server/kernel/ids';
import { reminderMessage } from '../src/core/reminderTemplates';
import { startGateway, type TestGateway } from './support/gateway';

// Content reminders on the WeChat channel: the accepted template is what goes out, one message per
// accepted subscription (post kinds share the content template), and the member is asked again.
const sent: OutgoingMessage[] = [];
let refuse = false;
const wechat: MessagingPort = {
  channel: 'wechat',
  async send(message) {
    if (refuse) throw new Error('43101 user refuse to accept the msg');
    sent.push(message);
  },
  async textAllowed() {
    return true;
  },
};
let gw: TestGateway;
const OWNER = 'cr-owner';
const HOST = 'cr-host';
const [FAN, LOCAL, QUIET, NEVER] = ['cr-fan', 'cr-local', 'cr-quiet', 'cr-never'];
const TEMPLATE = 'TmplContent_0123456789abcdef';
const NOW = '2026-11-24T10:00:00+08:00';
let seq = 0;
const rid = (tag: string) => `${tag}-${String(++seq).padStart(6, '0')}`;

async function ok(openid: string, fn: string, event: Record<string, unknown>) {
  const r = await gw.call(openid, fn, event, NOW);
  if (r.status !== 200) throw new Error(`${fn}.${String(event.action)}: ${JSON.stringify(r.body)}`);
  return r.body.data;
}
type Reminder = { topic: string; remaining: number; subscribed: boolean; askAgain: boolean };
const reminders = async (openid: string, topic: string) => ((await ok(openid, 'posts', { action: 'reminders' })).reminders as Reminder[]).find((r) => r.topic === topic);
const publish = async (kind: string, title: string) => (await ok(HOST, 'posts', { action: 'publish', requestId: rid('pub'), post: { kind, title, text: '正文', images: [] } })).post as { id: string };

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER], ports: { messaging: wechat } });
  for (const openid of [OWNER, HOST, FAN, LOCAL, QUIET, NEVER]) await gw.call(openid, 'member', { action: 'login' }, '2026-11-01T10:00:00+08:00');
  await gw.call(OWNER, 'member', { action: 'setRole', requestId: 'cr-role-host', memberId: memberIdFor(HOST), role: 'host' }, NOW);
});
afterAll(async () => {
  await gw.close();
});

describe('content reminders on WeChat', () => {
  it('sends on the accepted template, one message per acceptance shared by post kinds, then asks again', async () => {
    await ok(FAN, 'posts', { action: 'subscribe', requestId: rid('sub'), topic: 'morning', templateId: TEMPLATE });
    await ok(FAN, 'posts', { action: 'subscribe', requestId: rid('sub'), topic: 'topic', templateId: TEMPLATE });
    await ok(QUIET, 'posts', { action: 'subscribe', requestId: rid('sub'), topic: 'article', templateId: TEMPLATE });
    expect(await reminders(FAN, 'morning')).toMatchObject({ remaining: 2, subscribed: true, askAgain: false });
    expect(await reminders(FAN, 'topic')).toMatchObject({ remaining: 2, subscribed: true, askAgain: false });

    const title = '早安晨报：十二月第一周的社群安排与本周直播课预告，请大家留意';
    const morning = await publish('morning', title);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ openid: FAN, templateId: TEMPLATE, page: `subpackages/member/post/index?id=${morning.id}` });
    expect(Array.from(sent[0].data.thing1.value)).toHaveLength(20);
    expect(sent[0].data.thing2.value).toBe('早安晨报');
    expect(sent[0].data).toEqual(reminderMessage({ topic: 'morning', postId: morning.id, title }).data);
    expect(await reminders(FAN, 'topic')).toMatchObject({ remaining: 1, askAgain: false });

    await publish('topic', '你最近在读什么书');
    expect(sent.map((m) => m.openid)).toEqual([FAN, FAN]);
    expect(await reminders(FAN, 'morning')).toMatchObject({ remaining: 0, subscribed: true, askAgain: true });
    expect(await reminders(FAN, 'topic')).toMatchObject({ remaining: 0, subscribed: true, askAgain: true });
    // Subscribed on the same template but nothing sent yet: not asked again; never subscribed: not asked at all.
    expect(await reminders(QUIET, 'article')).toMatchObject({ remaining: 1, subscribed: true, askAgain: false });
    expect(await reminders(NEVER, 'morning')).toMatchObject({ remaining: 0, subscribed: false, askAgain: false });

    // No unit left: recorded as no_quota, nothing sent; accepting again pays for the next one.
    await publish('morning', '早安 11月25日');
    expect(sent).toHaveLength(2);
    await ok(FAN, 'posts', { action: 'subscribe', requestId: rid('sub'), topic: 'morning', templateId: TEMPLATE });
    expect(await reminders(FAN, 'morning')).toMatchObject({ remaining: 1, askAgain: false });
    await publish('morning', '早安 11月26日');
    expect(sent).toHaveLength(3);

    const outbox = (await ok(OWNER, 'lessons', { action: 'outbox' })).messages as Array<{ memberId: string; kind: string; state: string; fields: string[]; channel: string }>;
    const fans = outbox.filter((m) => m.memberId === memberIdFor(FAN));
    expect(fans.map((m) => m.state).sort()).toEqual(['no_quota', 'sent', 'sent', 'sent']);
    expect(fans.every((m) => m.kind === 'content' && m.channel === 'wechat')).toBe(true);
    expect(fans.find((m) => m.fields[0] === '早安 11月25日')).toMatchObject({ state: 'no_quota', fields: ['早安 11月25日', '早安晨报'] });
  });

  it('never sends a local-template subscription to WeChat and gives a refused send its unit back', async () => {
    await ok(LOCAL, 'posts', { action: 'subscribe', requestId: rid('sub'), topic: 'event' });
    await publish('event', '周六线下读书会');
    expect(sent.filter((m) => m.openid === LOCAL)).toHaveLength(0);
    expect(await reminders(LOCAL, 'event')).toMatchObject({ remaining: 1, askAgain: false });

    await ok(QUIET, 'posts', { action: 'subscribe', requestId: rid('sub'), topic: 'notice', templateId: TEMPLATE });
    refuse = true;
    try {
      await publish('notice', '群规更新');
    } finally {
      refuse = false;
    }
    expect(await reminders(QUIET, 'notice')).toMatchObject({ remaining: 2, askAgain: false });
    const outbox = (await ok(OWNER, 'lessons', { action: 'outbox' })).messages as Array<{ memberId: string; state: string; fields: string[] }>;
    expect(outbox.find((m) => m.memberId === memberIdFor(QUIET))).toMatchObject({ state: 'failed', fields: ['群规更新', '公告'] });
  });
});
