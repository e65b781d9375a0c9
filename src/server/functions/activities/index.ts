import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import type { ActivityInput, ActivityView, SignupStatus, SignupView } from '../../../../types/activities';
import { ACTIVITY_LIMITS as L, MAX_AWARD_POINTS, MAX_WAITLIST, activityStatus, activityTimesProblem, placeFor } from '../../../core/activities';
import { dayKey, isDayKey, startOfDay } from '../../../core/day';
import { AppError } from '../../../core/errors';
import { assertCreatorOrOwner, assertNotSelf } from '../../kernel/access';
import { defineFunction, requestIdSchema, type RouteContext } from '../../kernel/handler';
import { refreshLiveCard } from '../../domain/liveCards';
import { choice, int, text } from '../../kernel/fields';
import { post } from '../../domain/ledger';
import { nicknames } from '../../domain/lessonRecords';
import { DuplicateError, type Doc, type Store, type Tx } from '../../store/port';
import { scanAll } from '../../store/scan';

/** An activity as stored (`activities/<id>`): the place counter and the ordered waitlist live here. */
export interface ActivityDoc extends Doc, ActivityInput {
  day: string;
  summary: string | null;
  confirmed: number;
  waitlist: string[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** A member's sign-up (`activitySignups/<activityId>:<memberId>`). */
export interface SignupDoc extends Doc {
  activityId: string;
  memberId: string;
  status: SignupStatus;
  at: string;
  attendedAt: string | null;
  /** `overrideBy`: the owner who awarded a member not checked in (an explicit, recorded override). */
  award: { points: number; reason: string; by?: string; overrideBy?: string | null } | null;
}

const isoSchema = z.string().check(z.maxLength(40), z.refine((v) => Number.isFinite(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v), '请选择时间'));
const idSchema = z.string().check(z.minLength(1), z.maxLength(200));

const activitySchema = z.strictObject({
  title: text(1, L.title, '活动标题'),
  kind: choice(['salon', 'branch', 'challenge'], '请选择活动类型'),
  mode: choice(['online', 'offline'], '请选择线上或线下'),
  startsAt: isoSchema,
  endsAt: isoSchema,
  place: text(1, L.place, '地点或链接'),
  capacity: int(1, 10_000, '名额'),
  signupDeadline: isoSchema,
  description: text(0, L.description, '活动介绍'),
});

/** Why a host may not run another host's activity. */
const ACTIVITY_NOT_YOURS = '只能管理自己发起的活动';

/** Hosts may check attendees in from two hours before the start. */
const CHECKIN_OPENS_MS = 2 * 3_600_000;

function view(doc: ActivityDoc, now: Date): ActivityView {
  return {
    id: doc.id,
    title: doc.title,
    kind: doc.kind,
    mode: doc.mode,
    startsAt: doc.startsAt,
    endsAt: doc.endsAt,
    place: doc.place,
    capacity: doc.capacity,
    signupDeadline: doc.signupDeadline,
    description: doc.description,
    day: doc.day,
    status: activityStatus(doc, now),
    confirmed: doc.confirmed,
    waitlisted: doc.waitlist.length,
    summary: doc.summary,
  };
}

async function activityIn(tx: Tx | Store, id: string): Promise<ActivityDoc> {
  const doc = await tx.get('activities', id);
  if (!doc) throw new AppError('NOT_FOUND', '活动不存在或已删除');
  return doc;
}

const signupId = (activityId: string, memberId: string) => `${activityId}:${memberId}`;

/** After a sign-up commits: the activity's live card in groups shows the new count (errors swallowed, throttled). */
async function pushLiveCard(ctx: RouteContext, activityId: string): Promise<void> {
  const doc = await ctx.store.get('activities', activityId);
  if (doc) await refreshLiveCard(ctx.store, ctx.platform, doc.id, doc.confirmed, doc.capacity, activityStatus(doc, ctx.now) === 'ongoing' || activityStatus(doc, ctx.now) === 'ended', ctx.now);
}

function position(doc: ActivityDoc, memberId: string): number | null {
  const i = doc.waitlist.indexOf(memberId);
  return i < 0 ? null : i + 1;
}

/**
 * `activities`: 沙龙 / 分会 / 打卡赛. Hosts create, check attendees in, summarise and award prize
 * points (once per member and activity); members sign up (places first come, then a waitlist
 * promoted in order when someone cancels). Errors: VALIDATION, NOT_FOUND, CONFLICT (wrong moment,
 * done already), LIMIT_REACHED (waitlist full), FORBIDDEN (host actions).
 */
export const activitiesFunction = defineFunction('activities', {
  create: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, activity: activitySchema }),
    async handle(ctx, params) {
      const input = params.activity;
      const problem = activityTimesProblem(input);
      if (problem) throw new AppError('VALIDATION', problem);
      const id = `ac_${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
      const nowIso = ctx.now.toISOString();
      const startsAt = new Date(input.startsAt).toISOString();
      return ctx.write(async (tx) => {
        const doc: ActivityDoc = {
          id,
          ...input,
          startsAt,
          endsAt: new Date(input.endsAt).toISOString(),
          signupDeadline: new Date(input.signupDeadline).toISOString(),
          day: dayKey(startsAt, ctx.settings.timezone),
          summary: null,
          confirmed: 0,
          waitlist: [],
          createdBy: ctx.memberId,
          createdAt: nowIso,
          updatedAt: nowIso,
        };
        await tx.create('activities', doc);
        return { activity: view(doc, ctx.now) };
      });
    },
  },
  list: {
    access: 'member',
    schema: z.strictObject({ from: z.optional(z.string().check(z.refine(isDayKey))) }),
    async handle(ctx, params) {
      const from = params.from ? startOfDay(params.from, ctx.settings.timezone) : new Date(ctx.now.getTime() - 7 * 86_400_000);
      const page = await ctx.store.find('activities', { where: { startsAt: { $gte: from.toISOString() } }, orderBy: { field: 'startsAt', direction: 'asc' }, limit: 50 });
      return { activities: page.docs.map((d) => view(d, ctx.now)) };
    },
  },
  get: {
    access: 'member',
    schema: z.strictObject({ activityId: idSchema }),
    async handle(ctx, params) {
      const doc = await activityIn(ctx.store, params.activityId);
      const mine = await ctx.store.get('activitySignups', signupId(doc.id, ctx.memberId));
      let roster: SignupView[] | null = null;
      if (ctx.role !== 'member') {
        const signups = await scanAll(ctx.store, 'activitySignups', { where: { activityId: doc.id }, orderBy: { field: 'at', direction: 'asc' } });
        const names = await nicknames(ctx.store, signups.map((s) => s.memberId));
        roster = signups
          .filter((s) => s.status !== 'cancelled')
          .map((s) => ({ memberId: s.memberId, nickname: names.get(s.memberId) ?? '', status: s.status, position: position(doc, s.memberId), signedUpAt: s.at, attendedAt: s.attendedAt, award: s.award }));
      }
      return {
        activity: view(doc, ctx.now),
        mine: mine ? { status: mine.status, position: position(doc, ctx.memberId), attended: mine.attendedAt !== null, award: mine.award } : null,
        roster,
      };
    },
  },
  signup: {
    access: 'member',
    schema: z.strictObject({ requestId: requestIdSchema, activityId: idSchema }),
    async handle(ctx, params) {
      const answer = await ctx.write(async (tx) => {
        const doc = await activityIn(tx, params.activityId);
        if (doc.createdBy === ctx.memberId) throw new AppError('FORBIDDEN', '不能报名自己发起的活动');
        if (activityStatus(doc, ctx.now) !== 'open') throw new AppError('CONFLICT', '报名已截止');
        const id = signupId(doc.id, ctx.memberId);
        const prior = await tx.get('activitySignups', id);
        if (prior && prior.status !== 'cancelled') throw new AppError('CONFLICT', '你已经报名了');
        const place = placeFor(doc.confirmed, doc.capacity);
        if (place === 'waitlist' && doc.waitlist.length >= MAX_WAITLIST) throw new AppError('LIMIT_REACHED', '名额已满，候补也已排满');
        const next: ActivityDoc =
          place === 'confirmed' ? { ...doc, confirmed: doc.confirmed + 1, updatedAt: ctx.now.toISOString() } : { ...doc, waitlist: [...doc.waitlist, ctx.memberId], updatedAt: ctx.now.toISOString() };
        await tx.set('activities', next);
        await tx.set('activitySignups', { id, activityId: doc.id, memberId: ctx.memberId, status: place, at: ctx.now.toISOString(), attendedAt: null, award: prior?.award ?? null });
        return { status: place, position: position(next, ctx.memberId) };
      });
      await pushLiveCard(ctx, params.activityId);
      return answer;
    },
  },
  cancel: {
    access: 'member',
    schema: z.strictObject({ requestId: requestIdSchema, activityId: idSchema }),
    async handle(ctx, params) {
      const answer = await ctx.write(async (tx) => {
        const doc = await activityIn(tx, params.activityId);
        const status = activityStatus(doc, ctx.now);
        if (status === 'ongoing' || status === 'ended') throw new AppError('CONFLICT', '活动已开始，不能取消报名');
        const id = signupId(doc.id, ctx.memberId);
        const mine = await tx.get('activitySignups', id);
        if (!mine || mine.status === 'cancelled') throw new AppError('CONFLICT', '你还没有报名这个活动');
        let next: ActivityDoc = { ...doc, waitlist: doc.waitlist.filter((m) => m !== ctx.memberId), updatedAt: ctx.now.toISOString() };
        let promoted: string | null = null;
        if (mine.status === 'confirmed') {
          const [first, ...rest] = next.waitlist;
          if (first) {
            const waiting = await tx.get('activitySignups', signupId(doc.id, first));
            if (waiting) await tx.set('activitySignups', { ...waiting, status: 'confirmed' });
            promoted = first;
            next = { ...next, waitlist: rest };
          } else {
            next = { ...next, confirmed: doc.confirmed - 1 };
          }
        }
        await tx.set('activities', next);
        await tx.set('activitySignups', { ...mine, status: 'cancelled' });
        return { promoted };
      });
      await pushLiveCard(ctx, params.activityId);
      return answer;
    },
  },
  checkIn: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, activityId: idSchema, memberId: idSchema }),
    async handle(ctx, params) {
      return ctx.write(async (tx) => {
        const doc = await activityIn(tx, params.activityId);
        assertCreatorOrOwner(ctx, doc.createdBy, ACTIVITY_NOT_YOURS);
        assertNotSelf(ctx, params.memberId, '不能给自己签到');
        if (ctx.now.getTime() < Date.parse(doc.startsAt) - CHECKIN_OPENS_MS) throw new AppError('CONFLICT', '活动开始前 2 小时才能签到');
        const signup = await tx.get('activitySignups', signupId(doc.id, params.memberId));
        if (!signup || signup.status !== 'confirmed') throw new AppError('CONFLICT', '这位会员没有报名成功');
        if (signup.attendedAt) throw new AppError('CONFLICT', '已经签到过了');
        const attendedAt = ctx.now.toISOString();
        await tx.set('activitySignups', { ...signup, attendedAt });
        return { attendedAt };
      });
    },
  },
  summarize: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, activityId: idSchema, summary: text(1, L.summary, '活动总结') }),
    async handle(ctx, params) {
      return ctx.write(async (tx) => {
        const doc = await activityIn(tx, params.activityId);
        assertCreatorOrOwner(ctx, doc.createdBy, ACTIVITY_NOT_YOURS);
        if (ctx.now.getTime() < Date.parse(doc.startsAt)) throw new AppError('CONFLICT', '活动开始后才能写总结');
        const next: ActivityDoc = { ...doc, summary: params.summary, updatedAt: ctx.now.toISOString() };
        await tx.set('activities', next);
        return { activity: view(next, ctx.now) };
      });
    },
  },
  award: {
    access: 'host',
    schema: z.strictObject({
      requestId: requestIdSchema,
      activityId: idSchema,
      memberId: idSchema,
      points: int(1, MAX_AWARD_POINTS, '积分'),
      reason: text(1, L.reason, '发放原因'),
      overrideAttendance: z.optional(z.boolean()),
    }),
    async handle(ctx, params) {
      assertNotSelf(ctx, params.memberId, '不能给自己发活动奖励');
      const override = params.overrideAttendance === true;
      if (override && ctx.role !== 'owner') throw new AppError('FORBIDDEN', '只有群主可以奖励未签到的会员');
      return ctx.write(async (tx) => {
        const doc = await activityIn(tx, params.activityId);
        assertCreatorOrOwner(ctx, doc.createdBy, ACTIVITY_NOT_YOURS);
        if (ctx.now.getTime() < Date.parse(doc.startsAt)) throw new AppError('CONFLICT', '活动开始后才能发奖');
        const signup = await tx.get('activitySignups', signupId(doc.id, params.memberId));
        if (!signup || signup.status !== 'confirmed') throw new AppError('CONFLICT', '只能奖励报名成功的会员');
        if (signup.award) throw new AppError('CONFLICT', '这位会员已经领过本活动的奖励');
        if (!signup.attendedAt && !override) throw new AppError('CONFLICT', '只能奖励已到场签到的会员，请先签到');
        const overrideBy = !signup.attendedAt ? ctx.memberId : null;
        const note = overrideBy ? `${params.reason}（群主特批：未签到）` : params.reason;
        let balance: number;
        try {
          ({ balance } = await post(
            tx,
            params.memberId,
            [{ key: `activity:${doc.id}:${params.memberId}`, delta: params.points, reason: 'activity', ref: doc.title, note, by: ctx.memberId }],
            ctx.now,
            ctx.settings,
          ));
        } catch (error) {
          if (error instanceof DuplicateError) throw new AppError('CONFLICT', '这位会员已经领过本活动的奖励');
          throw error;
        }
        await tx.set('activitySignups', { ...signup, award: { points: params.points, reason: params.reason, by: ctx.memberId, overrideBy } });
        return { points: params.points, balance };
      });
    },
  },
});
