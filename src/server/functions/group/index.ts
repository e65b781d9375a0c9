import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import type { BoardLine, GroupCodeView, GroupView, PkView } from '../../../../types/groups';
import { addDays, dayKey, isDayKey, startOfDay } from '../../../core/day';
import { AppError } from '../../../core/errors';
import { GROUP_KINDS, GROUP_QR_DAYS, JOIN_CODE_BUDGET, MAX_GROUPS_PER_MEMBER, MAX_GROUP_CAPACITY, codeState, defaultCapacity, groupStage, pickCode, poolWarnings, rankPk, ratePermille, rateScore, weekKey } from '../../../core/groups';
import { assertTextAllowed } from '../../domain/contentCheck';
import { praiseMember, praiseView } from '../../domain/praise';
import { IMAGE_REF } from '../../domain/images';
import { post } from '../../domain/ledger';
import { withMemberState } from '../../domain/memberState';
import {
  addMemberGroup,
  attendedBetween,
  bumpCodeView,
  bumpSeen,
  checkinsBetween,
  checkinsOn,
  groupIdFor,
  lessonsHeld,
  memberGroupIds,
  pkDaysSoFar,
  removeMemberGroup,
  seenCount,
  type GroupDoc,
  type GroupMemberDoc,
  type GroupPkDoc,
  type LiveCardDoc,
} from '../../domain/groupRecords';
import { defineFunction, requestIdSchema, type RouteContext } from '../../kernel/handler';
import { choice, int, ref, text } from '../../kernel/fields';
import { DuplicateError, type Store } from '../../store/port';
import { scanAll } from '../../store/scan';

const GROUP_REF = ref(40, '请选择一个群');
const NO_GROUP = '找不到这个群，请从群聊里的小程序卡片进入';
const POOL_PATTERN = /^[\w\u4e00-\u9fff-]{1,20}$/;
const poolSchema = z.string('请填写活码名称').check(z.minLength(1, '请填写活码名称'), z.maxLength(20, '活码名称最多 20 字'), z.regex(POOL_PATTERN, '活码名称只能包含中文、字母、数字、- 和 _'));
const channelSchema = z.string('渠道名称不正确').check(z.regex(/^[\w-]{1,20}$/, '渠道名称只能包含字母、数字、- 和 _（最多 20 个）'));
const isoSchema = z.string('请选择时间').check(z.maxLength(40, '请选择时间'), z.refine((v) => Number.isFinite(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v), '请选择时间'));
const daySchema = z.string('请选择日期').check(z.refine((v) => isDayKey(v), '请选择日期'));
/** Views are spread over this many shards per group and channel. */
const VIEW_SHARDS = 8;

const DISSOLVE_STEPS = ['round1', 'round2', 'round3', 'moved'] as const;

function checklistOf(g: GroupDoc): Record<(typeof DISSOLVE_STEPS)[number], boolean> {
  return { round1: !!g.dissolve?.round1, round2: !!g.dissolve?.round2, round3: !!g.dissolve?.round3, moved: !!g.dissolve?.moved };
}

function groupView(g: GroupDoc, gm: GroupMemberDoc | null): GroupView {
  return {
    id: g.id,
    claimed: g.claimed,
    name: g.name,
    kind: g.kind,
    region: g.region,
    topic: g.topic,
    capacity: g.capacity,
    joined: g.joined,
    pool: g.pool,
    mine: gm ? { seen: gm.seen, joined: gm.joined } : null,
  };
}

function memberPlace(groupId: string, memberId: string, nowIso: string, day: string): GroupMemberDoc {
  return { id: `${groupId}:${memberId}`, groupId, memberId, since: nowIso, seen: false, joined: false, lastSeenAt: null, lastActiveDay: day, streak: 0, lastCheckinDay: null, week: weekKey(day), weekPoints: 0 };
}

async function nicknames(store: Store, ids: string[]): Promise<Map<string, string>> {
  const docs = await Promise.all(ids.map((id) => store.get('members', id)));
  return new Map(docs.filter((d) => d !== null).map((d) => [d.id, d.nickname]));
}

/** Members counted against a QR code's capacity: everyone seen in the group or joined in the app, whichever is more. */
async function filledOf(store: Store, g: GroupDoc): Promise<number> {
  return Math.max(await seenCount(store, g.id), g.joined);
}

