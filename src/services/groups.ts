import Taro from '@tarojs/taro';
import type { Contracts } from '../../types/api';
import type { DissolveStep, GroupKind, PkMetric, SilentMark } from '../../types/groups';
import { call, newRequestId } from './api';
import { login } from './session';

type G = Contracts['group'];
type ResultOf<A extends keyof G> = G[A]['result'];

const PENDING_KEY = 'qunyun.groupEntry';

/**
 * h5 local mode: remember the group the "从群进入" picker chose (`local:<opengid>`), as if the app
 * had been opened from a card in that WeChat group. The next `groupCloudID()` answers it once.
 */
export function simulateGroupEntry(opengid: string): void {
  Taro.setStorageSync(PENDING_KEY, `local:${opengid}`);
}

/**
 * The cloudID of the WeChat group the app was opened from, or null: on weapp
 * `Taro.getGroupEnterInfo` (needs a share ticket or a group chat tool entry), locally the
 * simulated entry. The cloud function resolves it; the client never learns the opengid.
 */
export async function groupCloudID(): Promise<string | null> {
  if (process.env.TARO_ENV === 'h5') {
    const pending = Taro.getStorageSync(PENDING_KEY) as string | '';
    if (!pending) return null;
    Taro.removeStorageSync(PENDING_KEY);
    return pending;
  }
  const options = Taro.getEnterOptionsSync() as { shareTicket?: string; chatType?: number };
  if (!options.shareTicket && !options.chatType) return null;
  try {
    const info = (await Taro.getGroupEnterInfo({})) as unknown as { cloudID?: string };
    return info.cloudID ?? null;
  } catch {
    return null;
  }
}

/**
 * Record that I was seen in the group behind `cloudID`; VALIDATION when WeChat does not vouch for
 * it. `shared`: the card's sharer and day (from its path), whose group share bonus this open pays.
 */
export function enterGroup(cloudID: string, shared?: { by?: string; day?: string }, requestId: string = newRequestId()): Promise<ResultOf<'enter'>> {
  const by = shared?.by && /^[0-9A-Z]{4,16}$/.test(shared.by) ? shared.by : undefined;
  const day = shared?.day && /^\d{4}-\d{2}-\d{2}$/.test(shared.day) ? shared.day : undefined;
  return call('group', 'enter', { requestId, cloudID, ...(by ? { sharedBy: by } : {}), ...(by && day ? { sharedDay: day } : {}) });
}

/**
 * weapp, every time the app is shown: when it was opened from a card in a group chat, record the
 * entry (and, for a card carrying its sharer's `ref`, the sharer's group share bonus). Best effort:
 * failures are ignored, the page the card opens still works.
 */
export async function enterFromCard(query: Record<string, string | undefined> = {}): Promise<void> {
  try {
    const cloudID = await groupCloudID();
    if (!cloudID) return;
    await login();
    await enterGroup(cloudID, { by: query.ref?.toUpperCase() ?? query.from, day: query.d });
  } catch {
    // Not from a group, or WeChat did not vouch for it: nothing to record.
  }
}

/** My groups, the sub-groups I can join, and (hosts) every group. */
export function fetchGroups(): Promise<ResultOf<'list'>> {
  return call('group', 'list', {});
}

/** Join a sub-group; LIMIT_REACHED when it is full, NOT_FOUND when it is not open. */
export function joinGroup(groupId: string, requestId: string = newRequestId()): Promise<ResultOf<'join'>> {
  return call('group', 'join', { requestId, groupId });
}

/** Leave a sub-group I joined; CONFLICT when I had not joined it. */
export function leaveGroup(groupId: string, requestId: string = newRequestId()): Promise<ResultOf<'leave'>> {
  return call('group', 'leave', { requestId, groupId });
}

/** A group's board: seen, today's check-ins, streak and weekly leaderboards; FORBIDDEN for outsiders. */
export function fetchBoard(groupId: string): Promise<ResultOf<'board'>> {
  return call('group', 'board', { groupId });
}

/** Host: claim or edit a group; FORBIDDEN before entering it, CONFLICT when someone else claimed it. */
export function claimGroup(
  input: { groupId: string; name: string; kind: GroupKind; capacity?: number; region?: string; topic?: string; pool?: string },
  requestId: string = newRequestId(),
): Promise<ResultOf<'claim'>> {
  return call('group', 'claim', { requestId, ...input });
}

/** The 活码 QR of a pool (counts one view); `code` null with a sentence when every group is full or expired. */
export function fetchJoinCode(pool: string, channel?: string): Promise<ResultOf<'joinCode'>> {
  return call('group', 'joinCode', { pool, ...(channel ? { channel } : {}) });
}

/** Host: a pool's QR codes with views and the owner's warnings. */
export function fetchCodes(pool: string): Promise<ResultOf<'codes'>> {
  return call('group', 'codes', { pool });
}

/** Owner: set a group's QR (image reference, expiry within 7 days, capacity); VALIDATION otherwise. */
export function setGroupCode(input: { groupId: string; image: string; expiresAt: string; capacity: number; pool: string }, requestId: string = newRequestId()): Promise<ResultOf<'setCode'>> {
  return call('group', 'setCode', { requestId, ...input });
}

/** Host: start a PK between 2–8 claimed groups; VALIDATION for bad input, CONFLICT for unclaimed groups. */
export function startPk(input: { title: string; groupIds: string[]; days: number; prize: number; metric: PkMetric }, requestId: string = newRequestId()): Promise<ResultOf<'startPk'>> {
  return call('group', 'startPk', { requestId, ...input });
}

/** Recent PKs with their standings, newest first. */
export function fetchPks(): Promise<ResultOf<'pks'>> {
  return call('group', 'pks', {});
}

/** Host: a group's health, stage and 洗粉 list. */
export function fetchHealth(groupId: string): Promise<ResultOf<'health'>> {
  return call('group', 'health', { groupId });
}

/** An updatable-message id for sharing an activity into groups; NOT_FOUND when the activity is gone. */
export function fetchLiveCard(refId: string, requestId: string = newRequestId(), kind: 'activity' | 'packet' = 'activity'): Promise<ResultOf<'liveCard'>> {
  return call('group', 'liveCard', { requestId, kind, refId });
}

/**
 * weapp: make the next share of this page an updatable message (动态消息) carrying group context
 * (`withShareTicket`), so the card shows "已报名 n/m" and opens with a share ticket. Errors are ignored.
 */
export async function shareAsLiveCard(refId: string, kind: 'activity' | 'packet' = 'activity'): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return;
  try {
    const card = await fetchLiveCard(refId, newRequestId(), kind);
    await Taro.updateShareMenu({ withShareTicket: true, isUpdatableMessage: true, activityId: card.activityId, templateInfo: card.templateInfo } as Parameters<typeof Taro.updateShareMenu>[0]);
  } catch {
    // The share still works as an ordinary card.
  }
}

/** Host: mark a silent member of a group (洗粉) for removal in WeChat, keep them, or clear the mark. */
export function markSilent(groupId: string, memberId: string, mark: SilentMark | 'none', requestId: string = newRequestId()): Promise<ResultOf<'markSilent'>> {
  return call('group', 'markSilent', { requestId, groupId, memberId, mark });
}

/** Host: tick or untick a step of the group's 转化后解散 checklist. */
export function tickChecklist(groupId: string, step: DissolveStep, done: boolean, requestId: string = newRequestId()): Promise<ResultOf<'checklist'>> {
  return call('group', 'checklist', { requestId, groupId, step, done });
}
