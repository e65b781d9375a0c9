import { nicknameKey } from '../../core/memberSearch';
import type { Persona } from '../../../types/api';
import type { Channel } from '../../../types/domain';
import { addDays, dayKey, startOfDay } from '../../core/day';
import { nextEvaluationDay } from '../../core/tiers';
import { withDefaults } from '../../core/settings';
import { invoke, type FunctionDef } from '../kernel/handler';
import { memberIdFor } from '../kernel/ids';
import { carried } from '../domain/memberState';
import type { Store } from '../store/port';
import { seededRandom } from '../../core/prng';
import { seedSupport } from './supportSeed';
import { seedContent } from './contentSeed';
import { DEMO_APPLICANTS, DEMO_BANNED, seedOnboarding } from './demoOnboarding';
import type { EntryMode } from '../../core/entry';
import { resolveLocalGroup } from './gateway';
import { seedGroupBoards, seedGroupClaims, seedMemberGroups } from './demoGroupsSeed';

/** Openid of the demo owner; the local start script makes it an owner through QUNYUN_OWNER_OPENIDS. */
export const DEMO_OWNER = 'demo-owner';
/** Openid of the demo member just above 黄金 whose growth is about to leave the window (keep-tier preview). */
export const DEMO_TIER_MEMBER = 'demo-member-gold';
/** Openids of the demo hosts. */
export const DEMO_HOSTS = ['demo-host-1', 'demo-host-2'];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = ['小雨', '晓明', '思远', '一帆', '子涵', '欣怡', '浩然', '雅琪', '俊杰', '梓萱', '宇轩', '诗涵', '明轩', '佳怡', '文博', '若曦', '嘉懿', '天佑', '可欣', '书瑶', '立诚', '沐晴', '星辰', '安然'];
const CHANNELS: Array<[Channel, number]> = [
  ['referral', 0.3],
  ['group', 0.25],
  ['poster', 0.15],
  ['lesson', 0.1],
  ['organic', 0.2],
];

/** The openid of the n-th demo member (1-based). */
export function demoMemberOpenid(n: number): string {
  return `demo-member-${String(n).padStart(3, '0')}`;
}

type Habit = 'core' | 'regular' | 'fading' | 'ghost';

function pick<T>(rand: () => number, weighted: Array<[T, number]>): T {
  let r = rand();
  for (const [value, weight] of weighted) {
    r -= weight;
    if (r <= 0) return value;
  }
  return weighted[weighted.length - 1][0];
}

function checkinChance(habit: Habit, daysSinceJoin: number): number {
  switch (habit) {
    case 'core':
      return 0.9;
    case 'regular':
      return 0.55;
    case 'fading':
      return daysSinceJoin < 10 ? 0.7 : 0.05;
    case 'ghost':
      return 0;
  }
}

/** Options for seeding. */
export interface SeedOptions {
  now: Date;
  members?: number;
  days?: number;
  seed?: number;
  /** The demo's entry rule once seeded (default `application`: pending applicants; issue 16). */
  entryMode?: EntryMode;
}

/**
 * Seed a demo community through the real functions (login and check-in at historic times), so
 * balances, ledgers and streaks are exactly what the product itself would have produced:
 * an owner, two hosts and `members` members who joined over the last `days` days by channel.
 */
