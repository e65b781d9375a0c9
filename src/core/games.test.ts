import { drawWinners, livePeriods, luckiestIndex, packetProblem, ranksOf, seedOf, splitPacket } from './games';
import { sha256Hex } from './sha256';

describe('sha256Hex', () => {
  // Digests from `openssl dgst -sha256` / node crypto.
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['群运抽奖 🎉', '5a422c22eb5fb80983b51dc50a37aa7947590a29eef411c84b8ef0a7a31f857a'],
    ['x'.repeat(200), 'aa20c23e3201834050679e1d88941b9a6fed0557c9a705cb2c315e2e63fd486d'],
  ])('hashes %j', (text, digest) => {
    expect(sha256Hex(text)).toBe(digest);
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
