/**
 * Demo history of the support desk (issue 18), through the real `support` actions at historic
 * times: 60 days of questions (most answered by members and accepted), complaints and disputes in
 * every state — one order complaint resolved with a refund from the case — and a few overdue.
 */
import { addDays } from '../../core/day';
import { seededRandom } from '../../core/prng';
import { memberIdFor } from '../kernel/ids';
import type { Store } from '../store/port';

type Call = (openid: string, fn: string, event: Record<string, unknown>, at: Date) => Promise<unknown>;
type At = (day: string, hour: number, minute: number) => Date;
type Data<T> = { ok: boolean; data?: T };

const QUESTIONS: Array<[string, string, string]> = [
  ['points', '积分什么时候过期？', '积分在获得后的次年年底过期，积分明细里能看到快过期的数量。'],
  ['points', '补签要花多少积分？', '每次补签 20 积分，也可以用商城里的补签卡，每月最多补 2 次。'],
  ['mall', '兑换的帆布袋多久发货？', '一般三个工作日内发货，订单里会显示快递单号。'],
  ['mall', '奶茶券怎么用？', '群管发的兑换码在订单详情里，到店出示就可以。'],
  ['lesson', '直播课错过了能看回放吗？', '课程结束后讲师会上传回放，在课程页就能看。'],
  ['lesson', '上课前的问题在哪里提？', '在课程页下面的提问区，讲师会在课上统一回答。'],
  ['activity', '线下沙龙可以带朋友吗？', '朋友也需要先入群报名，名额按报名顺序。'],
  ['activity', '活动报名后不能去了怎么办？', '开始前在活动页取消报名，候补的同学会自动递补。'],
  ['other', '怎么升级到黄金会员？', '成长值达到门槛就会自动升级，会员等级页能看到还差多少。'],
  ['other', '邀请好友有什么奖励？', '好友第一次签到你得 50 积分，好友开通会员再得 200。'],
  ['points', '签到断了还能补回来吗？', '3 天内的漏签可以补签，补签后连续天数会恢复。'],
  ['other', '打卡营中途加入还算数吗？', '可以加入，从加入那天开始算打卡天数。'],
];

const COMPLAINTS: Array<[string, string]> = [
  ['lesson', '昨晚直播课声音一直断断续续，后半段几乎听不清。'],
  ['points', '前天签到显示成功，但积分好像没有到账。'],
  ['other', '群里有人反复发广告，影响大家交流。'],
  ['lesson', '课程回放链接打不开，提示已失效。'],
  ['points', '活动奖励说好发 50 积分，只收到 20。'],
  ['other', '群公告里的活动时间写错了，白跑一趟。'],
];

const DISPUTES = ['拼单买书的钱还没有分清楚，对方说已经转了，我没收到。', '打卡营组队时对方答应帮我打卡提醒，结果没有做到。', '线下活动拼车的费用有分歧。', '对方在群里转发了我的笔记但没有注明出处。', '互换的资料对方一直没有发给我。'];

