import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import type { FaqView, PostView, ReminderTopic, ReminderView } from '../../../../types/content';
import { dayKey } from '../../../core/day';
import { AppError } from '../../../core/errors';
import { matchFaq } from '../../../core/faq';
import { MEMBER_POSTS_CLOSED, POST_KINDS, POST_LIMITS as L, REMINDER_TOPIC_LABEL, topicReward, visibleToMembers } from '../../../core/posts';
import { withDefaults, type PostSettings } from '../../../core/settings';
import { MEMBER_TOPIC_BUDGET, REPLY_BUDGET, subscriptionBudget } from '../../../core/rateLimits';
import { assertTextAllowed, recordMediaChecks, submitImages } from '../../domain/contentCheck';
import { IMAGE_REF, attachOwnImages } from '../../domain/images';
import { postView, reminderTemplate, replyView, type FaqDoc, type PostDoc, type ReplyDoc } from '../../domain/content';
import { post as postLedger } from '../../domain/ledger';
import { grantSubscription } from '../../domain/messaging';
import { notifyPost } from '../../domain/postJobs';
import { SETTINGS_ID, saveSettings } from '../../domain/settingsStore';
import { assertCreatorOrOwner } from '../../kernel/access';
import { choice, int, ref, text } from '../../kernel/fields';
import { cursorSchema, defineFunction, limitSchema, requestIdSchema, type RouteContext } from '../../kernel/handler';
import type { Store, Tx } from '../../store/port';
import { scanAll } from '../../store/scan';

const idSchema = ref(200, '请选择内容');
const kindSchema = choice(POST_KINDS, '请选择帖子类型');
const topicSchema = choice(['checkin', ...POST_KINDS], '请选择提醒类型');
const linkSchema = z.strictObject({
  type: choice(['lesson', 'activity', 'campaign', 'item'], '请选择关联内容的类型'),
  id: ref(200, '请选择关联内容'),
  title: text(1, 60, '关联内容标题'),
});
const imageSchema = z.string('图片无效，请重新上传').check(z.maxLength(256, '图片无效，请重新上传'), z.regex(IMAGE_REF, '图片无效，请重新上传'));
const isoSchema = z.string('请选择发布时间').check(z.maxLength(40, '请选择发布时间'), z.refine((v) => Number.isFinite(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v), '请选择发布时间'));

const postSchema = z.strictObject({
  kind: kindSchema,
  title: text(1, L.title, '标题'),
  text: text(1, L.text, '正文'),
  images: z.array(imageSchema).check(z.maxLength(L.images, `图片最多 ${L.images} 张`)),
  link: z.optional(z.nullable(linkSchema)),
  publishAt: z.optional(isoSchema),
  draft: z.optional(z.boolean()),
});

const memberTopicSchema = z.strictObject({
  title: text(1, L.title, '标题'),
  text: text(1, L.memberText, '正文'),
  images: z.array(imageSchema).check(z.maxLength(L.images, `图片最多 ${L.images} 张`)),
});

/** Change some post settings inside the transaction, keeping the others as stored (not as read before it). */
async function savePostSettings(tx: Tx, patch: Partial<PostSettings>): Promise<PostSettings> {
  const current = withDefaults((await tx.get('settings', SETTINGS_ID)) as Parameters<typeof withDefaults>[0]).posts;
  const next = { ...current, ...patch };
  await saveSettings(tx, { posts: next });
  return next;
}

const faqSchema = z.strictObject({
  id: z.optional(idSchema),
  keywords: z.array(text(1, 20, '关键词')).check(z.minLength(1, '请至少填写一个关键词'), z.maxLength(10, '关键词最多 10 个')),
  question: text(1, 100, '问题'),
  answer: text(1, 1000, '答案'),
  link: z.optional(z.nullable(linkSchema)),
});

/** Replies a post page shows (the latest). */
const REPLIES_SHOWN = 100;

/** Scheduling further ahead than this is refused (a typo, not a plan). */
const MAX_SCHEDULE_MS = 90 * 86_400_000;

/** The single pin list (`postPins/pins`): written whenever pins change, so two hosts cannot pin a fourth. */
const PINS_ID = 'pins';

/** Who wrote a system post (digests): any host may edit it. */
export const SYSTEM_AUTHOR = 'system';

