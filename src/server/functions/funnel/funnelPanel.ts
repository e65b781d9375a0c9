import * as z from 'zod/mini';
import type { Availability, FunnelChannelRow, InactiveReminder, FunnelRepair, FunnelWindowsView, MemberSegments, MetricView, SegmentDimension } from '../../../../types/api';
import type { Channel } from '../../../../types/domain';
import { addDays, dayKey, daysBetween, isDayKey, startOfDay } from '../../../core/day';
import { clockOf } from '../../../core/lessonRules';
import { AppError } from '../../../core/errors';
import { cohortMatrix, rollupsFromMembers, stageFigures, sumRollups, weekStart, type FunnelRollup } from '../../../core/funnel';
import { CHANNEL_LABEL } from '../../../core/labels';
import type { Tier, TierKey } from '../../../core/tiers';
import { cursorSchema, defineFunction, limitSchema, requestIdSchema, type Route, type RouteContext } from '../../kernel/handler';
import { funnelOf, recomputeFunnel, type FunnelDailyDoc } from '../../domain/funnelRollups';
import { checkinsBetween, checkinsOn, seenCount, type GroupDoc } from '../../domain/groupRecords';
import { lessonMetrics } from '../../domain/lessonRecords';
import { supportMetrics } from '../../domain/supportMetrics';
import { tierSettings } from '../../domain/growth';
import { vipSettings } from '../../domain/vipTerms';
import type { MemberDoc } from '../../domain/model';
import { LOCAL_TEMPLATE, sendOnce } from '../../domain/messaging';
import type { CollectionName, DocOf, FieldOf, Where, WhereOf } from '../../store/port';
import { scanAll, scanPages } from '../../store/scan';
import { contentMetrics } from '../posts/metrics';
import { profileFacet, tagFacet } from '../../domain/memberFacets';
import { TAG_BREAKDOWN_FIELD } from '../../../core/entry';
import { newcomerResponseMinutes } from '../../domain/onboardingQueue';

const CHANNELS: Channel[] = ['referral', 'poster', 'group', 'lesson', 'organic'];
const channelSchema = z.enum(['referral', 'poster', 'group', 'lesson', 'organic']);
const dayKeySchema = z.string().check(z.length(10), z.refine(isDayKey));
/** Longest join-date range one overview covers (a little over two years). */
const MAX_RANGE_DAYS = 800;
/** Weeks since joining shown in the cohort matrix. */
const COHORT_WEEKS = 12;
/** Most members one CSV export carries. */
const MAX_EXPORT = 5000;

/** A group id as `group` answers it (`g_<hash>`). */
const groupIdSchema = z.string('请选择一个群').check(z.regex(/^g_[0-9a-z]{1,40}$/, '请从列表中选择一个群'));
const rangeSchema = z.strictObject({ from: dayKeySchema, to: dayKeySchema, channel: z.optional(channelSchema), groupId: z.optional(groupIdSchema) });
/** Most members acquired through one group that one filtered answer recounts. */
export const MAX_GROUP_FUNNEL = 5000;

/** Why 转化 has no figures: paid VIP is what converts (docs/domain.md), and no plan is on sale. */
export const VIP_PENDING: Availability = { status: 'unavailable', reason: '还没有在售的付费会员方案；在设置中添加会员方案后，这里会显示转化人数和转化率' };
const AVAILABLE: Availability = { status: 'available' };
/** Schema of a subscription template id. */
const templateIdSchema = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[\w-]+$/));
const unavailable = (reason: string): Availability => ({ status: 'unavailable', reason });

function checkRange(from: string, to: string): void {
  if (from > to) throw new AppError('VALIDATION', '开始日期不能晚于结束日期');
  if (daysBetween(from, to) > MAX_RANGE_DAYS) throw new AppError('VALIDATION', `日期范围最长 ${MAX_RANGE_DAYS} 天`);
}

function allPages<C extends CollectionName>(ctx: RouteContext, collection: C, where: WhereOf<C>, orderField: FieldOf<C>): Promise<Array<DocOf<C>>> {
  return scanAll(ctx.store, collection, { where, orderBy: { field: orderField, direction: 'asc' } });
}

/** Rollups of members who joined in [from, to], optionally one channel: O(days × channels) reads. */
async function rollupsIn(ctx: RouteContext, from: string, to: string, channel?: Channel): Promise<FunnelDailyDoc[]> {
  const where: Where = { joinDay: { $gte: from, $lte: to } };
  if (channel) where.channel = channel;
  return allPages(ctx, 'funnelDaily', where, 'joinDay');
}