/** Seed the desk; `total` is the number of demo members (member openids from `memberOpenid`). */
export async function seedSupport(call: Call, at: At, today: string, total: number, store: Store, people: { owner: string; hosts: string[]; memberOpenid: (n: number) => string; now: Date }): Promise<void> {
  const rand = seededRandom(18);
  const pick = (max: number) => 1 + Math.floor(rand() * max);
  const [host, host2] = people.hosts;
  const joined = async (openid: string, when: Date) => {
    const m = await store.get('members', memberIdFor(openid));
    return m !== null && Date.parse(m.joinedAt) < when.getTime();
  };
  /** The first demo member from number `from` on who had joined by `when` (null when none). */
  const memberBy = async (when: Date, from: number, not: string | null = null): Promise<string | null> => {
    for (let n = from; n <= total; n += 1) {
      const openid = people.memberOpenid(n);
      if (openid !== not && (await joined(openid, when))) return openid;
    }
    return null;
  };
  const later = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);
  let seq = 0;
  const rid = (tag: string) => `seed-sd-${tag}-${++seq}`;

  const scripts = [
    { kind: 'question', title: '感谢提问', body: '{会员}您好，感谢提问！这个问题的答案是：' },
    { kind: 'complaint', title: '致歉受理', body: '{会员}您好，给您带来不便非常抱歉，我们已在{日期}受理，会尽快处理。' },
    { kind: 'complaint', title: '订单退款', body: '{会员}您好，订单 {订单} 已取消并退回积分，请在积分明细查看。' },
    { kind: 'dispute', title: '邀请和解', body: '{会员}您好，建议双方先私下沟通，如已和解请在页面上点“我们已和解”。' },
  ];
  for (const [i, script] of scripts.entries()) await call(people.owner, 'support', { action: 'saveScript', requestId: `seed-sd-script-${i}`, script }, at(addDays(today, -61), 10, i));

  // Questions: about two a day for 60 days; most answered by other members, some by hosts, most accepted.
  for (let d = 60; d >= 0; d -= 1) {
    const day = addDays(today, -d);
    const count = d <= 1 ? 3 : 1 + Math.floor(rand() * 2);
    for (let k = 0; k < count; k += 1) {
      const [topic, text, reply] = QUESTIONS[Math.floor(rand() * QUESTIONS.length)];
      const askedAt = at(day, 8 + Math.floor(rand() * 14), Math.floor(rand() * 60));
      if (askedAt.getTime() > people.now.getTime()) continue;
      const asker = (await memberBy(askedAt, pick(total))) ?? (await memberBy(askedAt, 1));
      if (!asker) continue;
      const asked = (await call(asker, 'support', { action: 'ask', requestId: rid('ask'), text, topic }, askedAt)) as Data<{ question: { id: string } }>;
      if (!asked.ok || !asked.data) continue;
      const questionId = asked.data.question.id;
      // The newest few stay waiting (some of them overdue by now).
      if (d <= 1 && k > 0) continue;
      const byMember = rand() < 0.7;
      const answeredAt = later(askedAt, 10 + Math.floor(rand() * (rand() < 0.2 ? 600 : 180)));
      const answerer = byMember ? ((await memberBy(answeredAt, pick(total), asker)) ?? (await memberBy(answeredAt, 1, asker))) : rand() < 0.5 ? host : host2;
      if (!answerer || answeredAt.getTime() > people.now.getTime()) continue;
      const answered = (await call(answerer, 'support', { action: 'answer', requestId: rid('ans'), questionId, text: reply }, answeredAt)) as Data<{ answer: { id: string } }>;
      const acceptedAt = later(answeredAt, 30 + Math.floor(rand() * 120));
      if (!answered.ok || !answered.data || rand() < 0.2 || acceptedAt.getTime() > people.now.getTime()) continue;
      await call(asker, 'support', { action: 'accept', requestId: rid('acc'), questionId, answerId: answered.data.answer.id }, acceptedAt);
    }
  }

  // Complaints in every state.
  for (const [i, [about, text]] of COMPLAINTS.entries()) {
    const day = addDays(today, -(50 - i * 9));
    const filedAt = at(day, 10 + i, 15);
    const who = await memberBy(filedAt, 7 + i * 5);
    if (!who) continue;
    const filed = (await call(who, 'support', { action: 'file', requestId: rid('file'), kind: 'complaint', about, text }, filedAt)) as Data<{ case: { id: string } }>;
    if (!filed.ok || !filed.data) continue;
    const caseId = filed.data.case.id;
    const handler = i % 2 === 0 ? host : host2;
    if (i === COMPLAINTS.length - 1) continue; // still open
    await call(handler, 'support', { action: 'take', requestId: rid('take'), caseId }, later(filedAt, 40 + i * 20));
    if (i === 4) continue; // in progress
    if (i === 3) {
      await call(handler, 'support', { action: 'escalate', requestId: rid('esc'), caseId, reason: '需要群主确认补发方案' }, later(filedAt, 120));
      continue;
    }
    if (i === 1) await call(handler, 'support', { action: 'remedy', requestId: rid('gw'), caseId, kind: 'goodwill', points: 20, note: '补发签到积分并致歉' }, later(filedAt, 90));
    await call(handler, 'support', { action: 'resolve', requestId: rid('res'), caseId, resolution: '已核实并处理，感谢反馈，给您带来不便非常抱歉。' }, later(filedAt, 180));
    if (i === 2) {
      await call(who, 'support', { action: 'reopen', requestId: rid('re'), caseId, reason: '广告还在发' }, later(filedAt, 60 * 24));
      await call(handler, 'support', { action: 'resolve', requestId: rid('res'), caseId, resolution: '已将发广告的账号移出群聊。' }, later(filedAt, 60 * 26));
    }
    await call(who, 'support', { action: 'rate', requestId: rid('rate'), caseId, score: [5, 4, 3][i % 3] }, later(filedAt, 60 * 27));
  }

  // The order complaint resolved with a refund from the case (a demo member who bought the tote bag).
  for (const n of [4, 9, 16, 25, 36, 1]) {
    const openid = people.memberOpenid(n);
    const orders = await store.find('orders', { where: { memberId: memberIdFor(openid) }, orderBy: { field: 'createdAt', direction: 'desc' }, limit: 5 });
    const order = orders.docs.find((o) => o.status === 'placed' && o.kind === 'physical');
    if (!order) continue;
    const filedAt = later(new Date(order.createdAt), 60 * 20);
    const filed = (await call(openid, 'support', { action: 'file', requestId: rid('file'), kind: 'complaint', about: 'order', orderId: order.id, text: '帆布袋下单两天了还没发货，能不能退掉？' }, filedAt)) as Data<{ case: { id: string } }>;
    if (!filed.ok || !filed.data) continue;
    const caseId = filed.data.case.id;
    await call(host2, 'support', { action: 'take', requestId: rid('take'), caseId }, later(filedAt, 30));
    await call(host2, 'support', { action: 'remedy', requestId: rid('refund'), caseId, kind: 'refund', orderId: order.id, note: '本批帆布袋缺货' }, later(filedAt, 45));
    await call(host2, 'support', { action: 'resolve', requestId: rid('res'), caseId, resolution: '本批帆布袋缺货，订单已取消并退回积分，到货后会在群里通知。' }, later(filedAt, 50));
    await call(openid, 'support', { action: 'rate', requestId: rid('rate'), caseId, score: 5, comment: '处理很快' }, later(filedAt, 120));
    break;
  }

  // Disputes: two settled by the parties, one resolved by a host, one open with both sides, one overdue.
  for (const [i, text] of DISPUTES.entries()) {
    const filedAt = i === 4 ? at(addDays(today, -6), 15, 0) : at(addDays(today, -(40 - i * 8)), 19, 30);
    const a = await memberBy(filedAt, 2 + i * 11);
    const b = a ? await memberBy(filedAt, 3 + i * 11, a) : null;
    if (!a || !b) continue;
    const filed = (await call(a, 'support', { action: 'file', requestId: rid('file'), kind: 'dispute', text, otherId: memberIdFor(b) }, filedAt)) as Data<{ case: { id: string } }>;
    if (!filed.ok || !filed.data) continue;
    const caseId = filed.data.case.id;
    if (i === 4) continue;
    await call(b, 'support', { action: 'respond', requestId: rid('resp'), caseId, text: '我这边的情况是这样的，当时已经说好了。' }, later(filedAt, 60 * 14));
    if (i <= 1) {
      await call(a, 'support', { action: 'settle', requestId: rid('set'), caseId }, later(filedAt, 60 * 20));
      await call(b, 'support', { action: 'settle', requestId: rid('set'), caseId }, later(filedAt, 60 * 21));
    } else if (i === 2) {
      await call(host, 'support', { action: 'take', requestId: rid('take'), caseId }, later(filedAt, 60 * 15));
      await call(host, 'support', { action: 'resolve', requestId: rid('res'), caseId, resolution: '按实际里程平摊车费，双方已确认。' }, later(filedAt, 60 * 40));
      await call(a, 'support', { action: 'rate', requestId: rid('rate'), caseId, score: 4 }, later(filedAt, 60 * 42));
    }
  }
}
