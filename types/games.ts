import type { Action, WriteParams } from './api';

/** 拼手气 (random split) or 普通 (equal shares). */
export type PacketKindView = 'lucky' | 'equal';

/** Who may grab a packet: everyone admitted, or members of a tier and above. */
export type PacketAudience = { kind: 'all' } | { kind: 'tier'; tier: 'silver' | 'gold' | 'diamond' } | { kind: 'group'; groupId: string; name: string };

/** The audience a sender picks: a group is named by its id (the server records its name). */
export type PacketAudienceInput = { kind: 'all' } | { kind: 'tier'; tier: 'silver' | 'gold' | 'diamond' } | { kind: 'group'; groupId: string };

/** One grab as the packet page shows it. */
export interface PacketGrabView {
  name: string;
  amount: number;
  at: string;
  /** 手气最佳: shown once every share is taken or the packet has expired. */
  luckiest: boolean;
  isMe: boolean;
}

/** A red packet (积分红包) as members see it. */
export interface PacketView {
  id: string;
  senderName: string;
  /** `budget`: a host's or owner's packet paid from the community's monthly budget; `balance`: a member's own points. */
  source: 'budget' | 'balance';
  kind: PacketKindView;
  greeting: string;
  total: number;
  count: number;
  audience: PacketAudience;
  claimedCount: number;
  claimedPoints: number;
  state: 'open' | 'finished' | 'expired';
  createdAt: string;
  expiresAt: string;
  /** Points returned to the sender (or the budget) at expiry; null before. */
  refunded: number | null;
  grabs: PacketGrabView[];
  /** What the caller got, or null when they have not grabbed. */
  mine: number | null;
  /** Whether the caller may still grab it. */
  canGrab: boolean;
  /** The refusal a grab would get now, as a sentence; null when it may grab. */
  blockedBy: string | null;
}

/** Answer of `games.grab`. */
export interface GrabResult {
  amount: number;
  balance: number;
  /** True when the member had already grabbed this packet (the same amount again, nothing paid). */
  already: boolean;
}

/** One prize of a lottery: points, or a mall item taken from stock at creation. */
export type LotteryPrize = { kind: 'points'; points: number; winners: number } | { kind: 'item'; itemId: string; winners: number };

/** How a member enters: free, for points, or after checking in on K days since the lottery opened. */
export type LotteryEntryRule = { kind: 'free' } | { kind: 'points'; cost: number } | { kind: 'checkins'; days: number };

/** What a host fills in to create a lottery. */
export interface LotteryInput {
  title: string;
  prizes: LotteryPrize[];
  entry: LotteryEntryRule;
  entryDeadline: string;
  drawAt: string;
}

/** One winner as the draw page shows it. */
export interface LotteryWinnerView {
  code: string;
  name: string;
  prize: string;
  isMe: boolean;
}

/** A lottery (抽奖) with its fairness proof. */
export interface LotteryView {
  id: string;
  title: string;
  hostName: string;
  prizes: Array<{ label: string; winners: number }>;
  entry: LotteryEntryRule;
  entryLabel: string;
  entryDeadline: string;
  drawAt: string;
  state: 'open' | 'drawing' | 'drawn' | 'cancelled';
  entries: number;
  /** SHA-256 of the secret seed, published at creation. */
  seedHash: string;
  /** Revealed at the draw; null before. */
  seed: string | null;
  /** Every entry code, sorted, once drawn (the list the draw ran on); empty before. */
  entryCodes: string[];
  winners: LotteryWinnerView[];
  /** The caller's entry code, or null when not entered. */
  myCode: string | null;
  /** Why the caller cannot enter, as a sentence; null when they can (or already did). */
  blockedBy: string | null;
  createdAt: string;
}

/** One row of a leaderboard. */
export interface BoardRow {
  rank: number;
  name: string;
  figure: number;
  /** Praise (表扬) this month, shown as a badge. */
  praised: number;
  isMe: boolean;
}

/** Answer of `games.boards`: the top rows and the caller's own rank, always. */
export interface BoardView {
  board: string;
  title: string;
  unit: string;
  rows: BoardRow[];
  /** The caller's row (rank null when they have no figure yet). */
  me: { rank: number | null; figure: number; name: string };
  /** Newest praise in the community, shown under the board. */
  recentPraise: PraiseView[];
  /** 贡献榜 only: the figure is 近 30 天贡献值, earned by these kinds at these weights (settings). */
  explain?: { windowDays: number; weights: Array<{ label: string; points: number }> };
}

/** One praise (表扬) as a member's profile and the boards show it. */
export interface PraiseView {
  id: string;
  memberName: string;
  byName: string;
  text: string;
  points: number;
  at: string;
}

/** The `games` function: red packets, lotteries, boards, praise (issue 19). */
export interface GamesContract {
  /** Send a packet; members pay from their balance, hosts and owners from the monthly budget. INSUFFICIENT_POINTS, LIMIT_REACHED, VALIDATION. */
  sendPacket: Action<WriteParams & { total: number; count: number; kind: PacketKindView; greeting: string; audience?: PacketAudienceInput; expiresInHours?: number }, { packet: PacketView; balance: number | null; budgetLeft: number | null }>;
  /** Grab one share; OUT_OF_STOCK "红包已抢完", CONFLICT when expired, FORBIDDEN outside the audience. */
  grab: Action<WriteParams & { packetId: string }, GrabResult>;
  packet: Action<{ packetId: string }, { packet: PacketView }>;
  /** Open packets the caller can see, newest first, then recent closed ones. */
  packets: Action<{ limit?: number }, { packets: PacketView[]; budget: { monthly: number; left: number } | null }>;
  boards: Action<{ board: string; groupId?: string }, BoardView>;
  createLottery: Action<WriteParams & { lottery: LotteryInput }, { lottery: LotteryView }>;
  enterLottery: Action<WriteParams & { lotteryId: string }, { lottery: LotteryView; balance: number }>;
  /** Host (or the cron job when due): reveal the seed, pick winners, pay prizes once. */
  draw: Action<WriteParams & { lotteryId: string }, { lottery: LotteryView }>;
  cancelLottery: Action<WriteParams & { lotteryId: string }, { lottery: LotteryView; refunded: number }>;
  lottery: Action<{ lotteryId: string }, { lottery: LotteryView }>;
  lotteries: Action<{ limit?: number }, { lotteries: LotteryView[] }>;
  /** Host: praise a member for something specific, optionally with points within the host's daily allowance. */
  praise: Action<WriteParams & { memberId: string; text: string; points?: number; groupId?: string }, { praise: PraiseView; balance: number | null }>;
  /** A member's praise, newest first (the caller's own when memberId is omitted). */
  praises: Action<{ memberId?: string; limit?: number }, { praises: PraiseView[] }>;
}