export async function seedDemo(store: Store, functions: Record<string, FunctionDef>, options: SeedOptions): Promise<{ members: number; checkins: number }> {
  const rand = seededRandom(options.seed ?? 20261124);
  const total = options.members ?? 300;
  const days = options.days ?? 90;
  const owners = new Set([DEMO_OWNER]);
  const settings = withDefaults(null);
  const tz = settings.timezone;
  const today = dayKey(options.now, tz);
  const call = async (openid: string, fn: string, event: Record<string, unknown>, at: Date) => {
    const result = await invoke(functions[fn], event, { store, openid, now: at, ownerOpenids: owners, platform: { resolveGroup: resolveLocalGroup } });
    if (!result.ok && result.error.code !== 'CONFLICT') throw new Error(`seed ${fn}.${String(event.action)}: ${result.error.message}`);
    return result;
  };
  const at = (day: string, hour: number, minute: number) => new Date(startOfDay(day, tz).getTime() + (hour * 60 + minute) * 60_000);
  const rename = (openid: string, nickname: string) =>
    store.transaction((tx) => tx.update('members', memberIdFor(openid), { nickname, nicknameKey: nicknameKey(nickname) }));

  const ownerJoin = addDays(today, -days - 5);
  await call(DEMO_OWNER, 'member', { action: 'login' }, at(ownerJoin, 9, 0));
  await rename(DEMO_OWNER, '群主·林姐');
  const hostNames = ['讲师·王老师', '群管·小周'];
  for (const [i, host] of DEMO_HOSTS.entries()) {
    await call(host, 'member', { action: 'login', channel: 'group' }, at(addDays(ownerJoin, 1), 10, i));
    await rename(host, hostNames[i]);
    await call(DEMO_OWNER, 'member', { action: 'setRole', requestId: `seed-role-${host}`, memberId: memberIdFor(host), role: 'host' }, at(addDays(ownerJoin, 1), 11, i));
  }
  // The community's WeChat groups, claimed before the first member joins (issue 15).
  await seedGroupClaims(call, at, addDays(ownerJoin, 2), DEMO_OWNER, DEMO_HOSTS);

  // Plan every member first, then replay all logins and check-ins in one time-ordered stream, so
  // every ledger, streak, tier and referral sees time move forward as it would in production.
  interface Plan {
    n: number;
    joinAt: Date;
    channel: Channel;
    nickname: string;
    sharer: boolean;
    checkinsAt: Date[];
  }
  const plans: Plan[] = [];
  for (let n = 1; n <= total; n += 1) {
    // More members joined recently: the community is growing.
    const joinOffset = Math.floor(days * Math.sqrt(rand()));
    const joinDay = addDays(today, -days + joinOffset);
    const joinAt = at(joinDay, 8 + Math.floor(rand() * 12), Math.floor(rand() * 60));
    const channel = pick(rand, CHANNELS);
    const nickname = `${SURNAMES[Math.floor(rand() * SURNAMES.length)]}${GIVEN[Math.floor(rand() * GIVEN.length)]}`;
    const sharer = rand() < 0.3;
    const habit: Habit = n === 1 ? 'core' : pick(rand, [['core', 0.2], ['regular', 0.35], ['fading', 0.3], ['ghost', 0.15]]);
    const checkinsAt: Date[] = [];
    for (let d = joinDay; d < today; d = addDays(d, 1)) {
      const since = Math.round((Date.parse(d) - Date.parse(joinDay)) / 86_400_000);
      if (rand() >= checkinChance(habit, since)) continue;
      const time = at(d, 7 + Math.floor(rand() * 15), Math.floor(rand() * 60));
      // On the join day, the first check-in comes after signing up.
      checkinsAt.push(time > joinAt ? time : new Date(joinAt.getTime() + 5 * 60_000));
    }
    plans.push({ n, joinAt, channel, nickname, sharer, checkinsAt });
  }
  type SeedEvent = { at: Date; plan: Plan; kind: 'join' } | { at: Date; plan: Plan; kind: 'checkin'; day: string };
  const events: SeedEvent[] = plans.flatMap((plan) => [
    { at: plan.joinAt, plan, kind: 'join' as const },
    ...plan.checkinsAt.map((time) => ({ at: time, plan, kind: 'checkin' as const, day: dayKey(time, tz) })),
  ]);
  events.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.kind === 'join' ? -1 : 1) || a.plan.n - b.plan.n);

  const ownerCode = (await store.get('members', memberIdFor(DEMO_OWNER)))?.inviteCode;
  const codes: string[] = ownerCode ? [ownerCode] : [];
  let checkins = 0;
  for (const event of events) {
    const openid = demoMemberOpenid(event.plan.n);
    if (event.kind === 'join') {
      // Only members who have already joined can have invited this one.
      const ref = event.plan.channel === 'referral' && codes.length > 0 ? codes[Math.floor(rand() * codes.length)] : undefined;
      await call(openid, 'member', { action: 'login', channel: event.plan.channel, ...(ref ? { ref } : {}) }, event.at);
      await rename(openid, event.plan.nickname);
      await seedMemberGroups(call, openid, event.plan.n, event.at);
      const code = (await store.get('members', memberIdFor(openid)))?.inviteCode;
      if (code && event.plan.sharer) codes.push(code);
    } else {
      const result = await call(openid, 'checkin', { action: 'do', requestId: `seed-${event.plan.n}-${event.day}` }, event.at);
      if (result.ok) checkins += 1;
    }
  }
  // A few weekly awards by the host, so the ledger and the owner's adjustment log read like a real community.
  for (let n = 5; n <= total; n += 25) {
    const day = addDays(today, -1);
    await call(DEMO_HOSTS[0], 'points', { action: 'adjust', requestId: `seed-award-${n}`, memberId: memberIdFor(demoMemberOpenid(n)), delta: 20, reason: '每周打卡之星奖励' }, at(day, 21, 0));
  }
  await seedMall(call, at, today, store);
  await seedLessons(call, at, today, total, store);
  await seedActivities(call, at, today, total);
  await seedCampaigns(call, at, today);
  await seedTiers(call, at, today, rename);
  await seedGames(call, at, today, total, store);
  // Support desk (issue 18).
  await seedSupport(call, at, today, total, store, { owner: DEMO_OWNER, hosts: DEMO_HOSTS, memberOpenid: demoMemberOpenid, now: options.now });
  // content (issue 17): posts, topics, FAQ, routines, digest
  await seedContent(call, at, today, options.now, { owner: DEMO_OWNER, hosts: DEMO_HOSTS, members: Array.from({ length: Math.min(total, 60) }, (_, i) => demoMemberOpenid(i + 1)) }, store);
  await seedOnboarding(store, call, at, today, DEMO_OWNER, DEMO_HOSTS, options.entryMode ?? 'application');
  await seedGroupBoards(call, at, today, options.now, store, DEMO_OWNER, DEMO_HOSTS[0]);
  // Support desk follow-up (games2): the owner's overdue notices for items past their service level, in 提醒发件箱.
  await call(DEMO_OWNER, 'cron', { action: 'run', job: 'supportOverdue' }, options.now);
  return { members: total, checkins };
}

