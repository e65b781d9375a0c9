import * as z from 'zod/mini';
import type { CalendarDayStatus, CheckinCalendar, MakeupDone } from '../../../../types/api';
import { setRollingBoards } from '../../domain/boards';
import { nextMilestone, rewardFor } from '../../../core/checkinRules';
import { addDays, dayKey, isDayKey } from '../../../core/day';
import { AppError } from '../../../core/errors';
import { makeupCandidates, makeupRefusal, monthOf, runsOfState, streakAfterMakeup } from '../../../core/makeup';
import { EMPTY_STREAK, currentStreak, type StreakState } from '../../../core/streak';
import { addDayToRuns, runsContain, type DayRun } from '../../../core/streakRuns';
import { requestIdSchema, type Route, type RouteContext } from '../../kernel/handler';
import { post, type Posting } from '../../domain/ledger';
import { carried, withMemberState, type MemberState, type StreakFields } from '../../domain/memberState';
import type { CheckinDoc } from '../../domain/model';
import { DuplicateError, type Tx } from '../../store/port';

/** Longest run a legacy stats document (from before run tracking) is walked back through. */
const LEGACY_WALK = 400;

function checkinDocId(memberId: string, day: string): string {
  return `${memberId}:${day}`;
}

function stateOf(doc: StreakFields | undefined): StreakState {
  return doc ? { lastDay: doc.lastDay, streak: doc.streak, longest: doc.longest, total: doc.total } : EMPTY_STREAK;
}

/**
 * The runs of checked days next to `day`. Stored runs are trusted, but stats written before runs
 * were tracked only know their latest run, so the neighbours of `day` (back until a gap, forward
 * to today: at most the window) are confirmed from the check-in documents themselves.
 */
async function runsAround(tx: Tx, memberId: string, doc: StreakFields | undefined, day: string, today: string): Promise<DayRun[]> {
  if (!doc) return [];
  let runs = runsOfState(doc);
  for (let d = addDays(day, -1), i = 0; i < LEGACY_WALK && !runsContain(runs, d); d = addDays(d, -1), i += 1) {
    if (!(await tx.get('checkins', checkinDocId(memberId, d)))) break;
    runs = addDayToRuns(runs, d);
  }
  for (let d = addDays(day, 1); d <= today; d = addDays(d, 1)) {
    if (!runsContain(runs, d) && (await tx.get('checkins', checkinDocId(memberId, d)))) runs = addDayToRuns(runs, d);
  }
  return runs;
}

function daysOfMonth(month: string): string[] {
  const days: string[] = [];
  for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) days.push(d);
  return days;
}

/** `checkin.calendar`: one month (default: the current community month) of checked / made-up / missed days, the streak card and the makeup allowance. */
export const calendarRoute: Route<{ month?: string }, CheckinCalendar> = {
  access: 'member',
  schema: z.strictObject({ month: z.optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/))) }),
  async handle(ctx, params) {
    const { timezone, checkin: rules } = ctx.settings;
    const today = dayKey(ctx.now, timezone);
    const month = params.month ?? monthOf(today);
    const joinDay = ctx.member?.joinDay ?? today;
    const days = daysOfMonth(month);
    const windowFrom = addDays(today, -rules.makeup.windowDays);
    const [monthDocs, windowDocs, statsDoc, usage, inventory] = await Promise.all([
      ctx.store.find('checkins', {
        where: { memberId: ctx.memberId, day: { $gte: days[0], $lte: days[days.length - 1] } },
        orderBy: { field: 'day', direction: 'asc' },
        limit: 31,
      }),
      ctx.store.find('checkins', {
        where: { memberId: ctx.memberId, day: { $gte: windowFrom, $lte: today } },
        orderBy: { field: 'day', direction: 'asc' },
        limit: 8,
      }),
      ctx.store.get('accounts', ctx.memberId).then((account) => carried(account).streak),
      ctx.store.get('makeupUsage', `${ctx.memberId}:${monthOf(today)}`),
      ctx.store.get('inventory', ctx.memberId),
    ]);
    const byDay = new Map(monthDocs.docs.map((d) => [d.day, d]));
    const status = (day: string): CalendarDayStatus => {
      const doc = byDay.get(day);
      if (doc) return doc.makeup ? 'makeup' : 'checked';
      if (day > today) return 'future';
      if (day === today) return 'today';
      return day < joinDay ? 'before_join' : 'missed';
    };
    const stats = stateOf(statsDoc);
    const streak = currentStreak(stats, today);
    const checkedIn = stats.lastDay === today;
    const used = usage?.count ?? 0;
    const quotaLeft = used < rules.makeup.monthlyQuota;
    return {
      month,
      today,
      days: days.map((day) => {
        const note = byDay.get(day)?.note;
        return note ? { day, status: status(day), note } : { day, status: status(day) };
      }),
      checkedIn,
      streak,
      longestStreak: stats.longest,
      todayReward: rewardFor(checkedIn ? streak : streak + 1, rules).total,
      nextMilestone: nextMilestone(streak, rules),
      makeup: {
        windowDays: rules.makeup.windowDays,
        monthlyQuota: rules.makeup.monthlyQuota,
        usedThisMonth: used,
        costPoints: rules.makeup.costPoints,
        cards: inventory?.makeupCards ?? 0,
        candidates: quotaLeft ? makeupCandidates(today, joinDay, rules.makeup.windowDays, new Set(windowDocs.docs.map((d) => d.day))) : [],
      },
    };
  },
};

