import type { CronRun } from '../../../types/api';
import { addDays, dayKey, startOfDay } from '../../core/day';
import type { CommunitySettings } from '../../core/settings';
import { carried } from './memberState';
import { postCounts, type PostDoc } from './content';
import { nicknames } from './lessonRecords';
import { DuplicateError, type Store } from '../store/port';
import { scanAll, scanPages } from '../store/scan';

/** Author id and name of drafts written by the system (any host may edit them). */
export const DIGEST_AUTHOR = { id: 'system', name: '群运助手' } as const;

/** Days into a new month (year) during which a missed digest is still drafted. */
export const DIGEST_CATCH_UP_DAYS = 7;

/** Most accounts read for the contributors list. */
const CONTRIBUTOR_SCAN_LIMIT = 20_000;

/** The figures one digest is written from (all counted from stored data). */
export interface DigestFigures {
  label: string;
  topPosts: Array<{ title: string; replies: number }>;
  lessons: Array<{ title: string; attendees: number; rating: number | null }>;
  newMembers: number;
  checkins: number;
  posts: number;
  replies: number;
  pointsIssued: number;
  contributors: Array<{ name: string; points: number }>;
}

/** Count and collect what happened between two community days (`fromDay` inclusive, `toDay` exclusive). */
export async function digestFigures(store: Store, settings: CommunitySettings, fromDay: string, toDay: string, label: string): Promise<DigestFigures> {
  const tz = settings.timezone;
  const fromIso = startOfDay(fromDay, tz).toISOString();
  const toIso = startOfDay(toDay, tz).toISOString();
  const posts = (await scanAll(store, 'posts', { where: { live: true, publishAt: { $gte: fromIso, $lt: toIso } }, orderBy: { field: 'publishAt', direction: 'asc' } })).filter((p) => p.kind !== 'digest');
  const counted = await Promise.all(posts.map(async (p) => ({ title: p.title, replies: (await postCounts(store, p.id)).replies })));
  const lessonDocs = (await scanAll(store, 'lessons', { where: { startsAt: { $gte: fromIso, $lt: toIso } }, orderBy: { field: 'startsAt', direction: 'asc' } })).filter((l) => l.published);
  const lessons = await Promise.all(
    lessonDocs.map(async (l) => {
      const ratings = await scanAll(store, 'lessonRatings', { where: { lessonId: l.id }, orderBy: { field: 'at', direction: 'asc' } });
      return {
        title: l.title,
        attendees: await store.count('lessonAttendance', { lessonId: l.id }),
        rating: ratings.length === 0 ? null : Math.round((ratings.reduce((s, r) => s + r.score, 0) / ratings.length) * 10) / 10,
      };
    }),
  );
  const months = new Set<string>();
  for (let d = fromDay; d < toDay; d = addDays(d, 28)) months.add(d.slice(0, 7));
  months.add(addDays(toDay, -1).slice(0, 7));
  let pointsIssued = 0;
  for (const month of months) for (const shard of await scanAll(store, 'pointsMonthly', { where: { month }, orderBy: { field: 'month', direction: 'asc' } })) pointsIssued += shard.issued;
  // Top contributors: growth buckets (points credited per community day) summed over the period.
  const earned: Array<{ id: string; points: number }> = [];
  let seen = 0;
  for await (const page of scanPages(store, 'accounts', {})) {
    for (const account of page) {
      const buckets = carried(account).growth?.buckets ?? {};
      const points = Object.entries(buckets).reduce((s, [day, n]) => (day >= fromDay && day < toDay ? s + n : s), 0);
      if (points > 0) earned.push({ id: account.id, points });
    }
    seen += page.length;
    if (seen >= CONTRIBUTOR_SCAN_LIMIT) break;
  }
  const top = earned.sort((a, b) => b.points - a.points || a.id.localeCompare(b.id)).slice(0, 5);
  const names = await nicknames(store, top.map((t) => t.id));
  return {
    label,
    topPosts: counted.sort((a, b) => b.replies - a.replies).slice(0, 5),
    lessons,
    newMembers: await store.count('members', { joinDay: { $gte: fromDay, $lt: toDay } }),
    checkins: await store.count('checkins', { day: { $gte: fromDay, $lt: toDay } }),
    posts: posts.length,
    replies: await store.count('postReplies', { at: { $gte: fromIso, $lt: toIso } }),
    pointsIssued,
    contributors: top.map((t) => ({ name: names.get(t.id) ?? '已退出', points: t.points })),
  };
}