/** The group filtered on, or VALIDATION when it does not exist. */
async function filterGroup(ctx: RouteContext, groupId: string): Promise<GroupDoc> {
  const group = await ctx.store.get('groups', groupId);
  if (!group) throw new AppError('VALIDATION', '找不到这个群，请从列表中重新选择');
  return group;
}

/**
 * Rollups of the members acquired through one group (`joinGroupId`) who joined in [from, to],
 * recounted from their funnel fields: a bounded query on the `joinGroupId, joinDay` index
 * (VALIDATION beyond MAX_GROUP_FUNNEL members, asking for a shorter range).
 */
async function groupRollups(ctx: RouteContext, groupId: string, from: string, to: string, channel?: Channel): Promise<FunnelRollup[]> {
  await filterGroup(ctx, groupId);
  const members = await scanAll(ctx.store, 'members', { where: { joinGroupId: groupId, joinDay: { $gte: from, $lte: to } }, orderBy: { field: 'joinDay', direction: 'asc' }, max: MAX_GROUP_FUNNEL + 1 });
  if (members.length > MAX_GROUP_FUNNEL) throw new AppError('VALIDATION', `这个群在所选时间内加入的成员超过 ${MAX_GROUP_FUNNEL} 人，请缩短时间范围`);
  const picked = members.filter((m) => !channel || m.channel === channel).map((m) => ({ channel: m.channel, funnel: funnelOf(m) }));
  return [...rollupsFromMembers(picked).values()];
}

/** Operating metrics of one group: its members, arrivals through it, activity and check-in rates. */
async function groupMetrics(ctx: RouteContext, groupId: string): Promise<MetricView[]> {
  const group = await filterGroup(ctx, groupId);
  const day = today(ctx);
  const [seen, members, active7, joined30, checkinsToday, checkins7] = await Promise.all([
    seenCount(ctx.store, group.id),
    ctx.store.count('groupMembers', { groupId: group.id }),
    ctx.store.count('groupMembers', { groupId: group.id, lastActiveDay: { $gte: addDays(day, -6) } }),
    ctx.store.count('members', { joinGroupId: group.id, joinDay: { $gte: addDays(day, -29), $lte: day } }),
    checkinsOn(ctx.store, group.id, day),
    checkinsBetween(ctx.store, group.id, addDays(day, -7), addDays(day, -1)),
  ]);
  return [
    metric('groupSeen', '群内成员', '从这个群的卡片进入过小程序的成员人数', 'count', seen),
    metric('groupMembers', '本群名单', '进入过或在小程序里加入了这个群的成员人数（签到率的分母）', 'count', members),
    metric('groupJoined30', '近 30 天经本群加入', '最近 30 个社群日经这个群（加入当天第一次从这个群进入）成为新成员的人数', 'count', joined30),
    metric('groupActive7', '近 7 天群内活跃', '本群名单中最近 7 天（含今天）有签到或进入记录的成员数', 'count', active7),
    metric('groupCheckinRateToday', '本群今日签到率', '本群成员今天签到人数 ÷ 本群名单人数', 'ratio', ratio(checkinsToday, members)),
    metric('groupCheckinRate7', '本群近 7 日签到率', '过去 7 个完整社群日本群成员的签到人次 ÷（7 × 本群名单人数）', 'ratio', ratio(checkins7, 7 * members)),
  ];
}

/** The paid-VIP capability, known from the settings (plans on sale), never guessed from mall contents. */
function vipOnSale(ctx: RouteContext): boolean {
  return vipSettings(ctx.settings).plans.length > 0;
}

/** Acquisitions of one join day (summed over the rollups read). */
interface Acquired {
  joinDay: string;
  acquired: number;
}

function lastDayOfMonth(month: string): string {
  return addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1);
}

/**
 * The rollups covering [from, to], read in O(months): monthly rollups for the whole months inside
 * the range, daily rollups for the days at its edges; plus the acquisitions per join day (the
 * weekly trend and the open windows need days). Sums over them equal sums over the daily rollups.
 */
