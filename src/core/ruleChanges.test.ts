import { checkinRulesProblem, describeRuleChanges } from './ruleChanges';

const rules = {
  basePoints: 5,
  milestones: [{ day: 7, bonus: 20 }],
  dailyCap: null,
  makeup: { windowDays: 3, monthlyQuota: 2, costPoints: 20 },
};

describe('settings change log text', () => {
  it('lists only the changed fields as old → new', () => {
    const after = { ...rules, basePoints: 8, dailyCap: 30, milestones: [], makeup: { ...rules.makeup, costPoints: 10 } };
    expect(describeRuleChanges(rules, after)).toEqual(['基础积分 5 → 8', '连续奖励 7天+20 → 无', '每日上限 不限 → 30', '补签价格 20 积分 → 10 积分']);
    expect(describeRuleChanges(rules, rules)).toEqual([]);
  });
});

describe('check-in rules problems', () => {
  it('accepts the defaults and names the first out-of-range or inconsistent field', () => {
    expect(checkinRulesProblem(rules)).toBeNull();
    expect(checkinRulesProblem({ ...rules, basePoints: Number.NaN })).toBe('每次签到积分需为 0–1000 的整数');
    expect(checkinRulesProblem({ ...rules, milestones: [{ day: 7, bonus: 1 }, { day: 7, bonus: 2 }] })).toBe('连续天数不能重复');
    expect(checkinRulesProblem({ ...rules, dailyCap: 4 })).toBe('每日上限不能低于每次签到积分');
    expect(checkinRulesProblem({ ...rules, dailyCap: 5 })).toBeNull();
    expect(checkinRulesProblem({ ...rules, makeup: { ...rules.makeup, monthlyQuota: 11 } })).toBe('每月补签次数需为 0–10 次');
  });
});