/** The role picker's list: owner, hosts and a few telling members, with live figures. */
export async function demoPersonas(store: Store, today: string): Promise<Persona[]> {
  const pickMembers = [1, 2, 3, 4, 5, 6].map(demoMemberOpenid);
  const openids = [DEMO_OWNER, ...DEMO_HOSTS, ...pickMembers, DEMO_TIER_MEMBER, DEMO_APPLICANTS[0], DEMO_BANNED];
  const personas: Persona[] = [];
  for (const openid of openids) {
    const id = memberIdFor(openid);
    const member = await store.get('members', id);
    if (!member) continue;
    const account = await store.get('accounts', id);
    const stats = carried(account).streak;
    const live = stats && (stats.lastDay === today || stats.lastDay === addDays(today, -1)) ? stats.streak : 0;
    const role = openid === DEMO_OWNER ? ('owner' as const) : member.role;
    personas.push({
      openid,
      label: member.nickname,
      role,
      detail: `${member.joinDay} 加入 · 连续签到 ${live} 天 · ${account?.balance ?? 0} 积分`,
    });
  }
  return personas;
}

type SeedCall = (openid: string, fn: string, event: Record<string, unknown>, at: Date) => Promise<unknown>;

/** The demo shelf, created by the owner through `mall.saveItem`, and a few redemptions by members. */
async function seedMall(call: SeedCall, at: (day: string, hour: number, minute: number) => Date, today: string, store: Store): Promise<void> {
  const base = { description: '', image: '', perMemberLimit: null, limitPeriod: 'ever', minTier: null, saleStartsAt: null, saleEndsAt: null, virtual: null, listed: true };
  const items = [
    { ...base, title: '补签卡', description: '漏签了？用它补回连续签到', pointsPrice: 20, stock: 500, perMemberLimit: 2, limitPeriod: 'month', kind: 'virtual', virtual: { type: 'makeup_card', amount: 1 } },
    { ...base, title: '社群定制帆布袋', description: '群运周边，包邮到家', pointsPrice: 60, stock: 30, perMemberLimit: 1, limitPeriod: 'month', kind: 'physical' },
    { ...base, title: '奶茶兑换券', description: '群管发放兑换码', pointsPrice: 80, stock: 50, perMemberLimit: 1, limitPeriod: 'week', kind: 'coupon' },
    { ...base, title: '7 天付费会员体验', description: '解锁全部回放与专属答疑', pointsPrice: 300, stock: 100, perMemberLimit: 1, kind: 'virtual', virtual: { type: 'vip_days', amount: 7 }, minTier: 'silver' },
    { ...base, title: '秒杀：年度课程包', description: '限量 10 份，先到先得', pointsPrice: 100, stock: 10, perMemberLimit: 1, kind: 'coupon', saleStartsAt: at(addDays(today, 2), 20, 0).toISOString() },
  ];
  const created: string[] = [];
  for (const [i, item] of items.entries()) {
    const r = (await call(DEMO_OWNER, 'mall', { action: 'saveItem', requestId: `seed-item-${i}`, item }, at(addDays(today, -20), 10, i))) as { ok: boolean; data?: { item: { id: string } } };
    if (r.ok && r.data) created.push(r.data.item.id);
  }
  const address = { name: '群友', phone: '13800000000', region: '上海市 徐汇区', detail: '示范路 1 号' };
  // Members with enough points and at least 白银 growth try paid VIP through the 7-day item: conversions.
  for (let n = 1; n <= 300; n += 7) {
    const account = await store.get('accounts', memberIdFor(demoMemberOpenid(n)));
    if (!account || account.balance < 300) continue;
    try {
      await call(demoMemberOpenid(n), 'mall', { action: 'redeem', requestId: `seed-vip-${n}`, itemId: created[3], qty: 1 }, at(addDays(today, -3), 20, n % 60));
    } catch {
      // Below 白银 by the tier rule: this member simply doesn't buy.
    }
  }
  for (const n of [1, 4, 9, 16, 25, 36]) {
    const account = await store.get('accounts', memberIdFor(demoMemberOpenid(n)));
    if ((account?.balance ?? 0) < 60) continue;
    await call(demoMemberOpenid(n), 'mall', { action: 'redeem', requestId: `seed-redeem-${n}`, itemId: created[1], qty: 1, address }, at(addDays(today, -2), 12, n));
  }
}