async function codeViewOf(store: Store, g: GroupDoc, nowIso: string): Promise<GroupCodeView | null> {
  if (!g.code) return null;
  const filled = await filledOf(store, g);
  const capacity = Math.min(g.code.capacity, g.capacity);
  const views = new Map<string, number>();
  for (const d of await scanAll(store, 'groupCodeViews', { where: { groupId: g.id } })) views.set(d.channel, (views.get(d.channel) ?? 0) + d.views);
  const s = codeState({ groupId: g.id, expiresAt: g.code.expiresAt, capacity, filled }, nowIso);
  return {
    groupId: g.id,
    groupName: g.name,
    image: g.code.image,
    expiresAt: g.code.expiresAt,
    capacity,
    filled,
    full: s.full,
    expired: s.expired,
    views: [...views.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([channel, n]) => ({ channel, views: n })),
  };
}

async function poolGroups(store: Store, pool: string): Promise<GroupDoc[]> {
  return (await store.find('groups', { where: { pool }, orderBy: { field: 'order', direction: 'asc' }, limit: 20 })).docs.filter((g) => g.claimed && g.code);
}

async function pkView(store: Store, pk: GroupPkDoc, today: string, now: Date, timezone: string): Promise<PkView> {
  const base = { id: pk.id, title: pk.title, metric: pk.metric, startDay: pk.startDay, endDay: pk.endDay, prize: pk.prize, state: pk.state };
  if (pk.state === 'settled' && pk.standings) return { ...base, standings: pk.standings, winners: pk.winners, live: false };
  const span = pkDaysSoFar(pk, today);
  const lines = [];
  const held = pk.metric === 'lessonRate' && span.days > 0 ? (await lessonsHeld(store, span.from, span.to, now, timezone)).length : 0;
  for (const groupId of pk.groupIds) {
    const group = await store.get('groups', groupId);
    const checkins = span.days > 0 ? await checkinsBetween(store, groupId, span.from, span.to) : 0;
    const eligible = pk.eligible[groupId] ?? 0;
    const newMembers = pk.metric === 'newMembers' ? await store.count('groupMembers', { groupId, since: { $gte: pk.startAt } }) : 0;
    if (pk.metric === 'lessonRate') {
      const attended = span.days > 0 ? await attendedBetween(store, groupId, span.from, span.to) : 0;
      lines.push({ groupId, name: group?.name ?? '未命名群', eligible, checkins, ratePermille: ratePermille(attended, eligible, held), newMembers, attended, lessons: held, score: rateScore(attended, eligible, held) });
      continue;
    }
    const rate = ratePermille(checkins, eligible, span.days);
    lines.push({ groupId, name: group?.name ?? '未命名群', eligible, checkins, ratePermille: rate, newMembers, score: pk.metric === 'newMembers' ? newMembers : rateScore(checkins, eligible, span.days) });
  }
  return { ...base, standings: rankPk(lines).ranked, winners: [], live: true };
}

async function boardLines(ctx: RouteContext, docs: GroupMemberDoc[], value: (d: GroupMemberDoc) => number): Promise<BoardLine[]> {
  const names = await nicknames(ctx.store, docs.map((d) => d.memberId));
  return docs.map((d, i) => ({ rank: i + 1, name: names.get(d.memberId) ?? '会员', value: value(d), isMe: d.memberId === ctx.memberId }));
}

