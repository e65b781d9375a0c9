import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import type { CampaignNoteView, CampaignProgress, CampaignView } from '../../../../types/campaign';
import { campaignDayIndex, campaignEnd, campaignPhase, completesCampaign } from '../../../core/campaign';
import { dayKey, isDayKey } from '../../../core/day';
import { AppError } from '../../../core/errors';
import { hasRole } from '../../../core/roles';
import { assertCreatorOrOwner, assertNotSelf } from '../../kernel/access';
import { cursorSchema, defineFunction, limitSchema, requestIdSchema, type RouteContext } from '../../kernel/handler';
import { int, text } from '../../kernel/fields';
import { REVIEW_EMPTY_MESSAGE, tooLongMessage } from '../../../core/formRules';
import { post } from '../../domain/ledger';
import { attachOwnImages } from '../../domain/images';
import type { CampaignDoc, CampaignMemberDoc, CampaignNoteDoc } from '../../domain/model';
import { DuplicateError, inc, type Tx } from '../../store/port';
import { NOTE_MAX_CHARS, NOTE_MAX_IMAGES, imageRefSchema } from '../checkin/notes';
import { assertTextAllowed, recordMediaChecks, submitImages } from '../../domain/contentCheck';

const idSchema = z.string().check(z.minLength(1), z.maxLength(160));

function campaignView(c: CampaignDoc, today: string): CampaignView {
  return {
    id: c.id,
    title: c.title,
    startDay: c.startDay,
    endDay: c.endDay,
    length: c.length,
    prompt: c.prompt,
    reward: c.reward,
    noteRequired: c.noteRequired,
    hostId: c.hostId,
    hostName: c.hostName,
    participants: c.participants,
    completers: c.completers,
    phase: campaignPhase(c.startDay, c.endDay, today),
  };
}

function noteView(n: CampaignNoteDoc): CampaignNoteView {
  return {
    id: n.id,
    campaignId: n.campaignId,
    memberId: n.memberId,
    nickname: n.nickname,
    day: n.day,
    dayIndex: n.dayIndex,
    text: n.text,
    images: n.images,
    at: n.at,
    featured: n.featured,
    comments: n.comments.map((c) => ({ byName: c.byName, text: c.text, at: c.at })),
    firstReviewSeconds: n.firstReviewSeconds,
  };
}

function progressOf(m: CampaignMemberDoc | null, c: CampaignDoc, today: string): CampaignProgress {
  return {
    joined: m !== null,
    days: m?.days ?? 0,
    checkedToday: m?.lastDay === today,
    completed: m !== null && completesCampaign(m.days, c.length),
    rewarded: m?.rewarded ?? false,
  };
}

async function mustGet(tx: Pick<Tx, 'get'>, id: string): Promise<CampaignDoc> {
  const c = await tx.get('campaigns', id);
  if (!c) throw new AppError('NOT_FOUND', '打卡营不存在');
  return c;
}

/** Hosts act on the campaigns they run; owners on all (FORBIDDEN otherwise). */
function assertRuns(ctx: RouteContext, c: CampaignDoc): void {
  assertCreatorOrOwner(ctx, c.hostId, '只能管理自己带的打卡营');
}

const inputSchema = z.strictObject({
  title: text(1, 40, '打卡营名称'),
  startDay: z.string('请选择开始日期').check(z.refine(isDayKey, '请选择开始日期')),
  length: int(1, 100, '天数'),
  prompt: text(1, 200, '每日任务'),
  reward: int(0, 10000, '完成奖励积分'),
  noteRequired: z.boolean(),
});

/**
 * `campaign` (打卡营): hosts create campaigns and review notes (点评); members join, check in daily
 * with a note and see progress; completers are paid once on the last day. Errors: VALIDATION,
 * NOT_FOUND, CONFLICT (phase, joined, already checked in), FORBIDDEN (not the campaign's host).
 */