/**
 * The demo lessons, through the real `lessons` actions: three past lessons with questions,
 * attendance, ratings and (for two) a replay, lessons in this and next week with reminders set.
 */
async function seedLessons(call: SeedCall, at: (day: string, hour: number, minute: number) => Date, today: string, total: number, store: Store): Promise<void> {
  const rand = seededRandom(6);
  const host = DEMO_HOSTS[0];
  const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
  const plan: Array<{ day: string; title: string; lecturer: string; outline: string; hour?: number }> = [
    { day: addDays(today, -14), title: '社群定位：你的群为谁而建', lecturer: '王老师', outline: '1. 目标会员画像\n2. 价值主张一句话\n3. 入群门槛怎么设' },
    { day: addDays(today, -7), title: '拉新：转介绍的三种玩法', lecturer: '王老师', outline: '1. 邀请有奖的节奏\n2. 海报与渠道码\n3. 新人欢迎仪式' },
    { day: addDays(today, -3), title: '激活：新人第一周怎么带', lecturer: '小周', outline: '1. 首次签到引导\n2. 第一节直播课\n3. 破冰话题' },
    { day: today, title: '留存：打卡营的设计', lecturer: '王老师', outline: '1. 7/14/21 天打卡营\n2. 点评与精选\n3. 积分激励的边界' },
    { day: addDays(monday, 5), title: '周末答疑：运营问题现场解', lecturer: '小周', outline: '提前提问，现场逐条回答', hour: 10 },
    { day: addDays(monday, 8), title: '转化：付费会员怎么设计', lecturer: '王老师', outline: '1. 免费与付费的分界\n2. 续费提醒\n3. 体验卡' },
  ];
  const members = Array.from({ length: Math.min(total, 60) }, (_, i) => demoMemberOpenid(i + 1));
  for (const [i, lesson] of plan.entries()) {
    const hour = lesson.hour ?? 20;
    const starts = at(lesson.day, hour, 0);
    const published = at(addDays(lesson.day < today ? lesson.day : today, -3), 10, i);
    const r = (await call(host, 'lessons', {
      action: 'publish',
      requestId: `seed-lesson-${i}`,
      lesson: { title: lesson.title, lecturer: lesson.lecturer, outline: lesson.outline, startsAt: starts.toISOString(), endsAt: at(lesson.day, hour + 1, 0).toISOString(), watch: { kind: 'meeting', value: `https://meeting.example.com/qunyun-${i + 1}` } },
    }, published)) as { ok: boolean; data?: { lesson: { id: string } } };
    if (!r.ok || !r.data) continue;
    const id = r.data.lesson.id;
    const past = lesson.day < today;
    const audience: string[] = [];
    for (const openid of members) {
      const member = await store.get('members', memberIdFor(openid));
      if (member && member.joinDay < lesson.day) audience.push(openid);
    }
    for (const [n, openid] of audience.entries()) {
      const roll = rand();
      if (roll < 0.35) await call(openid, 'lessons', { action: 'subscribe', requestId: `seed-sub-${i}-${n}`, lessonId: id }, at(addDays(lesson.day < today ? lesson.day : today, -1), 9, n % 60));
      if (n % 12 === 0) await call(openid, 'lessons', { action: 'ask', requestId: `seed-ask-${i}-${n}`, lessonId: id, text: ['新人不说话怎么办？', '签到奖励多少合适？', '群里广告怎么管？', '怎么让老会员带新人？'][(n / 12 + i) % 4] }, at(addDays(lesson.day < today ? lesson.day : today, -1), 12, n % 60));
      if (past && roll < 0.45) {
        await call(openid, 'lessons', { action: 'attend', requestId: `seed-attend-${i}-${n}`, lessonId: id }, at(lesson.day, hour, 5 + (n % 30)));
        if (rand() < 0.6) await call(openid, 'lessons', { action: 'rate', requestId: `seed-rate-${i}-${n}`, lessonId: id, score: rand() < 0.7 ? 5 : 4 }, at(lesson.day, hour + 1, 10 + (n % 40)));
      }
    }
    if (!past) continue;
    const asked = (await store.find('supportQuestions', { where: { lessonId: id }, orderBy: { field: 'createdAt', direction: 'asc' }, limit: 100 })).docs;
    for (const [n, q] of asked.entries()) await call(host, 'lessons', { action: 'answer', requestId: `seed-answer-${i}-${n}`, questionId: q.id, text: '好问题，课上会展开讲；课后回放里也有这一段。' }, at(addDays(lesson.day, -1), 18, n));
    if (i < 2) await call(host, 'lessons', { action: 'addReplay', requestId: `seed-replay-${i}`, lessonId: id, url: `https://replay.example.com/qunyun-${i + 1}`, transcript: `${lesson.title}：要点整理。\n${lesson.outline}` }, at(lesson.day, hour + 2, 0));
  }
}

