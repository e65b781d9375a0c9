import { addDays } from '../../core/day';
import { seededRandom } from '../../core/prng';
import { memberIdFor } from '../kernel/ids';
import type { Store } from '../store/port';

/** How the demo seed calls a function as someone at a simulated time (the envelope comes back). */
export type ContentSeedCall = (openid: string, fn: string, event: Record<string, unknown>, at: Date) => Promise<unknown>;

/** Who the content seed acts as. */
export interface ContentSeedCast {
  owner: string;
  hosts: string[];
  members: string[];
}

const MORNING = ['今天的你，比昨天更进一步', '早起的人，运气都不会太差', '先完成，再完美', '把一件小事做到极致', '持续输出，才有持续成长'];
const TOPICS = ['你是怎么坚持早起的？', '最近读完的一本书是什么？', '新人入群，你最想被怎样欢迎？', '分享一个你用过的拉新小妙招', '你理想中的线下活动是什么样？', '打卡坚持不下去时你怎么办？', '这周最大的收获是什么？'];
const REPLIES = ['我每天提前半小时睡，早上自然醒', '在读《社群运营的艺术》，很有启发', '希望有人主动拉我进话题', '老带新送积分，效果很好', '小规模读书会，十来个人刚好', '找个搭子一起打卡', '学会了写欢迎语', '谢谢分享，收藏了', '同感！', '这个方法我也试试'];

function ok<T>(result: unknown): T | null {
  const r = result as { ok: boolean; data?: T };
  return r.ok && r.data ? r.data : null;
}

/**
 * The content demo, through the real actions: an FAQ, a week-and-more of routines (some missed,
 * one late), 30 days of 早安 posts and 每日话题 with replies, reads and likes, a pinned notice, a
 * hidden reply, reminder subscriptions, a few member-started topics (member topics open, one hidden),
 * tomorrow's scheduled 早安 and the month's digest draft.
 */
