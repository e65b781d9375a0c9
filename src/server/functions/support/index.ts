import * as z from 'zod/mini';
import type { CaseEntryView, CaseView } from '../../../../types/support';
import { dayKey } from '../../../core/day';
import { AppError } from '../../../core/errors';
import { CASE_ABOUT, QUESTION_TOPICS, SUPPORT_LIMITS as L, caseStepProblem, supportRulesProblem } from '../../../core/support';
import { assertTextAllowed, recordMediaChecks, submitImages } from '../../domain/contentCheck';
import { attachOwnImages, IMAGE_REF } from '../../domain/images';
import { post, reverse } from '../../domain/ledger';
import { queueItems } from '../../domain/supportQueue';
import { saveSettings } from '../../domain/settingsStore';
import { supportMetrics } from '../../domain/supportMetrics';
import {
  answerView,
  caseNameIds,
  caseView,
  namesOf,
  newQuestionDoc,
  questionView,
  withAnswer,
  supportId,
  type RemedyRecord,
  type SupportAnswerDoc,
  type SupportCaseDoc,
  type SupportQuestionDoc,
} from '../../domain/supportRecords';
import { QUESTION_BUDGET } from '../../../core/rateLimits';
import { choice, int, ref, text } from '../../kernel/fields';
import { defineFunction, limitSchema, cursorSchema, requestIdSchema, type RouteContext } from '../../kernel/handler';
import { DuplicateError, type Store, type Tx } from '../../store/port';
import { scanAll } from '../../store/scan';
import { cancelOrder } from '../mall/index';
import { labelledLedgerViews } from '../../domain/ledgerLabels';
import { addContribution } from '../../domain/contribution';

const idSchema = ref(64, '请选择要处理的事项');
/** Most recent entries per party the reversal picker lists. */
const CASE_ENTRIES_PER_PARTY = 20;
const imagesSchema = z.array(z.string().check(z.maxLength(256), z.regex(IMAGE_REF, '图片无效，请重新上传'))).check(z.maxLength(L.images, `最多 ${L.images} 张图片`));
const topicSchema = choice(QUESTION_TOPICS, '请选择问题分类');

/** What another member reads for someone else's case: it does not exist for them. */
const CASE_NOT_FOUND = '没有找到这件事，可能已被删除';
const QUESTION_NOT_FOUND = '问题不存在或已删除';

const isStaff = (ctx: RouteContext) => ctx.role !== 'member';
const viewer = (ctx: RouteContext) => ({ memberId: ctx.memberId, staff: isStaff(ctx) });

async function questionIn(tx: Tx | Store, id: string): Promise<SupportQuestionDoc> {
  const q = await tx.get('supportQuestions', id);
  if (!q) throw new AppError('NOT_FOUND', QUESTION_NOT_FOUND);
  return q;
}

/** A case the caller may see: its filer, the other party of a dispute, and staff; anyone else (the member a complaint is about, too) gets NOT_FOUND, not FORBIDDEN. */
async function caseFor(ctx: RouteContext, tx: Tx | Store, id: string): Promise<SupportCaseDoc> {
  const c = await tx.get('supportCases', id);
  const party = c !== null && (c.memberId === ctx.memberId || (c.kind === 'dispute' && c.otherId === ctx.memberId));
  if (!c || (!isStaff(ctx) && !party)) throw new AppError('NOT_FOUND', CASE_NOT_FOUND);
  return c;
}

/** Staff act on a case only when they are not a party to it (separation of duties). */
function assertHandler(ctx: RouteContext, c: SupportCaseDoc): void {
  if (!isStaff(ctx)) throw new AppError('FORBIDDEN', '只有群管或群主可以处理');
  if (c.memberId === ctx.memberId || c.otherId === ctx.memberId) throw new AppError('FORBIDDEN', '不能处理与自己有关的事项，请交给其他群管');
  if (c.state === 'escalated' && ctx.role !== 'owner') throw new AppError('FORBIDDEN', '这件事已上报群主，由群主处理');
}

function step(c: SupportCaseDoc, which: Parameters<typeof caseStepProblem>[0]): void {
  const problem = caseStepProblem(which, c.state);
  if (problem) throw new AppError('CONFLICT', problem);
}

