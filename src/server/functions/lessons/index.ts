import { feedBoards } from '../../domain/boards';
import { recordGroupLesson } from '../../domain/groupRecords';
import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import type { LessonInput } from '../../../../types/lessons';
import { addDays, dayKey, isDayKey, startOfDay } from '../../../core/day';
import { AppError } from '../../../core/errors';
import { QUESTION_BUDGET, subscriptionBudget } from '../../../core/rateLimits';
import {
  LESSON_ATTEND_POINTS,
  LESSON_LIMITS as L,
  attendWindow,
  attendanceRate,
  averageRating,
  lessonStatus,
  lessonTimesProblem,
  mondayOf,
  weekDays,
} from '../../../core/lessonRules';
import { recordActivity } from '../../domain/funnelRollups';
import { assertCreatorOrOwner } from '../../kernel/access';
import { cursorSchema, defineFunction, limitSchema, requestIdSchema, type RouteContext } from '../../kernel/handler';
import { choice, int, text } from '../../kernel/fields';
import { RATING_MESSAGE } from '../../../core/formRules';
import { boosted, recordGrowth } from '../../domain/growth';
import { withMemberState } from '../../domain/memberState';
import { post } from '../../domain/ledger';
import {
  asLessonQuestion,
  attendDeadline,
  allOf,
  lessonAnswerId,
  lessonQuestionsOf,
  deliver,
  lessonSubs,
  lessonView,
  lessonViews,
  median,
  nicknames,
  outboxView,
  questionView,
  subId,
  timeChangeBody,
  type LessonDoc,
  type LessonSubDoc,
  type QuestionDoc,
} from '../../domain/lessonRecords';
import { LOCAL_TEMPLATE, grantSubscription } from '../../domain/messaging';
import { assertTextAllowed } from '../../domain/contentCheck';
import { newQuestionDoc, supportId, withAnswer } from '../../domain/supportRecords';
import { DuplicateError, type Store, type Tx } from '../../store/port';

const isoSchema = z.string().check(z.maxLength(40), z.refine((v) => Number.isFinite(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v), '请选择时间'));
const idSchema = z.string().check(z.minLength(1), z.maxLength(200));
const daySchema = z.string().check(z.refine(isDayKey));

const lessonSchema = z.strictObject({
  title: text(1, L.title, '课程标题'),
  lecturer: text(1, L.lecturer, '讲师'),
  startsAt: isoSchema,
  endsAt: isoSchema,
  outline: text(0, L.outline, '课程大纲'),
  cover: z.optional(z.string().check(z.maxLength(L.cover, '封面图片无效，请重新上传'))),
  watch: z.optional(z.strictObject({ kind: choice(['channels', 'meeting', 'note'], '请选择观看方式'), value: text(1, L.watch, '观看方式') })),
  capacity: z.optional(int(1, 100_000, '名额')),
});

const NOT_FOUND = '课程不存在或已删除';

function normalise(input: LessonInput, timezone: string) {
  const problem = lessonTimesProblem(input);
  if (problem) throw new AppError('VALIDATION', problem);
  const startsAt = new Date(input.startsAt).toISOString();
  return {
    title: input.title,
    lecturer: input.lecturer,
    startsAt,
    endsAt: new Date(input.endsAt).toISOString(),
    day: dayKey(startsAt, timezone),
    outline: input.outline,
    cover: input.cover ? input.cover : null,
    watch: input.watch ?? null,
    capacity: input.capacity ?? null,
  };
}

async function lessonIn(tx: Tx | Store, id: string, ctx: RouteContext): Promise<LessonDoc> {
  const lesson = await tx.get('lessons', id);
  if (!lesson || (!lesson.published && ctx.role === 'member')) throw new AppError('NOT_FOUND', NOT_FOUND);
  return lesson;
}

function statusOf(lesson: LessonDoc, now: Date) {
  return lessonStatus({ ...lesson, hasReplay: lesson.replay !== null }, now);
}

/** Why a host may not edit another host's lesson. */
const LESSON_NOT_YOURS = '只能修改自己发布的课程';

/**
 * A host's answer to a lesson question on the desk, inside the caller's transaction: one answer
 * per question (`a_lesson_<questionId>`), rewritten in place; the first answer stops the clock.
 * Answers null (the question is on the desk). Errors: NOT_FOUND.
 */