/** Demo activities through the real `activities` actions: a past 分会 with check-ins, summary and prizes, an ongoing 打卡赛 and a full 沙龙 with a waitlist. */
async function seedActivities(call: SeedCall, at: (day: string, hour: number, minute: number) => Date, today: string, total: number): Promise<void> {
  const host = DEMO_HOSTS[1];
  const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
  const plan = [
    { title: '北京分会线下见面', kind: 'branch', mode: 'offline', start: at(addDays(today, -5), 14, 0), end: at(addDays(today, -5), 17, 0), deadline: at(addDays(today, -6), 22, 0), place: '北京市朝阳区示范大厦 3 层', capacity: 20, signups: 15, created: addDays(today, -12) },
    { title: '21 天早起打卡赛', kind: 'challenge', mode: 'online', start: at(addDays(today, -2), 6, 0), end: at(addDays(today, 19), 9, 0), deadline: at(addDays(today, -3), 22, 0), place: '打卡群「早起 21 天」', capacity: 100, signups: 40, created: addDays(today, -8) },
    { title: '上海线下沙龙：社群变现', kind: 'salon', mode: 'offline', start: at(addDays(monday, 12), 14, 0), end: at(addDays(monday, 12), 17, 0), deadline: at(addDays(monday, 11), 22, 0), place: '上海市徐汇区示范路 1 号', capacity: 12, signups: 15, created: addDays(today, -2) },
  ];
  for (const [i, p] of plan.entries()) {
    const activity = { title: p.title, kind: p.kind, mode: p.mode, startsAt: p.start.toISOString(), endsAt: p.end.toISOString(), signupDeadline: p.deadline.toISOString(), place: p.place, capacity: p.capacity, description: '群友见面交流，欢迎带着问题来。' };
    const r = (await call(host, 'activities', { action: 'create', requestId: `seed-activity-${i}`, activity }, at(p.created, 10, 0))) as { ok: boolean; data?: { activity: { id: string } } };
    if (!r.ok || !r.data) continue;
    const id = r.data.activity.id;
    const people = Array.from({ length: p.signups }, (_, n) => n * 3 + 2).filter((n) => n <= total).map(demoMemberOpenid);
    for (const [n, openid] of people.entries()) {
      await call(openid, 'activities', { action: 'signup', requestId: `seed-signup-${i}-${n}`, activityId: id }, at(p.created, 12, n % 60));
    }
    if (i !== 0) continue;
    for (const [n, openid] of people.slice(0, 12).entries()) {
      await call(host, 'activities', { action: 'checkIn', requestId: `seed-ac-checkin-${n}`, activityId: id, memberId: memberIdFor(openid) }, at(addDays(today, -5), 14, n));
    }
    await call(host, 'activities', { action: 'summarize', requestId: 'seed-ac-summary', activityId: id, summary: '到场 12 人。三位群友分享了拉新经验，下次增加 30 分钟自由交流。' }, at(addDays(today, -5), 18, 0));
    await call(host, 'activities', { action: 'award', requestId: 'seed-ac-award-0', activityId: id, memberId: memberIdFor(people[0]), points: 50, reason: '分会最佳分享' }, at(addDays(today, -5), 18, 5));
    await call(host, 'activities', { action: 'award', requestId: 'seed-ac-award-1', activityId: id, memberId: memberIdFor(people[1]), points: 20, reason: '组织志愿者' }, at(addDays(today, -5), 18, 6));
  }
}