export async function seedContent(call: ContentSeedCall, at: (day: string, hour: number, minute: number) => Date, today: string, now: Date, cast: ContentSeedCast, store: Store): Promise<void> {
  const rand = seededRandom(17);
  const [host1, host2] = cast.hosts;
  const start = addDays(today, -29);
  const past = (d: Date) => d.getTime() <= now.getTime();
  const faqs = [
    { keywords: ['过期', '有效期'], question: '积分什么时候过期？', answer: '获得的积分在次年 12 月 31 日过期，我的 → 积分明细 可以看到即将过期的积分。' },
    { keywords: ['补签', '漏签'], question: '忘记签到了能补吗？', answer: '最近 3 天内漏签可以补签，每月 2 次，花 20 积分或一张补签卡。' },
    { keywords: ['回放', '错过'], question: '直播课错过了怎么办？', answer: '课程结束后在 课程 → 往期课程 里看回放和要点整理。' },
    { keywords: ['退款', '退钱'], question: '付费会员可以退款吗？', answer: '开通 7 天内未使用专属权益可联系群主退款。' },
    { keywords: ['邀请', '拉人', '推荐'], question: '邀请好友有什么奖励？', answer: '好友首次签到你得 50 积分，好友开通会员再得 200 积分。' },
  ];
  const faqIds: string[] = [];
  for (const [i, faq] of faqs.entries()) {
    const saved = ok<{ entry: { id: string } }>(await call(cast.owner, 'posts', { action: 'faqSave', requestId: `seed-faq-${i}`, faq }, at(addDays(start, -2), 10, i)));
    if (saved) faqIds.push(saved.entry.id);
  }
  const routine = (i: number, r: Record<string, unknown>) => call(cast.owner, 'sop', { action: 'saveRoutine', requestId: `seed-routine-${i}`, routine: { format: '', active: true, postKind: null, ...r } }, at(addDays(start, -1), 9, i));
  await routine(0, { title: '发布早安晨报', cadence: { kind: 'daily', time: '08:00' }, hostId: memberIdFor(host1), postKind: 'morning', format: '早安 + 一句话 + 今日课程预告', metric: 'read_rate' });
  await routine(1, { title: '发布每日话题', cadence: { kind: 'daily', time: '12:00' }, hostId: memberIdFor(host2), postKind: 'topic', format: '一个开放问题，引导回复', metric: 'replies' });
  const reminder = ok<{ routine: { id: string } }>(await routine(2, { title: '群内签到提醒', cadence: { kind: 'daily', time: '21:00' }, hostId: memberIdFor(host2), format: '在群里 @ 今天还没签到的群友', metric: 'checkin_rate' }));
  const live = ok<{ routine: { id: string } }>(await routine(3, { title: '直播课开播', cadence: { kind: 'weekly', weekday: 3, time: '20:00' }, hostId: memberIdFor(host1), format: '开播前 10 分钟群内提醒；结束后上传回放', metric: 'attendance' }));
  await routine(4, { title: '月度回访', cadence: { kind: 'monthly', day: 28, time: '10:00' }, hostId: memberIdFor(host1), format: '抽 10 位会员私聊回访，记录建议', metric: 'none' });
  await routine(5, { title: '续费提醒', cadence: { kind: 'yearly', month: 12, day: 20, time: '10:00' }, hostId: memberIdFor(cast.owner), format: '给年内到期的会员发续费提醒', metric: 'none' });

  const notice = ok<{ post: { id: string } }>(await call(host1, 'posts', { action: 'publish', requestId: 'seed-post-notice', post: { kind: 'notice', title: '群规与积分说明（新人必读）', text: '1. 每天签到得积分，连续签到有奖励\n2. 禁止发广告\n3. 有问题先搜 常见问题', images: [] } }, at(addDays(start, -1), 18, 0)));
  if (notice) await call(host1, 'posts', { action: 'pin', requestId: 'seed-pin-notice', postId: notice.post.id, pinned: true }, at(addDays(start, -1), 18, 5));

  const joined = new Map<string, string>();
  for (const m of cast.members) joined.set(m, (await store.get('members', memberIdFor(m)))?.joinDay ?? today);
  for (let i = 0; i < 30; i += 1) {
    const day = addDays(start, i);
    const present = cast.members.filter((m) => (joined.get(m) ?? today) < day);
    // 早安: missed every 7th day, late every 9th.
    if (i % 7 !== 3) {
      const when = i % 9 === 4 ? at(day, 10, 30) : at(day, 7, 58);
      if (past(when)) {
        const post = ok<{ post: { id: string } }>(await call(host1, 'posts', { action: 'publish', requestId: `seed-morning-${i}`, post: { kind: 'morning', title: `早安晨报 ${day.slice(5)}`, text: `${MORNING[i % MORNING.length]}。\n今晚 20:00 课程区有直播，记得签到。`, images: [] } }, when));
        if (post && i >= 22) {
          for (const [n, m] of present.entries()) {
            const readAt = new Date(when.getTime() + (10 + (n % 40)) * 60_000);
            if (rand() < 0.45 && past(readAt)) await call(m, 'posts', { action: 'get', postId: post.post.id }, readAt);
          }
        }
      }
    }
    // 每日话题 at noon with replies through the afternoon.
    const noon = at(day, 11, 55);
    if (i % 11 !== 6 && past(noon)) {
      const topic = ok<{ post: { id: string } }>(await call(host2, 'posts', { action: 'publish', requestId: `seed-topic-${i}`, post: { kind: 'topic', title: TOPICS[i % TOPICS.length], text: '欢迎在回复里分享，首次回复有积分。', images: [] } }, noon));
      if (topic) {
        for (const [n, m] of present.entries()) {
          const replyAt = at(day, 12 + (n % 9), (n * 7) % 60);
          if (rand() < 0.18 && past(replyAt)) await call(m, 'posts', { action: 'reply', requestId: `seed-reply-${i}-${n}`, postId: topic.post.id, text: REPLIES[(i + n) % REPLIES.length] }, replyAt);
          if (rand() < 0.12 && past(replyAt)) await call(m, 'posts', { action: 'react', requestId: `seed-like-${i}-${n}`, postId: topic.post.id, like: true }, replyAt);
        }
        if (i === 27) {
          const spamAt = at(day, 13, 1);
          const spam = past(spamAt) ? ok<{ reply: { id: string } }>(await call(present[3] ?? cast.members[3], 'posts', { action: 'reply', requestId: 'seed-reply-spam', postId: topic.post.id, text: '私聊我领取免费课程资料' }, spamAt)) : null;
          if (spam) await call(host2, 'posts', { action: 'hide', requestId: 'seed-hide-spam', replyId: spam.reply.id, reason: '引流广告' }, at(day, 13, 20));
        }
      }
    }
    // 签到提醒 marked done by hand, missed some evenings.
    const evening = at(day, 21, 3 + (i % 5));
    if (reminder && i >= 22 && i % 4 !== 1 && past(evening)) await call(host2, 'sop', { action: 'done', requestId: `seed-done-reminder-${i}`, routineId: reminder.routine.id, ref: '群内已提醒' }, evening);
    if (live && i >= 15 && new Date(`${day}T00:00:00Z`).getUTCDay() === 3 && past(at(day, 20, 2))) await call(host1, 'sop', { action: 'done', requestId: `seed-done-live-${i}`, routineId: live.routine.id, ref: '直播课已开播' }, at(day, 20, 2));
  }
  const article = at(addDays(today, -2), 19, 0);
  if (past(article)) await call(host1, 'posts', { action: 'publish', requestId: 'seed-article', post: { kind: 'article', title: '精选：一位群友的 21 天早起复盘', text: '从 7:30 到 6:00，我是怎么做到的……', images: [] } }, article);
  await call(host1, 'posts', { action: 'publish', requestId: 'seed-morning-tomorrow', post: { kind: 'morning', title: `早安晨报 ${addDays(today, 1).slice(5)}`, text: '新的一天，从签到开始。', images: [], publishAt: at(addDays(today, 1), 8, 0).toISOString() } }, new Date(Math.min(now.getTime(), at(today, 21, 0).getTime())));
  for (const [n, m] of cast.members.slice(0, 12).entries()) await call(m, 'posts', { action: 'subscribe', requestId: `seed-remind-${n}`, topic: n % 3 === 0 ? 'checkin' : 'morning' }, at(addDays(today, -3), 9, n));
  for (const [n, m] of cast.members.slice(0, 9).entries()) if (faqIds.length > 0) await call(m, 'posts', { action: 'faqDeflected', requestId: `seed-deflect-${n}`, faqId: faqIds[n % faqIds.length] }, at(addDays(today, -(n % 5)), 15, n));
  // Member topics: the owner opened them five days ago; a few members started topics, one hidden as off-topic.
  await call(cast.owner, 'posts', { action: 'memberPosts', requestId: 'seed-member-posts', membersMayPost: true }, at(addDays(today, -5), 9, 0));
  const memberTopics = ['有没有一起晨跑的群友？', '求推荐适合通勤听的播客', '周末读书会想读哪本书？', '出二手书，有人要吗'];
  for (const [n, title] of memberTopics.entries()) {
    const when = at(addDays(today, -(4 - n)), 12, n);
    if (!past(when)) continue;
    const author = cast.members[(n * 5 + 3) % cast.members.length];
    const started = ok<{ post: { id: string } }>(await call(author, 'posts', { action: 'memberPublish', requestId: `seed-member-topic-${n}`, post: { title, text: '大家怎么看？欢迎在下面回复。', images: [] } }, when));
    if (!started) continue;
    for (let r = 0; r < 3; r += 1) await call(cast.members[(n * 5 + r + 7) % cast.members.length], 'posts', { action: 'reply', requestId: `seed-member-topic-${n}-re-${r}`, postId: started.post.id, text: REPLIES[(n + r) % REPLIES.length] }, new Date(when.getTime() + (r + 1) * 600_000));
    if (title.startsWith('出二手书')) await call(host2, 'posts', { action: 'hide', requestId: `seed-member-topic-${n}-hide`, postId: started.post.id, reason: '交易信息请发到二手群' }, new Date(when.getTime() + 3_600_000));
  }
  // The digest of the month that ended, drafted by the same cron job as in production on the 1st.
  await call(cast.owner, 'cron', { action: 'run', job: 'draftDigests' }, at(`${today.slice(0, 8)}01`, 0, 5));
}
