import * as z from 'zod/mini';
import { setRollingBoards } from '../../domain/boards';
import { nextMilestone, rewardFor } from '../../../core/checkinRules';
import { addDays, dayKey, dayRange } from '../../../core/day';
import { AppError } from '../../../core/errors';
import { EMPTY_STREAK, advanceStreak, currentStreak, type StreakState } from '../../../core/streak';
import { runsOfState } from '../../../core/makeup';
import { addDayToRuns } from '../../../core/streakRuns';
import { recordActivity } from '../../domain/funnelRollups';
import { recordGroupCheckin } from '../../domain/groupRecords';
import { boostedReward } from '../../domain/growth';
import { activateReferral } from '../../domain/referralRecords';
import { defineFunction, requestIdSchema } from '../../kernel/handler';
import { post, type Posting } from '../../domain/ledger';
import { carried, withMemberState, type StreakFields } from '../../domain/memberState';
import type { CheckinDoc } from '../../domain/model';
import { DuplicateError } from '../../store/port';
import { calendarRoute, makeupRoute } from './makeup';
import { noteRoute } from './notes';
import { shareRoute, shareStatsRoute } from './share';

const ALREADY = '今天已经签到过了，明天再来吧';

function streakOf(doc: StreakFields | undefined): StreakState {
  return doc ? { lastDay: doc.lastDay, streak: doc.streak, longest: doc.longest, total: doc.total } : EMPTY_STREAK;
}

/** Id of a member's check-in on a community day; at most one can exist. */
export function checkinId(memberId: string, day: string): string {
  return `${memberId}:${day}`;
}

/** `checkin`: the daily check-in and today's streak card. */
export const checkinFunction = defineFunction('checkin', {
  do: {
    access: 'member',
    schema: z.strictObject({ requestId: requestIdSchema }),
    async handle(ctx, _params) {
      const { timezone, checkin: rules } = ctx.settings;
      const day = dayKey(ctx.now, timezone);
      // The streak, account, growth and funnel milestones share the account document: one read, one write.
      return ctx.write((tx) => withMemberState(tx, ctx.memberId, async (state) => {
        const statsDoc = carried(state.account).streak;
        const stats = streakOf(statsDoc);
        if (stats.lastDay !== null && stats.lastDay >= day) throw new AppError('CONFLICT', ALREADY);
        const doc: CheckinDoc = { id: checkinId(ctx.memberId, day), memberId: ctx.memberId, day, at: ctx.now.toISOString() };
        try {
          await tx.create('checkins', doc);
        } catch (error) {
          if (error instanceof DuplicateError) throw new AppError('CONFLICT', ALREADY);
          throw error;
        }
        const next = advanceStreak(stats, day);
        state.account = { ...state.account, streak: { ...next, runs: addDayToRuns(statsDoc ? runsOfState(statsDoc) : [], day) } };
        setRollingBoards(state, 'streak', next.streak, day, ctx.now);
        const reward = boostedReward(rewardFor(next.streak, rules), ctx.member, ctx.now, ctx.settings);
        const postings: Posting[] = [];
        if (reward.base > 0) postings.push({ key: `checkin:${ctx.memberId}:${day}`, delta: reward.base, reason: 'checkin', ref: day });
        if (reward.bonus > 0) {
          postings.push({ key: `streak_bonus:${ctx.memberId}:${day}`, delta: reward.bonus, reason: 'streak_bonus', ref: `连续 ${next.streak} 天` });
        }
        // A first check-in activates the member's referral: the inviter is paid, and any welcome
        // reward joins this posting so the member's account is written once.
        const welcome = stats.total === 0 ? await activateReferral(tx, ctx.memberId, ctx.now, ctx.settings) : [];
        postings.push(...welcome);
        const { balance } = postings.length > 0 ? await post(tx, ctx.memberId, postings, ctx.now, ctx.settings) : { balance: 0 };
        await recordActivity(tx, ctx.memberId, day, 'checkin', ctx.now, ctx.settings);
        // The member's WeChat groups count this check-in on their boards (issue 15).
        await recordGroupCheckin(tx, ctx.memberId, day, next.streak, reward.total);
        return { day, streak: next.streak, awarded: reward.total + welcome.reduce((sum, p) => sum + p.delta, 0), balance };
      }));
    },
  },
  today: {
    access: 'member',
    schema: z.strictObject({}),
    async handle(ctx) {
      const { timezone, checkin: rules } = ctx.settings;
      const day = dayKey(ctx.now, timezone);
      const stats = streakOf(carried(await ctx.store.get('accounts', ctx.memberId)).streak);
      const streak = currentStreak(stats, day);
      const checkedIn = stats.lastDay === day;
      const from = addDays(day, -29);
      const recent = await ctx.store.find('checkins', {
        where: { memberId: ctx.memberId, day: { $gte: from, $lte: day } },
        orderBy: { field: 'day', direction: 'asc' },
        limit: 31,
      });
      const checked = new Set(recent.docs.map((d) => d.day));
      return {
        day,
        checkedIn,
        streak,
        longestStreak: stats.longest,
        totalDays: stats.total,
        todayReward: boostedReward(rewardFor(checkedIn ? streak : streak + 1, rules), ctx.member, ctx.now, ctx.settings).total,
        nextMilestone: nextMilestone(streak, rules),
        lastDays: dayRange(day, 30).map((d) => ({ day: d, checked: checked.has(d) })),
      };
    },
  },
  calendar: calendarRoute,
  makeup: makeupRoute,
  note: noteRoute,
  share: shareRoute,
  shareStats: shareStatsRoute,
});