/**
 * Tiers and paid VIP: a 黄金 member whose older growth leaves the window right before the next
 * evaluation (so 会员等级 shows "N 天内再获得 100 成长值可保持黄金"), and a few owner grants so the
 * owner view has VIPs expiring soon and a renewal.
 */
async function seedTiers(call: SeedCall, at: (day: string, hour: number, minute: number) => Date, today: string, rename: (openid: string, nickname: string) => Promise<void>): Promise<void> {
  const evaluation = nextEvaluationDay(today);
  const older = addDays(evaluation, -365); // counts through the day before the evaluation
  await call(DEMO_TIER_MEMBER, 'member', { action: 'login', channel: 'group' }, at(addDays(older, -1), 9, 0));
  await rename(DEMO_TIER_MEMBER, '陈黄金');
  const award = (key: string, delta: number, reason: string, day: string) =>
    call(DEMO_HOSTS[0], 'points', { action: 'adjust', requestId: `seed-tier-${key}`, memberId: memberIdFor(DEMO_TIER_MEMBER), delta, reason }, at(day, 20, 0));
  await award('old', 120, '年度共建者奖励', older);
  await award('recent', 1900, '年度优秀学员奖励', addDays(today, -10));
  const grants: Array<[number, number, number, string]> = [
    [2, 5, 30, '微信转账 99 元（月卡）'],
    [3, 2, 365, '微信转账 699 元（年卡）'],
    [4, 20, 30, '线下活动现场支付 99 元'],
  ];
  for (const [n, ago, days, note] of grants) {
    await call(DEMO_OWNER, 'vip', { action: 'grant', requestId: `seed-vip-${n}`, memberId: memberIdFor(demoMemberOpenid(n)), days, note }, at(addDays(today, -ago), 19, n));
  }
  // Member 4's month ran out soon; it was renewed before the end.
  await call(DEMO_OWNER, 'vip', { action: 'grant', requestId: 'seed-vip-4-renew', memberId: memberIdFor(demoMemberOpenid(4)), days: 30, note: '续费 99 元' }, at(addDays(today, -1), 19, 30));
}

