import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import type { DueRoutineView, HostRoutineFigures, RoutineMetric, RoutineReportRow, RoutineView, SopContract } from '../../../../types/content';

/** Answer of `sop.report`. */
export type SopReport = SopContract['report']['result'];
import { addDays, dayKey, startOfDay, utcOffsetMinutes } from '../../../core/day';
import { AppError } from '../../../core/errors';
import { POST_KINDS, visibleToMembers } from '../../../core/posts';
import { ON_TIME_GRACE_MINUTES, cadenceProblem, dueDays, dueOn, occurrenceOutcome } from '../../../core/sop';
import { instantAt } from '../../../core/timeFormat';
import { postCounts, type PostDoc, type RoutineDoc, type RoutineDoneDoc } from '../../domain/content';
import { hostQueues } from '../../domain/hostQueues';
import { lessonMetrics, nicknames } from '../../domain/lessonRecords';
import { choice, int, ref, text } from '../../kernel/fields';
import { defineFunction, requestIdSchema, type RouteContext } from '../../kernel/handler';
import type { Store } from '../../store/port';
import { scanAll } from '../../store/scan';

const timeSchema = z.string('请填写时间').check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, '请填写 HH:mm 格式的时间，例如 08:00'));
const cadenceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('daily'), time: timeSchema }),
  z.strictObject({ kind: z.literal('weekly'), weekday: int(1, 7, '星期'), time: timeSchema }),
  z.strictObject({ kind: z.literal('monthly'), day: int(1, 31, '日期'), time: timeSchema }),
  z.strictObject({ kind: z.literal('yearly'), month: int(1, 12, '月份'), day: int(1, 31, '日期'), time: timeSchema }),
]);
const METRICS = ['read_rate', 'replies', 'attendance', 'checkin_rate', 'none'] as const;

const routineSchema = z.strictObject({
  id: z.optional(ref(200, '请选择例行工作')),
  title: text(1, 30, '例行工作名称'),
  cadence: cadenceSchema,
  hostId: ref(200, '请选择负责人'),
  postKind: z.nullable(choice(POST_KINDS, '请选择帖子类型')),
  format: text(0, 1000, '格式说明'),
  metric: choice(METRICS, '请选择衡量指标'),
  active: z.boolean('请选择是否启用'),
});

/** How each metric is measured, in the owner's words. */
export const METRIC_DEFINITION: Record<RoutineMetric, { label: string; unit: 'ratio' | 'count'; definition: string }> = {
  read_rate: { label: '阅读率', unit: 'ratio', definition: '近 30 天按时完成的帖子，平均每篇的已读人数 ÷ 会员数' },
  replies: { label: '平均回复数', unit: 'count', definition: '近 30 天完成这项工作的帖子，平均每篇的回复数（不含隐藏）' },
  attendance: { label: '听课率', unit: 'ratio', definition: '近 30 天已结束直播课的到课人数 ÷ 当时的会员数' },
  checkin_rate: { label: '签到率', unit: 'ratio', definition: '昨天签到的会员数 ÷ 会员总数' },
  none: { label: '未设置指标', unit: 'count', definition: '这项工作还没有衡量指标' },
};

function routineView(doc: RoutineDoc, names: Map<string, string>): RoutineView {
  return { id: doc.id, title: doc.title, cadence: doc.cadence, hostId: doc.hostId, hostName: names.get(doc.hostId) ?? '已退出', postKind: doc.postKind, format: doc.format, metric: doc.metric, active: doc.active };
}

async function allRoutines(store: Store): Promise<RoutineDoc[]> {
  return scanAll(store, 'sopRoutines', { orderBy: { field: 'createdAt', direction: 'asc' } });
}

/** What the calendar's reads need: the store, the clock and the settings (a route context, or the metrics panel's). */
export type SopContext = Pick<RouteContext, 'store' | 'now' | 'settings'>;

