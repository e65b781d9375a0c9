import {
  DEFAULT_TIER_SETTINGS as P,
  addGrowth,
  afterGrowth,
  effectiveTier,
  evaluateTier,
  expiringBy,
  growthOn,
  keepTierPreview,
  keepTierText,
  meetsTier,
  multiplied,
  multipliedReward,
  nextEvaluationDay,
  progressToNext,
  reminderLeadDue,
  tierFor,
  tierName,
} from './tiers';

const T = P.table;

describe('growth window', () => {
  it('counts a credit through windowDays − 1 days later and not a day after', () => {
    const b = addGrowth({}, '2026-01-01', 100, 365);
    expect(growthOn(b, '2026-01-01', 365)).toBe(100);
    expect(growthOn(b, '2026-12-31', 365)).toBe(100); // day 365 of the window
    expect(growthOn(b, '2027-01-01', 365)).toBe(0); // day 366: gone
  });

  it('ignores future buckets and sums several days', () => {
    let b = addGrowth({}, '2026-03-01', 10, 30);
    b = addGrowth(b, '2026-03-15', 20, 30);
    b = addGrowth(b, '2026-03-15', 5, 30);
    expect(growthOn(b, '2026-03-14', 30)).toBe(10);
    expect(growthOn(b, '2026-03-30', 30)).toBe(35);
    expect(growthOn(b, '2026-03-31', 30)).toBe(25);
  });

  it('prunes buckets that can no longer count and tells what leaves the window by a date', () => {
    let b = addGrowth({}, '2026-01-01', 100, 10);
    b = addGrowth(b, '2026-01-05', 50, 10);
    expect(expiringBy(b, '2026-01-05', '2026-01-10', 10)).toBe(0);
    expect(expiringBy(b, '2026-01-05', '2026-01-11', 10)).toBe(100);
    expect(expiringBy(b, '2026-01-05', '2026-01-15', 10)).toBe(150);
    b = addGrowth(b, '2026-01-11', 1, 10);
    expect(Object.keys(b)).toEqual(['2026-01-05', '2026-01-11']);
  });
});

describe('tier table', () => {
  it('keeps the original helpers working', () => {
    expect(tierFor(499).key).toBe('normal');
    expect(tierFor(500).key).toBe('silver');
    expect(tierFor(5000, T).badge).toBe('钻');
    expect(meetsTier('gold', 'silver')).toBe(true);
    expect(meetsTier('silver', 'gold')).toBe(false);
    expect(tierName('gold')).toBe('黄金');
  });

  it('upgrades at once, several steps if earned, and never lowers on growth', () => {
    expect(afterGrowth({ tier: 'normal', graceUntil: null }, 2100, T)).toEqual({ tier: 'gold', graceUntil: null, upgraded: true });
    expect(afterGrowth({ tier: 'gold', graceUntil: '2026-02-01' }, 600, T)).toEqual({ tier: 'gold', graceUntil: '2026-02-01', upgraded: false });
    expect(afterGrowth({ tier: 'gold', graceUntil: '2026-02-01' }, 2000, T)).toEqual({ tier: 'gold', graceUntil: null, upgraded: false });
  });

  it('shows progress to the next tier', () => {
    expect(progressToNext(1250, T)).toMatchObject({ need: 750, fraction: 0.5 });
    expect(progressToNext(1250, T).next?.key).toBe('gold');
    expect(progressToNext(9000, T)).toEqual({ next: null, need: 0, fraction: 1 });
  });
});

