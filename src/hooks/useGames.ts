import { cancelLottery, createLottery, drawLottery, enterLottery, fetchBoard, fetchLotteries, fetchLottery, fetchPacket, fetchPackets, fetchPraises, grabPacket, praiseMember, sendPacket, type PacketForm } from '../services/games';
import type { LotteryInput } from '../../types/games';
import { fetchGroups } from '../services/groups';
import { login } from '../services/session';
import { useAction } from './useAction';
import { useRemote } from './useRemote';

/** The packet list and, for hosts and owners, the month's budget. */
export function usePackets() {
  return useRemote(async () => {
    await login();
    return fetchPackets();
  }, 'packets');
}

/** The groups a packet can be sent to: the caller's own (seen or joined), and for hosts every claimed group. */
export function usePacketGroups(): Array<{ id: string; name: string }> {
  const groups = useRemote(async () => {
    await login();
    return fetchGroups();
  }, 'packet-groups');
  const data = groups.data;
  if (!data) return [];
  const byId = new Map([...data.mine, ...(data.all ?? []).filter((g) => g.claimed)].map((g) => [g.id, { id: g.id, name: g.name }]));
  return [...byId.values()];
}

/** Send a packet; the requestId is kept across retries of the same form. */
export function useSendPacket(after?: () => Promise<void>) {
  return useAction((requestId: string, form: PacketForm) => sendPacket(requestId, form), after);
}

/** One packet page. */
export function usePacket(packetId: string) {
  return useRemote(async () => {
    await login();
    return fetchPacket(packetId);
  }, `packet:${packetId}`);
}

/** Grab a packet (a double tap reuses the requestId). */
export function useGrab(after?: () => Promise<void>) {
  return useAction((requestId: string, packetId: string) => grabPacket(requestId, packetId), after);
}

/** One leaderboard. */
export function useBoard(board: string) {
  return useRemote(async () => {
    await login();
    return fetchBoard(board);
  }, `board:${board}`);
}

/** Praise of a member (the caller's own without an id). */
export function usePraises(memberId?: string) {
  return useRemote(async () => {
    await login();
    return fetchPraises(memberId);
  }, `praise:${memberId ?? 'me'}`);
}

/** Host: praise a member. */
export function usePraise() {
  return useAction((requestId: string, memberId: string, text: string, points: number, groupId?: string) => praiseMember(requestId, memberId, text, points, groupId));
}

/** The lottery list. */
export function useLotteries() {
  return useRemote(async () => {
    await login();
    return fetchLotteries();
  }, 'lotteries');
}

/** One lottery page and its actions. */
export function useLottery(lotteryId: string) {
  const remote = useRemote(async () => {
    await login();
    return fetchLottery(lotteryId);
  }, `lottery:${lotteryId}`);
  const enter = useAction((requestId: string, id: string) => enterLottery(requestId, id), remote.reload);
  const draw = useAction((requestId: string, id: string) => drawLottery(requestId, id), remote.reload);
  const cancel = useAction((requestId: string, id: string) => cancelLottery(requestId, id), remote.reload);
  return { remote, enter, draw, cancel };
}

/** Host: create a lottery. */
export function useCreateLottery(after?: () => Promise<void>) {
  return useAction((requestId: string, lottery: LotteryInput) => createLottery(requestId, lottery), after);
}