/**
 * Games (issue 19): a host's 拼手气 packet from two days ago that expired with shares left (the
 * rest went back to the budget), a member's packet grabbed to the last share (手气最佳 shown), an
 * open packet from the owner, a drawn lottery and an open one, a few praises, then the boards job.
 */
async function seedGames(call: SeedCall, at: (day: string, hour: number, minute: number) => Date, today: string, total: number, store: Store): Promise<void> {
  const joinedBy = async (time: Date, count: number, minPoints = 0): Promise<string[]> => {
    const out: string[] = [];
    for (let n = 1; n <= total && out.length < count; n += 1) {
      const member = await store.get('members', memberIdFor(demoMemberOpenid(n)));
      const points = (await store.get('accounts', memberIdFor(demoMemberOpenid(n))))?.balance ?? 0;
      if (member && member.joinedAt < time.toISOString() && points >= minPoints) out.push(demoMemberOpenid(n));
    }
    return out;
  };
  const packetOf = (r: unknown) => (r as { ok: true; data: { packet: { id: string } } }).data.packet.id;
  const grabAll = async (packetId: string, openids: string[], time: Date) => {
    for (const [i, openid] of openids.entries()) await call(openid, 'games', { action: 'grab', requestId: `seed-grab-${packetId}-${i}`, packetId }, new Date(time.getTime() + (i + 1) * 37_000));
  };

  // The owner raised the month budget ten days ago (a line in the settings log, on 红包预算 and 规则设置).
  await call(DEMO_OWNER, 'settings', { action: 'updatePacketBudget', requestId: 'seed-packet-budget', packetMonthlyBudget: 30_000 }, at(addDays(today, -10), 9, 0));
  const twoDaysAgo = at(addDays(today, -2), 20, 0);
  const expired = packetOf(await call(DEMO_HOSTS[0], 'games', { action: 'sendPacket', requestId: 'seed-packet-host', total: 500, count: 20, kind: 'lucky', greeting: '周末直播课加油！', expiresInHours: 24 }, twoDaysAgo));
  await grabAll(expired, (await joinedBy(twoDaysAgo, 14)).slice(0, 14), twoDaysAgo);
  await call(DEMO_OWNER, 'cron', { action: 'run', job: 'expirePackets' }, at(addDays(today, -1), 20, 5));

  const yesterday = at(addDays(today, -1), 12, 0);
  const lucky = packetOf(await call(demoMemberOpenid(1), 'games', { action: 'sendPacket', requestId: 'seed-packet-member', total: 60, count: 6, kind: 'lucky', greeting: '连签 30 天，请大家喝奶茶' }, yesterday));
  await grabAll(lucky, (await joinedBy(yesterday, 8)).filter((o) => o !== demoMemberOpenid(1)).slice(0, 6), yesterday);

  const earlier = at(today, 0, 30);
  const open = packetOf(await call(DEMO_OWNER, 'games', { action: 'sendPacket', requestId: 'seed-packet-owner', total: 300, count: 30, kind: 'lucky', greeting: '新人欢迎红包', expiresInHours: 48 }, earlier));
  await grabAll(open, (await joinedBy(earlier, 12)).slice(3, 8), earlier);

  // A drawn lottery: created five days ago, entries until three days ago, drawn by the cron job.
  const created = at(addDays(today, -5), 10, 0);
  const deadline = at(addDays(today, -3), 20, 0);
  const drawn = (await call(DEMO_HOSTS[0], 'games', {
    action: 'createLottery',
    requestId: 'seed-lottery-drawn',
    lottery: { title: '本周签到抽奖', prizes: [{ kind: 'points', points: 200, winners: 1 }, { kind: 'points', points: 50, winners: 3 }], entry: { kind: 'free' }, entryDeadline: deadline.toISOString(), drawAt: deadline.toISOString() },
  }, created)) as { ok: true; data: { lottery: { id: string } } };
  for (const [i, openid] of (await joinedBy(created, 30)).entries()) {
    await call(openid, 'games', { action: 'enterLottery', requestId: `seed-enter-drawn-${i}`, lotteryId: drawn.data.lottery.id }, new Date(created.getTime() + (i + 1) * 600_000));
  }
  await call(DEMO_OWNER, 'cron', { action: 'run', job: 'drawLotteries' }, new Date(deadline.getTime() + 60_000));

  const openLottery = (await call(DEMO_HOSTS[1], 'games', {
    action: 'createLottery',
    requestId: 'seed-lottery-open',
    lottery: { title: '月末积分大抽奖', prizes: [{ kind: 'points', points: 300, winners: 1 }, { kind: 'points', points: 30, winners: 10 }], entry: { kind: 'points', cost: 10 }, entryDeadline: at(addDays(today, 2), 20, 0).toISOString(), drawAt: at(addDays(today, 2), 21, 0).toISOString() },
  }, at(addDays(today, -1), 9, 0))) as { ok: true; data: { lottery: { id: string } } };
  for (const [i, openid] of (await joinedBy(at(addDays(today, -1), 9, 0), 10, 50)).entries()) {
    await call(openid, 'games', { action: 'enterLottery', requestId: `seed-enter-open-${i}`, lotteryId: openLottery.data.lottery.id }, at(addDays(today, -1), 10, i));
  }

  const praises: Array<[number, string, number]> = [
    [1, '连续 30 天打卡并分享读书笔记', 30],
    [2, '主动帮新人解答作业问题', 20],
    [7, '直播课提问质量很高', 0],
  ];
  for (const [n, text, points] of praises) {
    if (n > total) continue;
    await call(DEMO_HOSTS[0], 'games', { action: 'praise', requestId: `seed-praise-${n}`, memberId: memberIdFor(demoMemberOpenid(n)), text, ...(points > 0 ? { points } : {}) }, at(addDays(today, -1), 21, n));
  }
  await call(DEMO_OWNER, 'cron', { action: 'run', job: 'rankBoards' }, at(today, 1, 0));
  // 贡献榜 and facets (issue 19 item 1, issue 16): the jobs the timer runs, as of this morning.
  await call(DEMO_OWNER, 'cron', { action: 'run', job: 'refreshContributions' }, at(today, 1, 1));
  await call(DEMO_OWNER, 'cron', { action: 'run', job: 'backfillFacets' }, at(today, 1, 2));
}

