/** Stored documents of the games (issue 19): red packets, grabs, the monthly budget, lotteries, praise. */
import type { LotteryEntryRule, PacketAudience, PacketKindView } from '../../../types/games';

/** A red packet (`packets/<id>`); `shares` are fixed at sending and never change. */
export interface PacketDoc {
  id: string;
  senderId: string;
  /** The sender's nickname when sending (what the packet page shows). */
  senderName: string;
  source: 'budget' | 'balance';
  kind: PacketKindView;
  greeting: string;
  total: number;
  count: number;
  audience: PacketAudience;
  /** The group of a group-audience packet (its board lists it), else null. */
  groupId?: string | null;
  shares: number[];
  /** Shares taken so far; the next grab takes `shares[claimed]`. */
  claimed: number;
  claimedPoints: number;
  state: 'open' | 'finished' | 'expired';
  /** Community month of the budget the packet drew on (budget packets). */
  budgetMonth: string;
  createdAt: string;
  expiresAt: string;
  refunded: number | null;
  refundedAt: string | null;
}

/** One member's grab of one packet (`packetGrabs/<packetId>:<memberId>`): the id makes it once. */
export interface PacketGrabDoc {
  id: string;
  packetId: string;
  memberId: string;
  /** The grabber's nickname when grabbing. */
  name: string;
  /** Position in the packet's shares (0-based), i.e. grab order. */
  index: number;
  amount: number;
  at: string;
}

/** Points hosts and owners put into packets in one community month (`packetBudget/<YYYY-MM>`), net of refunds. */
export interface PacketBudgetDoc {
  id: string;
  spent: number;
}

/** A stored prize: an item prize keeps the title it had when its stock was taken. */
export type StoredPrize = { kind: 'points'; points: number; winners: number } | { kind: 'item'; itemId: string; itemTitle: string; winners: number };

/** A lottery (`lotteries/<id>`); `seed` stays on the server until the draw. */
export interface LotteryDoc {
  id: string;
  title: string;
  hostId: string;
  hostName: string;
  prizes: StoredPrize[];
  entry: LotteryEntryRule;
  /** First community day that counts for a check-in entry rule. */
  startDay: string;
  entryDeadline: string;
  drawAt: string;
  /** open → drawing (winners fixed, prizes being paid) → drawn; open → cancelling (refunds) → cancelled. */
  state: 'open' | 'drawing' | 'drawn' | 'cancelling' | 'cancelled';
  entries: number;
  seed: string;
  seedHash: string;
  entryCodes: string[];
  /** Winners in draw order: code, member, prize index. */
  winners: Array<{ code: string; memberId: string; name: string; prize: number }>;
  createdAt: string;
  drawnAt: string | null;
}

/** One member's entry (`lotteryEntries/<lotteryId>:<memberId>`); `paid` points come back if cancelled. */
export interface LotteryEntryDoc {
  id: string;
  lotteryId: string;
  memberId: string;
  name: string;
  code: string;
  paid: number;
  at: string;
}

/** One praise (`praise/<hostId>:<requestId>`). */
export interface PraiseDoc {
  id: string;
  memberId: string;
  memberName: string;
  byId: string;
  byName: string;
  text: string;
  points: number;
  groupId: string | null;
  createdAt: string;
}