/** Posts of `kind` visible by now with a publish instant in [from, to), by community day. */
async function postsByDay(ctx: SopContext, kind: PostDoc['kind'], fromDay: string, toDay: string): Promise<Map<string, PostDoc[]>> {
  const tz = ctx.settings.timezone;
  const docs = await scanAll(ctx.store, 'posts', {
    where: { kind, publishAt: { $gte: startOfDay(fromDay, tz).toISOString(), $lt: startOfDay(addDays(toDay, 1), tz).toISOString() } },
    orderBy: { field: 'publishAt', direction: 'asc' },
  });
  const out = new Map<string, PostDoc[]>();
  for (const d of docs) {
    // A member's own topic never does a host's routine.
    if (!visibleToMembers(d, ctx.now.getTime()) || d.byMember) continue;
    const day = dayKey(d.publishAt as string, tz);
    out.set(day, [...(out.get(day) ?? []), d]);
  }
  return out;
}

/** When an occurrence of `routine` on `day` is due (ISO). */
function dueAtOf(ctx: SopContext, routine: RoutineDoc, day: string): string {
  return instantAt(day, routine.cadence.time, utcOffsetMinutes(ctx.settings.timezone, startOfDay(day, ctx.settings.timezone))) as string;
}

/** Done records and auto-done posts of one routine between two days. */
async function completions(ctx: SopContext, routine: RoutineDoc, fromDay: string, toDay: string): Promise<Map<string, { at: string; by: string; ref: string | null; auto: boolean; post: PostDoc | null }>> {
  const out = new Map<string, { at: string; by: string; ref: string | null; auto: boolean; post: PostDoc | null }>();
  if (routine.postKind) {
    for (const [day, posts] of await postsByDay(ctx, routine.postKind, fromDay, toDay)) {
      const first = posts[0];
      out.set(day, { at: first.publishAt as string, by: first.authorId, ref: `post:${first.id}`, auto: true, post: first });
    }
  }
  const marked = await scanAll(ctx.store, 'sopDone', { where: { routineId: routine.id, day: { $gte: fromDay, $lte: toDay } }, orderBy: { field: 'day', direction: 'asc' } });
  for (const m of marked) {
    const auto = out.get(m.day);
    if (!auto || Date.parse(m.at) < Date.parse(auto.at)) out.set(m.day, { at: m.at, by: m.by, ref: m.ref, auto: false, post: null });
  }
  return out;
}

/** Value of a routine's metric over its recent posts (or the community figure it names). */
async function metricValue(ctx: SopContext, routine: RoutineDoc, posts: PostDoc[]): Promise<number | null> {
  if (routine.metric === 'none') return null;
  if (routine.metric === 'attendance') return (await lessonMetrics(ctx.store, ctx.now)).attendanceRate;
  if (routine.metric === 'checkin_rate') {
    const members = await ctx.store.count('members', {});
    if (members === 0) return null;
    return (await ctx.store.count('checkins', { day: addDays(dayKey(ctx.now, ctx.settings.timezone), -1) })) / members;
  }
  if (posts.length === 0) return null;
  if (routine.metric === 'replies') {
    const counts = await Promise.all(posts.map((p) => postCounts(ctx.store, p.id)));
    return counts.reduce((s, c) => s + c.replies, 0) / posts.length;
  }
  const members = await ctx.store.count('members', {});
  if (members === 0) return null;
  const reads = await Promise.all(posts.map((p) => ctx.store.count('postReads', { postId: p.id })));
  return reads.reduce((s, r) => s + r, 0) / (posts.length * members);
}

/** Days the report looks back over. */
export const REPORT_DAYS = 30;

/**
 * `sop`: the operations calendar. Owners define routines (cadence, responsible host, format, metric);
 * hosts see today's due routines and every queue waiting for them, and mark routines done (a routine
 * with a post kind is done by publishing such a post that day); owners read on-time rates. Errors:
 * VALIDATION, NOT_FOUND, FORBIDDEN, CONFLICT (not due today, done already).
 */
