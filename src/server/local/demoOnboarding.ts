/**
 * The demo's entry and onboarding (issue 16), seeded after the community's history: members who
 * joined more than 14 days ago (and the persona members) are pre-entry-rule members; recent ones
 * walk the 入群仪式 through the real actions (the welcome gift lands in their ledgers), hosts greet
 * them, tag and annotate a few, some members carry 贡献值 of kinds no action writes yet, the
 * community switches to `application` entry, a few applicants wait in the queue and one member is
 * banned. Another `mode` (the e2e runs `open`) is set last: stored applicants stay pending.
 */
import { addDays } from '../../core/day';
import type { ContributionKind, EntryMode } from '../../core/entry';
import { withDefaults } from '../../core/settings';
import { seededRandom } from '../../core/prng';
import { addContribution } from '../domain/contribution';
import type { MemberDoc } from '../domain/model';
import { memberIdFor } from '../kernel/ids';
import { scanAll } from '../store/scan';
import type { Store } from '../store/port';

/** Openids of the demo's pending applicants. */
export const DEMO_APPLICANTS = ['demo-applicant-1', 'demo-applicant-2', 'demo-applicant-3', 'demo-applicant-4'];
/** Openid of the demo's banned member. */
export const DEMO_BANNED = 'demo-member-009';

type SeedCall = (openid: string, fn: string, event: Record<string, unknown>, at: Date) => Promise<unknown>;
type At = (day: string, hour: number, minute: number) => Date;

const CITIES = ['上海', '北京', '杭州', '深圳', '成都', '广州', '南京', '武汉'];
const INDUSTRIES = ['教育', '互联网', '零售', '金融', '医疗', '制造'];
const YEARS = ['1 年以内', '1–3 年', '3–5 年', '5 年以上'];
const INTERESTS = ['社群运营', '私域增长', '直播', '内容写作', '读书', '跑步'];
const INTROS = [
  '大家好！我在{city}做{industry}，刚开始负责公司的社群，想来学学怎么让群里活跃起来。',
  '嗨，我是新人，{city}人，{industry}行业五年，最近在做私域，希望多和大家交流。',
  '你好呀～在{city}，{industry}从业者，平时喜欢读书和跑步，希望在这里认识更多同行。',
  '报到！{industry}行业，坐标{city}，社群新手一枚，请多指教。',
];

/** The demo's entry settings: application entry with two questions, a nickname format, four profile fields. */
export const DEMO_ENTRY = {
  ...withDefaults(null).entry,
  mode: 'application' as const,
  intro: '群运示范社群：每天签到、每周直播课、打卡营和积分商城，一起把社群做好。入群需简单审核。',
  questions: ['你是怎么知道我们社群的？', '你希望在社群里收获什么？'],
  nicknameFormat: '城市-行业-姓名',
  profileFields: [
    { key: 'city', label: '城市', kind: 'text' as const, options: [], required: true },
    { key: 'industry', label: '行业', kind: 'single' as const, options: INDUSTRIES, required: true },
    { key: 'years', label: '工作年限', kind: 'single' as const, options: YEARS, required: false },
    { key: 'interests', label: '兴趣', kind: 'multi' as const, options: INTERESTS, required: false },
  ],
  welcomePoints: 50,
  greetings: ['欢迎{name}加入！今晚 8 点有新人答疑会，记得来听～', '欢迎新朋友！先去首页签到领积分，有问题随时在群里问。', '欢迎欢迎！看了你的介绍，群里有不少同行，多交流哦。'],
};