function newId(prefix: string, now: Date): string {
  return `${prefix}_${now.getTime().toString(36)}${randomBytes(4).toString('hex')}`;
}

async function postIn(tx: Tx | Store, id: string): Promise<PostDoc> {
  const doc = await tx.get('posts', id);
  if (!doc) throw new AppError('NOT_FOUND', '帖子不存在或已删除');
  return doc;
}

/** A post the caller may read: members only visible ones (not drafts, not hidden, not before their time). */
async function readablePost(ctx: RouteContext, tx: Tx | Store, id: string): Promise<PostDoc> {
  const doc = await postIn(tx, id);
  if (ctx.role === 'member' && !visibleToMembers(doc, ctx.now.getTime())) throw new AppError('NOT_FOUND', '帖子不存在或已删除');
  return doc;
}

function faqView(doc: FaqDoc, deflections: number): FaqView {
  return { id: doc.id, keywords: doc.keywords, question: doc.question, answer: doc.answer, link: doc.link, deflections };
}

async function faqViews(ctx: RouteContext, docs: FaqDoc[]): Promise<FaqView[]> {
  const counts = ctx.role === 'owner' ? await Promise.all(docs.map((d) => ctx.store.count('faqDeflections', { faqId: d.id }))) : docs.map(() => 0);
  return docs.map((d, i) => faqView(d, counts[i]));
}

async function remindersOf(store: Store, memberId: string): Promise<ReminderView[]> {
  const topics = Object.keys(REMINDER_TOPIC_LABEL) as ReminderTopic[];
  const subs = await Promise.all(topics.map((t) => store.get('reminderSubs', `${t}:${memberId}`)));
  const quotas = await Promise.all(topics.map((t, i) => store.get('subscriptions', `${memberId}:${subs[i]?.templateId ?? reminderTemplate(t)}`)));
  return topics.map((topic, i) => {
    const remaining = Math.max(0, (quotas[i]?.granted ?? 0) - (quotas[i]?.used ?? 0));
    const subscribed = subs[i] !== null && subs[i] !== undefined;
    return { topic, label: REMINDER_TOPIC_LABEL[topic], remaining, subscribed, askAgain: subscribed && remaining === 0 && (quotas[i]?.used ?? 0) > 0 };
  });
}

function view(ctx: RouteContext, doc: PostDoc): Promise<PostView> {
  return postView(ctx.store, doc, { memberId: ctx.memberId, role: ctx.role });
}

/**
 * `posts`: hosts write posts (draft, now or scheduled; cron publishes due ones once), pin up to 3
 * and hide replies or posts with a reason; members read the feed, reply (content-checked; a
 * 每日话题 reply earns points once per topic within a daily cap) and like. Also the keyword
 * answers (FAQ) and members' reminder subscriptions. Errors: VALIDATION, NOT_FOUND, FORBIDDEN,
 * CONFLICT, LIMIT_REACHED (a fourth pin).
 */