async function viewOfCase(ctx: RouteContext, c: SupportCaseDoc): Promise<CaseView> {
  return caseView(c, await namesOf(ctx.store, caseNameIds(c)), viewer(ctx), ctx.settings, ctx.now.getTime());
}

/** One staff step on a case (take, resolve, escalate): the caller must be able to handle it and the step allowed in its state; the patch is saved with a log line. Errors: NOT_FOUND, FORBIDDEN, CONFLICT. */
async function staffStep(ctx: RouteContext, caseId: string, which: Parameters<typeof caseStepProblem>[0], log: string, patch: (c: SupportCaseDoc, at: string) => Partial<SupportCaseDoc>) {
  await ctx.write(async (tx) => {
    const c = await caseFor(ctx, tx, caseId);
    assertHandler(ctx, c);
    step(c, which);
    const at = ctx.now.toISOString();
    await saveCase(tx, c, ctx.memberId, at, log, patch(c, at));
    return { caseId: c.id };
  });
  return caseAnswer(ctx, caseId);
}

/** Write a changed case with one more history line, and answer it (views are built after commit). */
async function saveCase(tx: Tx, c: SupportCaseDoc, by: string, at: string, what: string, patch: Partial<SupportCaseDoc>): Promise<SupportCaseDoc> {
  const next: SupportCaseDoc = { ...c, ...patch, events: [...c.events, { at, by, what }] };
  next.open = next.state !== 'resolved';
  await tx.set('supportCases', next);
  return next;
}

/** Answer a write's view after commit: a replay returns the recorded case id, re-read fresh. */
async function caseAnswer(ctx: RouteContext, id: string): Promise<{ case: CaseView }> {
  const c = await ctx.store.get('supportCases', id);
  if (!c) throw new AppError('NOT_FOUND', CASE_NOT_FOUND);
  return { case: await viewOfCase(ctx, c) };
}

/** Store the first response of a complaint (take, resolve) and stop its clock. */
function responded(c: SupportCaseDoc, at: string): Partial<SupportCaseDoc> {
  return {
    firstResponseAt: c.firstResponseAt ?? at,
    clockMetAt: c.kind === 'complaint' ? (c.clockMetAt ?? at) : c.clockMetAt,
  };
}

function resolvedPatch(c: SupportCaseDoc, at: string, by: string, resolution: string, self: boolean): Partial<SupportCaseDoc> {
  return {
    state: 'resolved',
    resolution,
    resolvedAt: at,
    resolvedBy: by,
    firstResolvedAt: c.firstResolvedAt ?? at,
    firstResponseAt: c.firstResponseAt ?? at,
    clockMetAt: c.clockMetAt ?? at,
    selfResolved: self,
  };
}

/**
 * `support`: the community's support desk (答疑, 投诉, 纠纷) with service levels in working hours.
 * Members ask and answer; the asker (or a host) accepts one answer, and an accepted member answer
 * earns points once (never one's own, within a daily cap). Complaints and disputes are private to
 * their parties and staff (others get NOT_FOUND); hosts take, resolve, escalate and take remedies
 * (refund, reversal, goodwill) through the mall and ledger paths, linked to the case.
 * Errors: VALIDATION, NOT_FOUND, FORBIDDEN, CONFLICT, RATE_LIMITED, INSUFFICIENT_POINTS.
 */