/** `group`: WeChat groups, sub-groups, 活码, boards, PK, health and live cards (issue 15). */
export const groupFunction = defineFunction('group', {
  enter: {
    access: 'member',
    schema: z.strictObject({
      requestId: requestIdSchema,
      cloudID: z.string('请从群聊里的小程序卡片进入').check(z.minLength(1, '请从群聊里的小程序卡片进入'), z.maxLength(1024, '群信息不正确，请从群聊卡片重新进入')),
      // The card's sharer (invite code) and the day they shared it: opening it from the group pays their share bonus.
      sharedBy: z.optional(z.string('分享信息不正确').check(z.regex(/^[0-9A-Z]{4,16}$/, '分享信息不正确'))),
      sharedDay: z.optional(daySchema),
    }),
    async handle(ctx, params) {
      const prior = await ctx.prior<Awaited<ReturnType<typeof enterBody>>>();
      if (prior) return prior;
      let resolved: { opengid: string; chatType: number | null } | null = null;
      try {
        resolved = await ctx.platform.resolveGroup(params.cloudID);
      } catch (error) {
        console.error('[group] resolveGroup failed', error);
      }
      if (!resolved || !/^[\w-]{1,128}$/.test(resolved.opengid)) throw new AppError('VALIDATION', '无法识别这个群，请从群聊里的小程序卡片重新进入');
      const opengid = resolved.opengid;
      const today = dayKey(ctx.now, ctx.settings.timezone);
      // A card names its sharer (`ref`); `sharedDay`, when the card carries it, must be today.
      const sharer = params.sharedBy && (params.sharedDay ?? today) === today ? await ctx.store.get('invites', params.sharedBy) : null;
      const bonusFor = sharer && sharer.memberId !== ctx.memberId ? sharer.memberId : null;
      const run = () => ctx.write((tx) => enterBody(ctx, tx, opengid, bonusFor));
      try {
        return await run();
      } catch (error) {
        // Two first entries created the group (or paid the same share bonus) at once: the second sees it on a fresh run.
        if (error instanceof DuplicateError && (error.collection === 'groups' || error.collection === 'ledger')) return run();
        throw error;
      }
    },
  },
  claim: {
    access: 'host',
    schema: z.strictObject({
      requestId: requestIdSchema,
      groupId: GROUP_REF,
      name: text(1, 30, '群名称'),
      kind: choice(GROUP_KINDS, '请选择群类型'),
      capacity: z.optional(int(2, MAX_GROUP_CAPACITY, '群容量')),
      region: z.optional(text(1, 20, '地区')),
      topic: z.optional(text(1, 20, '话题')),
      pool: z.optional(poolSchema),
    }),
    async handle(ctx, params) {
      await assertTextAllowed(ctx.contentCheck, [params.name, params.region ?? '', params.topic ?? ''].join(' '), ctx.openid, 'profile');
      const group = await ctx.write(async (tx) => {
        const g = await tx.get('groups', params.groupId);
        if (!g) throw new AppError('NOT_FOUND', NO_GROUP);
        if (g.claimed && ctx.role !== 'owner' && !g.hosts.includes(ctx.memberId)) throw new AppError('CONFLICT', '这个群已被认领，请联系群主修改');
        if (!g.claimed && ctx.role !== 'owner') {
          const gm = await tx.get('groupMembers', `${g.id}:${ctx.memberId}`);
          if (!gm?.seen) throw new AppError('FORBIDDEN', '请先从这个群的群聊卡片进入，再认领');
        }
        const capacity = params.capacity ?? defaultCapacity(params.kind);
        if (capacity < g.joined) throw new AppError('VALIDATION', `群容量不能少于已加入的 ${g.joined} 人`);
        const nowIso = ctx.now.toISOString();
        const next: GroupDoc = {
          ...g,
          claimed: true,
          name: params.name,
          kind: params.kind,
          capacity,
          region: params.region ?? null,
          topic: params.topic ?? null,
          pool: params.pool ?? g.pool,
          hosts: g.claimed ? g.hosts : [ctx.memberId],
          order: params.pool !== undefined && params.pool !== g.pool ? nowIso : g.order,
          claimedAt: g.claimedAt ?? nowIso,
          claimedBy: g.claimedBy ?? ctx.memberId,
        };
        await tx.set('groups', next);
        return next;
      });
      return { group: groupView(group, await ctx.store.get('groupMembers', `${group.id}:${ctx.memberId}`)) };
    },
  },
  list: {
    access: 'member',
    schema: z.strictObject({}),
    async handle(ctx) {
      const mineIds = memberGroupIds(await ctx.store.get('accounts', ctx.memberId));
      const mine: GroupView[] = [];
      for (const id of mineIds) {
        const [g, gm] = await Promise.all([ctx.store.get('groups', id), ctx.store.get('groupMembers', `${id}:${ctx.memberId}`)]);
        if (g) mine.push(groupView(g, gm));
      }
      const claimed = (await ctx.store.find('groups', { where: { claimed: true }, orderBy: { field: 'firstSeenAt', direction: 'asc' }, limit: 100 })).docs;
      const joinable = claimed.filter((g) => g.kind !== 'big' && !mineIds.includes(g.id)).map((g) => groupView(g, null));
      const all = ctx.role === 'member' ? null : (await ctx.store.find('groups', { orderBy: { field: 'firstSeenAt', direction: 'desc' }, limit: 100 })).docs.map((g) => groupView(g, null));
      return { mine, joinable, all };
    },
  },
  join: {
    access: 'member',
    schema: z.strictObject({ requestId: requestIdSchema, groupId: GROUP_REF }),
    async handle(ctx, params) {
      return ctx.write(async (tx) => {
        const g = await tx.get('groups', params.groupId);
        if (!g || !g.claimed) throw new AppError('NOT_FOUND', '这个群还没有开放加入，请选择其他群');
        const gmId = `${g.id}:${ctx.memberId}`;
        const gm = await tx.get('groupMembers', gmId);
        if (gm?.joined) return { group: groupView(g, gm) };
        if (g.joined >= g.capacity) throw new AppError('LIMIT_REACHED', '这个群已满员，请选择其他群');
        if (!(await addMemberGroup(tx, ctx.memberId, g.id, MAX_GROUPS_PER_MEMBER))) throw new AppError('LIMIT_REACHED', `最多加入 ${MAX_GROUPS_PER_MEMBER} 个群，请先退出一个`);
        const nowIso = ctx.now.toISOString();
        const next: GroupMemberDoc = { ...(gm ?? memberPlace(g.id, ctx.memberId, nowIso, dayKey(ctx.now, ctx.settings.timezone))), joined: true };
        const group: GroupDoc = { ...g, joined: g.joined + 1 };
        await tx.set('groups', group);
        await tx.set('groupMembers', next);
        return { group: groupView(group, next) };
      });
    },
  },
  leave: {
    access: 'member',
    schema: z.strictObject({ requestId: requestIdSchema, groupId: GROUP_REF }),
    async handle(ctx, params) {
      return ctx.write(async (tx) => {
        const g = await tx.get('groups', params.groupId);
        if (!g) throw new AppError('NOT_FOUND', NO_GROUP);
        const gm = await tx.get('groupMembers', `${g.id}:${ctx.memberId}`);
        if (!gm?.joined) throw new AppError('CONFLICT', '你还没有加入这个群');
        const group: GroupDoc = { ...g, joined: Math.max(0, g.joined - 1) };
        const next: GroupMemberDoc = { ...gm, joined: false };
        await tx.set('groups', group);
        await tx.set('groupMembers', next);
        if (!next.seen) await removeMemberGroup(tx, ctx.memberId, g.id);
        return { group: groupView(group, next) };
      });
    },
  },
  joinCode: {
    access: 'member',
    limits: [JOIN_CODE_BUDGET],
    schema: z.strictObject({ pool: poolSchema, channel: z.optional(channelSchema) }),
    async handle(ctx, params) {
      const nowIso = ctx.now.toISOString();
      const groups = await poolGroups(ctx.store, params.pool);
      const candidates = [];
      for (const g of groups) {
        if (!g.code) continue;
        const candidate = { group: g, groupId: g.id, expiresAt: g.code.expiresAt, capacity: Math.min(g.code.capacity, g.capacity), filled: await filledOf(ctx.store, g) };
        candidates.push(candidate);
        if (pickCode([candidate], nowIso)) break;
      }
      const chosen = pickCode(candidates, nowIso);
      if (!chosen || !chosen.group.code) return { pool: params.pool, code: null, message: groups.length === 0 ? '这个活码还没有可用的群，请联系群主' : '这个活码里的群暂时都满员或二维码已过期，请稍后再来' };
      const shard = Math.floor(Math.random() * VIEW_SHARDS);
      await ctx.store.transaction((tx) => bumpCodeView(tx, chosen.groupId, params.pool, params.channel ?? 'direct', shard));
      const g = chosen.group;
      return { pool: params.pool, code: { groupName: g.name, kind: g.kind, image: g.code!.image, expiresAt: g.code!.expiresAt }, message: null };
    },
  },
  setCode: {
    access: 'owner',
    schema: z.strictObject({
      requestId: requestIdSchema,
      groupId: GROUP_REF,
      image: z.string('请上传群二维码图片').check(z.regex(IMAGE_REF, '请上传群二维码图片')),
      expiresAt: isoSchema,
      capacity: int(1, MAX_GROUP_CAPACITY, '扫码入群人数'),
      pool: poolSchema,
    }),
    async handle(ctx, params) {
      const expires = Date.parse(params.expiresAt);
      if (expires <= ctx.now.getTime() || expires > ctx.now.getTime() + (GROUP_QR_DAYS * 24 + 1) * 3600_000) {
        throw new AppError('VALIDATION', '二维码有效期需在 7 天以内（微信群二维码 7 天后失效），请重新选择');
      }
      const group = await ctx.write(async (tx) => {
        const g = await tx.get('groups', params.groupId);
        if (!g) throw new AppError('NOT_FOUND', NO_GROUP);
        if (!g.claimed) throw new AppError('CONFLICT', '请先认领这个群，再上传二维码');
        const next: GroupDoc = {
          ...g,
          pool: params.pool,
          order: params.pool !== g.pool ? ctx.now.toISOString() : g.order,
          code: { image: params.image, expiresAt: new Date(expires).toISOString(), capacity: params.capacity, setAt: ctx.now.toISOString(), setBy: ctx.memberId },
        };
        await tx.set('groups', next);
        return next;
      });
      return { code: (await codeViewOf(ctx.store, group, ctx.now.toISOString()))! };
    },
  },
  codes: {
    access: 'host',
    schema: z.strictObject({ pool: poolSchema }),
    async handle(ctx, params) {
      const nowIso = ctx.now.toISOString();
      const codes: GroupCodeView[] = [];
      for (const g of await poolGroups(ctx.store, params.pool)) {
        const view = await codeViewOf(ctx.store, g, nowIso);
        if (view) codes.push(view);
      }
      const warnings = poolWarnings(codes.map((c) => ({ groupId: c.groupId, name: c.groupName, expiresAt: c.expiresAt, capacity: c.capacity, filled: c.filled })), ctx.now.getTime());
      return { pool: params.pool, codes, warnings };
    },
  },
  board: {
    access: 'member',
    schema: z.strictObject({ groupId: GROUP_REF, day: z.optional(daySchema) }),
    async handle(ctx, params) {
      const g = await ctx.store.get('groups', params.groupId);
      if (!g) throw new AppError('NOT_FOUND', NO_GROUP);
      const gm = await ctx.store.get('groupMembers', `${g.id}:${ctx.memberId}`);
      if (ctx.role === 'member' && !(gm?.seen || gm?.joined)) throw new AppError('FORBIDDEN', '只有这个群的成员能看群榜单，请从群聊卡片进入');
      const today = dayKey(ctx.now, ctx.settings.timezone);
      const day = params.day && params.day <= today ? params.day : today;
      const [seen, checkedInToday] = await Promise.all([seenCount(ctx.store, g.id), checkinsOn(ctx.store, g.id, day)]);
      const byStreak = (await ctx.store.find('groupMembers', { where: { groupId: g.id }, orderBy: { field: 'streak', direction: 'desc' }, limit: 50 })).docs;
      const live = byStreak.filter((d) => d.streak > 0 && d.lastCheckinDay !== null && d.lastCheckinDay >= addDays(day, -1) && d.lastCheckinDay <= day).slice(0, 10);
      const byWeek = (await ctx.store.find('groupMembers', { where: { groupId: g.id, week: weekKey(day) }, orderBy: { field: 'weekPoints', direction: 'desc' }, limit: 10 })).docs.filter((d) => d.weekPoints > 0);
      return {
        group: groupView(g, gm),
        day,
        seen,
        checkedInToday,
        streakLeaders: await boardLines(ctx, live, (d) => d.streak),
        weekLeaders: await boardLines(ctx, byWeek, (d) => d.weekPoints),
        praised: (await ctx.store.find('praise', { where: { groupId: g.id, createdAt: { $gte: startOfDay(weekKey(day), ctx.settings.timezone).toISOString() } }, orderBy: { field: 'createdAt', direction: 'desc' }, limit: 10 })).docs.map(praiseView),
        packets: (await ctx.store.find('packets', { where: { groupId: g.id }, orderBy: { field: 'createdAt', direction: 'desc' }, limit: 5 })).docs.map((p) => ({
          id: p.id,
          senderName: p.senderName,
          kind: p.kind,
          greeting: p.greeting,
          count: p.count,
          claimedCount: p.claimed,
          state: p.state,
          expiresAt: p.expiresAt,
        })),
      };
    },
  },
  startPk: {
    access: 'host',
    schema: z.strictObject({
      requestId: requestIdSchema,
      title: text(1, 30, 'PK 名称'),
      groupIds: z.array(GROUP_REF, '请选择 2–8 个群').check(z.minLength(2, '请选择 2–8 个群'), z.maxLength(8, '请选择 2–8 个群'), z.refine((ids) => new Set(ids).size === ids.length, '同一个群只能选一次')),
      days: int(1, 30, 'PK 天数'),
      metric: choice(['checkinRate', 'newMembers', 'lessonRate'] as const, '请选择 PK 指标'),
      prize: int(0, 10_000, '获胜奖励积分'),
    }),
    async handle(ctx, params) {
      await assertTextAllowed(ctx.contentCheck, params.title, ctx.openid, 'profile');
      const today = dayKey(ctx.now, ctx.settings.timezone);
      const prior = await ctx.prior<GroupPkDoc>();
      if (prior) return { pk: await pkView(ctx.store, prior, today, ctx.now, ctx.settings.timezone) };
      const nowIso = ctx.now.toISOString();
      const eligible: Record<string, number> = {};
      for (const groupId of params.groupIds) eligible[groupId] = await ctx.store.count('groupMembers', { groupId, since: { $lt: nowIso } });
      const pk = await ctx.write(async (tx) => {
        for (const groupId of params.groupIds) {
          const g = await tx.get('groups', groupId);
          if (!g || !g.claimed) throw new AppError('CONFLICT', '只能选择已认领的群，请先认领');
        }
        const id = `pk_${createHash('sha256').update(`${ctx.memberId}:${params.requestId}`).digest('hex').slice(0, 20)}`;
        const doc: GroupPkDoc = {
          id,
          title: params.title,
          groupIds: params.groupIds,
          metric: params.metric,
          startAt: nowIso,
          startDay: today,
          endDay: addDays(today, params.days - 1),
          prize: params.prize,
          createdBy: ctx.memberId,
          createdAt: nowIso,
          state: 'running',
          eligible,
          standings: null,
          winners: [],
          settledAt: null,
          paid: 0,
        };
        await tx.create('groupPks', doc);
        return doc;
      });
      return { pk: await pkView(ctx.store, pk, today, ctx.now, ctx.settings.timezone) };
    },
  },
  pk: {
    access: 'member',
    schema: z.strictObject({ pkId: ref(40, '请选择一场 PK') }),
    async handle(ctx, params) {
      const pk = await ctx.store.get('groupPks', params.pkId);
      if (!pk) throw new AppError('NOT_FOUND', '这场 PK 不存在');
      return { pk: await pkView(ctx.store, pk, dayKey(ctx.now, ctx.settings.timezone), ctx.now, ctx.settings.timezone) };
    },
  },
  pks: {
    access: 'member',
    schema: z.strictObject({}),
    async handle(ctx) {
      const today = dayKey(ctx.now, ctx.settings.timezone);
      const docs = (await ctx.store.find('groupPks', { orderBy: { field: 'createdAt', direction: 'desc' }, limit: 10 })).docs;
      const pks: PkView[] = [];
      for (const pk of docs) pks.push(await pkView(ctx.store, pk, today, ctx.now, ctx.settings.timezone));
      return { pks };
    },
  },
  health: {
    access: 'host',
    schema: z.strictObject({ groupId: GROUP_REF, silentDays: z.optional(int(7, 90, '沉默天数')) }),
    async handle(ctx, params) {
      const g = await ctx.store.get('groups', params.groupId);
      if (!g) throw new AppError('NOT_FOUND', NO_GROUP);
      const today = dayKey(ctx.now, ctx.settings.timezone);
      const silentDays = params.silentDays ?? 14;
      const [seen, members, active7, active30, week, prevWeek] = await Promise.all([
        seenCount(ctx.store, g.id),
        ctx.store.count('groupMembers', { groupId: g.id }),
        ctx.store.count('groupMembers', { groupId: g.id, lastActiveDay: { $gte: addDays(today, -6) } }),
        ctx.store.count('groupMembers', { groupId: g.id, lastActiveDay: { $gte: addDays(today, -29) } }),
        checkinsBetween(ctx.store, g.id, addDays(today, -6), today),
        checkinsBetween(ctx.store, g.id, addDays(today, -13), addDays(today, -7)),
      ]);
      const silentPermille = members > 0 ? Math.round(((members - active30) * 1000) / members) : 0;
      const checkinRate7 = ratePermille(week, members, 7);
      const checkinRatePrev7 = ratePermille(prevWeek, members, 7);
      const thresholds = ctx.settings.groups.stage;
      const { stage, reason } = groupStage({ seen: Math.max(seen, members), rate7: checkinRate7, ratePrev7: checkinRatePrev7, silentPermille }, thresholds);
      const quiet = (await ctx.store.find('groupMembers', { where: { groupId: g.id, lastActiveDay: { $lte: addDays(today, -silentDays) } }, orderBy: { field: 'lastActiveDay', direction: 'asc' }, limit: 100 })).docs;
      const people = await Promise.all(quiet.map((d) => ctx.store.get('members', d.memberId)));
      const silent = quiet
        .map((d, i) => ({ d, m: people[i] }))
        .filter(({ m }) => m !== null && m.role === 'member')
        .slice(0, 50)
        .map(({ d, m }) => ({ memberId: d.memberId, name: m!.nickname, lastActiveDay: d.lastActiveDay, mark: d.silentMark?.mark ?? null }));
      return { group: groupView(g, null), seen, active7, active30, silentPermille, checkinRate7, checkinRatePrev7, stage, reason, thresholds, silent, silentDays, checklist: checklistOf(g) };
    },
  },
  markSilent: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, groupId: GROUP_REF, memberId: ref(40, '请选择一位成员'), mark: choice(['remove', 'keep', 'none'] as const, '请选择处理方式') }),
    async handle(ctx, params) {
      return ctx.write(async (tx) => {
        const gm = await tx.get('groupMembers', `${params.groupId}:${params.memberId}`);
        if (!gm) throw new AppError('NOT_FOUND', '这位成员不在这个群里');
        if (params.memberId === ctx.memberId) throw new AppError('FORBIDDEN', '不能处理自己');
        const silentMark = params.mark === 'none' ? null : { mark: params.mark, by: ctx.memberId, at: ctx.now.toISOString() };
        await tx.set('groupMembers', { ...gm, silentMark });
        return { memberId: params.memberId, mark: silentMark?.mark ?? null };
      });
    },
  },
  checklist: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, groupId: GROUP_REF, step: choice(DISSOLVE_STEPS, '请选择清单项'), done: z.boolean('请选择是否完成') }),
    async handle(ctx, params) {
      return ctx.write(async (tx) => {
        const g = await tx.get('groups', params.groupId);
        if (!g) throw new AppError('NOT_FOUND', NO_GROUP);
        const next: GroupDoc = { ...g, dissolve: { ...g.dissolve, [params.step]: params.done } };
        await tx.set('groups', next);
        return { checklist: checklistOf(next) };
      });
    },
  },
  praise: {
    access: 'host',
    limits: [{ name: 'praise', max: 100, per: 'day' }],
    schema: z.strictObject({
      requestId: requestIdSchema,
      groupId: GROUP_REF,
      memberId: ref(64, '请选择要表扬的成员'),
      text: text(1, 100, '表扬内容'),
      points: z.optional(int(0, 1000, '表扬积分')),
    }),
    async handle(ctx, params) {
      const g = await ctx.store.get('groups', params.groupId);
      if (!g) throw new AppError('NOT_FOUND', NO_GROUP);
      const gm = await ctx.store.get('groupMembers', `${g.id}:${params.memberId}`);
      if (!(gm?.seen || gm?.joined)) throw new AppError('VALIDATION', '这位成员还不在这个群里，请选择群里的成员');
      return praiseMember(ctx, { requestId: params.requestId, memberId: params.memberId, text: params.text, points: params.points, groupId: g.id });
    },
  },
  liveCard: {
    access: 'member',
    schema: z.strictObject({ requestId: requestIdSchema, kind: choice(['activity', 'packet'] as const, '请选择要分享的内容'), refId: ref(200, '请选择要分享的内容') }),
    async handle(ctx, params) {
      // "已报名 n/m" for an activity, "已抢 n/m" for a red packet (issue 19).
      const figures = params.kind === 'packet' ? await packetFigures(ctx, params.refId) : await activityFigures(ctx, params.refId);
      const id = `${params.kind}:${params.refId}`;
      const renewBy = new Date(ctx.now.getTime() + 3600_000).toISOString();
      const prior = await ctx.prior<LiveCardDoc>();
      const current = prior ?? (await ctx.store.get('liveCards', id));
      // WeChat ids live 24 h: renew on the next share once one is within an hour of expiring.
      const fresh = prior || (current && current.expiresAt > renewBy) ? null : await ctx.platform.createActivityId();
      const card = prior ?? await ctx.write(async (tx) => {
        const stored = await tx.get('liveCards', id);
        if (stored && stored.expiresAt > renewBy) return stored;
        if (!fresh) throw new AppError('BUSY', '请稍后再分享');
        const next: LiveCardDoc = { id, kind: params.kind, refId: params.refId, activityId: fresh.activityId, expiresAt: new Date(Math.min(Date.parse(fresh.expiresAt), ctx.now.getTime() + 24 * 3600_000)).toISOString(), lastState: null, lastPushedAt: null, updates: stored?.updates ?? 0, history: stored?.history ?? [] };
        await tx.set('liveCards', next);
        return next;
      });
      return {
        activityId: card.activityId,
        expiresAt: card.expiresAt,
        templateInfo: { parameterList: [{ name: 'member_count' as const, value: String(figures.memberCount) }, { name: 'room_limit' as const, value: String(figures.roomLimit) }] },
        lastState: card.lastState,
        updates: card.updates,
      };
    },
  },
});