export const sopFunction = defineFunction('sop', {
  routines: {
    access: 'host',
    schema: z.strictObject({}),
    async handle(ctx) {
      const docs = await allRoutines(ctx.store);
      const names = await nicknames(ctx.store, docs.map((d) => d.hostId));
      return { routines: docs.map((d) => routineView(d, names)) };
    },
  },
  saveRoutine: {
    access: 'owner',
    schema: z.strictObject({ requestId: requestIdSchema, routine: routineSchema }),
    async handle(ctx, params) {
      const input = params.routine;
      const problem = cadenceProblem(input.cadence);
      if (problem) throw new AppError('VALIDATION', problem);
      const id = input.id ?? `sr_${ctx.now.getTime().toString(36)}${randomBytes(4).toString('hex')}`;
      const nowIso = ctx.now.toISOString();
      const doc = await ctx.write(async (tx) => {
        const host = await tx.get('members', input.hostId);
        if (!host) throw new AppError('VALIDATION', '请选择负责人');
        if (host.role === 'member' && host.id !== ctx.memberId) throw new AppError('VALIDATION', '负责人需是讲师或群主，请先设为讲师');
        const prior = input.id ? await tx.get('sopRoutines', input.id) : null;
        if (input.id && !prior) throw new AppError('NOT_FOUND', '这项例行工作不存在或已删除');
        const next: RoutineDoc = { id, title: input.title, cadence: input.cadence, hostId: input.hostId, postKind: input.postKind, format: input.format, metric: input.metric, active: input.active, createdAt: prior?.createdAt ?? nowIso, updatedAt: nowIso };
        await tx.set('sopRoutines', next);
        return next;
      });
      return { routine: routineView(doc, await nicknames(ctx.store, [doc.hostId])) };
    },
  },
  today: {
    access: 'host',
    schema: z.strictObject({}),
    async handle(ctx) {
      const day = dayKey(ctx.now, ctx.settings.timezone);
      // Routines are personal: each shows on its responsible host's list only. Owners also get the
      // others' (`team`) to follow up or cover; the queues are shared by every host.
      const dueToday = (await allRoutines(ctx.store)).filter((r) => r.active && dueOn(r.cadence, day));
      const mine = dueToday.filter((r) => r.hostId === ctx.memberId);
      const others = ctx.role === 'owner' ? dueToday.filter((r) => r.hostId !== ctx.memberId) : [];
      const names = await nicknames(ctx.store, [...mine, ...others].map((r) => r.hostId));
      const viewsOf = async (list: RoutineDoc[]) => {
        const out: DueRoutineView[] = [];
        for (const routine of list) out.push(await dueView(ctx, routine, day, names));
        return out.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
      };
      const queues = (await hostQueues(ctx.store, ctx.now.getTime())).map((q) => ({ ...q, oldestAt: q.oldestAt === null ? null : new Date(q.oldestAt).toISOString() }));
      return { day, due: await viewsOf(mine), team: await viewsOf(others), queues };
    },
  },
  done: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, routineId: ref(200, '请选择例行工作'), ref: z.optional(text(1, 200, '完成说明')) }),
    async handle(ctx, params) {
      const day = dayKey(ctx.now, ctx.settings.timezone);
      await ctx.write(async (tx) => {
        const routine = await tx.get('sopRoutines', params.routineId);
        if (!routine) throw new AppError('NOT_FOUND', '这项例行工作不存在或已删除');
        if (ctx.role !== 'owner' && routine.hostId !== ctx.memberId) throw new AppError('FORBIDDEN', '只能完成分配给自己的例行工作');
        if (!routine.active || !dueOn(routine.cadence, day)) throw new AppError('CONFLICT', '这项工作今天不需要做');
        const id = `${routine.id}:${day}`;
        if (await tx.get('sopDone', id)) throw new AppError('CONFLICT', '今天已经标记完成了');
        const doc: RoutineDoneDoc = { id, routineId: routine.id, day, at: ctx.now.toISOString(), by: ctx.memberId, ref: params.ref ?? null, auto: false };
        await tx.set('sopDone', doc);
        return { id };
      });
      const routine = (await ctx.store.get('sopRoutines', params.routineId)) as RoutineDoc;
      return { due: await dueView(ctx, routine, day, await nicknames(ctx.store, [routine.hostId, ctx.memberId])) };
    },
  },
  report: {
    access: 'owner',
    schema: z.strictObject({}),
    handle: (ctx) => sopReport(ctx),
  },
});

