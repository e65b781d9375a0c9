import { EMPTY_STREAK, advanceStreak, currentStreak } from './streak';

describe('streak', () => {
  it('starts at 1 and grows on consecutive days across a month end', () => {
    let s = advanceStreak(EMPTY_STREAK, '2026-01-30');
    s = advanceStreak(s, '2026-01-31');
    s = advanceStreak(s, '2026-02-01');
    expect(s).toEqual({ lastDay: '2026-02-01', streak: 3, longest: 3, total: 3 });
  });

  it('restarts after a missed day but keeps the longest streak', () => {
    let s = advanceStreak(EMPTY_STREAK, '2026-12-30');
    s = advanceStreak(s, '2026-12-31');
    s = advanceStreak(s, '2027-01-02');
    expect(s.streak).toBe(1);
    expect(s.longest).toBe(2);
    expect(s.total).toBe(3);
  });

  it('shows the streak while it ends today or yesterday, and 0 once a day is missed', () => {
    const s = advanceStreak(advanceStreak(EMPTY_STREAK, '2026-05-01'), '2026-05-02');
    expect(currentStreak(s, '2026-05-02')).toBe(2);
    expect(currentStreak(s, '2026-05-03')).toBe(2);
    expect(currentStreak(s, '2026-05-04')).toBe(0);
    expect(currentStreak(EMPTY_STREAK, '2026-05-04')).toBe(0);
  });
});