/** An activity's live-card figures (sign-ups of capacity); NOT_FOUND. */
async function activityFigures(ctx: RouteContext, activityId: string): Promise<{ memberCount: number; roomLimit: number }> {
  const activity = await ctx.store.get('activities', activityId);
  if (!activity) throw new AppError('NOT_FOUND', '这个活动不存在');
  return { memberCount: activity.confirmed, roomLimit: activity.capacity };
}

/** A red packet's live-card figures (shares taken of shares); NOT_FOUND. */
async function packetFigures(ctx: RouteContext, packetId: string): Promise<{ memberCount: number; roomLimit: number }> {
  const packet = await ctx.store.get('packets', packetId);
  if (!packet) throw new AppError('NOT_FOUND', '这个红包不存在');
  return { memberCount: packet.claimed, roomLimit: packet.count };
}

/**
 * The group share bonus (double points for a check-in shared into a group), inside the opener's
 * transaction: once per sharer and day (the ledger key), only when the sharer checked in that day
 * and someone else opened the card from a group. Answers whether this open paid it.
 */
async function payShareBonus(ctx: RouteContext, tx: Parameters<Parameters<RouteContext['write']>[0]>[0], sharerId: string, day: string): Promise<boolean> {
  const key = `groupshare:${sharerId}:${day}`;
  const points = ctx.settings.checkin.basePoints;
  if (points <= 0 || (await tx.get('ledger', key))) return false;
  if (!(await tx.get('checkins', `${sharerId}:${day}`))) return false;
  await post(tx, sharerId, [{ key, delta: points, reason: 'checkin', ref: day, note: '签到卡分享到群并被群友打开，双倍签到积分' }], ctx.now, ctx.settings);
  return true;
}