async function rangeRollups(ctx: RouteContext, from: string, to: string, channel?: Channel): Promise<{ rollups: FunnelRollup[]; acquired: Acquired[] }> {
  const firstWhole = from.endsWith('-01') ? from.slice(0, 7) : addDays(lastDayOfMonth(from.slice(0, 7)), 1).slice(0, 7);
  const lastWhole = to === lastDayOfMonth(to.slice(0, 7)) ? to.slice(0, 7) : addDays(`${to.slice(0, 7)}-01`, -1).slice(0, 7);
  if (firstWhole > lastWhole) {
    const daily = await rollupsIn(ctx, from, to, channel);
    return { rollups: daily, acquired: daily };
  }
  const where: Where = { month: { $gte: firstWhole, $lte: lastWhole } };
  if (channel) where.channel = channel;
  const [head, months, tail] = await Promise.all([
    from < `${firstWhole}-01` ? rollupsIn(ctx, from, addDays(`${firstWhole}-01`, -1), channel) : Promise.resolve([]),
    allPages(ctx, 'funnelMonthly', where, 'month'),
    to > lastDayOfMonth(lastWhole) ? rollupsIn(ctx, addDays(lastDayOfMonth(lastWhole), 1), to, channel) : Promise.resolve([]),
  ]);
  const acquired: Acquired[] = [...head, ...tail];
  for (const m of months) for (const [joinDay, n] of Object.entries(m.acquiredByDay ?? {})) acquired.push({ joinDay, acquired: n });
  return { rollups: [...head, ...months, ...tail], acquired };
}

