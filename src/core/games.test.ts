import { createHash } from 'node:crypto';
import { drawWinners, livePeriods, luckiestIndex, packetProblem, ranksOf, seedOf, splitPacket } from './games';
import { sha256Hex } from './sha256';

describe('sha256Hex', () => {
  it.each(['', 'abc', '群运抽奖 🎉', 'x'.repeat(200)])('matches node crypto for %j', (text) => {
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});

describe('splitPacket', () => {
  it('gives every lucky share at least 1 point, adding up to the total, the same for the same seed', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const count = 1 + (seed % 200);
      const total = count + seed * 7;
      const shares = splitPacket(total, count, 'lucky', seed);
      expect(shares).toHaveLength(count);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
      expect(Math.min(...shares)).toBeGreaterThanOrEqual(1);
      expect(splitPacket(total, count, 'lucky', seed)).toEqual(shares);
    }
  });

  it('splits an equal packet evenly and refuses what cannot be split', () => {
    expect(splitPacket(100, 4, 'equal', 1)).toEqual([25, 25, 25, 25]);
    expect(packetProblem(3, 5, 'lucky')).toBe('总积分不能少于红包个数（每个红包至少 1 积分）');
    expect(packetProblem(10, 3, 'equal')).toContain('整数倍');
    expect(packetProblem(200, 200, 'lucky')).toBeNull();
  });

  it('actually varies lucky shares', () => {
    expect(new Set(splitPacket(1000, 10, 'lucky', seedOf('P1'))).size).toBeGreaterThan(3);
  });
});

describe('drawWinners', () => {
  it('is a function of the seed and the set of codes, not their order', () => {
    const codes = ['0a1b2c3d', 'ffff0000', '12345678', '9abcdef0', '55555555'];
    const a = drawWinners('seed-1', codes, 3);
    expect(drawWinners('seed-1', [...codes].reverse(), 3)).toEqual(a);
    expect(new Set(a).size).toBe(3);
    expect(drawWinners('seed-1', codes, 10)).toHaveLength(5);
  });
});

describe('boards', () => {
  it('ranks ties together and shows today and yesterday for a streak', () => {
    expect(ranksOf([9, 7, 7, 3])).toEqual([1, 2, 2, 4]);
    expect(livePeriods('rolling', '2026-12-08')).toEqual(['2026-12-08', '2026-12-07']);
    expect(livePeriods('month', '2026-12-08')).toEqual(['2026-12']);
    expect(luckiestIndex([3, 9, 9, 1])).toBe(1);
  });
});
