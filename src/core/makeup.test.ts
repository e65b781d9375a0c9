import { makeupCandidates, makeupRefusal, runsOfState, streakAfterMakeup } from './makeup';
import { EMPTY_STREAK } from './streak';
import { runsFromDays } from './streakRuns';

const rules = { windowDays: 3, monthlyQuota: 2, costPoints: 20 };
const base = { today: '2026-06-10', joinDay: '2026-05-01', rules, usedThisMonth: 0 };

describe('makeup refusals', () => {
  it('allows a missed day inside the window', () => {
    expect(makeupRefusal({ ...base, day: '2026-06-09' })).toBeNull();
    expect(makeupRefusal({ ...base, day: '2026-06-07' })).toBeNull();
  });

  it('refuses outside the window, today, the future and before joining with VALIDATION', () => {
    expect(makeupRefusal({ ...base, day: '2026-06-06' })).toEqual({ code: 'VALIDATION', message: '只能补签最近 3 天内漏签的日子' });
    expect(makeupRefusal({ ...base, day: '2026-06-10' })?.code).toBe('VALIDATION');
    expect(makeupRefusal({ ...base, day: '2026-06-11' })?.message).toBe('不能补签未来的日子');
    expect(makeupRefusal({ ...base, joinDay: '2026-06-09', day: '2026-06-08' })?.message).toBe('加入社群之前的日子不能补签');
  });

  it('refuses once the monthly quota is used, and when makeup is switched off, with LIMIT_REACHED', () => {
    expect(makeupRefusal({ ...base, day: '2026-06-09', usedThisMonth: 2 })).toEqual({ code: 'LIMIT_REACHED', message: '本月补签次数已用完（每月 2 次）' });
    expect(makeupRefusal({ ...base, day: '2026-06-09', rules: { ...rules, monthlyQuota: 0 } })?.code).toBe('LIMIT_REACHED');
  });

  it('offers the missed days of the window after the join day', () => {
    expect(makeupCandidates('2026-06-10', '2026-05-01', 3, new Set(['2026-06-08']))).toEqual(['2026-06-07', '2026-06-09']);
    expect(makeupCandidates('2026-06-10', '2026-06-09', 3, new Set())).toEqual(['2026-06-09']);
  });
});

describe('streak after a makeup', () => {
  it('joins the runs on both sides of the filled day and raises the longest streak', () => {
    const runs = runsFromDays(['2026-05-29', '2026-05-30', '2026-05-31', '2026-06-02']);
    const state = { lastDay: '2026-06-02', streak: 1, longest: 3, total: 4 };
    const next = streakAfterMakeup(state, runs, '2026-06-01');
    expect(next.state).toEqual({ lastDay: '2026-06-02', streak: 5, longest: 5, total: 5 });
    expect(next.runs).toEqual([{ from: '2026-05-29', to: '2026-06-02' }]);
  });

  it('extends a streak that ended the day before yesterday when yesterday is made up', () => {
    const runs = runsFromDays(['2026-06-07', '2026-06-08']);
    const next = streakAfterMakeup({ lastDay: '2026-06-08', streak: 2, longest: 2, total: 2 }, runs, '2026-06-09');
    expect(next.state).toMatchObject({ lastDay: '2026-06-09', streak: 3, longest: 3 });
  });

  it('starts a streak of 1 for a member with no check-ins', () => {
    expect(streakAfterMakeup(EMPTY_STREAK, [], '2026-06-09').state).toEqual({ lastDay: '2026-06-09', streak: 1, longest: 1, total: 1 });
  });

  it('derives the latest run from stats written before runs were tracked', () => {
    expect(runsOfState({ lastDay: '2026-06-08', streak: 3, longest: 9, total: 20 })).toEqual([{ from: '2026-06-06', to: '2026-06-08' }]);
    expect(runsOfState(EMPTY_STREAK)).toEqual([]);
  });
});
