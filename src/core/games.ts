/**
 * Pure rules of the activation games (issue 19): how a red packet is split, who was luckiest,
 * how lottery winners follow from a revealed seed, and which boards exist. Used by the cloud
 * function and by the pages (the lottery page recomputes the draw with the same code).
 */
import { addDays } from './day';
import { periodKey } from './mall';
import { seededRandom } from './prng';
import { sha256Hex } from './sha256';

/** Most shares in one red packet. */
export const PACKET_MAX_COUNT = 200;
/** Most points in one red packet. */
export const PACKET_MAX_TOTAL = 100_000;

/** 拼手气 (random split) or 普通 (equal shares). */
export type PacketKind = 'lucky' | 'equal';

/** Why a packet cannot be split as asked, as a sentence; null when it can. */
export function packetProblem(total: number, count: number, kind: PacketKind): string | null {
  if (total < count) return '总积分不能少于红包个数（每个红包至少 1 积分）';
  if (kind === 'equal' && total % count !== 0) return `普通红包的总积分需是个数的整数倍，例如 ${Math.max(count, Math.floor(total / count) * count)}`;
  return null;
}

/** A 32-bit seed from any text (the packet id), so the split is fixed by the packet itself. */
export function seedOf(text: string): number {
  return parseInt(sha256Hex(text).slice(0, 8), 16) >>> 0;
}

/**
 * The shares of a packet, fixed at sending: equal shares, or a 拼手气 split by the "double mean"
 * rule (each draw between 1 and twice the mean of what is left) from a PRNG seeded by `seed`.
 * Every share ≥ 1 and the shares add up to `total`. Throws when `packetProblem` would refuse.
 */
export function splitPacket(total: number, count: number, kind: PacketKind, seed: number): number[] {
  const problem = packetProblem(total, count, kind);
  if (problem) throw new Error(problem);
  if (kind === 'equal') return Array.from({ length: count }, () => total / count);
  const rand = seededRandom(seed);
  const shares: number[] = [];
  let left = total;
  for (let i = count; i > 1; i -= 1) {
    // Leave at least 1 point for each share still to come.
    const max = Math.min(left - (i - 1), Math.floor((2 * left) / i));
    const share = 1 + Math.floor(rand() * Math.max(1, max));
    shares.push(Math.min(share, max));
    left -= shares[shares.length - 1];
  }
  shares.push(left);
  return shares;
}

/** Index of the luckiest grab (手气最佳): the largest amount, the earliest among equals; -1 when none. */
export function luckiestIndex(amounts: number[]): number {
  let best = -1;
  for (let i = 0; i < amounts.length; i += 1) if (best < 0 || amounts[i] > amounts[best]) best = i;
  return best;
}

/** The public code of one lottery entry (抽奖码): first 8 hex characters of SHA-256(`lotteryId:memberId`). */
export function entryCode(lotteryId: string, memberId: string): string {
  return sha256Hex(`${lotteryId}:${memberId}`).slice(0, 8);
}

/**
 * The winners of a draw, anyone can recompute: sort the entry codes; the i-th winner (0-based) is
 * the code at position `int(first 12 hex of SHA-256("<seed>:<i>")) mod (codes left)` among the
 * codes not yet drawn. Answers `count` codes (fewer when fewer entered), in draw order.
 */
export function drawWinners(seed: string, codes: string[], count: number): string[] {
  const pool = [...codes].sort();
  const winners: string[] = [];
  for (let i = 0; i < count && pool.length > 0; i += 1) {
    const n = parseInt(sha256Hex(`${seed}:${i}`).slice(0, 12), 16);
    winners.push(pool.splice(n % pool.length, 1)[0]);
  }
  return winners;
}

/** What feeds a board: each source is bumped where its figure changes, in the same transaction. */
export type BoardSource = 'streak' | 'points' | 'lessons' | 'praise' | 'contribution';

/**
 * How a board's figure resets: never (a current value, like the streak), each week, each month, or
 * a sliding 30-day window (贡献值, read from `contributions.last30`, not from `boardScores`).
 */
export type BoardPeriod = 'rolling' | 'week' | 'month' | 'last30';

/** One leaderboard: its tab title, unit, source and period. */
export interface BoardDef {
  title: string;
  unit: string;
  source: BoardSource;
  period: BoardPeriod;
}

/**
 * Every board. Adding one is one entry here plus a `feedBoards(state, '<source>', n, …)` call where
 * its figure changes (e.g. a contribution board: `{ title: '本月贡献榜', unit: '分', source: … }`).
 */
export const BOARDS = {
  streak: { title: '连续签到', unit: '天', source: 'streak', period: 'rolling' },
  pointsWeek: { title: '本周积分', unit: '积分', source: 'points', period: 'week' },
  pointsMonth: { title: '本月积分', unit: '积分', source: 'points', period: 'month' },
  lessonsMonth: { title: '本月听课', unit: '节', source: 'lessons', period: 'month' },
  praiseMonth: { title: '本月表扬', unit: '次', source: 'praise', period: 'month' },
  // contribution (issue 19 item 1): the stored 30-day figure of `contributions/<memberId>`
  contribution: { title: '贡献榜', unit: '贡献值', source: 'contribution', period: 'last30' },
} as const satisfies Record<string, BoardDef>;

/** The name of a board. */
export type BoardKey = keyof typeof BOARDS;

/** Board names in tab order. */
export const BOARD_KEYS = Object.keys(BOARDS) as BoardKey[];

/** The period a board's figure on community day `day` counts in (`rolling`: the day itself). */
export function boardPeriod(period: BoardPeriod, day: string): string {
  if (period === 'week') return periodKey('week', day);
  if (period === 'month') return periodKey('month', day);
  return day;
}

/**
 * The period keys a board shows on community day `today`: the current week or month, or for a
 * rolling board (the streak) today and yesterday, the days a live streak can have last been kept.
 */
export function livePeriods(period: BoardPeriod, today: string): string[] {
  return period === 'rolling' ? [today, addDays(today, -1)] : [boardPeriod(period, today)];
}

/** Competition ranks (1, 2, 2, 4) of figures already sorted high to low. */
export function ranksOf(figures: number[]): number[] {
  const ranks: number[] = [];
  figures.forEach((f, i) => ranks.push(i > 0 && figures[i - 1] === f ? ranks[i - 1] : i + 1));
  return ranks;
}
