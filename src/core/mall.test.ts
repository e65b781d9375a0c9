import { blockMessage, blockReason, periodKey, type Redeemable } from './mall';

const item: Redeemable = { pointsPrice: 100, stock: 5, perMemberLimit: 1, minTier: null, saleStartsAt: null, saleEndsAt: null, listed: true };
const shopper = { nowIso: '2026-11-24T02:00:00.000Z', balance: 150, tier: 'normal' as const, used: 0 };

describe('limit periods', () => {
  it('keys days, Monday-started weeks, months and forever', () => {
    expect(periodKey('day', '2026-11-24')).toBe('2026-11-24');
    expect(periodKey('week', '2026-11-24')).toBe('W2026-11-23');
    expect(periodKey('week', '2026-11-29')).toBe('W2026-11-23');
    expect(periodKey('week', '2026-11-30')).toBe('W2026-11-30');
    expect(periodKey('week', '2027-01-01')).toBe('W2026-12-28');
    expect(periodKey('month', '2026-11-24')).toBe('2026-11');
    expect(periodKey('ever', '2026-11-24')).toBe('ever');
  });
});

describe('why an item cannot be redeemed', () => {
  it('allows a listed, in-stock, affordable item within the limit', () => {
    expect(blockReason(item, shopper)).toBeNull();
  });

  it('names each obstacle in priority order', () => {
    expect(blockReason({ ...item, listed: false }, shopper)).toBe('hidden');
    expect(blockReason({ ...item, saleStartsAt: '2026-11-26T02:00:00.000Z' }, shopper)).toBe('not_started');
    expect(blockReason({ ...item, saleEndsAt: '2026-11-24T02:00:00.000Z' }, shopper)).toBe('ended');
    expect(blockReason({ ...item, stock: 0 }, shopper)).toBe('sold_out');
    expect(blockReason({ ...item, minTier: 'gold' }, shopper)).toBe('tier');
    expect(blockReason(item, { ...shopper, used: 1 })).toBe('limit');
    expect(blockReason(item, { ...shopper, balance: 99 })).toBe('points');
    expect(blockReason({ ...item, stock: 2 }, shopper, 3)).toBe('sold_out');
  });

  it('explains a reason in words a member understands', () => {
    expect(blockMessage('not_started', item, shopper, '2026-11-24', '2026-11-27')).toBe('3 天后开抢');
    expect(blockMessage('not_started', item, shopper, '2026-11-24', '2026-11-27', '20:00')).toBe('3 天后开抢（11-27 20:00）');
    expect(blockMessage('not_started', item, shopper, '2026-11-24', '2026-11-24', '20:00')).toBe('今天 20:00 开抢');
    expect(blockMessage('tier', { ...item, minTier: 'gold' }, shopper, '2026-11-24')).toBe('黄金及以上会员可兑换');
    expect(blockMessage('points', item, { ...shopper, balance: 40 }, '2026-11-24')).toBe('积分不足，还差 60');
  });
});