/** A running 打卡营 with a dozen members checking in (with notes) since it started six days ago. */
async function seedCampaigns(call: SeedCall, at: (day: string, hour: number, minute: number) => Date, today: string): Promise<void> {
  const host = DEMO_HOSTS[0];
  const startDay = addDays(today, -6);
  const campaign = { title: '21 天阅读打卡营', startDay, length: 21, prompt: '今天读了哪一页？写下一句触动你的话。', reward: 200, noteRequired: false };
  const r = (await call(host, 'campaign', { action: 'create', requestId: 'seed-campaign-1', campaign }, at(addDays(today, -8), 20, 0))) as { ok: boolean; data?: { campaign: { id: string } } };
  if (!r.ok || !r.data) return;
  const campaignId = r.data.campaign.id;
  const notes = ['读完第三章，做了笔记。', '今天只读了十页，但很有收获。', '“慢慢来，比较快。”', '和群友讨论了书里的案例。'];
  for (let n = 1; n <= 12; n += 1) {
    await call(demoMemberOpenid(n), 'campaign', { action: 'join', requestId: `seed-camp-join-${n}`, campaignId }, at(addDays(today, -7), 9, n));
  }
  for (let d = startDay; d < today; d = addDays(d, 1)) {
    for (let n = 1; n <= 12; n += 1) {
      if ((n + Number(d.slice(8))) % 4 === 0) continue;
      const text = notes[(n + Number(d.slice(8))) % notes.length];
      await call(demoMemberOpenid(n), 'campaign', { action: 'checkin', requestId: `seed-camp-${n}-${d}`, campaignId, text }, at(d, 21, n));
    }
  }
}