async function makeUp(ctx: RouteContext, tx: Tx, state: MemberState, day: string, today: string): Promise<MakeupDone> {
  const { checkin: rules } = ctx.settings;
  const joinDay = ctx.member?.joinDay ?? today;
  const month = monthOf(today);
  const usageId = `${ctx.memberId}:${month}`;
  const usage = await tx.get('makeupUsage', usageId);
  const refusal = makeupRefusal({ day, today, joinDay, rules: rules.makeup, usedThisMonth: usage?.count ?? 0 });
  if (refusal) throw new AppError(refusal.code, refusal.message);

  const inventory = await tx.get('inventory', ctx.memberId);
  const paidWith = inventory && inventory.makeupCards > 0 ? 'card' : 'points';
  const cost = paidWith === 'points' ? rules.makeup.costPoints : 0;
  const doc: CheckinDoc = { id: checkinDocId(ctx.memberId, day), memberId: ctx.memberId, day, at: ctx.now.toISOString(), makeup: { paidWith, cost, on: today } };
  try {
    await tx.create('checkins', doc);
  } catch (error) {
    if (error instanceof DuplicateError) throw new AppError('CONFLICT', `${day} 已经签到过了，无需补签`);
    throw error;
  }
  if (inventory) {
    await tx.set('inventory', { ...inventory, makeupCards: inventory.makeupCards - (paidWith === 'card' ? 1 : 0), updatedAt: ctx.now.toISOString() });
  }

  const statsDoc = carried(state.account).streak;
  const runs = await runsAround(tx, ctx.memberId, statsDoc, day, today);
  const next = streakAfterMakeup(stateOf(statsDoc), runs, day);
  state.account = { ...state.account, streak: { ...next.state, runs: next.runs } };
  if (next.state.lastDay) setRollingBoards(state, 'streak', next.state.streak, next.state.lastDay, ctx.now);
  await tx.set('makeupUsage', { id: usageId, memberId: ctx.memberId, month, count: (usage?.count ?? 0) + 1, days: [...(usage?.days ?? []), day] });

  // A makeup earns the base reward only: no milestone bonus, even when it completes one.
  const base = rewardFor(0, rules).base;
  const postings: Posting[] = [];
  if (cost > 0) postings.push({ key: `makeup:${ctx.memberId}:${day}`, delta: -cost, reason: 'makeup', ref: day });
  if (base > 0) postings.push({ key: `checkin:${ctx.memberId}:${day}`, delta: base, reason: 'checkin', ref: `${day} 补签` });
  let balance = 0;
  try {
    balance = (await post(tx, ctx.memberId, postings, ctx.now, ctx.settings)).balance;
  } catch (error) {
    if (error instanceof AppError && error.code === 'INSUFFICIENT_POINTS') {
      throw new AppError('INSUFFICIENT_POINTS', `积分不足：补签需要 ${cost} 积分`);
    }
    throw error;
  }
  return { day, streak: currentStreak(next.state, today), paidWith, cost, awarded: base, balance };
}

/**
 * `checkin.makeup` (补签): fill a missed day inside the window, within the monthly quota, paid with
 * a makeup card when the member has one, else points; restores the streak and earns the base
 * reward only. Errors: VALIDATION (not a past day in the window), LIMIT_REACHED (quota),
 * CONFLICT (already checked), INSUFFICIENT_POINTS.
 */
export const makeupRoute: Route<{ requestId: string; day: string }, MakeupDone> = {
  access: 'member',
  schema: z.strictObject({ requestId: requestIdSchema, day: z.string().check(z.refine(isDayKey)) }),
  async handle(ctx, { day }) {
    const today = dayKey(ctx.now, ctx.settings.timezone);
    // The streak shares the account document with the balance: one read, one write.
    return ctx.write((tx) => withMemberState(tx, ctx.memberId, (state) => makeUp(ctx, tx, state, day, today)));
  },
};