export const supportFunction = defineFunction('support', {
  ask: {
    access: 'member',
    limits: [QUESTION_BUDGET],
    schema: z.strictObject({
      requestId: requestIdSchema,
      text: text(1, L.question, '问题内容'),
      images: z.optional(imagesSchema),
      topic: z.optional(topicSchema),
      lessonId: z.optional(ref(200, '请选择课程')),
    }),
    async handle(ctx, params) {
      const images = params.images ?? [];
      if (new Set(images).size !== images.length) throw new AppError('VALIDATION', '同一张图片只能添加一次');
      const topic = params.lessonId ? 'lesson' : (params.topic ?? 'other');
      if (params.lessonId && !(await ctx.store.get('lessons', params.lessonId))) throw new AppError('VALIDATION', '请选择课程');
      await assertTextAllowed(ctx.contentCheck, params.text, ctx.openid, 'forum');
      const id = supportId('q', ctx.memberId, params.requestId);
      const checks = await submitImages(ctx.store, images, ctx, `supportQuestions/${id}`, ctx.now);
      const doc = await ctx.write(async (tx) => {
        await attachOwnImages(tx, ctx.memberId, images, `supportQuestions/${id}`);
        const q = newQuestionDoc({ id, memberId: ctx.memberId, text: params.text, images, topic, lessonId: params.lessonId ?? null, createdAt: ctx.now.toISOString() });
        await tx.create('supportQuestions', q);
        await recordMediaChecks(tx, checks);
        return q;
      });
      const stored = (await ctx.store.get('supportQuestions', doc.id)) ?? doc;
      return { question: questionView(stored, await namesOf(ctx.store, [stored.memberId]), viewer(ctx), ctx.settings, ctx.now.getTime()) };
    },
  },
  answer: {
    access: 'member',
    limits: [QUESTION_BUDGET],
    schema: z.strictObject({ requestId: requestIdSchema, questionId: idSchema, text: text(1, L.answer, '回答内容') }),
    async handle(ctx, params) {
      await questionIn(ctx.store, params.questionId);
      await assertTextAllowed(ctx.contentCheck, params.text, ctx.openid, 'forum');
      const id = supportId('a', ctx.memberId, params.requestId);
      const answer = await ctx.write(async (tx) => {
        const q = await questionIn(tx, params.questionId);
        const at = ctx.now.toISOString();
        const a: SupportAnswerDoc = { id, questionId: q.id, memberId: ctx.memberId, byStaff: isStaff(ctx), text: params.text, createdAt: at, accepted: false };
        await tx.create('supportAnswers', a);
        await tx.set('supportQuestions', withAnswer(q, ctx.memberId, isStaff(ctx), at));
        return a;
      });
      return { answer: answerView(answer, await namesOf(ctx.store, [answer.memberId]), ctx.memberId) };
    },
  },
  accept: {
    access: 'member',
    schema: z.strictObject({ requestId: requestIdSchema, questionId: idSchema, answerId: idSchema }),
    async handle(ctx, params) {
      const outcome = await ctx.write(async (tx) => {
        const q = await questionIn(tx, params.questionId);
        if (q.memberId !== ctx.memberId && !isStaff(ctx)) throw new AppError('FORBIDDEN', '只有提问的人或群管可以采纳答案');
        if (q.acceptedAnswerId) throw new AppError('CONFLICT', '这个问题已经采纳过答案了');
        const a = await tx.get('supportAnswers', params.answerId);
        if (!a || a.questionId !== q.id) throw new AppError('NOT_FOUND', '回答不存在或已删除');
        const at = ctx.now.toISOString();
        let paid = 0;
        let note: string | null = null;
        const reward = ctx.settings.support.answerReward;
        if (a.byStaff) note = '群管的回答不发积分';
        else if (a.memberId === q.memberId) note = '回答自己的问题不发积分';
        else if (a.memberId === ctx.memberId) note = '不能给自己的回答发积分';
        else if (reward > 0) {
          const day = dayKey(ctx.now, ctx.settings.timezone);
          const counterId = `${a.memberId}:${day}`;
          const counter = (await tx.get('supportPayouts', counterId)) ?? { id: counterId, memberId: a.memberId, day, count: 0 };
          if (counter.count >= ctx.settings.support.answerDailyCap) {
            note = '回答者今天的答疑奖励已达上限';
            await tx.set('supportPayouts', counter);
          } else {
            try {
              await post(tx, a.memberId, [{ key: `support:answer:${q.id}`, delta: reward, reason: 'support', ref: q.text.slice(0, 30), note: '回答被采纳' }], ctx.now, ctx.settings);
            } catch (error) {
              if (error instanceof DuplicateError) throw new AppError('CONFLICT', '这个问题已经采纳过答案了');
              throw error;
            }
            await tx.set('supportPayouts', { ...counter, count: counter.count + 1 });
            paid = reward;
          }
        }
        await tx.set('supportAnswers', { ...a, accepted: true });
        if (!a.byStaff && a.memberId !== q.memberId) await addContribution(tx, a.memberId, 'answer_accepted', { now: ctx.now, settings: ctx.settings });
        await tx.set('supportQuestions', {
          ...q,
          state: 'accepted',
          awaiting: false,
          acceptedAnswerId: a.id,
          acceptedAt: at,
          acceptedByStaff: a.byStaff,
          firstResponseAt: q.firstResponseAt ?? (a.memberId !== q.memberId ? a.createdAt : null),
          kb: true,
          kbAt: q.kbAt ?? at,
          score: q.score + 10,
        });
        return { paid, note };
      });
      const q = await questionIn(ctx.store, params.questionId);
      return { question: questionView(q, await namesOf(ctx.store, [q.memberId]), viewer(ctx), ctx.settings, ctx.now.getTime()), ...outcome };
    },
  },
  questions: {
    access: 'member',
    schema: z.strictObject({
      after: z.optional(cursorSchema),
      topic: z.optional(topicSchema),
      lessonId: z.optional(ref(200, '请选择课程')),
      sort: z.optional(choice(['new', 'useful'], '请选择排序')),
      limit: z.optional(limitSchema),
    }),
    async handle(ctx, params) {
      const where = params.lessonId ? { kb: true, lessonId: params.lessonId } : params.topic ? { kb: true, topic: params.topic } : { kb: true };
      const field = params.sort === 'useful' && !params.lessonId && !params.topic ? 'score' : 'kbAt';
      const page = await ctx.store.find('supportQuestions', { where, orderBy: { field, direction: 'desc' }, limit: params.limit ?? 20, after: params.after ?? null });
      const names = await namesOf(ctx.store, page.docs.map((q) => q.memberId));
      return { questions: page.docs.map((q) => questionView(q, names, viewer(ctx), ctx.settings, ctx.now.getTime())), next: page.next };
    },
  },
  question: {
    access: 'member',
    schema: z.strictObject({ questionId: idSchema }),
    async handle(ctx, params) {
      const q = await questionIn(ctx.store, params.questionId);
      const answers = await scanAll(ctx.store, 'supportAnswers', { where: { questionId: q.id }, orderBy: { field: 'createdAt', direction: 'asc' }, max: 200 });
      answers.sort((a, b) => Number(b.accepted) - Number(a.accepted));
      const names = await namesOf(ctx.store, [q.memberId, ...answers.map((a) => a.memberId)]);
      return { question: questionView(q, names, viewer(ctx), ctx.settings, ctx.now.getTime()), answers: answers.map((a) => answerView(a, names, ctx.memberId)) };
    },
  },
  file: {
    access: 'member',
    limits: [QUESTION_BUDGET],
    schema: z.strictObject({
      requestId: requestIdSchema,
      kind: choice(['complaint', 'dispute'], '请选择投诉或纠纷'),
      text: text(1, L.caseText, '情况说明'),
      images: z.optional(imagesSchema),
      about: z.optional(choice(CASE_ABOUT, '请选择投诉对象')),
      orderId: z.optional(ref(64, '请选择订单')),
      otherId: z.optional(ref(64, '请选择对方会员')),
      otherCode: z.optional(z.string('请填写对方的邀请码').check(z.trim(), z.regex(/^[A-Za-z0-9]{4,12}$/, '请填写对方的邀请码（我的页可以看到）'))),
    }),
    async handle(ctx, params) {
      const images = params.images ?? [];
      if (new Set(images).size !== images.length) throw new AppError('VALIDATION', '同一张图片只能添加一次');
      let otherId = params.otherId;
      if (!otherId && params.otherCode) {
        const invite = await ctx.store.get('invites', params.otherCode.toUpperCase());
        if (!invite) throw new AppError('VALIDATION', '没有找到这个邀请码，请核对后再填');
        otherId = invite.memberId;
      }
      if (params.kind === 'dispute' && !otherId) throw new AppError('VALIDATION', '请选择对方会员');
      if (otherId === ctx.memberId) throw new AppError('VALIDATION', '不能选择自己作为对方');
      const about = params.kind === 'dispute' ? 'member' : (params.about ?? (params.orderId ? 'order' : 'other'));
      if (about === 'order' && !params.orderId) throw new AppError('VALIDATION', '请选择订单');
      let aboutLabel: string | null = null;
      if (params.orderId) {
        const order = await ctx.store.get('orders', params.orderId);
        if (!order || order.memberId !== ctx.memberId) throw new AppError('VALIDATION', '请选择自己的订单');
        aboutLabel = `${order.itemTitle} ×${order.qty}`;
      }
      if (otherId) {
        const other = await ctx.store.get('members', otherId);
        if (!other) throw new AppError('VALIDATION', '请选择对方会员');
        aboutLabel = aboutLabel ?? other.nickname;
      }
      await assertTextAllowed(ctx.contentCheck, params.text, ctx.openid, 'forum');
      const id = supportId('k', ctx.memberId, params.requestId);
      const checks = await submitImages(ctx.store, images, ctx, `supportCases/${id}`, ctx.now);
      await ctx.write(async (tx) => {
        await attachOwnImages(tx, ctx.memberId, images, `supportCases/${id}`);
        const at = ctx.now.toISOString();
        const c: SupportCaseDoc = {
          id,
          kind: params.kind,
          memberId: ctx.memberId,
          otherId: otherId ?? null,
          about,
          orderId: params.orderId ?? null,
          aboutLabel,
          text: params.text,
          images,
          state: 'open',
          open: true,
          createdAt: at,
          clockFrom: at,
          clockMetAt: null,
          takenBy: null,
          takenAt: null,
          firstResponseAt: null,
          firstResolvedAt: null,
          reply: null,
          settled: { filer: false, other: false },
          selfResolved: false,
          resolution: null,
          resolvedAt: null,
          resolvedBy: null,
          reopened: 0,
          rating: null,
          remedies: [],
          events: [{ at, by: ctx.memberId, what: params.kind === 'dispute' ? '提交了纠纷' : '提交了投诉' }],
        };
        await tx.create('supportCases', c);
        await recordMediaChecks(tx, checks);
        return { caseId: id };
      });
      return caseAnswer(ctx, id);
    },
  },
  respond: {
    access: 'member',
    schema: z.strictObject({ requestId: requestIdSchema, caseId: idSchema, text: text(1, L.reply, '你的说明') }),
    async handle(ctx, params) {
      await assertTextAllowed(ctx.contentCheck, params.text, ctx.openid, 'forum');
      await ctx.write(async (tx) => {
        const c = await caseFor(ctx, tx, params.caseId);
        if (c.kind !== 'dispute' || c.otherId !== ctx.memberId) throw new AppError('FORBIDDEN', '只有纠纷的另一方可以说明自己的情况');
        step(c, 'respond');
        if (c.reply) throw new AppError('CONFLICT', '你已经说明过了，只能说明一次');
        const at = ctx.now.toISOString();
        await saveCase(tx, c, ctx.memberId, at, '对方说明了情况', { reply: { text: params.text, at } });
        return { caseId: c.id };
      });
      return caseAnswer(ctx, params.caseId);
    },
  },
  settle: {
    access: 'member',
    schema: z.strictObject({ requestId: requestIdSchema, caseId: idSchema }),
    async handle(ctx, params) {
      await ctx.write(async (tx) => {
        const c = await caseFor(ctx, tx, params.caseId);
        const part = c.memberId === ctx.memberId ? 'filer' : c.otherId === ctx.memberId ? 'other' : null;
        if (c.kind !== 'dispute' || !part) throw new AppError('FORBIDDEN', '只有纠纷双方可以确认和解');
        step(c, 'settle');
        if (c.settled[part]) throw new AppError('CONFLICT', '你已经确认过和解了，等对方确认');
        const settled = { ...c.settled, [part]: true };
        const at = ctx.now.toISOString();
        const both = settled.filer && settled.other;
        await saveCase(tx, c, ctx.memberId, at, both ? '双方确认已和解' : '确认已和解', both ? { settled, ...resolvedPatch(c, at, ctx.memberId, '双方已和解', true) } : { settled });
        return { caseId: c.id };
      });
      return caseAnswer(ctx, params.caseId);
    },
  },
  take: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, caseId: idSchema }),
    async handle(ctx, params) {
      return staffStep(ctx, params.caseId, 'take', '受理了', (c, at) => ({ state: 'in_progress', takenBy: ctx.memberId, takenAt: at, ...responded(c, at) }));
    },
  },
  resolve: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, caseId: idSchema, resolution: text(1, L.resolution, '处理结果') }),
    async handle(ctx, params) {
      return staffStep(ctx, params.caseId, 'resolve', '给出了处理结果', (c, at) => ({ ...resolvedPatch(c, at, ctx.memberId, params.resolution, false), takenBy: c.takenBy ?? ctx.memberId, takenAt: c.takenAt ?? at }));
    },
  },
  escalate: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, caseId: idSchema, reason: text(1, L.resolution, '上报原因') }),
    async handle(ctx, params) {
      return staffStep(ctx, params.caseId, 'escalate', `上报群主：${params.reason}`, (c, at) => ({ state: 'escalated', ...responded(c, at) }));
    },
  },
  reopen: {
    access: 'member',
    schema: z.strictObject({ requestId: requestIdSchema, caseId: idSchema, reason: text(1, L.reply, '不满意的原因') }),
    async handle(ctx, params) {
      await ctx.write(async (tx) => {
        const c = await caseFor(ctx, tx, params.caseId);
        if (c.memberId !== ctx.memberId) throw new AppError('FORBIDDEN', '只有提交的人可以重新打开');
        step(c, 'reopen');
        const until = Date.parse(c.resolvedAt ?? c.createdAt) + ctx.settings.support.reopenDays * 86_400_000;
        if (ctx.now.getTime() > until) throw new AppError('CONFLICT', `已解决超过 ${ctx.settings.support.reopenDays} 天，不能重新打开，请提交新的投诉`);
        const at = ctx.now.toISOString();
        await saveCase(tx, c, ctx.memberId, at, `重新打开：${params.reason}`, {
          state: c.takenBy ? 'in_progress' : 'open',
          reopened: c.reopened + 1,
          resolution: null,
          resolvedAt: null,
          resolvedBy: null,
          selfResolved: false,
          settled: { filer: false, other: false },
          clockFrom: at,
          clockMetAt: null,
          rating: null,
        });
        return { caseId: c.id };
      });
      return caseAnswer(ctx, params.caseId);
    },
  },
  rate: {
    access: 'member',
    schema: z.strictObject({
      requestId: requestIdSchema,
      caseId: idSchema,
      score: int(1, 5, '评分'),
      comment: z.optional(text(0, L.comment, '评价')),
    }),
    async handle(ctx, params) {
      await ctx.write(async (tx) => {
        const c = await caseFor(ctx, tx, params.caseId);
        if (c.memberId !== ctx.memberId) throw new AppError('FORBIDDEN', '只有提交的人可以评价');
        step(c, 'rate');
        if (c.rating) throw new AppError('CONFLICT', '你已经评价过了');
        const at = ctx.now.toISOString();
        await saveCase(tx, c, ctx.memberId, at, `评价 ${params.score} 星`, { rating: { score: params.score, comment: params.comment ?? '', at } });
        return { caseId: c.id };
      });
      return caseAnswer(ctx, params.caseId);
    },
  },
  remedy: {
    access: 'host',
    schema: z.strictObject({
      requestId: requestIdSchema,
      caseId: idSchema,
      kind: choice(['refund', 'reverse', 'goodwill'], '请选择处理方式'),
      orderId: z.optional(ref(64, '请选择订单')),
      entryId: z.optional(ref(200, '请选择积分记录')),
      points: z.optional(int(1, 1000, '补偿积分')),
      note: text(1, 100, '处理说明'),
    }),
    async handle(ctx, params) {
      if (params.kind === 'refund' && !params.orderId) throw new AppError('VALIDATION', '请选择订单');
      if (params.kind === 'reverse' && !params.entryId) throw new AppError('VALIDATION', '请选择积分记录');
      if (params.kind === 'goodwill' && !params.points) throw new AppError('VALIDATION', '请填写补偿积分');
      await ctx.write(async (tx) => {
        const c = await caseFor(ctx, tx, params.caseId);
        assertHandler(ctx, c);
        if (c.state === 'resolved') throw new AppError('CONFLICT', '已解决的事项不能再补救，请先重新打开');
        const at = ctx.now.toISOString();
        const parties = new Set([c.memberId, c.otherId].filter(Boolean));
        let remedy: RemedyRecord;
        if (params.kind === 'refund') {
          const order = await tx.get('orders', params.orderId as string);
          if (!order || order.memberId !== c.memberId) throw new AppError('VALIDATION', '只能退提交人自己的订单');
          const done = await cancelOrder(tx, order.id, { reason: `客服处理：${params.note}`, by: ctx.memberId, caseId: c.id }, ctx.now, ctx.settings);
          remedy = { kind: 'refund', label: `退款：${order.itemTitle} ×${order.qty}`, points: done.refunded, orderId: order.id, entryId: done.refundEntryId, at, by: ctx.memberId };
        } else if (params.kind === 'reverse') {
          const entry = await tx.get('ledger', params.entryId as string);
          if (!entry || !parties.has(entry.memberId)) throw new AppError('VALIDATION', '只能撤销当事人的积分记录');
          const { entry: reversal } = await reverse(tx, entry.id, { reason: 'manual', note: `客服处理：${params.note}`, by: ctx.memberId, ref: c.id }, ctx.now, ctx.settings);
          remedy = { kind: 'reverse', label: `撤销积分 ${entry.delta > 0 ? '+' : ''}${entry.delta}`, points: reversal.delta, orderId: null, entryId: reversal.id, at, by: ctx.memberId };
        } else {
          const key = `support:goodwill:${c.id}`;
          try {
            await post(tx, c.memberId, [{ key, delta: params.points as number, reason: 'support', ref: c.id, note: `客服补偿：${params.note}`, by: ctx.memberId }], ctx.now, ctx.settings);
          } catch (error) {
            if (error instanceof DuplicateError) throw new AppError('CONFLICT', '这件事已经补偿过积分了');
            throw error;
          }
          remedy = { kind: 'goodwill', label: `补偿积分 +${params.points as number}`, points: params.points as number, orderId: null, entryId: key, at, by: ctx.memberId };
        }
        await saveCase(tx, c, ctx.memberId, at, remedy.label, { remedies: [...c.remedies, remedy], ...responded(c, at), takenBy: c.takenBy ?? ctx.memberId, takenAt: c.takenAt ?? at, state: c.state === 'open' ? 'in_progress' : c.state });
        return { caseId: c.id };
      });
      return caseAnswer(ctx, params.caseId);
    },
  },
  mine: {
    access: 'member',
    schema: z.strictObject({}),
    async handle(ctx) {
      const [questions, filed, against] = await Promise.all([
        ctx.store.find('supportQuestions', { where: { memberId: ctx.memberId }, orderBy: { field: 'createdAt', direction: 'desc' }, limit: 50 }),
        ctx.store.find('supportCases', { where: { memberId: ctx.memberId }, orderBy: { field: 'createdAt', direction: 'desc' }, limit: 50 }),
        ctx.store.find('supportCases', { where: { otherId: ctx.memberId }, orderBy: { field: 'createdAt', direction: 'desc' }, limit: 50 }),
      ]);
      const cases = [...filed.docs, ...against.docs.filter((c) => c.kind === 'dispute')].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      const names = await namesOf(ctx.store, [ctx.memberId, ...cases.flatMap(caseNameIds)]);
      const me = { memberId: ctx.memberId, staff: false };
      return {
        questions: questions.docs.map((q) => questionView(q, names, me, ctx.settings, ctx.now.getTime())),
        cases: cases.map((c) => caseView(c, names, me, ctx.settings, ctx.now.getTime())),
      };
    },
  },
  queue: {
    access: 'host',
    schema: z.strictObject({}),
    async handle(ctx) {
      return queueItems(ctx.store, ctx.settings, ctx.now.getTime());
    },
  },
  case: {
    access: 'member',
    schema: z.strictObject({ caseId: idSchema }),
    async handle(ctx, params) {
      return { case: await viewOfCase(ctx, await caseFor(ctx, ctx.store, params.caseId)) };
    },
  },
  // The reversal picker (host): the parties' recent entries a remedy may reverse.
  caseEntries: {
    access: 'host',
    schema: z.strictObject({ caseId: idSchema }),
    async handle(ctx, params) {
      const c = await caseFor(ctx, ctx.store, params.caseId);
      assertHandler(ctx, c);
      const parties = [c.memberId, ...(c.kind === 'dispute' && c.otherId ? [c.otherId] : [])];
      const names = await namesOf(ctx.store, parties);
      const entries: CaseEntryView[] = [];
      for (const memberId of parties) {
        const page = await ctx.store.find('ledger', { where: { memberId }, orderBy: { field: 'seq', direction: 'desc' }, limit: CASE_ENTRIES_PER_PARTY * 2 });
        // Expiries and reversals cannot be reversed; an entry reversed already is left out.
        const open = page.docs.filter((e) => e.reason !== 'expire' && !e.reverses);
        const reversed = await Promise.all(open.map((e) => ctx.store.get('ledger', `reversal:${e.id}`)));
        const keep = open.filter((_, i) => !reversed[i]).slice(0, CASE_ENTRIES_PER_PARTY);
        for (const view of await labelledLedgerViews(ctx.store, keep)) {
          entries.push({ id: view.id, memberName: names.get(memberId) ?? '', party: memberId === c.memberId ? 'filer' : 'other', delta: view.delta, reason: view.reason, label: view.label, note: view.note, createdAt: view.createdAt });
        }
      }
      return { entries };
    },
  },
  scripts: {
    access: 'host',
    schema: z.strictObject({}),
    async handle(ctx) {
      const docs = await scanAll(ctx.store, 'supportScripts', { orderBy: { field: 'title', direction: 'asc' }, max: 200 });
      return { scripts: docs.map((s) => ({ id: s.id, kind: s.kind, title: s.title, body: s.body })) };
    },
  },
  saveScript: {
    access: 'owner',
    schema: z.strictObject({
      requestId: requestIdSchema,
      script: z.strictObject({
        id: z.optional(ref(64, '请选择话术')),
        kind: choice(['question', 'complaint', 'dispute'], '请选择话术用途'),
        title: text(1, L.scriptTitle, '话术标题'),
        body: text(1, L.scriptBody, '话术内容'),
      }),
    }),
    async handle(ctx, params) {
      const id = params.script.id ?? supportId('s', ctx.memberId, params.requestId);
      return ctx.write(async (tx) => {
        if (params.script.id && !(await tx.get('supportScripts', id))) throw new AppError('NOT_FOUND', '话术不存在或已删除');
        const doc = { id, kind: params.script.kind, title: params.script.title, body: params.script.body, updatedAt: ctx.now.toISOString(), updatedBy: ctx.memberId };
        await tx.set('supportScripts', doc);
        return { script: { id, kind: doc.kind, title: doc.title, body: doc.body } };
      });
    },
  },
  rules: {
    access: 'host',
    schema: z.strictObject({}),
    async handle(ctx) {
      return { rules: ctx.settings.support };
    },
  },
  updateRules: {
    access: 'owner',
    schema: z.strictObject({
      requestId: requestIdSchema,
      rules: z.strictObject({
        workStartHour: int(0, 23, '上班时间'),
        workEndHour: int(1, 24, '下班时间'),
        questionHours: int(1, 72, '提问响应时限（小时）'),
        complaintHours: int(1, 72, '投诉响应时限（小时）'),
        disputeHours: int(1, 240, '纠纷处理时限（小时）'),
        ownerFactor: int(1, 10, '上报群主的倍数'),
        answerReward: int(0, 1000, '回答被采纳的奖励积分'),
        answerDailyCap: int(0, 100, '每天可得答疑奖励的次数'),
        reopenDays: int(1, 30, '可重新打开的天数'),
      }),
    }),
    async handle(ctx, params) {
      const problem = supportRulesProblem(params.rules);
      if (problem) throw new AppError('VALIDATION', problem);
      return ctx.write(async (tx) => {
        await saveSettings(tx, { support: params.rules });
        return { rules: params.rules };
      });
    },
  },
  metrics: {
    access: 'owner',
    schema: z.strictObject({ days: z.optional(int(1, 365, '统计天数')) }),
    async handle(ctx, params) {
      return supportMetrics(ctx.store, ctx.settings, ctx.now, params.days ?? 30);
    },
  },
});