async function dueView(ctx: RouteContext, routine: RoutineDoc, day: string, names: Map<string, string>): Promise<DueRoutineView> {
  const dueAt = dueAtOf(ctx, routine, day);
  const done = (await completions(ctx, routine, day, day)).get(day) ?? null;
  const byNames = done ? await nicknames(ctx.store, [done.by]) : names;
  return {
    routine: routineView(routine, names),
    day,
    dueAt,
    done: done ? { at: done.at, byName: done.by === 'system' ? '群运助手' : (byNames.get(done.by) ?? '已退出'), ref: done.ref, auto: done.auto } : null,
    overdue: !done && ctx.now.getTime() > Date.parse(dueAt) + ON_TIME_GRACE_MINUTES * 60_000,
  };
}

/** On-time rate and metric per active routine over the last 30 days, and per responsible host the last 7 days (who is behind). Reads only. */
export async function sopReport(ctx: SopContext): Promise<SopReport> {
  const to = dayKey(ctx.now, ctx.settings.timezone);
  const from = addDays(to, -(REPORT_DAYS - 1));
  const routines = (await allRoutines(ctx.store)).filter((r) => r.active);
  const names = await nicknames(ctx.store, routines.map((r) => r.hostId));
  const rows: RoutineReportRow[] = [];
  const perHost = new Map<string, Omit<HostRoutineFigures, 'hostName' | 'onTimeRate'>>();
  const hostOf = (hostId: string) => {
    const known = perHost.get(hostId) ?? { routines: 0, occurrences: 0, onTime: 0, late: 0, missed: 0, overdueToday: 0 };
    perHost.set(hostId, known);
    return known;
  };
  const weekAgo = addDays(to, -6);
  for (const routine of routines) {
    // Figures go to the host responsible now (a reassigned routine moves with its history).
    const host = hostOf(routine.hostId);
    host.routines += 1;
    const done = await completions(ctx, routine, from, to);
    let onTime = 0;
    let late = 0;
    let missed = 0;
    const linked: PostDoc[] = [];
    // A routine counts from the community day it was defined, not before.
    const since = [from, dayKey(routine.createdAt, ctx.settings.timezone)].sort()[1];
    for (const day of dueDays(routine.cadence, since, to)) {
      const dueMs = Date.parse(dueAtOf(ctx, routine, day));
      const completion = done.get(day) ?? null;
      const closed = dueMs + ON_TIME_GRACE_MINUTES * 60_000 <= ctx.now.getTime();
      if (!completion && !closed) continue; // not due yet: neither on time nor missed
      const outcome = occurrenceOutcome(dueMs, completion ? Date.parse(completion.at) : null);
      if (outcome === 'on_time') onTime += 1;
      else if (outcome === 'late') late += 1;
      else missed += 1;
      if (day >= weekAgo) {
        host.occurrences += 1;
        if (outcome === 'on_time') host.onTime += 1;
        else if (outcome === 'late') host.late += 1;
        else {
          host.missed += 1;
          if (day === to) host.overdueToday += 1;
        }
      }
      if (completion?.post) linked.push(completion.post);
    }
    const occurrences = onTime + late + missed;
    const def = METRIC_DEFINITION[routine.metric];
    rows.push({
      routine: routineView(routine, names),
      occurrences,
      onTime,
      late,
      missed,
      onTimeRate: occurrences === 0 ? null : onTime / occurrences,
      metric: { label: def.label, unit: def.unit, definition: def.definition, value: await metricValue(ctx, routine, linked) },
    });
  }
  const hosts: HostRoutineFigures[] = [...perHost.entries()]
    .map(([hostId, h]) => ({ hostName: names.get(hostId) ?? '已退出', ...h, onTimeRate: h.occurrences === 0 ? null : h.onTime / h.occurrences }))
    .sort((a, b) => b.missed - a.missed || (a.onTimeRate ?? 1) - (b.onTimeRate ?? 1) || a.hostName.localeCompare(b.hostName));
  return { from, to, rows, hosts, behind: hosts.filter((h) => h.missed > 0) };
}
