import { campaignDayIndex, campaignEnd, campaignPhase, completesCampaign } from './campaign';

describe('campaign days', () => {
  it('runs `length` community days across a month end', () => {
    expect(campaignEnd('2026-06-25', 7)).toBe('2026-07-01');
    expect(campaignEnd('2026-06-25', 1)).toBe('2026-06-25');
    expect(campaignDayIndex('2026-06-25', 7, '2026-06-24')).toBeNull();
    expect(campaignDayIndex('2026-06-25', 7, '2026-06-25')).toBe(1);
    expect(campaignDayIndex('2026-06-25', 7, '2026-07-01')).toBe(7);
    expect(campaignDayIndex('2026-06-25', 7, '2026-07-02')).toBeNull();
  });

  it('is upcoming, active through the last day, then ended', () => {
    expect(campaignPhase('2026-06-25', '2026-07-01', '2026-06-24')).toBe('upcoming');
    expect(campaignPhase('2026-06-25', '2026-07-01', '2026-07-01')).toBe('active');
    expect(campaignPhase('2026-06-25', '2026-07-01', '2026-07-02')).toBe('ended');
  });

  it('is completed only by a check-in on every day', () => {
    expect(completesCampaign(7, 7)).toBe(true);
    expect(completesCampaign(6, 7)).toBe(false);
  });
});