export const campaignFunction = defineFunction('campaign', {
  create: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, campaign: inputSchema }),
    async handle(ctx, { requestId, campaign }) {
      const today = dayKey(ctx.now, ctx.settings.timezone);
      const title = campaign.title.trim();
      const prompt = campaign.prompt.trim();
      if (!title || !prompt) throw new AppError('VALIDATION', '请填写标题和每日题目');
      if (campaign.startDay < today) throw new AppError('VALIDATION', '开始日期不能早于今天');
      const id = `c_${createHash('sha256').update(`${ctx.memberId}:${requestId}`).digest('hex').slice(0, 16)}`;
      const doc: CampaignDoc = {
        id,
        ...campaign,
        title,
        prompt,
        endDay: campaignEnd(campaign.startDay, campaign.length),
        hostId: ctx.memberId,
        hostName: ctx.member?.nickname ?? '讲师',
        participants: 0,
        completers: 0,
        reviewedNotes: 0,
        firstReviewSecondsTotal: 0,
        createdAt: ctx.now.toISOString(),
      };
      return ctx.write(async (tx) => {
        await tx.create('campaigns', doc);
        return { campaign: campaignView(doc, today) };
      });
    },
  },
  list: {
    access: 'member',
    schema: z.strictObject({}),
    async handle(ctx) {
      const today = dayKey(ctx.now, ctx.settings.timezone);
      const page = await ctx.store.find('campaigns', { orderBy: { field: 'startDay', direction: 'desc' }, limit: 30 });
      const joined = await Promise.all(page.docs.map((c) => ctx.store.get('campaignMembers', `${c.id}:${ctx.memberId}`)));
      return { campaigns: page.docs.map((c, i) => ({ ...campaignView(c, today), joined: joined[i] !== null })) };
    },
  },
  get: {
    access: 'member',
    schema: z.strictObject({ campaignId: idSchema }),
    async handle(ctx, { campaignId }) {
      const today = dayKey(ctx.now, ctx.settings.timezone);
      const c = await mustGet(ctx.store, campaignId);
      const me = await ctx.store.get('campaignMembers', `${c.id}:${ctx.memberId}`);
      const todayIndex = campaignDayIndex(c.startDay, c.length, today);
      const runsIt = ctx.role === 'owner' || c.hostId === ctx.memberId;
      const [todayCount, leaders, featured, mine] = await Promise.all([
        todayIndex !== null ? ctx.store.count('campaignNotes', { campaignId: c.id, day: today }) : Promise.resolve(0),
        ctx.store.find('campaignMembers', { where: { campaignId: c.id }, orderBy: { field: 'days', direction: 'desc' }, limit: 10 }),
        me || runsIt
          ? ctx.store.find('campaignNotes', { where: { campaignId: c.id, featured: true }, orderBy: { field: 'at', direction: 'desc' }, limit: 20 })
          : Promise.resolve({ docs: [] as CampaignNoteDoc[], next: null }),
        me
          ? ctx.store.find('campaignNotes', { where: { campaignId: c.id, memberId: ctx.memberId }, orderBy: { field: 'day', direction: 'desc' }, limit: 100 })
          : Promise.resolve({ docs: [] as CampaignNoteDoc[], next: null }),
      ]);
      return {
        campaign: campaignView(c, today),
        today,
        todayIndex,
        me: progressOf(me, c, today),
        todayRate: todayIndex !== null && c.participants > 0 ? todayCount / c.participants : todayIndex !== null ? 0 : null,
        todayCount,
        leaderboard: leaders.docs.map((m) => ({ memberId: m.memberId, nickname: m.nickname, days: m.days })),
        featured: featured.docs.map(noteView),
        myNotes: mine.docs.map(noteView),
        meanFirstReviewSeconds: runsIt && c.reviewedNotes > 0 ? Math.round(c.firstReviewSecondsTotal / c.reviewedNotes) : null,
      };
    },
  },
  join: {
    access: 'member',
    schema: z.strictObject({ requestId: requestIdSchema, campaignId: idSchema }),
    async handle(ctx, { campaignId }) {
      const today = dayKey(ctx.now, ctx.settings.timezone);
      return ctx.write(async (tx) => {
        const c = await mustGet(tx, campaignId);
        if (campaignPhase(c.startDay, c.endDay, today) === 'ended') throw new AppError('CONFLICT', '打卡营已结束');
        const doc: CampaignMemberDoc = {
          id: `${c.id}:${ctx.memberId}`,
          campaignId: c.id,
          memberId: ctx.memberId,
          nickname: ctx.member?.nickname ?? '会员',
          joinedAt: ctx.now.toISOString(),
          days: 0,
          lastDay: null,
          rewarded: false,
        };
        try {
          await tx.create('campaignMembers', doc);
        } catch (error) {
          if (error instanceof DuplicateError) throw new AppError('CONFLICT', '你已经加入这个打卡营了');
          throw error;
        }
        await tx.update('campaigns', c.id, { participants: inc(1) });
        return { progress: progressOf(doc, c, today) };
      });
    },
  },
  checkin: {
    access: 'member',
    schema: z.strictObject({
      requestId: requestIdSchema,
      campaignId: idSchema,
      text: z.optional(z.string().check(z.maxLength(NOTE_MAX_CHARS, tooLongMessage('心得', NOTE_MAX_CHARS)))),
      images: z.optional(z.array(imageRefSchema).check(z.maxLength(NOTE_MAX_IMAGES, `最多 ${NOTE_MAX_IMAGES} 张图片`))),
    }),
    async handle(ctx, params) {
      const today = dayKey(ctx.now, ctx.settings.timezone);
      const text = (params.text ?? '').trim();
      const images = params.images ?? [];
      await assertTextAllowed(ctx.contentCheck, text, ctx.openid, 'social');
      const checks = await submitImages(ctx.store, images, ctx, `campaignNotes/${params.campaignId}:${ctx.memberId}:${today}`, ctx.now);
      return ctx.write(async (tx) => {
        const c = await mustGet(tx, params.campaignId);
        const dayIndex = campaignDayIndex(c.startDay, c.length, today);
        if (dayIndex === null) throw new AppError('CONFLICT', today < c.startDay ? '打卡营还没开始' : '打卡营已结束');
        if (c.noteRequired && !text) throw new AppError('VALIDATION', '这个打卡营需要写打卡笔记');
        const memberId = `${c.id}:${ctx.memberId}`;
        const m = await tx.get('campaignMembers', memberId);
        if (!m) throw new AppError('CONFLICT', '请先加入打卡营');
        if (m.lastDay === today) throw new AppError('CONFLICT', '今天已经打过卡了');
        await attachOwnImages(tx, ctx.memberId, images, `campaignNotes/${c.id}:${ctx.memberId}:${today}`);
        const note: CampaignNoteDoc = {
          id: `${c.id}:${ctx.memberId}:${today}`,
          campaignId: c.id,
          hostId: c.hostId,
          memberId: ctx.memberId,
          nickname: m.nickname,
          day: today,
          dayIndex,
          text,
          images,
          at: ctx.now.toISOString(),
          reviewed: false,
          featured: false,
          comments: [],
          firstReviewAt: null,
          firstReviewSeconds: null,
        };
        try {
          await tx.create('campaignNotes', note);
          await recordMediaChecks(tx, checks);
        } catch (error) {
          if (error instanceof DuplicateError) throw new AppError('CONFLICT', '今天已经打过卡了');
          throw error;
        }
        const days = m.days + 1;
        const pay = completesCampaign(days, c.length) && !m.rewarded;
        const next: CampaignMemberDoc = { ...m, days, lastDay: today, rewarded: m.rewarded || pay };
        await tx.set('campaignMembers', next);
        let balance: number | null = null;
        if (pay) {
          await tx.update('campaigns', c.id, { completers: inc(1) });
          if (c.reward > 0) {
            balance = (await post(tx, ctx.memberId, [{ key: `campaign:${c.id}:${ctx.memberId}`, delta: c.reward, reason: 'campaign', ref: c.title }], ctx.now, ctx.settings)).balance;
          }
        }
        return { note: noteView(note), progress: progressOf(next, c, today), rewardPaid: pay ? c.reward : 0, balance };
      });
    },
  },
  reviewQueue: {
    access: 'host',
    schema: z.strictObject({
      campaignId: z.optional(idSchema),
      day: z.optional(z.string('请选择日期').check(z.refine(isDayKey, '日期格式应为 2026-07-01'))),
      reviewed: z.optional(z.boolean()),
      limit: z.optional(limitSchema),
      after: z.optional(cursorSchema),
    }),
    async handle(ctx, params) {
      if (params.campaignId) assertRuns(ctx, await mustGet(ctx.store, params.campaignId));
      const history = params.reviewed === true;
      const where: Record<string, string | boolean> = { reviewed: history };
      if (params.campaignId) where.campaignId = params.campaignId;
      else if (!hasRole(ctx.role, 'owner')) where.hostId = ctx.memberId;
      if (params.day) where.day = params.day;
      const page = await ctx.store.find('campaignNotes', {
        where,
        orderBy: { field: 'at', direction: history ? 'desc' : 'asc' },
        limit: params.limit ?? 20,
        after: params.after ?? null,
      });
      return { notes: page.docs.map(noteView), next: page.next };
    },
  },
  review: {
    access: 'host',
    schema: z.strictObject({
      requestId: requestIdSchema,
      noteId: idSchema,
      comment: z.optional(z.string().check(z.maxLength(300, tooLongMessage('点评', 300)))),
      featured: z.optional(z.boolean()),
    }),
    async handle(ctx, params) {
      const comment = (params.comment ?? '').trim();
      // A review with neither a comment nor 精选 would drop the note from the queue with nothing to show for it.
      if (!comment && params.featured !== true) throw new AppError('VALIDATION', REVIEW_EMPTY_MESSAGE);
      await assertTextAllowed(ctx.contentCheck, comment, ctx.openid, 'comment');
      return ctx.write(async (tx) => {
        const note = await tx.get('campaignNotes', params.noteId);
        if (!note) throw new AppError('NOT_FOUND', '打卡笔记不存在');
        const c = await mustGet(tx, note.campaignId);
        assertRuns(ctx, c);
        assertNotSelf(ctx, note.memberId, '不能点评自己的打卡笔记');
        const at = ctx.now.toISOString();
        const first = note.firstReviewAt === null;
        const seconds = Math.max(0, Math.round((ctx.now.getTime() - Date.parse(note.at)) / 1000));
        const next: CampaignNoteDoc = {
          ...note,
          reviewed: true,
          featured: params.featured ?? note.featured,
          comments: comment ? [...note.comments, { byId: ctx.memberId, byName: ctx.member?.nickname ?? '讲师', text: comment, at }] : note.comments,
          firstReviewAt: first ? at : note.firstReviewAt,
          firstReviewSeconds: first ? seconds : note.firstReviewSeconds,
        };
        await tx.set('campaignNotes', next);
        if (first) await tx.update('campaigns', c.id, { reviewedNotes: inc(1), firstReviewSecondsTotal: inc(seconds) });
        return { note: noteView(next) };
      });
    },
  },
});
