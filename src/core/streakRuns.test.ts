import { dayKey } from './day';
import { KEPT_RUNS, addDayToRuns, longestOf, runsFromDays, streakFromDays } from './streakRuns';

describe('streak from a set of checked days', () => {
  it('counts consecutive days ending today or yesterday across month and year ends', () => {
    const days = ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01'];
    expect(streakFromDays(days, '2027-01-01')).toBe(4);
    expect(streakFromDays(days, '2027-01-02')).toBe(4);
    expect(streakFromDays(days, '2027-01-03')).toBe(0);
    expect(streakFromDays(['2026-02-27', '2026-02-28', '2026-03-01'], '2026-03-01')).toBe(3);
    expect(streakFromDays(['2028-02-28', '2028-02-29', '2028-03-01'], '2028-03-01')).toBe(3);
    expect(streakFromDays([], '2026-03-01')).toBe(0);
  });

  it('follows the community day, not UTC: 23:30 and 00:30 Shanghai are two days, 08:00 UTC apart', () => {
    const late = dayKey('2026-11-30T15:30:00Z', 'Asia/Shanghai');
    const early = dayKey('2026-11-30T16:30:00Z', 'Asia/Shanghai');
    expect([late, early]).toEqual(['2026-11-30', '2026-12-01']);
    expect(streakFromDays([late, early], early)).toBe(2);
    // The same two instants fall on one UTC day: counted in UTC they would be a single day.
    expect(dayKey('2026-11-30T15:30:00Z', 'UTC')).toBe(dayKey('2026-11-30T16:30:00Z', 'UTC'));
  });

  it('ignores duplicates and order, and a day in the future of "today"', () => {
    expect(streakFromDays(['2026-05-03', '2026-05-02', '2026-05-03', '2026-05-01', '2026-05-09'], '2026-05-03')).toBe(3);
  });

  it('joins two runs when the gap between them is filled', () => {
    let runs = runsFromDays(['2026-05-01', '2026-05-02', '2026-05-04', '2026-05-05']);
    expect(runs).toEqual([
      { from: '2026-05-01', to: '2026-05-02' },
      { from: '2026-05-04', to: '2026-05-05' },
    ]);
    runs = addDayToRuns(runs, '2026-05-03');
    expect(runs).toEqual([{ from: '2026-05-01', to: '2026-05-05' }]);
    expect(longestOf(runs, 2)).toBe(5);
    expect(addDayToRuns(runs, '2026-05-03')).toEqual(runs);
  });

  it('keeps only the most recent runs', () => {
    const days = Array.from({ length: 40 }, (_, i) => `2026-01-${String((i % 15) * 2 + 1).padStart(2, '0')}`);
    let runs = runsFromDays([]);
    for (const d of days) runs = addDayToRuns(runs, d);
    expect(runs).toHaveLength(KEPT_RUNS);
    expect(runs[runs.length - 1]).toEqual({ from: '2026-01-29', to: '2026-01-29' });
  });
});