export const postsFunction = defineFunction('posts', {
  publish: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, postId: z.optional(idSchema), post: postSchema }),
    async handle(ctx, params) {
      const input = params.post;
      await assertTextAllowed(ctx.contentCheck, `${input.title}\n${input.text}`, ctx.openid, 'forum');
      const nowMs = ctx.now.getTime();
      if (input.publishAt !== undefined) {
        const at = Date.parse(input.publishAt);
        if (input.draft) throw new AppError('VALIDATION', '草稿不需要发布时间，请二选一');
        if (at <= nowMs) throw new AppError('VALIDATION', '定时发布的时间需晚于现在');
        if (at - nowMs > MAX_SCHEDULE_MS) throw new AppError('VALIDATION', '定时发布最多提前 90 天');
      }
      if (new Set(input.images).size !== input.images.length) throw new AppError('VALIDATION', '同一张图片只能添加一次');
      const id = params.postId ?? newId('po', ctx.now);
      const nowIso = ctx.now.toISOString();
      // Images already on the post stay (an owner may edit a host's post); new ones must be the caller's own uploads.
      const before = params.postId ? await ctx.store.get('posts', params.postId) : null;
      const checks = await submitImages(ctx.store, input.images.filter((i) => !before?.images.includes(i)), ctx, `posts/${id}`, ctx.now);
      const saved = await ctx.write(async (tx) => {
        const prior = params.postId ? await postIn(tx, params.postId) : null;
        if (prior && prior.authorId !== SYSTEM_AUTHOR) assertCreatorOrOwner(ctx, prior.authorId, '只能编辑自己写的帖子');
        await attachOwnImages(tx, ctx.memberId, input.images.filter((i) => !prior?.images.includes(i)), `posts/${id}`);
        await recordMediaChecks(tx, checks);
        const wasPublished = prior?.state === 'published';
        const state = wasPublished ? 'published' : input.draft ? 'draft' : input.publishAt ? 'scheduled' : 'published';
        const publishAt = wasPublished ? prior.publishAt : state === 'draft' ? null : state === 'scheduled' ? new Date(input.publishAt as string).toISOString() : nowIso;
        const doc: PostDoc = {
          id,
          kind: input.kind,
          title: input.title,
          text: input.text,
          images: input.images,
          link: input.link ?? null,
          state,
          publishAt,
          publishedAt: wasPublished ? prior.publishedAt : state === 'published' ? nowIso : null,
          live: state !== 'draft' && !prior?.hidden,
          pinned: prior?.pinned ?? false,
          pinnedAt: prior?.pinnedAt ?? null,
          hidden: prior?.hidden ?? null,
          authorId: prior?.authorId ?? ctx.memberId,
          authorName: prior?.authorName ?? ctx.member?.nickname ?? '',
          createdAt: prior?.createdAt ?? nowIso,
          updatedAt: nowIso,
          ...(prior?.byMember ? { byMember: true } : {}),
        };
        if (prior) await tx.set('posts', doc);
        else await tx.create('posts', doc);
        return { doc, justPublished: state === 'published' && !wasPublished };
      });
      if (saved.justPublished) await notifyPost(ctx.store, ctx.messaging, saved.doc, ctx.now);
      return { post: await view(ctx, saved.doc) };
    },
  },
  feed: {
    access: 'member',
    schema: z.strictObject({ after: z.optional(cursorSchema), kind: z.optional(kindSchema), limit: z.optional(limitSchema) }),
    async handle(ctx, params) {
      const nowIso = ctx.now.toISOString();
      const pinnedDocs = params.after || params.kind
        ? []
        : (await ctx.store.find('posts', { where: { live: true, pinned: true }, orderBy: { field: 'publishAt', direction: 'desc' }, limit: 10 })).docs.filter((d) => visibleToMembers(d, ctx.now.getTime()));
      const where = params.kind ? { live: true, kind: params.kind, publishAt: { $lte: nowIso } } : { live: true, publishAt: { $lte: nowIso } };
      const page = await ctx.store.find('posts', { where, orderBy: { field: 'publishAt', direction: 'desc' }, limit: params.limit ?? 20, after: params.after ?? null });
      const pinnedIds = new Set(pinnedDocs.map((d) => d.id));
      const pinned = await Promise.all(pinnedDocs.map((d) => view(ctx, d)));
      const posts = await Promise.all(page.docs.filter((d) => params.kind || !pinnedIds.has(d.id)).map((d) => view(ctx, d)));
      return { pinned, posts, next: page.next, unread: [...pinned, ...posts].filter((p) => !p.read).length, membersMayPost: ctx.settings.posts.membersMayPost };
    },
  },
  drafts: {
    access: 'host',
    schema: z.strictObject({}),
    async handle(ctx) {
      const [drafts, scheduled] = await Promise.all([
        ctx.store.find('posts', { where: { state: 'draft' }, orderBy: { field: 'createdAt', direction: 'desc' }, limit: 50 }),
        ctx.store.find('posts', { where: { state: 'scheduled', publishAt: { $gt: ctx.now.toISOString() } }, orderBy: { field: 'publishAt', direction: 'asc' }, limit: 50 }),
      ]);
      return { posts: await Promise.all([...scheduled.docs, ...drafts.docs].map((d) => view(ctx, d))) };
    },
  },
  get: {
    access: 'member',
    schema: z.strictObject({ postId: idSchema }),
    async handle(ctx, params) {
      const doc = await readablePost(ctx, ctx.store, params.postId);
      if (visibleToMembers(doc, ctx.now.getTime())) {
        const readId = `${doc.id}:${ctx.memberId}`;
        if (!(await ctx.store.get('postReads', readId))) {
          await ctx.store.transaction(async (tx) => {
            if (!(await tx.get('postReads', readId))) await tx.set('postReads', { id: readId, postId: doc.id, memberId: ctx.memberId, at: ctx.now.toISOString() });
          });
        }
      }
      const page = await ctx.store.find('postReplies', { where: { postId: doc.id }, orderBy: { field: 'at', direction: 'desc' }, limit: REPLIES_SHOWN });
      const replies = page.docs.filter((r) => ctx.role !== 'member' || !r.hidden).reverse().map((r) => replyView(r, ctx.memberId));
      return { post: await view(ctx, doc), replies, earlier: page.next !== null, topicPoints: doc.kind === 'topic' && !doc.byMember ? ctx.settings.posts.topicReplyPoints : 0 };
    },
  },
  reply: {
    access: 'member',
    limits: [REPLY_BUDGET],
    schema: z.strictObject({ requestId: requestIdSchema, postId: idSchema, text: text(1, L.reply, '回复内容') }),
    async handle(ctx, params) {
      await assertTextAllowed(ctx.contentCheck, params.text, ctx.openid, 'comment');
      const replyId = newId('re', ctx.now);
      const { posts: rules } = ctx.settings;
      return ctx.write(async (tx) => {
        const doc = await readablePost(ctx, tx, params.postId);
        if (!visibleToMembers(doc, ctx.now.getTime())) throw new AppError('CONFLICT', '帖子发布后才能回复');
        let reward = { points: 0, capped: false };
        // Member-started topics pay no points, so nobody can start topics to farm them.
        if (doc.kind === 'topic' && !doc.byMember) {
          const key = `topic:${doc.id}:${ctx.memberId}`;
          const day = dayKey(ctx.now, ctx.settings.timezone);
          const dailyId = `${ctx.memberId}:${day}`;
          const [paid, daily] = await Promise.all([tx.get('ledger', key), tx.get('topicDaily', dailyId)]);
          const rewardedToday = daily?.rewarded ?? 0;
          reward = topicReward({ alreadyRewarded: paid !== null, rewardedToday, points: rules.topicReplyPoints, dailyCap: rules.topicDailyCap });
          if (reward.points > 0) await postLedger(tx, ctx.memberId, [{ key, delta: reward.points, reason: 'topic', ref: doc.title }], ctx.now, ctx.settings);
          // The cap was decided from this document: write it either way (docs/store.md rule 2).
          if (paid === null) await tx.set('topicDaily', { id: dailyId, memberId: ctx.memberId, day, rewarded: rewardedToday + (reward.points > 0 ? 1 : 0) });
        }
        const reply: ReplyDoc = { id: replyId, postId: doc.id, memberId: ctx.memberId, nickname: ctx.member?.nickname ?? '', text: params.text, at: ctx.now.toISOString(), hidden: false, hiddenInfo: null, points: reward.points };
        await tx.create('postReplies', reply);
        return { reply: replyView(reply, ctx.memberId), points: reward.points, capped: reward.capped };
      });
    },
  },
  react: {
    access: 'member',
    schema: z.strictObject({ requestId: requestIdSchema, postId: idSchema, like: z.boolean('请选择赞或取消') }),
    async handle(ctx, params) {
      const likeId = `${params.postId}:${ctx.memberId}`;
      const likedByMe = await ctx.write(async (tx) => {
        const doc = await readablePost(ctx, tx, params.postId);
        if (!visibleToMembers(doc, ctx.now.getTime())) throw new AppError('CONFLICT', '帖子发布后才能点赞');
        if (params.like) await tx.set('postLikes', { id: likeId, postId: doc.id, memberId: ctx.memberId, at: ctx.now.toISOString() });
        else await tx.delete('postLikes', likeId);
        return params.like;
      });
      return { likes: await ctx.store.count('postLikes', { postId: params.postId }), likedByMe };
    },
  },
  pin: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, postId: idSchema, pinned: z.boolean('请选择置顶或取消') }),
    async handle(ctx, params) {
      const doc = await ctx.write(async (tx) => {
        const target = await postIn(tx, params.postId);
        if (params.pinned && !target.live) throw new AppError('CONFLICT', '只能置顶已发布的帖子');
        const pins = (await tx.get('postPins', PINS_ID)) ?? { id: PINS_ID, postIds: [] as string[] };
        const others = pins.postIds.filter((id) => id !== target.id);
        if (params.pinned && others.length >= L.pinned) throw new AppError('LIMIT_REACHED', `最多置顶 ${L.pinned} 条，请先取消一条置顶`);
        await tx.set('postPins', { id: PINS_ID, postIds: params.pinned ? [...others, target.id] : others });
        const next: PostDoc = { ...target, pinned: params.pinned, pinnedAt: params.pinned ? ctx.now.toISOString() : null, updatedAt: ctx.now.toISOString() };
        await tx.set('posts', next);
        return next;
      });
      return { post: await view(ctx, doc) };
    },
  },
  hide: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, replyId: z.optional(idSchema), postId: z.optional(idSchema), reason: text(1, L.hideReason, '隐藏原因') }),
    async handle(ctx, params) {
      if ((params.replyId === undefined) === (params.postId === undefined)) throw new AppError('VALIDATION', '请选择要隐藏的回复或帖子');
      const nowIso = ctx.now.toISOString();
      return ctx.write(async (tx) => {
        if (params.replyId) {
          const reply = await tx.get('postReplies', params.replyId);
          if (!reply) throw new AppError('NOT_FOUND', '回复不存在或已删除');
          if (reply.hidden) throw new AppError('CONFLICT', '这条回复已经隐藏了');
          await tx.set('postReplies', { ...reply, hidden: true, hiddenInfo: { reason: params.reason, by: ctx.memberId, byName: ctx.member?.nickname ?? '', at: nowIso } });
        } else {
          const target = await postIn(tx, params.postId as string);
          if (target.hidden) throw new AppError('CONFLICT', '这条帖子已经隐藏了');
          if (target.pinned) {
            const pins = await tx.get('postPins', PINS_ID);
            if (pins) await tx.set('postPins', { ...pins, postIds: pins.postIds.filter((id) => id !== target.id) });
          }
          await tx.set('posts', { ...target, hidden: { reason: params.reason, by: ctx.memberId, at: nowIso }, live: false, pinned: false, pinnedAt: null, updatedAt: nowIso });
        }
        return { hidden: true as const };
      });
    },
  },
  topicRules: {
    access: 'owner',
    schema: z.strictObject({ requestId: requestIdSchema, topicReplyPoints: int(0, 1000, '话题回复积分'), topicDailyCap: int(1, 50, '每日奖励话题数') }),
    async handle(ctx, params) {
      const rules = { topicReplyPoints: params.topicReplyPoints, topicDailyCap: params.topicDailyCap };
      return ctx.write(async (tx) => {
        await savePostSettings(tx, rules);
        return rules;
      });
    },
  },
  faqSearch: {
    access: 'member',
    schema: z.strictObject({ q: text(1, 200, '搜索内容') }),
    async handle(ctx, params) {
      const all = await scanAll(ctx.store, 'faqs', { orderBy: { field: 'updatedAt', direction: 'desc' } });
      return { entries: await faqViews(ctx, matchFaq(params.q, all, 5)) };
    },
  },
  faqList: {
    access: 'member',
    schema: z.strictObject({}),
    async handle(ctx) {
      return { entries: await faqViews(ctx, await scanAll(ctx.store, 'faqs', { orderBy: { field: 'updatedAt', direction: 'desc' } })), topicRules: ctx.settings.posts };
    },
  },
  faqSave: {
    access: 'owner',
    schema: z.strictObject({ requestId: requestIdSchema, faq: faqSchema }),
    async handle(ctx, params) {
      const input = params.faq;
      await assertTextAllowed(ctx.contentCheck, `${input.question}\n${input.answer}\n${input.keywords.join(' ')}`, ctx.openid, 'forum');
      const id = input.id ?? newId('fq', ctx.now);
      const doc = await ctx.write(async (tx) => {
        if (input.id && !(await tx.get('faqs', input.id))) throw new AppError('NOT_FOUND', '这条问答不存在或已删除');
        const next: FaqDoc = { id, keywords: [...new Set(input.keywords)], question: input.question, answer: input.answer, link: input.link ?? null, updatedAt: ctx.now.toISOString(), updatedBy: ctx.memberId };
        await tx.set('faqs', next);
        return next;
      });
      return { entry: (await faqViews(ctx, [doc]))[0] };
    },
  },
  faqDeflected: {
    access: 'member',
    schema: z.strictObject({ requestId: requestIdSchema, faqId: idSchema }),
    async handle(ctx, params) {
      const day = dayKey(ctx.now, ctx.settings.timezone);
      const id = `${params.faqId}:${ctx.memberId}:${day}`;
      return ctx.write(async (tx) => {
        if (!(await tx.get('faqs', params.faqId))) throw new AppError('NOT_FOUND', '这条问答不存在或已删除');
        if (await tx.get('faqDeflections', id)) return { counted: false };
        await tx.set('faqDeflections', { id, faqId: params.faqId, memberId: ctx.memberId, day, at: ctx.now.toISOString() });
        return { counted: true };
      });
    },
  },
  subscribe: {
    access: 'member',
    limits: (params) => [subscriptionBudget(params.templateId ?? reminderTemplate(params.topic))],
    schema: z.strictObject({ requestId: requestIdSchema, topic: topicSchema, templateId: z.optional(z.string('提醒模板不正确').check(z.minLength(1, '提醒模板不正确'), z.maxLength(64, '提醒模板不正确'), z.regex(/^[\w-]+$/, '提醒模板不正确'))) }),
    async handle(ctx, params) {
      const templateId = params.templateId ?? reminderTemplate(params.topic);
      await ctx.write(async (tx) => {
        await grantSubscription(tx, ctx.memberId, templateId);
        const subId = `${params.topic}:${ctx.memberId}`;
        const sub = await tx.get('reminderSubs', subId);
        if (!sub || sub.templateId !== templateId) await tx.set('reminderSubs', { id: subId, topic: params.topic, memberId: ctx.memberId, templateId, at: sub?.at ?? ctx.now.toISOString() });
        return { granted: true };
      });
      return { reminders: await remindersOf(ctx.store, ctx.memberId) };
    },
  },
  reminders: {
    access: 'member',
    schema: z.strictObject({}),
    async handle(ctx) {
      return { reminders: await remindersOf(ctx.store, ctx.memberId) };
    },
  },
  memberPublish: {
    access: 'member',
    limits: [MEMBER_TOPIC_BUDGET],
    schema: z.strictObject({ requestId: requestIdSchema, post: memberTopicSchema }),
    async handle(ctx, params) {
      if (!ctx.settings.posts.membersMayPost) throw new AppError('FORBIDDEN', MEMBER_POSTS_CLOSED);
      const input = params.post;
      await assertTextAllowed(ctx.contentCheck, `${input.title}\n${input.text}`, ctx.openid, 'forum');
      if (new Set(input.images).size !== input.images.length) throw new AppError('VALIDATION', '同一张图片只能添加一次');
      const id = newId('po', ctx.now);
      const checks = await submitImages(ctx.store, input.images, ctx, `posts/${id}`, ctx.now);
      const nowIso = ctx.now.toISOString();
      const doc = await ctx.write(async (tx) => {
        // Read again inside the transaction: an owner closing member topics wins over a post in flight.
        const settings = withDefaults((await tx.get('settings', SETTINGS_ID)) as Parameters<typeof withDefaults>[0]);
        if (!settings.posts.membersMayPost) throw new AppError('FORBIDDEN', MEMBER_POSTS_CLOSED);
        await attachOwnImages(tx, ctx.memberId, input.images, `posts/${id}`);
        await recordMediaChecks(tx, checks);
        const next: PostDoc = {
          id,
          kind: 'topic',
          title: input.title,
          text: input.text,
          images: input.images,
          link: null,
          state: 'published',
          publishAt: nowIso,
          publishedAt: nowIso,
          live: true,
          pinned: false,
          pinnedAt: null,
          hidden: null,
          authorId: ctx.memberId,
          authorName: ctx.member?.nickname ?? '',
          createdAt: nowIso,
          updatedAt: nowIso,
          // Hosts starting a topic here write an ordinary topic; only members' count as 会员话题.
          ...(ctx.role === 'member' ? { byMember: true } : {}),
        };
        await tx.create('posts', next);
        return next;
      });
      return { post: await view(ctx, doc) };
    },
  },
  memberPosts: {
    access: 'owner',
    schema: z.strictObject({ requestId: requestIdSchema, membersMayPost: z.boolean('请选择开放或关闭') }),
    async handle(ctx, params) {
      return ctx.write(async (tx) => {
        await savePostSettings(tx, { membersMayPost: params.membersMayPost });
        return { membersMayPost: params.membersMayPost };
      });
    },
  },
});
