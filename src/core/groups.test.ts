import { codeState, defaultCapacity, groupStage, pickCode, poolWarnings, prizeShare, rankPk, ratePermille, rateScore, weekKey } from './groups';

describe('group rules', () => {
  it('sizes a 小群 under 40 and other groups at 200', () => {
    expect(defaultCapacity('small')).toBe(40);
    expect(defaultCapacity('big')).toBe(200);
    expect(defaultCapacity('branch')).toBe(200);
  });

  it('picks the first QR that is neither full nor expired', () => {
    const now = '2026-08-01T00:00:00.000Z';
    const full = { groupId: 'a', expiresAt: '2026-08-05T00:00:00.000Z', capacity: 2, filled: 2 };
    const expired = { groupId: 'b', expiresAt: '2026-07-31T00:00:00.000Z', capacity: 9, filled: 0 };
    const none = { groupId: 'c', expiresAt: null, capacity: 9, filled: 0 };
    const open = { groupId: 'd', expiresAt: '2026-08-02T00:00:00.000Z', capacity: 9, filled: 8 };
    expect(pickCode([full, expired, none, open], now)?.groupId).toBe('d');
    expect(pickCode([full, expired], now)).toBeNull();
    expect(codeState(expired, now)).toEqual({ full: false, expired: true });
  });

  it('warns 24 h before a QR expires and when every group of a pool is full', () => {
    const now = Date.parse('2026-08-01T00:00:00Z');
    const soon = { groupId: 'a', name: '一群', expiresAt: '2026-08-01T20:00:00.000Z', capacity: 2, filled: 2 };
    const later = { groupId: 'b', name: '二群', expiresAt: '2026-08-05T00:00:00.000Z', capacity: 2, filled: 2 };
    expect(poolWarnings([soon, later], now)).toEqual(['「一群」的群二维码将在 24 小时内过期，请及时更换', '这个活码里的群都已满员，请新建一个群并上传二维码']);
    expect(poolWarnings([{ ...later, filled: 0 }], now)).toEqual([]);
  });

  it('ranks PK groups by rate with ties sharing first place and the prize', () => {
    const { ranked, winners } = rankPk([
      { groupId: 'a', score: 500 },
      { groupId: 'b', score: 800 },
      { groupId: 'c', score: 800 },
    ]);
    expect(ranked.map((l) => [l.groupId, l.rank])).toEqual([['b', 1], ['c', 1], ['a', 3]]);
    expect(winners).toEqual(['b', 'c']);
    expect(prizeShare(50, 2)).toBe(25);
    expect(prizeShare(1, 3)).toBe(1);
    expect(prizeShare(0, 1)).toBe(0);
    expect(rankPk([{ groupId: 'a', score: 0 }]).winners).toEqual([]);
  });

  it('computes rates in per mille and the Monday of a week', () => {
    expect(ratePermille(12, 5, 3)).toBe(800);
    expect(ratePermille(3, 0, 3)).toBe(0);
    // 91/231 and 149/378 both read 39.4%, but only equal rates tie for first place.
    expect(ratePermille(91, 33, 7)).toBe(ratePermille(149, 54, 7));
    expect(rankPk([{ groupId: 'run', score: rateScore(91, 33, 7) }, { groupId: 'read', score: rateScore(149, 54, 7) }]).winners).toEqual(['read']);
    expect(rateScore(4, 2, 2)).toBe(1_000_000);
    expect(weekKey('2026-06-10')).toBe('2026-06-08');
    expect(weekKey('2026-06-14')).toBe('2026-06-08');
    expect(weekKey('2026-06-15')).toBe('2026-06-15');
  });

  it('names a lifecycle stage with its reason', () => {
    expect(groupStage({ seen: 5, rate7: 0, ratePrev7: 0, silentPermille: 0 }).stage).toBe('起步');
    expect(groupStage({ seen: 50, rate7: 300, ratePrev7: 300, silentPermille: 700 })).toEqual({ stage: '衰退', reason: '70.0% 的成员 30 天没有动静' });
    expect(groupStage({ seen: 50, rate7: 200, ratePrev7: 400, silentPermille: 100 }).stage).toBe('衰退');
    expect(groupStage({ seen: 50, rate7: 500, ratePrev7: 400, silentPermille: 100 }).stage).toBe('成长');
    expect(groupStage({ seen: 50, rate7: 410, ratePrev7: 400, silentPermille: 100 }).stage).toBe('稳定');
  });
});