async function enterBody(ctx: RouteContext, tx: Parameters<Parameters<RouteContext['write']>[0]>[0], opengid: string, bonusFor: string | null = null) {
  const groupId = groupIdFor(opengid);
  const nowIso = ctx.now.toISOString();
  const day = dayKey(ctx.now, ctx.settings.timezone);
  let group = await tx.get('groups', groupId);
  if (!group) {
    group = { id: groupId, opengid, claimed: false, name: '未命名群', kind: null, region: null, topic: null, capacity: 200, joined: 0, hosts: [], pool: null, order: nowIso, code: null, firstSeenAt: nowIso, claimedAt: null, claimedBy: null };
    await tx.create('groups', group);
  }
  const gm = await tx.get('groupMembers', `${groupId}:${ctx.memberId}`);
  const firstTime = !gm?.seen;
  if (firstTime) {
    await bumpSeen(tx, groupId, ctx.memberId);
    await addMemberGroup(tx, ctx.memberId, groupId, MAX_GROUPS_PER_MEMBER);
    // A member acquired through a group remembers which one (the first group entered on the join day).
    const m = ctx.member;
    if (m && m.channel === 'group' && !m.joinGroupId && m.joinDay === day) {
      await withMemberState(tx, ctx.memberId, async (state) => {
        state.memberPatch = { ...state.memberPatch, joinGroupId: groupId };
      });
    }
  }
  const base = gm ?? memberPlace(groupId, ctx.memberId, nowIso, day);
  const next: GroupMemberDoc = { ...base, seen: true, lastSeenAt: nowIso, lastActiveDay: day > base.lastActiveDay ? day : base.lastActiveDay };
  await tx.set('groupMembers', next);
  const shareBonus = bonusFor ? await payShareBonus(ctx, tx, bonusFor, day) : false;
  return { group: groupView(group, next), firstTime, canClaim: !group.claimed && ctx.role !== 'member', shareBonus };
}
