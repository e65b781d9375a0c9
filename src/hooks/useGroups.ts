import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import type { DissolveStep, GroupEntered, SilentMark, StageThresholdsView } from '../../types/groups';
import {
  claimGroup,
  enterGroup,
  fetchBoard,
  fetchCodes,
  fetchGroups,
  fetchHealth,
  fetchJoinCode,
  fetchPks,
  groupCloudID,
  joinGroup,
  leaveGroup,
  markSilent,
  setGroupCode,
  shareAsLiveCard,
  simulateGroupEntry,
  startPk,
  tickChecklist,
} from '../services/groups';
import { pickImages, uploadNoteImage } from '../services/notes';
import { login } from '../services/session';
import { saveGroupStages } from '../services/settings';
import { useAction } from './useAction';
import { useRemote } from './useRemote';

/**
 * 我的群: first records the group the app was opened from (if any), then my groups, the
 * sub-groups I can join and recent PKs, with join and leave.
 */
export function useMyGroups() {
  const [entered, setEntered] = useState<GroupEntered | null>(null);
  const groups = useRemote(async () => {
    await login();
    const cloudID = await groupCloudID().catch(() => null);
    // Opened from a private chat (no group) or a card WeChat does not vouch for: just show my groups.
    if (cloudID) setEntered(await enterGroup(cloudID).catch(() => null));
    return fetchGroups();
  }, 'my-groups');
  const pks = useRemote(async () => {
    await login();
    return fetchPks();
  }, 'group-pks');
  const reload = useCallback(async () => {
    await Promise.all([groups.reload(), pks.reload()]);
  }, [groups, pks]);
  const join = useAction((requestId: string, groupId: string) => joinGroup(groupId, requestId), reload);
  const leave = useAction((requestId: string, groupId: string) => leaveGroup(groupId, requestId), reload);
  return { entered, groups, pks, join, leave, reload };
}

/**
 * 群榜: one group's board (entering it first when the app was opened from a group card; `shared`
 * is the card's sharer and day from its path), and my invite code for the share path.
 */
export function useGroupBoard(groupId: string, shared?: { by?: string; day?: string }) {
  const [entered, setEntered] = useState<GroupEntered | null>(null);
  const [myCode, setMyCode] = useState<string | null>(null);
  const board = useRemote(async () => {
    setMyCode((await login()).inviteCode);
    let id = groupId;
    const cloudID = await groupCloudID().catch(() => null);
    if (cloudID) {
      try {
        const e = await enterGroup(cloudID, shared);
        setEntered(e);
        id = e.group.id;
      } catch (error) {
        // A private chat's card names no group: show the board the link names, if any.
        if (!id) throw error;
      }
    }
    if (!id) return null;
    return fetchBoard(id);
  }, `group-board:${groupId}`);
  const pks = useRemote(async () => {
    await login();
    return fetchPks();
  }, 'group-pks');
  return { board, pks, entered, myCode };
}

/** 活码 join page: the pool's current QR (each load counts one view). */
export function useJoinCode(pool: string, channel?: string) {
  return useRemote(async () => {
    // Opened without a 活码 (not from a shared code or poster): nothing to ask the server.
    if (!pool.trim()) return { pool: '', code: null, message: '请扫描群主分享的活码海报，或打开群里分享的活码链接进群。' };
    await login();
    return fetchJoinCode(pool, channel);
  }, `join-code:${pool}:${channel ?? ''}`);
}

/** 群管理 (hosts): every group, claim, PK start, a pool's codes; owners also set QR codes. */
export function useGroupAdmin(pool: string) {
  const groups = useRemote(async () => {
    await login();
    return fetchGroups();
  }, 'group-admin');
  const pks = useRemote(async () => {
    await login();
    return fetchPks();
  }, 'group-admin-pks');
  const codes = useRemote(async () => {
    await login();
    return pool ? fetchCodes(pool) : null;
  }, `group-codes:${pool}`);
  const reload = useCallback(async () => {
    await Promise.all([groups.reload(), pks.reload(), codes.reload()]);
  }, [groups, pks, codes]);
  const claim = useAction((requestId: string, input: Parameters<typeof claimGroup>[0]) => claimGroup(input, requestId), reload);
  const pk = useAction((requestId: string, input: Parameters<typeof startPk>[0]) => startPk(input, requestId), reload);
  const code = useAction((requestId: string, input: Parameters<typeof setGroupCode>[0]) => setGroupCode(input, requestId), reload);
  const me = useRemote(login, 'group-admin-me');
  /** Pick one photo of the group QR and upload it; null when nothing was picked. Throws ApiFailure. */
  const uploadQr = useCallback(async (): Promise<string | null> => {
    const [path] = await pickImages(1);
    return path ? uploadNoteImage(path) : null;
  }, []);
  return { groups, pks, codes, claim, pk, code, me, uploadQr };
}

/** 群健康度 (hosts): stage with its reason, activity figures, the 洗粉 list with marks and the 转化后解散 checklist. */
export function useGroupHealth(groupId: string) {
  const health = useRemote(async () => {
    await login();
    return fetchHealth(groupId);
  }, `group-health:${groupId}`);
  const mark = useAction((requestId: string, memberId: string, value: SilentMark | 'none') => markSilent(groupId, memberId, value, requestId), health.reload);
  const tick = useAction((requestId: string, step: DissolveStep, done: boolean) => tickChecklist(groupId, step, done, requestId), health.reload);
  const thresholds = useAction((requestId: string, stage: StageThresholdsView) => saveGroupStages(stage, requestId), health.reload);
  return { health, mark, tick, thresholds };
}

/** weapp: makes this page's share an updatable live card (动态消息) for the activity (or red packet, `kind` 'packet'); nothing elsewhere. */
export function useLiveCardShare(refId: string, kind: 'activity' | 'packet' = 'activity'): void {
  useEffect(() => {
    if (refId) void shareAsLiveCard(refId, kind);
  }, [refId, kind]);
}

/** h5 local mode: "从群进入" — the next group page opens as if from a card in that WeChat group (`local:<opengid>`). */
export function useSimulatedGroupEntry(): (opengid: string) => void {
  return useCallback((opengid: string) => simulateGroupEntry(opengid), []);
}

/**
 * weapp: shares of this page carry group context (`withShareTicket`), so a card opened from a group
 * chat lets `getGroupEnterInfo` name the group (群榜, share bonus). Call once per page that shares.
 */
export function useGroupShareTicket(): void {
  useEffect(() => {
    if (process.env.TARO_ENV === 'weapp') void Taro.showShareMenu({ withShareTicket: true }).catch(() => undefined);
  }, []);
}