describe('monthly evaluation', () => {
  const s = { graceDays: 30, table: T };

  it('starts a grace first, keeps the tier during it, then lowers exactly one step', () => {
    const first = evaluateTier({ tier: 'diamond', graceUntil: null }, 100, '2026-03-01', s);
    expect(first).toEqual({ tier: 'diamond', graceUntil: '2026-03-31', outcome: 'grace_started' });
    const during = evaluateTier(first, 100, '2026-03-30', s);
    expect(during).toEqual({ tier: 'diamond', graceUntil: '2026-03-31', outcome: 'in_grace' });
    const after = evaluateTier(first, 100, '2026-04-01', s);
    expect(after.tier).toBe('gold'); // one step, although growth 100 earns only 普通
    expect(after.outcome).toBe('downgraded');
    expect(after.graceUntil).toBe('2026-05-01'); // the next step needs its own grace
    const next = evaluateTier(after, 100, '2026-05-01', s);
    expect(next.tier).toBe('silver');
  });

  it('clears the grace when growth is back and ends grace after the last step', () => {
    expect(evaluateTier({ tier: 'gold', graceUntil: '2026-03-31' }, 2000, '2026-04-01', s)).toEqual({ tier: 'gold', graceUntil: null, outcome: 'kept' });
    expect(evaluateTier({ tier: 'gold', graceUntil: '2026-03-31' }, 600, '2026-04-01', s)).toEqual({ tier: 'silver', graceUntil: null, outcome: 'downgraded' });
  });

  it('evaluates on the first of the next month', () => {
    expect(nextEvaluationDay('2026-01-31')).toBe('2026-02-01');
    expect(nextEvaluationDay('2026-12-01')).toBe('2027-01-01');
  });
});

describe('keep-tier preview', () => {
  const s = { windowDays: 365, table: T };

  it('counts growth leaving the window before the deadline', () => {
    let b = addGrowth({}, '2025-03-10', 1500, 365);
    b = addGrowth(b, '2026-02-01', 600, 365);
    // On 2026-03-01: growth 2100 (gold); by the grace end 2026-03-31 the 1500 from 2025-03-10 is gone.
    expect(growthOn(b, '2026-03-01', 365)).toBe(2100);
    const p = keepTierPreview({ tier: 'gold', graceUntil: '2026-03-31' }, b, '2026-03-01', s);
    expect(p).toMatchObject({ tier: 'gold', need: 1400, by: '2026-03-31', days: 30, inGrace: true });
    expect(keepTierText(p!)).toBe('30 天内再获得 1400 成长值可保持黄金');
  });

  it('uses the next evaluation outside a grace, and says when the tier is safe', () => {
    const b = addGrowth({}, '2026-02-20', 2100, 365);
    const p = keepTierPreview({ tier: 'gold', graceUntil: null }, b, '2026-03-10', s);
    expect(p).toMatchObject({ need: 0, by: '2026-04-01', days: 22 });
    expect(keepTierText(p!)).toContain('将保持黄金');
    expect(keepTierPreview({ tier: 'normal', graceUntil: null }, b, '2026-03-10', s)).toBeNull();
  });
});

describe('benefits', () => {
  it('multiplies once and rounds to whole points', () => {
    expect(multiplied(10, 'normal', T)).toBe(10);
    expect(multiplied(10, 'gold', T)).toBe(12);
    expect(multiplied(15, 'silver', T)).toBe(17); // 16.5 rounds up
    expect(multipliedReward({ base: 10, bonus: 50, total: 60 }, 'diamond', T)).toEqual({ base: 15, bonus: 75, total: 90 });
  });

  it('lifts the tier to the VIP floor only while VIP lasts', () => {
    const vip = { floorTier: 'gold' as const };
    expect(effectiveTier({ tier: 'silver', vipUntil: '2026-05-01T00:00:00.000Z' }, '2026-04-01T00:00:00.000Z', T, vip)).toBe('gold');
    expect(effectiveTier({ tier: 'silver', vipUntil: '2026-05-01T00:00:00.000Z' }, '2026-05-01T00:00:00.000Z', T, vip)).toBe('silver');
    expect(effectiveTier({ tier: 'diamond', vipUntil: '2026-05-01T00:00:00.000Z' }, '2026-04-01T00:00:00.000Z', T, vip)).toBe('diamond');
    expect(effectiveTier(null, '2026-04-01T00:00:00.000Z', T, vip)).toBe('normal');
  });

  it('picks the most urgent renewal reminder that is due', () => {
    const until = '2026-05-10T16:00:00.000Z';
    expect(reminderLeadDue(until, '2026-05-02T16:00:00.000Z', [7, 1])).toBeNull();
    expect(reminderLeadDue(until, '2026-05-03T16:00:00.000Z', [7, 1])).toBe(7);
    expect(reminderLeadDue(until, '2026-05-09T16:00:00.000Z', [7, 1])).toBe(1);
    expect(reminderLeadDue(until, until, [7, 1])).toBeNull();
  });
});
