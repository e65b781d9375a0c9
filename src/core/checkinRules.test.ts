import { DEFAULT_CHECKIN_RULES, nextMilestone, rewardFor, type CheckinRules } from './checkinRules';

describe('check-in reward table', () => {
  it('pays the base on ordinary days and adds the milestone bonus on day 7', () => {
    expect(rewardFor(1, DEFAULT_CHECKIN_RULES)).toEqual({ base: 5, bonus: 0, total: 5 });
    expect(rewardFor(6, DEFAULT_CHECKIN_RULES).total).toBe(5);
    expect(rewardFor(7, DEFAULT_CHECKIN_RULES)).toEqual({ base: 5, bonus: 20, total: 25 });
    expect(rewardFor(8, DEFAULT_CHECKIN_RULES).total).toBe(5);
    expect(rewardFor(30, DEFAULT_CHECKIN_RULES).total).toBe(105);
  });

  it('stacks two milestones on the same day', () => {
    const rules: CheckinRules = { basePoints: 2, milestones: [{ day: 3, bonus: 10 }, { day: 3, bonus: 4 }], dailyCap: null };
    expect(rewardFor(3, rules)).toEqual({ base: 2, bonus: 14, total: 16 });
  });

  it('never pays more than the daily cap', () => {
    const capped = { ...DEFAULT_CHECKIN_RULES, dailyCap: 12 };
    expect(rewardFor(7, capped)).toEqual({ base: 5, bonus: 7, total: 12 });
    expect(rewardFor(2, { ...DEFAULT_CHECKIN_RULES, dailyCap: 3 })).toEqual({ base: 3, bonus: 0, total: 3 });
  });

  it('names the next milestone and how many check-ins are left', () => {
    expect(nextMilestone(0, DEFAULT_CHECKIN_RULES)).toEqual({ day: 7, bonus: 20, daysLeft: 7 });
    expect(nextMilestone(4, DEFAULT_CHECKIN_RULES)).toEqual({ day: 7, bonus: 20, daysLeft: 3 });
    expect(nextMilestone(7, DEFAULT_CHECKIN_RULES)).toEqual({ day: 14, bonus: 40, daysLeft: 7 });
    expect(nextMilestone(30, DEFAULT_CHECKIN_RULES)).toBeNull();
  });
});