/** Seed the entry and onboarding story over an already seeded community. */
export async function seedOnboarding(store: Store, call: SeedCall, at: At, today: string, owner: string, hosts: string[], mode: EntryMode = 'application'): Promise<void> {
  const rand = seededRandom(20261216);
  const settings = withDefaults(null);
  const recentFrom = addDays(today, -13);
  const members = await scanAll(store, 'members', { orderBy: { field: 'joinedAt', direction: 'asc' } });
  const personaIds = new Set([1, 2, 3, 4, 5, 6].map((n) => memberIdFor(`demo-member-${String(n).padStart(3, '0')}`)));
  const recent: MemberDoc[] = [];
  // Everyone who joined before the last 14 days (and the persona members) joined before entry rules existed.
  for (const m of members) {
    const isStaff = m.role !== 'member';
    if (isStaff || m.joinDay < recentFrom || personaIds.has(m.id) || !m.openid.startsWith('demo-member-')) {
      await store.transaction(async (tx) => {
        const current = await tx.get('members', m.id);
        if (!current) return;
        const { admittedAt: _a, newcomer: _n, status: _s, ...old } = current;
        await tx.set('members', old);
      });
    } else recent.push(m);
  }
  await call(owner, 'settings', { action: 'updateEntry', requestId: 'seed-entry', entry: Object.fromEntries(Object.entries(DEMO_ENTRY).filter(([k]) => k !== 'rulesVersion')) }, at(addDays(today, -14), 9, 0));

  // Older members fill in profiles (no ritual), so segments and the member page have 画像.
  const profileOf = (i: number) => ({ city: CITIES[i % CITIES.length], industry: INDUSTRIES[(i * 7) % INDUSTRIES.length], years: YEARS[i % YEARS.length], interests: [INTERESTS[i % INTERESTS.length], INTERESTS[(i + 2) % INTERESTS.length]] });
  for (const [i, m] of members.filter((x) => x.role === 'member' && x.joinDay < recentFrom).entries()) {
    if (i % 3 !== 0) continue;
    await call(m.openid, 'member', { action: 'updateProfile', requestId: `seed-profile-${m.id}`, profile: profileOf(i) }, at(addDays(today, -10), 12, i % 60));
  }

  // Recent members walk the 入群仪式: most all the way (gift paid), some halfway, a few not yet.
  const version = (await store.get('settings', 'community')) as { entry?: { rulesVersion?: number } } | null;
  const rulesVersion = version?.entry?.rulesVersion ?? 1;
  for (const [i, m] of recent.entries()) {
    const roll = rand();
    const day = m.joinDay;
    const step = (key: string, extra: Record<string, unknown>, hour: number) => call(m.openid, 'member', { action: 'completeStep', requestId: `seed-step-${key}-${m.id}`, step: key, ...extra }, at(day, Math.min(23, hour), i % 60));
    const joinHour = Number(new Date(m.joinedAt).toISOString().slice(11, 13)) + 8;
    const greet = async (chance: number) => {
      // Hosts greet most newcomers within hours; a few still wait.
      if (rand() >= chance) return;
      const host = hosts[i % hosts.length];
      const text = DEMO_ENTRY.greetings[i % DEMO_ENTRY.greetings.length].replace('{name}', m.nickname.slice(-2));
      await call(host, 'member', { action: 'greet', requestId: `seed-greet-${m.id}`, memberId: m.id, text }, at(day, Math.min(23, joinHour + 3 + (i % 4)), (i * 7) % 60));
    };
    if (roll < 0.15) {
      await greet(0.6);
      continue;
    }
    await step('rules', { rulesVersion }, joinHour + 1);
    const profile = profileOf(i + 1);
    const given = m.nickname.slice(-2);
    await step('nickname', { nickname: `${profile.city}-${profile.industry}-${given}` }, joinHour + 1);
    if (roll < 0.3) {
      await greet(0.7);
      continue;
    }
    await step('profile', { profile }, joinHour + 2);
    const intro = INTROS[i % INTROS.length].replace('{city}', profile.city).replace('{industry}', profile.industry);
    await step('intro', { intro }, joinHour + 2);
    await greet(0.85);
  }

  // Tags and private notes on a few members.
  const tagged: Array<[number, string[], string | null]> = [
    [1, ['种子用户'], '最早一批会员，常在群里答疑，可邀请做分享嘉宾。'],
    [2, ['意向客户'], '问过年卡价格，下次活动重点跟进。'],
    [3, ['讲师候选', '种子用户'], '做教育培训 6 年，讲过公开课，可约一节直播课。'],
    [5, ['意向客户'], null],
    [8, ['种子用户'], null],
  ];
  for (const [n, tags, note] of tagged) {
    const memberId = memberIdFor(`demo-member-${String(n).padStart(3, '0')}`);
    if (!(await store.get('members', memberId))) continue;
    await call(hosts[0], 'member', { action: 'tag', requestId: `seed-tag-${n}`, memberId, tags }, at(addDays(today, -3), 20, n));
    if (note) await call(hosts[0], 'member', { action: 'note', requestId: `seed-note-${n}`, memberId, text: note }, at(addDays(today, -3), 20, 10 + n));
  }

  // 贡献值 of kinds no action writes yet (accepted answers, organised activities, opened shares,
  // praise, activated referrals), so the KOC list shows who carries the community.
  const kinds: ContributionKind[] = ['answer_accepted', 'activity_organized', 'share_opened', 'praise_received', 'referral_activated'];
  const kocs = [1, 2, 3, 5, 8, 10, 12, 15].map((n) => memberIdFor(`demo-member-${String(n).padStart(3, '0')}`));
  for (const [rank, memberId] of kocs.entries()) {
    if (!(await store.get('members', memberId))) continue;
    const events = 14 - rank;
    for (let e = 0; e < events; e += 1) {
      const kind = kinds[(rank + e) % kinds.length];
      const when = at(addDays(today, -((e * 3 + rank) % 28) - 1), 21, e);
      await store.transaction((tx) => addContribution(tx, memberId, kind, { now: when, settings }));
    }
  }

  // The queue: four applicants (one with an invite code, one rejected once and back again).
  const ownerCode = (await store.get('members', memberIdFor(owner)))?.inviteCode;
  const answers = [
    ['朋友推荐的，说这里的直播课很实用', '学习怎么做社群留存'],
    ['在公众号文章里看到的', '认识同行，交流私域经验'],
    ['听过王老师的公开课', '想系统学习社群运营'],
    ['小红书', '看看'],
  ];
  for (const [i, openid] of DEMO_APPLICANTS.entries()) {
    const day = addDays(today, -(3 - Math.min(i, 3)));
    await call(openid, 'member', { action: 'login', channel: i === 0 ? 'referral' : 'organic' }, at(day, 10 + i, 5));
    await call(openid, 'member', { action: 'apply', requestId: `seed-apply-${i}`, answers: answers[i], ...(i === 0 && ownerCode ? { ref: ownerCode } : {}) }, at(day, 10 + i, 15));
  }
  await call(hosts[1], 'member', { action: 'review', requestId: 'seed-reject-4', memberId: memberIdFor(DEMO_APPLICANTS[3]), approve: false, reason: '请具体说说你想在社群里收获什么' }, at(addDays(today, -1), 9, 0));
  await call(DEMO_APPLICANTS[3], 'member', { action: 'apply', requestId: 'seed-apply-3b', answers: ['小红书上看到的打卡营分享', '想坚持每天学习，找到一起打卡的伙伴'] }, at(addDays(today, -1), 12, 0));

  // One banned member (open orders cancelled with refunds through the mall's cancel path).
  if (await store.get('members', memberIdFor(DEMO_BANNED))) {
    await call(owner, 'member', { action: 'ban', requestId: 'seed-ban-1', memberId: memberIdFor(DEMO_BANNED), reason: '多次在群里发布广告', until: new Date(at(addDays(today, 30), 0, 0).getTime()).toISOString().replace(/\.\d+Z$/, 'Z') }, at(addDays(today, -2), 18, 0));
  }
  if (mode !== 'application') {
    const entry = Object.fromEntries(Object.entries({ ...DEMO_ENTRY, mode }).filter(([k]) => k !== 'rulesVersion'));
    await call(owner, 'settings', { action: 'updateEntry', requestId: `seed-entry-${mode}`, entry }, at(today, 0, 0));
  }
}