function today(ctx: RouteContext): string {
  return dayKey(ctx.now, ctx.settings.timezone);
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

function metric(key: string, label: string, definition: string, unit: MetricView['unit'], value: number | null, availability: Availability = AVAILABLE): MetricView {
  return { key, label, definition, unit, value: availability.status === 'available' ? value : null, availability };
}


async function operatingMetrics(ctx: RouteContext): Promise<MetricView[]> {
  const day = today(ctx);
  const weekAgo = addDays(day, -6);
  const members = await ctx.store.count('members');
  // Every activity moves the member's last active day, so today's actives are the members whose last active day is today.
  const dau = await ctx.store.count('members', { lastActiveDay: day });
  const wau = await ctx.store.count('members', { lastActiveDay: { $gte: weekAgo } });
  const checkinsToday = await ctx.store.count('checkins', { day });
  let checkins7 = 0;
  for (let i = 1; i <= 7; i += 1) checkins7 += await ctx.store.count('checkins', { day: addDays(day, -i) });
  const recent = await rollupsIn(ctx, addDays(day, -29), day);
  const joined30 = recent.reduce((s, r) => s + r.acquired, 0);
  const referred30 = recent.filter((r) => r.channel === 'referral').reduce((s, r) => s + r.acquired, 0);
  let issued = 0;
  let redeemed = 0;
  let expired = 0;
  for (const shard of await allPages(ctx, 'pointsMonthly', {}, 'month')) {
    issued += shard.issued ?? 0;
    redeemed += shard.redeemed ?? 0;
    expired += shard.expired ?? 0;
  }
  const lm = await lessonMetrics(ctx.store, ctx.now);
  const noLessons = unavailable('近 30 天还没有已结束的直播课');
  const lessons = lm.lessons > 0 ? AVAILABLE : noLessons;
  const thisMonth = day.slice(0, 7);
  const vipMonths = await ctx.store.find('vipMonthly', { where: { month: { $lt: thisMonth } }, orderBy: { field: 'month', direction: 'desc' }, limit: 3 });
  const due = vipMonths.docs.reduce((s, m) => s + m.due, 0);
  const renewed = vipMonths.docs.reduce((s, m) => s + m.renewed, 0);
  let shares = 0;
  for (const d of await allPages(ctx, 'shareDaily', { day: { $gte: addDays(day, -29), $lte: day } }, 'day')) shares += d.shares;
  const vip = vipOnSale(ctx) ? AVAILABLE : unavailable('还没有在售的付费会员方案');
  const w = ctx.settings.funnel;
  const greetMinutes = await newcomerResponseMinutes(ctx.store, ctx.now.getTime());
  const matured = await rollupsIn(ctx, addDays(day, -(w.conversionDays + 89)), addDays(day, -w.conversionDays));
  const maturedJoined = matured.reduce((s, r) => s + r.acquired, 0);
  const maturedConverted = matured.reduce((s, r) => s + (r.convertedAny ?? 0), 0);
  const desk = await supportMetrics(ctx.store, ctx.settings, ctx.now, 30);
  const has = (v: number | null, why: string) => (v === null ? unavailable(why) : AVAILABLE);
  return [
    metric('members', '社群成员', '已注册的全部成员人数（含群主、讲师）', 'count', members),
    metric('new7', '近 7 日新增', '最近 7 个社群日（含今天）新加入的成员数', 'count', recent.filter((r) => r.joinDay >= weekAgo).reduce((s, r) => s + r.acquired, 0)),
    metric('dau', '日活 DAU', '今天有签到、听课或兑换任一行为的成员数', 'count', dau),
    metric('wau', '周活 WAU', '最近 7 天（含今天）有任一行为的成员数', 'count', wau),
    metric('checkinRateToday', '今日签到率', '今天签到人数 ÷ 社群成员数', 'ratio', ratio(checkinsToday, members)),
    metric('checkinRate7', '近 7 日签到率', '过去 7 个完整社群日的签到人次 ÷（7 × 社群成员数）', 'ratio', ratio(checkins7, 7 * members)),
    metric('attendanceRate', '听课率', '近 30 天已结束的直播课：签到听课人次 ÷ 各场签到截止时已加入的成员人数之和', 'ratio', lm.attendanceRate, lessons),
    metric('satisfaction', '满意度', '近 30 天已结束的直播课，课后评分的平均分（5 分制）', 'score', lm.satisfaction, lm.satisfaction === null ? unavailable('近 30 天还没有课后评分') : AVAILABLE),
    metric('conversionRate', '转化率', `加入已满 ${w.conversionDays} 天的成员（最近 90 天内满期的）中，加入 ${w.conversionDays} 天内开通付费会员的占比`, 'ratio', ratio(maturedConverted, maturedJoined), vip),
    metric('renewalRate', '续费率', '最近 3 个完整月内到期的付费会员期次中，到期前已续费的占比', 'ratio', ratio(renewed, due), due > 0 ? AVAILABLE : unavailable('最近 3 个完整月没有到期的付费会员')),
    metric('referralRate', '转介绍率', '近 30 天新成员中通过好友邀请加入的占比', 'ratio', ratio(referred30, joined30)),
    metric('shares', '近 30 天分享次数', '成员打开分享卡片（签到分享）的次数；微信不回报是否真正发出', 'count', shares),
    metric('questionResponse', '提问响应时间', '近 30 天已结束的直播课，课前提问从提出到讲师标记已回答的中位时长（分钟）', 'minutes', lm.questionResponseMinutes, lm.questionResponseMinutes === null ? unavailable('近 30 天还没有已回答的提问') : AVAILABLE),
    metric('pointsIssued', '累计发放积分', '账本中所有入账（签到、奖励、调增、群主和讲师红包被领取的积分）的合计；成员自己发的红包只是成员之间转移，不计入', 'points', issued),
    metric('pointsRedeemed', '累计消耗积分', '兑换、补签、调减等扣减的积分合计（已扣除退款）；成员发红包不算消耗', 'points', redeemed),
    metric('pointsExpired', '累计过期积分', '到期作废的积分合计', 'points', expired),
    metric('pointsOutstanding', '未使用积分', '发放 − 消耗 − 过期：成员手里还能用的积分（激励负债）', 'points', issued - redeemed - expired),
    // Support desk (issue 18): working-hours clock, see docs/support.md.
    metric('supportFirstResponse', '答疑首次响应（中位）', '近 30 天求助中心的提问，从提出到第一条回答的工作时间中位数（分钟，夜间不计）', 'minutes', desk.medianFirstResponseMinutes, has(desk.medianFirstResponseMinutes, '近 30 天还没有被回答的提问')),
    metric('supportFirstResponseP90', '答疑首次响应（P90）', '同上，90% 的提问在这个工作时长内得到回答', 'minutes', desk.p90FirstResponseMinutes, has(desk.p90FirstResponseMinutes, '近 30 天还没有被回答的提问')),
    metric('supportWithinSla', '时限内响应占比', '近 30 天已到时限或已回答的提问中，在设定工作时长内得到回答的占比', 'ratio', desk.answeredWithinSla, has(desk.answeredWithinSla, '近 30 天还没有到时限的提问')),
    metric('supportByMembers', '会员回答占比', '近 30 天有回答的提问中，采纳的回答（未采纳则第一条回答）来自会员而非群管的占比', 'ratio', desk.answeredByMembers, has(desk.answeredByMembers, '近 30 天还没有被回答的提问')),
    metric('disputeMinutes', '纠纷处理时长（中位）', '近 30 天提交并已解决的纠纷，从提交到首次解决的工作时间中位数（分钟）', 'minutes', desk.medianDisputeMinutes, has(desk.medianDisputeMinutes, '近 30 天还没有解决的纠纷')),
    metric('disputeSelfResolution', '纠纷自处理率', '近 30 天已解决的纠纷中，双方确认“已和解”的占比', 'ratio', desk.disputeSelfResolution, has(desk.disputeSelfResolution, '近 30 天还没有解决的纠纷')),
    metric('supportSatisfaction', '客服满意度', '近 30 天投诉与纠纷解决后，提交人评分的平均分（5 分制）', 'score', desk.satisfaction, has(desk.satisfaction, '近 30 天还没有处理评价')),
    metric('supportReopenRate', '重新打开率', '近 30 天解决过的投诉与纠纷中，被提交人重新打开过的占比', 'ratio', desk.reopenRate, has(desk.reopenRate, '近 30 天还没有解决的投诉或纠纷')),
    // Games (issue 19): budget packets are incentive cost, members' own packets are transfers.
    metric('packetIncentive', '本月红包激励成本', '群主、讲师本月用社群预算发出的红包积分（到期未领完的退回预算后扣除）；成员用自己积分发的红包是成员之间转移，不算激励成本', 'points', (await ctx.store.get('packetBudget', thisMonth))?.spent ?? 0),
    // content (issue 17)
    ...(await contentMetrics(ctx)),
    // Issue 16.
    metric('newcomerResponse', '新人响应时间', '近 30 天入群的新人，从入群到群管第一次欢迎的中位时长（分钟）', 'minutes', greetMinutes, greetMinutes === null ? unavailable('近 30 天还没有被欢迎的新人') : AVAILABLE),
  ];
}

function channelRows(rollups: FunnelRollup[]): FunnelChannelRow[] {
  const rows = new Map<string, FunnelChannelRow>(CHANNELS.map((channel) => [channel, { channel, acquired: 0, activated: 0, retained: 0, converted: 0 }]));
  for (const r of rollups) {
    const row = rows.get(r.channel);
    if (!row) continue;
    row.acquired += r.acquired;
    row.activated += r.activated;
    row.retained += r.retained;
    row.converted += r.converted;
  }
  return [...rows.values()];
}

/** Members whose stage window has not ended yet: membership day `lastDay` of the window is today or later. */
function openWindows(rollups: Acquired[], day: string, w: FunnelWindowsView): { activated: number; retained: number; converted: number } {
  const open = (lastDay: number) => {
    const joinedAfter = addDays(day, -lastDay);
    return rollups.reduce((s, r) => (r.joinDay > joinedAfter ? s + r.acquired : s), 0);
  };
  return { activated: open(w.activationDays), retained: open(w.retentionToDay), converted: open(w.conversionDays) };
}

function weeklyTrend(rollups: Acquired[], from: string, to: string): Array<{ week: string; acquired: number }> {
  const byWeek = new Map<string, number>();
  for (let w = weekStart(from); w <= to; w = addDays(w, 7)) byWeek.set(w, 0);
  const weekOf = new Map<string, string>();
  for (const r of rollups) {
    let w = weekOf.get(r.joinDay);
    if (w === undefined) {
      w = weekStart(r.joinDay);
      weekOf.set(r.joinDay, w);
    }
    byWeek.set(w, (byWeek.get(w) ?? 0) + r.acquired);
  }
  return [...byWeek.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([week, acquired]) => ({ week, acquired }));
}

const ACTIVITY_LEVELS = [
  { value: 'active', label: '活跃（7 天内）' },
  { value: 'cooling', label: '降温（8 天至警示线）' },
  { value: 'dormant', label: '沉睡（超过警示线）' },
  { value: 'never', label: '从未活跃' },
] as const;

function activityWhere(value: string, day: string, afterDays: number): Where {
  const activeFrom = addDays(day, -6);
  const dormantBefore = addDays(day, -afterDays);
  switch (value) {
    case 'active':
      return { lastActiveDay: { $gte: activeFrom } };
    case 'cooling':
      return { lastActiveDay: { $gt: dormantBefore, $lt: activeFrom } };
    case 'dormant':
      return { lastActiveDay: { $lte: dormantBefore } };
    case 'never':
      return { lastActiveDay: null };
    default:
      throw new AppError('VALIDATION', '不支持的活跃度分组');
  }
}

/** Members in one stored tier (`members.tier`; members never graded sit in the lowest tier). */
function tierWheres(key: string, table: Tier[]): Array<WhereOf<'members'>> {
  const sorted = [...table].sort((a, b) => a.threshold - b.threshold);
  const i = sorted.findIndex((t) => t.key === (key as TierKey));
  if (i < 0) throw new AppError('VALIDATION', '不支持的会员等级');
  return i === 0 ? [{ tier: key }, { tier: null }] : [{ tier: key }];
}

/** Where clause of one segment (members) plus the field to page it by; VALIDATION for unknown values. */
function segmentQuery(dimension: Exclude<SegmentDimension, 'tier' | 'tag' | 'profile'>, value: string, day: string, afterDays: number): { where: WhereOf<'members'>; order: FieldOf<'members'> } {
  switch (dimension) {
    case 'channel':
      if (!(CHANNELS as string[]).includes(value)) throw new AppError('VALIDATION', '不支持的渠道');
      return { where: { channel: value }, order: 'joinedAt' };
    case 'joinMonth':
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw new AppError('VALIDATION', '月份格式应为 YYYY-MM');
      return { where: { joinDay: { $gte: `${value}-01`, $lte: `${value}-31` } }, order: 'joinDay' };
    case 'activity':
      return { where: activityWhere(value, day, afterDays), order: value === 'never' ? 'joinedAt' : 'lastActiveDay' };
    case 'inactive':
      // Members only: hosts and owners run the community, they are not the ones to win back.
      return { where: { role: 'member', quietSince: { $lte: addDays(day, -afterDays) } }, order: 'quietSince' };
  }
}

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The owner's members as CSV rows (header first); formula-like cells are quoted. */
export function membersCsv(members: MemberDoc[], day: string): string {
  const lines = [['昵称', '渠道', '加入日期', '最近活跃', '未活跃天数', '成员ID'].join(',')];
  for (const m of members) {
    const last = (m.lastActiveDay as string | null | undefined) ?? null;
    const quiet = daysBetween((m.quietSince as string | undefined) ?? m.joinDay, day);
    lines.push([m.nickname, CHANNEL_LABEL[m.channel], m.joinDay, last, quiet, m.id].map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** `cron.recomputeFunnel` (owner): rebuild the funnel rollups from members; a replay returns the first answer. */
export const recomputeFunnelRoute: Route<{ requestId: string }, FunnelRepair> = {
  access: 'owner',
  schema: z.strictObject({ requestId: requestIdSchema }),
  async handle(ctx) {
    return ctx.once(() => recomputeFunnel(ctx.store));
  },
};

/** `funnel` (owner only): funnel overview, cohort retention, operating metrics, segments and CSV export. */
export const funnelFunction = defineFunction('funnel', {
  overview: {
    access: 'owner',
    schema: rangeSchema,
    async handle(ctx, params) {
      checkRange(params.from, params.to);
      const { rollups, acquired } = params.groupId
        ? await groupRollups(ctx, params.groupId, params.from, params.to, params.channel).then((r) => ({ rollups: r, acquired: r }))
        : await rangeRollups(ctx, params.from, params.to, params.channel);
      const conversion = vipOnSale(ctx) ? AVAILABLE : VIP_PENDING;
      const stages = stageFigures(sumRollups(rollups)).map((s) => ({ ...s, availability: s.key === 'converted' ? conversion : AVAILABLE }));
      return {
        from: params.from,
        to: params.to,
        channel: params.channel ?? null,
        groupId: params.groupId ?? null,
        today: today(ctx),
        stages,
        channels: channelRows(rollups),
        weekly: weeklyTrend(acquired, params.from, params.to),
        windows: ctx.settings.funnel,
        openWindows: openWindows(acquired, today(ctx), ctx.settings.funnel),
      };
    },
  },
  cohorts: {
    access: 'owner',
    schema: rangeSchema,
    async handle(ctx, params) {
      checkRange(params.from, params.to);
      const rollups = params.groupId ? await groupRollups(ctx, params.groupId, params.from, params.to, params.channel) : await rollupsIn(ctx, params.from, params.to, params.channel);
      const day = today(ctx);
      return { today: day, rows: cohortMatrix(rollups, day, COHORT_WEEKS) };
    },
  },
  metrics: {
    access: 'owner',
    schema: z.strictObject({ groupId: z.optional(groupIdSchema) }),
    async handle(ctx, params) {
      return { today: today(ctx), groupId: params.groupId ?? null, metrics: params.groupId ? await groupMetrics(ctx, params.groupId) : await operatingMetrics(ctx) };
    },
  },
  segments: {
    access: 'owner',
    schema: z.strictObject({ limit: z.optional(limitSchema), after: z.optional(cursorSchema), templateId: z.optional(templateIdSchema) }),
    async handle(ctx, params) {
      const day = today(ctx);
      const templateId = params.templateId ?? LOCAL_TEMPLATE;
      const afterDays = ctx.settings.funnel.inactiveAfterDays;
      const all = await rollupsIn(ctx, '0000-01-01', day);
      const byChannel = CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABEL[c], count: all.filter((r) => r.channel === c).reduce((s, r) => s + r.acquired, 0) }));
      const months = new Map<string, number>();
      for (const r of all) months.set(r.joinDay.slice(0, 7), (months.get(r.joinDay.slice(0, 7)) ?? 0) + r.acquired);
      const byMonth = [...months.entries()].sort((a, b) => (a[0] < b[0] ? 1 : -1)).map(([value, count]) => ({ value, label: value, count }));
      const byActivity = [];
      for (const level of ACTIVITY_LEVELS) byActivity.push({ ...level, count: await ctx.store.count('members', activityWhere(level.value, day, afterDays)) });
      const byTier = [];
      const table = tierSettings(ctx.settings).table;
      for (const t of table) {
        let count = 0;
        for (const where of tierWheres(t.key, table)) count += await ctx.store.count('members', where);
        byTier.push({ value: t.key, label: t.name, count });
      }
      const inactiveWhere = segmentQuery('inactive', '', day, afterDays).where;
      const page = await ctx.store.find('members', {
        where: inactiveWhere,
        orderBy: { field: 'quietSince', direction: 'asc' },
        limit: params.limit ?? 30,
        after: params.after ?? null,
      });
      const quotas = await Promise.all(page.docs.map((m) => ctx.store.get('subscriptions', `${m.id}:${templateId}`)));
      const members = page.docs.map((m, i) => {
        const quietSince = (m.quietSince as string | undefined) ?? m.joinDay;
        const quota = quotas[i];
        return {
          id: m.id,
          nickname: m.nickname,
          channel: m.channel,
          joinDay: m.joinDay,
          lastActiveDay: (m.lastActiveDay as string | null | undefined) ?? null,
          quietDays: daysBetween(quietSince, day),
          reachable: quota !== null && quota.granted - quota.used > 0,
          needsCleanup: m.needsCleanup === true,
        };
      });
      return {
        today: day,
        inactiveAfterDays: afterDays,
        groups: [
          { dimension: 'channel' as const, label: '按渠道', availability: AVAILABLE, items: byChannel },
          { dimension: 'joinMonth' as const, label: '按加入月份', availability: AVAILABLE, items: byMonth },
          { dimension: 'activity' as const, label: '按活跃度', availability: AVAILABLE, items: byActivity },
          { dimension: 'tier' as const, label: '按会员等级', availability: AVAILABLE, items: byTier },
          // Issue 16: tags and profile answers, counted from the member facets.
          ...(await facetGroups(ctx)),
        ],
        inactive: {
          members,
          total: await ctx.store.count('members', inactiveWhere),
          reachable: members.filter((m) => m.reachable).length,
          next: page.next,
        },
      };
    },
  },
  remindInactive: {
    access: 'owner',
    schema: z.strictObject({ requestId: requestIdSchema, memberId: z.string().check(z.minLength(1, '请选择成员'), z.maxLength(64, '请选择成员')), templateId: z.optional(templateIdSchema) }),
    async handle(ctx, params) {
      const day = today(ctx);
      const target = await ctx.store.get('members', params.memberId);
      if (!target) throw new AppError('NOT_FOUND', '该成员不存在');
      const quietSince = (target.quietSince as string | undefined) ?? null;
      if (target.role !== 'member' || quietSince === null || quietSince > addDays(day, -ctx.settings.funnel.inactiveAfterDays)) {
        throw new AppError('VALIDATION', '只能提醒活跃度警示名单里的会员');
      }
      const templateId = params.templateId ?? LOCAL_TEMPLATE;
      return ctx.once(async (): Promise<InactiveReminder> => {
        const claimId = `reactivation:${target.id}:${day}`;
        if (await ctx.store.get('outbox', claimId)) return { outcome: 'already' };
        const body = '好久不见！今天来签到领积分吧';
        const sent = await sendOnce(ctx.store, ctx.messaging, { id: claimId, kind: 'reactivation', memberId: target.id, lessonId: null, templateId, title: '想你了', body }, ctx.now, () => ({
          page: 'pages/index/index',
          data: { thing1: { value: '每日签到' }, time2: { value: `${day} ${clockOf(ctx.now.toISOString(), ctx.settings.timezone)}` }, thing3: { value: body.slice(0, 20) } },
        }));
        if (sent) return { outcome: 'sent' };
        const written = await ctx.store.get('outbox', claimId);
        return { outcome: written?.state === 'no_quota' ? 'no_quota' : 'already' };
      });
    },
  },
  profileBreakdown: {
    access: 'owner',
    schema: z.strictObject({ from: dayKeySchema, to: dayKeySchema, field: z.optional(z.string('请选择资料项').check(z.maxLength(32, '请选择资料项'))) }),
    async handle(ctx, params) {
      checkRange(params.from, params.to);
      const { entry } = ctx.settings;
      // The owner's choice fields, then the tag list as one more pick (标签: one row per tag).
      const choiceFields = entry.profileFields.filter((f) => f.kind !== 'text').map((f) => ({ key: f.key, label: f.label, values: f.options.map((o) => ({ value: o, facet: profileFacet(`${f.key}=${o}`) })) }));
      if (entry.tags.length > 0) choiceFields.push({ key: TAG_BREAKDOWN_FIELD, label: '标签', values: entry.tags.map((t) => ({ value: t, facet: tagFacet(t) })) });
      const fields = choiceFields.map((f) => ({ key: f.key, label: f.label }));
      const field = choiceFields.find((f) => f.key === params.field) ?? choiceFields[0];
      if (!field) return { fields, field: null, rows: [], truncated: false };
      if (params.field && params.field !== field.key) throw new AppError('VALIDATION', '资料项已更新，请刷新后重试');
      const from = startOfDay(params.from, ctx.settings.timezone).toISOString();
      const to = startOfDay(addDays(params.to, 1), ctx.settings.timezone).toISOString();
      let truncated = false;
      const rows = [];
      for (const { value: option, facet } of field.values) {
        const facets = await scanAll(ctx.store, 'memberFacets', { where: { facet, joinedAt: { $gte: from, $lt: to } }, orderBy: { field: 'joinedAt', direction: 'asc' }, max: MAX_BREAKDOWN + 1 });
        if (facets.length > MAX_BREAKDOWN) truncated = true;
        const members = (await Promise.all(facets.slice(0, MAX_BREAKDOWN).map((f) => ctx.store.get('members', f.memberId)))).filter((m): m is MemberDoc => m !== null);
        rows.push({
          value: option,
          acquired: members.length,
          activated: members.filter((m) => m.activatedAt).length,
          retained: members.filter((m) => m.retainedAt).length,
          converted: members.filter((m) => m.convertedAt).length,
        });
      }
      return { fields, field: field.key, rows, truncated };
    },
  },
  exportSegment: {
    access: 'owner',
    schema: z.strictObject({
      dimension: z.enum(['channel', 'joinMonth', 'activity', 'inactive', 'tier', 'tag', 'profile']),
      value: z.string().check(z.maxLength(64)),
    }),
    async handle(ctx, params) {
      const day = today(ctx);
      if (params.dimension === 'tag' || params.dimension === 'profile') {
        const facet = params.dimension === 'tag' ? tagFacet(params.value) : profileFacet(params.value);
        const found = await scanAll(ctx.store, 'memberFacets', { where: { facet }, orderBy: { field: 'joinedAt', direction: 'asc' }, max: MAX_EXPORT + 1 });
        const members = (await Promise.all(found.slice(0, MAX_EXPORT).map((f) => ctx.store.get('members', f.memberId)))).filter((m): m is MemberDoc => m !== null);
        return { filename: `members-${params.dimension}-${day}.csv`, rows: members.length, truncated: found.length > MAX_EXPORT, csv: membersCsv(members, day) };
      }
      const queries =
        params.dimension === 'tier'
          ? tierWheres(params.value, tierSettings(ctx.settings).table).map((where) => ({ where, order: 'joinedAt' as const }))
          : [segmentQuery(params.dimension, params.value, day, ctx.settings.funnel.inactiveAfterDays)];
      const members: MemberDoc[] = [];
      let truncated = false;
      for (const { where, order } of queries) {
        for await (const page of scanPages(ctx.store, 'members', { where, orderBy: { field: order, direction: 'asc' } })) {
          // A page beyond a full export: there is more than MAX_EXPORT.
          if (members.length >= MAX_EXPORT) {
            truncated = true;
            break;
          }
          members.push(...page);
        }
        if (truncated) break;
      }
      const name = params.value ? `${params.dimension}-${params.value}` : params.dimension;
      return { filename: `members-${name}-${day}.csv`, rows: members.length, truncated, csv: membersCsv(members, day) };
    },
  },
});

/** Most members of one answer a profile breakdown reads. */
const MAX_BREAKDOWN = 2000;

/** Most facet items (tags plus profile answers) the segments answer counts, to bound its queries. */
const MAX_FACET_ITEMS = 40;

/** Segment groups by tag and by each choice field's answers (issue 16), counted from `memberFacets`. */
async function facetGroups(ctx: RouteContext): Promise<MemberSegments['groups']> {
  const { entry } = ctx.settings;
  let budget = MAX_FACET_ITEMS;
  const tagItems = [];
  for (const tag of entry.tags.slice(0, budget)) tagItems.push({ value: tag, label: tag, count: await ctx.store.count('memberFacets', { facet: tagFacet(tag) }) });
  budget -= tagItems.length;
  const profileItems = [];
  for (const field of entry.profileFields.filter((f) => f.kind !== 'text')) {
    for (const option of field.options) {
      if (budget <= 0) break;
      budget -= 1;
      const value = `${field.key}=${option}`;
      profileItems.push({ value, label: `${field.label}：${option}`, count: await ctx.store.count('memberFacets', { facet: profileFacet(value) }) });
    }
  }
  return [
    { dimension: 'tag', label: '按标签', availability: AVAILABLE, items: tagItems },
    { dimension: 'profile', label: '按个人资料', availability: AVAILABLE, items: profileItems },
  ];
}
