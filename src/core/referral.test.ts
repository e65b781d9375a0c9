import { activationOutcome, exceedsVelocity, maskName, milestoneBonus } from './referral';
import { DEFAULT_SETTINGS } from './settings';

const rules = DEFAULT_SETTINGS.referral;

describe('referral rewards', () => {
  it('pays activation up to the daily cap, exactly at the boundary', () => {
    expect(activationOutcome(rules, 0, null, null)).toEqual({ status: 'paid', amount: 50 });
    expect(activationOutcome(rules, 9, null, null)).toEqual({ status: 'paid', amount: 50 });
    expect(activationOutcome(rules, 10, null, null)).toEqual({ status: 'capped', amount: 0 });
  });

  it('holds unreviewed suspicious referrals and never pays rejected ones', () => {
    expect(activationOutcome(rules, 0, 'velocity', null).status).toBe('held');
    expect(activationOutcome(rules, 0, 'velocity', 'approved').status).toBe('paid');
    expect(activationOutcome(rules, 0, 'risk', 'rejected').status).toBe('rejected');
    expect(activationOutcome(rules, 0, null, 'rejected').status).toBe('rejected');
  });

  it('pays milestone bonuses exactly at 5 and 20 rewarded activations', () => {
    expect([4, 5, 6, 19, 20, 21].map((n) => milestoneBonus(rules, n))).toEqual([0, 100, 0, 0, 500, 0]);
  });

  it('holds the registration after the 20th in one hour', () => {
    expect(exceedsVelocity(rules, 19)).toBe(false);
    expect(exceedsVelocity(rules, 20)).toBe(true);
  });

  it('masks invitee names', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('林')).toBe('*');
  });
});