function change(now: number, before: number): string {
  if (before === 0) return now === 0 ? '持平' : '上期为 0';
  const pct = Math.round(((now - before) / before) * 100);
  return pct === 0 ? '持平' : pct > 0 ? `↑${pct}%` : `↓${-pct}%`;
}

/** The digest text: only figures and titles from the data, in the host's words to edit. */
export function digestText(current: DigestFigures, previous: DigestFigures): string {
  const lines: string[] = [`【${current.label}】`, '', '一、关键数据（对比上期）'];
  const fig = (name: string, a: number, b: number) => lines.push(`· ${name}：${a}（上期 ${b}，${change(a, b)}）`);
  fig('新成员', current.newMembers, previous.newMembers);
  fig('签到人次', current.checkins, previous.checkins);
  fig('发布帖子', current.posts, previous.posts);
  fig('回复', current.replies, previous.replies);
  fig('发放积分', current.pointsIssued, previous.pointsIssued);
  lines.push('', '二、最热帖子（按回复数）');
  if (current.topPosts.length === 0) lines.push('· 本期没有帖子');
  current.topPosts.forEach((p, i) => lines.push(`${i + 1}. ${p.title}（${p.replies} 条回复）`));
  lines.push('', '三、直播课');
  if (current.lessons.length === 0) lines.push('· 本期没有直播课');
  for (const l of current.lessons) lines.push(`· ${l.title}：到课 ${l.attendees} 人${l.rating === null ? '' : `，评分 ${l.rating}`}`);
  lines.push('', '四、贡献之星（按获得积分）');
  if (current.contributors.length === 0) lines.push('· 本期暂无');
  current.contributors.forEach((c, i) => lines.push(`${i + 1}. ${c.name}（+${c.points} 积分）`));
  return lines.join('\n');
}

/** Draft one digest post with id `id` unless it exists; true when this call created it. */
async function draftOnce(store: Store, id: string, title: string, text: string, now: Date): Promise<boolean> {
  if (await store.get('posts', id)) return false;
  const nowIso = now.toISOString();
  const doc: PostDoc = {
    id, kind: 'digest', title, text, images: [], link: null, state: 'draft', publishAt: null, publishedAt: null, live: false, pinned: false, pinnedAt: null, hidden: null,
    authorId: DIGEST_AUTHOR.id, authorName: DIGEST_AUTHOR.name, createdAt: nowIso, updatedAt: nowIso,
  };
  try {
    await store.transaction((tx) => tx.create('posts', doc));
    return true;
  } catch (error) {
    if (error instanceof DuplicateError) return false;
    throw error;
  }
}

function monthStart(month: string): string {
  return `${month}-01`;
}

function previousMonth(month: string): string {
  return addDays(monthStart(month), -1).slice(0, 7);
}

/**
 * At month end (the first run in the first days of the next month) draft the 月度集锦 of the
 * month that ended, and at year end the 年度回顾, as editable draft posts built from data. The id
 * (`digest-month-<YYYY-MM>`, `digest-year-<YYYY>`) makes each one exist once. `accounts` reports drafts made.
 */
export async function draftDigests(store: Store, now: Date, settings: CommunitySettings): Promise<CronRun> {
  const today = dayKey(now, settings.timezone);
  const dayOfMonth = Number(today.slice(8));
  let drafted = 0;
  if (dayOfMonth <= DIGEST_CATCH_UP_DAYS) {
    const month = previousMonth(today.slice(0, 7));
    const id = `digest-month-${month}`;
    if (!(await store.get('posts', id))) {
      const before = previousMonth(month);
      const [y, m] = month.split('-').map(Number);
      const current = await digestFigures(store, settings, monthStart(month), monthStart(today.slice(0, 7)), `${y}年${m}月 月度集锦`);
      const previous = await digestFigures(store, settings, monthStart(before), monthStart(month), '上月');
      if (await draftOnce(store, id, `${y}年${m}月 月度集锦`, digestText(current, previous), now)) drafted += 1;
    }
  }
  if (today.slice(5, 7) === '01' && dayOfMonth <= DIGEST_CATCH_UP_DAYS) {
    const year = Number(today.slice(0, 4)) - 1;
    const id = `digest-year-${year}`;
    if (!(await store.get('posts', id))) {
      const current = await digestFigures(store, settings, `${year}-01-01`, `${year + 1}-01-01`, `${year}年 年度回顾`);
      const previous = await digestFigures(store, settings, `${year - 1}-01-01`, `${year}-01-01`, '上一年');
      if (await draftOnce(store, id, `${year}年 年度回顾`, digestText(current, previous), now)) drafted += 1;
    }
  }
  return { job: 'draftDigests', accounts: drafted, points: 0 };
}
