import type { Availability, MetricView } from '../../../../types/api';
import { visibleToMembers } from '../../../core/posts';
import { postCounts } from '../../domain/content';
import { scanAll } from '../../store/scan';
import { sopReport, type SopContext } from '../sop';

/** Days the post figures look back over. */
export const CONTENT_METRIC_DAYS = 7;

const AVAILABLE: Availability = { status: 'available' };
const unavailable = (reason: string): Availability => ({ status: 'unavailable', reason });

function metric(key: string, label: string, definition: string, unit: MetricView['unit'], value: number | null, availability: Availability = AVAILABLE): MetricView {
  return { key, label, definition, unit, value: availability.status === 'available' ? value : null, availability };
}

/**
 * The content rows of the owner's metrics panel (`funnel.metrics`): posts per day, read rate,
 * replies per post, member-started topics, FAQ deflections and the SOP on-time rate, each with
 * its definition. Reads only.
 */
export async function contentMetrics(ctx: SopContext): Promise<MetricView[]> {
  const since = new Date(ctx.now.getTime() - CONTENT_METRIC_DAYS * 86_400_000).toISOString();
  const visible = (await scanAll(ctx.store, 'posts', { where: { live: true, publishAt: { $gte: since, $lte: ctx.now.toISOString() } }, orderBy: { field: 'publishAt', direction: 'asc' } })).filter(
    (p) => p.kind !== 'digest' && visibleToMembers(p, ctx.now.getTime()),
  );
  // Host content and members' own topics are counted apart: 会员自发话题数 is its own figure.
  const posts = visible.filter((p) => !p.byMember);
  const memberTopics = visible.length - posts.length;
  const open = ctx.settings.posts.membersMayPost;
  const members = await ctx.store.count('members');
  let readers = 0;
  let replies = 0;
  for (const p of posts) {
    readers += await ctx.store.count('postReads', { postId: p.id });
    replies += (await postCounts(ctx.store, p.id)).replies;
  }
  const noPosts = posts.length === 0 ? unavailable('近 7 天还没有发布帖子') : AVAILABLE;
  const deflections = await ctx.store.count('faqDeflections', { at: { $gte: new Date(ctx.now.getTime() - 30 * 86_400_000).toISOString() } });
  const report = await sopReport(ctx);
  const occurrences = report.rows.reduce((s, r) => s + r.occurrences, 0);
  const onTime = report.rows.reduce((s, r) => s + r.onTime, 0);
  return [
    metric('postsPerDay', '日均发帖', '近 7 天讲师和群主发布（对会员可见）的帖子数 ÷ 7，不含集锦和会员话题', 'count', Math.round((posts.length / CONTENT_METRIC_DAYS) * 10) / 10),
    metric('readRate', '帖子阅读率', '近 7 天发布的帖子：打开过的会员人次 ÷（帖子数 × 社群成员数）', 'ratio', posts.length && members ? readers / (posts.length * members) : null, noPosts),
    metric('repliesPerPost', '帖均回复', '近 7 天发布的帖子：未隐藏的回复数 ÷ 帖子数', 'count', posts.length ? Math.round((replies / posts.length) * 10) / 10 : null, noPosts),
    metric(
      'memberTopics',
      '会员自发话题数',
      '近 7 天会员自己发起、未被隐藏的话题数（群主开放会员发起话题后统计）',
      'count',
      memberTopics,
      open || memberTopics > 0 ? AVAILABLE : unavailable('会员发起话题尚未开放（关键字回复 → 会员发起话题），目前只有讲师和群主可以发帖'),
    ),
    metric('faqDeflection', '常见问题自助解决', '近 30 天会员看到关键字回复后点了“已解决”、没有再提问的次数（每人每天每条计一次）', 'count', deflections),
    metric('sopOnTime', 'SOP 按时完成率', '近 30 天启用中的例行工作：截止后 1 小时内完成的次数 ÷ 已到期的次数（发对应类型的帖子自动算完成）', 'ratio', occurrences ? onTime / occurrences : null, occurrences ? AVAILABLE : unavailable('还没有到期的例行工作')),
  ];
}
