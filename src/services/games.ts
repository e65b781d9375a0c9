import type { BoardView, GrabResult, LotteryInput, LotteryView, PacketAudienceInput, PacketKindView, PacketView, PraiseView } from '../../types/games';
import { call } from './api';

/** What the send form fills in. */
export interface PacketForm {
  total: number;
  count: number;
  kind: PacketKindView;
  greeting: string;
  audience?: PacketAudienceInput;
  expiresInHours?: number;
}

/** Send a red packet; INSUFFICIENT_POINTS (member balance), LIMIT_REACHED (month budget), VALIDATION. */
export function sendPacket(requestId: string, form: PacketForm): Promise<{ packet: PacketView; balance: number | null; budgetLeft: number | null }> {
  return call('games', 'sendPacket', { requestId, ...form });
}

/** Grab one share; OUT_OF_STOCK "红包已抢完", CONFLICT when expired, FORBIDDEN outside the audience. */
export function grabPacket(requestId: string, packetId: string): Promise<GrabResult> {
  return call('games', 'grab', { requestId, packetId });
}

/** One packet with every grab and 手气最佳; NOT_FOUND. */
export function fetchPacket(packetId: string): Promise<{ packet: PacketView }> {
  return call('games', 'packet', { packetId });
}

/** The newest packets, and the month's budget for hosts and owners. */
export function fetchPackets(): Promise<{ packets: PacketView[]; budget: { monthly: number; left: number } | null }> {
  return call('games', 'packets', { limit: 20 });
}

/** One leaderboard with the caller's own rank; VALIDATION for an unknown board. */
export function fetchBoard(board: string): Promise<BoardView> {
  return call('games', 'boards', { board });
}

/** Host: create a lottery (the seed hash is published now); OUT_OF_STOCK for item prizes, VALIDATION. */
export function createLottery(requestId: string, lottery: LotteryInput): Promise<{ lottery: LotteryView }> {
  return call('games', 'createLottery', { requestId, lottery });
}

/** Enter a lottery; CONFLICT (closed, already in), INSUFFICIENT_POINTS, LIMIT_REACHED (check-in rule). */
export function enterLottery(requestId: string, lotteryId: string): Promise<{ lottery: LotteryView; balance: number }> {
  return call('games', 'enterLottery', { requestId, lotteryId });
}

/** Host: draw now (after the entry deadline); CONFLICT before it or when cancelled, BUSY. */
export function drawLottery(requestId: string, lotteryId: string): Promise<{ lottery: LotteryView }> {
  return call('games', 'draw', { requestId, lotteryId });
}

/** Host: cancel an open lottery; entry points come back once. CONFLICT once drawn. */
export function cancelLottery(requestId: string, lotteryId: string): Promise<{ lottery: LotteryView; refunded: number }> {
  return call('games', 'cancelLottery', { requestId, lotteryId });
}

/** One lottery with its seed hash, then seed, entry codes and winners; NOT_FOUND. */
export function fetchLottery(lotteryId: string): Promise<{ lottery: LotteryView }> {
  return call('games', 'lottery', { lotteryId });
}

/** The newest lotteries. */
export function fetchLotteries(): Promise<{ lotteries: LotteryView[] }> {
  return call('games', 'lotteries', { limit: 20 });
}

/** Host: praise a member (in a group when `groupId` is given), optionally with points; LIMIT_REACHED beyond the day's allowance, FORBIDDEN for oneself, VALIDATION when not in the group. */
export function praiseMember(requestId: string, memberId: string, text: string, points: number, groupId?: string): Promise<{ praise: PraiseView; balance: number | null }> {
  if (groupId) return call('group', 'praise', { requestId, groupId, memberId, text, ...(points > 0 ? { points } : {}) });
  return call('games', 'praise', { requestId, memberId, text, ...(points > 0 ? { points } : {}) });
}

/** A member's praise (the caller's own without memberId), newest first. */
export function fetchPraises(memberId?: string): Promise<{ praises: PraiseView[] }> {
  return call('games', 'praises', { limit: 20, ...(memberId ? { memberId } : {}) });
}