async function answerOnDesk(ctx: RouteContext, tx: Tx, questionId: string, text: string): Promise<null> {
  const q = await tx.get('supportQuestions', questionId);
  if (!q || !q.lessonId) throw new AppError('NOT_FOUND', '问题不存在');
  const at = ctx.now.toISOString();
  const id = lessonAnswerId(q.id);
  const prior = await tx.get('supportAnswers', id);
  await tx.set('supportAnswers', { id, questionId: q.id, memberId: prior?.memberId ?? ctx.memberId, byStaff: true, text, createdAt: prior?.createdAt ?? at, editedAt: prior ? at : null, accepted: prior?.accepted ?? false });
  await tx.set('supportQuestions', prior ? q : withAnswer(q, ctx.memberId, true, at));
  return null;
}

/**
 * `lessons`: the live-lesson routine. Hosts publish and edit lessons, add replays, see questions
 * and stats; members read the week, subscribe to reminders, ask, check in (attendance points
 * once) and rate. Errors: VALIDATION, NOT_FOUND, CONFLICT (wrong moment or done already),
 * LIMIT_REACHED (capacity), FORBIDDEN (host actions).
 */
export const lessonsFunction = defineFunction('lessons', {
  publish: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, lesson: lessonSchema, draft: z.optional(z.boolean()) }),
    async handle(ctx, params) {
      const fields = normalise(params.lesson, ctx.settings.timezone);
      const id = `ls_${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
      const nowIso = ctx.now.toISOString();
      return ctx.write(async (tx) => {
        const doc: LessonDoc = { id, ...fields, published: !params.draft, replay: null, version: 1, createdBy: ctx.memberId, createdAt: nowIso, updatedAt: nowIso };
        await tx.create('lessons', doc);
        return { lesson: lessonView(doc, ctx.now, 0) };
      });
    },
  },
  update: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, lessonId: idSchema, lesson: lessonSchema, publish: z.optional(z.boolean()) }),
    async handle(ctx, params) {
      const fields = normalise(params.lesson, ctx.settings.timezone);
      const { doc, notify } = await ctx.write(async (tx) => {
        const before = await lessonIn(tx, params.lessonId, ctx);
        assertCreatorOrOwner(ctx, before.createdBy, LESSON_NOT_YOURS);
        const timeChanged = before.startsAt !== fields.startsAt || before.endsAt !== fields.endsAt;
        const status = statusOf(before, ctx.now);
        if (timeChanged && status !== 'draft' && status !== 'scheduled') throw new AppError('CONFLICT', '课程已开始，不能再修改时间');
        const published = before.published || params.publish === true;
        const after: LessonDoc = { ...before, ...fields, published, version: timeChanged ? before.version + 1 : before.version, updatedAt: ctx.now.toISOString() };
        await tx.set('lessons', after);
        return { doc: after, notify: timeChanged && before.published };
      });
      let notified = 0;
      if (notify) {
        for await (const sub of lessonSubs(ctx.store, doc.id)) {
          if (await deliver(ctx.store, ctx.messaging, { kind: 'time_change', lesson: doc, sub, body: timeChangeBody(doc, ctx.settings) }, ctx.now, ctx.settings)) notified += 1;
        }
      }
      const [lesson] = await lessonViews(ctx.store, [doc], ctx.now);
      return { lesson, notified };
    },
  },
  week: {
    access: 'member',
    schema: z.strictObject({ day: z.optional(daySchema) }),
    async handle(ctx, params) {
      const tz = ctx.settings.timezone;
      const today = dayKey(ctx.now, tz);
      const monday = mondayOf(params.day ?? today);
      const page = await ctx.store.find('lessons', {
        where: { startsAt: { $gte: startOfDay(monday, tz).toISOString(), $lt: startOfDay(addDays(monday, 7), tz).toISOString() } },
        orderBy: { field: 'startsAt', direction: 'asc' },
        limit: 100,
      });
      const visible = page.docs.filter((d) => d.published || ctx.role !== 'member');
      const views = await lessonViews(ctx.store, visible, ctx.now);
      return { today, monday, days: weekDays(monday).map((day) => ({ day, lessons: views.filter((v) => v.day === day) })) };
    },
  },
  past: {
    access: 'member',
    schema: z.strictObject({ limit: z.optional(limitSchema), after: z.optional(cursorSchema) }),
    async handle(ctx, params) {
      const page = await ctx.store.find('lessons', {
        where: { startsAt: { $lt: ctx.now.toISOString() } },
        orderBy: { field: 'startsAt', direction: 'desc' },
        limit: params.limit ?? 20,
        after: params.after ?? null,
      });
      const ended = page.docs.filter((d) => d.published && Date.parse(d.endsAt) <= ctx.now.getTime());
      return { lessons: await lessonViews(ctx.store, ended, ctx.now), next: page.next };
    },
  },
  get: {
    access: 'member',
    schema: z.strictObject({ lessonId: idSchema }),
    async handle(ctx, params) {
      const doc = await lessonIn(ctx.store, params.lessonId, ctx);
      const key = subId(doc.id, ctx.memberId);
      const [views, sub, attended, rating, asked] = await Promise.all([
        lessonViews(ctx.store, [doc], ctx.now),
        ctx.store.get('lessonSubs', key),
        ctx.store.get('lessonAttendance', key),
        ctx.store.get('lessonRatings', key),
        lessonQuestionsOf(ctx.store, doc.id),
      ]);
      const nickname = ctx.member?.nickname ?? '';
      const answeredDocs = asked.filter((q) => q.answer);
      const askers = await nicknames(ctx.store, answeredDocs.map((q) => q.memberId));
      return {
        answered: answeredDocs.map((q) => questionView(q, askers.get(q.memberId) ?? '')),
        lesson: views[0],
        mine: {
          subscribed: sub !== null,
          attended: attended !== null,
          rating: rating ? { score: rating.score, comment: rating.comment } : null,
          questions: asked.filter((q) => q.memberId === ctx.memberId).map((q) => questionView(q, nickname)),
        },
        attendPoints: LESSON_ATTEND_POINTS,
        attendUntil: attendDeadline(doc).toISOString(),
        canAttend: doc.published && attended === null && attendWindow(doc, ctx.now) === 'open',
      };
    },
  },
  addReplay: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, lessonId: idSchema, url: text(1, L.replayUrl, '回放链接'), transcript: text(0, L.transcript, '文字稿') }),
    async handle(ctx, params) {
      const doc = await ctx.write(async (tx) => {
        const lesson = await lessonIn(tx, params.lessonId, ctx);
        assertCreatorOrOwner(ctx, lesson.createdBy, LESSON_NOT_YOURS);
        const status = statusOf(lesson, ctx.now);
        if (status === 'draft' || status === 'scheduled') throw new AppError('CONFLICT', '课程开始后才能添加回放');
        const next: LessonDoc = { ...lesson, replay: { url: params.url, transcript: params.transcript, addedAt: ctx.now.toISOString() }, updatedAt: ctx.now.toISOString() };
        await tx.set('lessons', next);
        return next;
      });
      const [lesson] = await lessonViews(ctx.store, [doc], ctx.now);
      return { lesson };
    },
  },
  subscribe: {
    access: 'member',
    limits: (params) => [subscriptionBudget(params.templateId ?? LOCAL_TEMPLATE)],
    schema: z.strictObject({ requestId: requestIdSchema, lessonId: idSchema, templateId: z.optional(z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[\w-]+$/))) }),
    async handle(ctx, params) {
      const templateId = params.templateId ?? LOCAL_TEMPLATE;
      return ctx.write(async (tx) => {
        const lesson = await lessonIn(tx, params.lessonId, ctx);
        if (statusOf(lesson, ctx.now) !== 'scheduled') throw new AppError('CONFLICT', '课程已开始，无需再设置提醒');
        const sub: LessonSubDoc = { id: subId(lesson.id, ctx.memberId), lessonId: lesson.id, memberId: ctx.memberId, templateId, at: ctx.now.toISOString() };
        try {
          await tx.create('lessonSubs', sub);
        } catch (error) {
          if (error instanceof DuplicateError) throw new AppError('CONFLICT', '已经设置过提醒了');
          throw error;
        }
        const next = await grantSubscription(tx, ctx.memberId, templateId);
        return { subscribed: true as const, quota: next.granted - next.used };
      });
    },
  },
  ask: {
    access: 'member',
    limits: [QUESTION_BUDGET],
    schema: z.strictObject({ requestId: requestIdSchema, lessonId: idSchema, text: text(1, L.question, '问题内容') }),
    async handle(ctx, params) {
      const lesson = await lessonIn(ctx.store, params.lessonId, ctx);
      const status = statusOf(lesson, ctx.now);
      if (status !== 'scheduled' && status !== 'live') throw new AppError('CONFLICT', '课程结束后不能再提问');
      if (!(await ctx.messaging.textAllowed(params.text, ctx.openid))) throw new AppError('VALIDATION', '问题包含不允许的内容，请修改后再提交');
      // One Q&A (issue 18): a lesson question is a support-desk question with the lesson as its topic.
      const doc = newQuestionDoc({ id: supportId('q', ctx.memberId, params.requestId), memberId: ctx.memberId, text: params.text, images: [], topic: 'lesson', lessonId: lesson.id, createdAt: ctx.now.toISOString() });
      await ctx.write(async (tx) => {
        await tx.create('supportQuestions', doc);
        return { questionId: doc.id };
      });
      const stored = (await ctx.store.get('supportQuestions', doc.id)) ?? doc;
      return { question: questionView(await asLessonQuestion(ctx.store, stored), (await nicknames(ctx.store, [stored.memberId])).get(stored.memberId) ?? '') };
    },
  },
  questions: {
    access: 'host',
    schema: z.strictObject({ lessonId: idSchema }),
    async handle(ctx, params) {
      const doc = await lessonIn(ctx.store, params.lessonId, ctx);
      const docs = await lessonQuestionsOf(ctx.store, doc.id);
      const names = await nicknames(ctx.store, docs.map((q) => q.memberId));
      const [lesson] = await lessonViews(ctx.store, [doc], ctx.now);
      return { lesson, questions: docs.map((q) => questionView(q, names.get(q.memberId) ?? '')) };
    },
  },
  answer: {
    access: 'host',
    schema: z.strictObject({
      requestId: requestIdSchema,
      questionId: idSchema,
      text: z.string().check(z.trim(), z.minLength(1, '请填写回答内容'), z.maxLength(L.answer, `回答最多 ${L.answer} 字`)),
    }),
    async handle(ctx, params) {
      await assertTextAllowed(ctx.contentCheck, params.text, ctx.openid, 'comment');
      const legacy = await ctx.write(async (tx) => {
        const q = await tx.get('lessonQuestions', params.questionId);
        if (!q) return answerOnDesk(ctx, tx, params.questionId, params.text);
        const at = ctx.now.toISOString();
        // The first answer fixes the response time; a rewrite only changes the text.
        const next: QuestionDoc = { ...q, answeredAt: q.answeredAt ?? at, answeredBy: q.answeredBy ?? ctx.memberId, answer: { text: params.text, byName: ctx.member?.nickname ?? '讲师', at } };
        await tx.set('lessonQuestions', next);
        return next;
      });
      const desk = legacy ? null : await ctx.store.get('supportQuestions', params.questionId);
      const doc = legacy ?? (desk ? await asLessonQuestion(ctx.store, desk) : null);
      if (!doc) throw new AppError('NOT_FOUND', '问题不存在');
      const names = await nicknames(ctx.store, [doc.memberId]);
      return { question: questionView(doc, names.get(doc.memberId) ?? '') };
    },
  },
  attend: {
    access: 'member',
    schema: z.strictObject({ requestId: requestIdSchema, lessonId: idSchema }),
    async handle(ctx, params) {
      const day = dayKey(ctx.now, ctx.settings.timezone);
      // Points, growth and the funnel share the member's account: one read, one write.
      return ctx.write((tx) => withMemberState(tx, ctx.memberId, async (state) => {
        const lesson = await lessonIn(tx, params.lessonId, ctx);
        if (!lesson.published) throw new AppError('CONFLICT', '课程还没有发布');
        const window = attendWindow(lesson, ctx.now);
        if (window === 'early') throw new AppError('CONFLICT', '直播还没开始，开始后再来签到');
        if (window === 'closed') throw new AppError('CONFLICT', '已超过听课签到时间');
        const key = subId(lesson.id, ctx.memberId);
        try {
          await tx.create('lessonAttendance', { id: key, lessonId: lesson.id, memberId: ctx.memberId, at: ctx.now.toISOString() });
        } catch (error) {
          if (error instanceof DuplicateError) throw new AppError('CONFLICT', '这节课已经签到过了');
          throw error;
        }
        if (lesson.capacity !== null) {
          const counts = await tx.get('lessonCounts', lesson.id);
          const attendees = counts?.attendees ?? 0;
          if (attendees >= lesson.capacity) throw new AppError('LIMIT_REACHED', '本节课名额已满');
          await tx.set('lessonCounts', { id: lesson.id, attendees: attendees + 1 });
        }
        // Tier multiplier once per attendance; optional extra growth per lesson (settings.tiers.lessonGrowth).
        const awarded = boosted(LESSON_ATTEND_POINTS, ctx.member, ctx.now, ctx.settings);
        const { balance } = await post(tx, ctx.memberId, [{ key: `lesson:${lesson.id}:${ctx.memberId}`, delta: awarded, reason: 'lesson', ref: lesson.title }], ctx.now, ctx.settings);
        await recordGrowth(tx, ctx.memberId, ctx.settings.tiers.lessonGrowth, ctx.now, ctx.settings);
        feedBoards(state, 'lessons', 1, ctx.now, ctx.settings.timezone);
        await recordActivity(tx, ctx.memberId, day, 'lesson', ctx.now, ctx.settings);
        // Issue 15: the attendance counts in each of the member's groups (the live 听课率 PK).
        await recordGroupLesson(tx, ctx.memberId, day);
        return { awarded, balance };
      }));
    },
  },
  rate: {
    access: 'member',
    schema: z.strictObject({ requestId: requestIdSchema, lessonId: idSchema, score: z.int(RATING_MESSAGE).check(z.minimum(1, RATING_MESSAGE), z.maximum(5, RATING_MESSAGE)), comment: z.optional(text(0, L.comment, '评价')) }),
    async handle(ctx, params) {
      const comment = params.comment ?? '';
      if (comment && !(await ctx.messaging.textAllowed(comment, ctx.openid))) throw new AppError('VALIDATION', '评价包含不允许的内容，请修改后再提交');
      return ctx.write(async (tx) => {
        const lesson = await lessonIn(tx, params.lessonId, ctx);
        const status = statusOf(lesson, ctx.now);
        if (status !== 'ended' && status !== 'replay') throw new AppError('CONFLICT', '课程结束后才能评分');
        try {
          await tx.create('lessonRatings', { id: subId(lesson.id, ctx.memberId), lessonId: lesson.id, memberId: ctx.memberId, score: params.score, comment, at: ctx.now.toISOString() });
        } catch (error) {
          if (error instanceof DuplicateError) throw new AppError('CONFLICT', '你已经评过分了');
          throw error;
        }
        return { score: params.score, comment };
      });
    },
  },
  stats: {
    access: 'host',
    schema: z.strictObject({ lessonId: idSchema }),
    async handle(ctx, params) {
      const lesson = await lessonIn(ctx.store, params.lessonId, ctx);
      const [subscribers, attendees, members, ratings, questions] = await Promise.all([
        ctx.store.count('lessonSubs', { lessonId: lesson.id }),
        ctx.store.count('lessonAttendance', { lessonId: lesson.id }),
        ctx.store.count('members', { joinedAt: { $lte: attendDeadline(lesson).toISOString() } }),
        allOf(ctx.store, 'lessonRatings', lesson.id, 'at'),
        lessonQuestionsOf(ctx.store, lesson.id),
      ]);
      const answered = questions.filter((q) => q.answeredAt);
      return {
        lessonId: lesson.id,
        subscribers,
        attendees,
        members,
        attendanceRate: attendanceRate(attendees, members),
        ratings: ratings.length,
        averageRating: averageRating(ratings.map((r) => r.score)),
        questions: questions.length,
        answered: answered.length,
        medianResponseMinutes: median(answered.map((q) => questionView(q, '').responseMinutes ?? 0)),
        definitions: {
          attendanceRate: '听课率 = 签到听课人数 ÷ 签到截止（下课后 30 分钟）时已加入的会员数',
          averageRating: '满意度 = 课后评分（1–5 分）的平均值',
        },
      };
    },
  },
  outbox: {
    access: 'owner',
    schema: z.strictObject({ limit: z.optional(limitSchema), after: z.optional(cursorSchema) }),
    async handle(ctx, params) {
      const page = await ctx.store.find('outbox', { orderBy: { field: 'createdAt', direction: 'desc' }, limit: params.limit ?? 50, after: params.after ?? null });
      const names = await nicknames(ctx.store, page.docs.map((d) => d.memberId));
      return { messages: page.docs.map((d) => outboxView(d, names.get(d.memberId) ?? '')), next: page.next };
    },
  },
});
