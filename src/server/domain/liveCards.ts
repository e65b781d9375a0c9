/**
 * Live cards (动态消息): pushing a shared card's state after a sign-up or a grab commits. Kept apart
 * from the group records so only the functions that push (activities, games) bundle the call.
 */
import type { Platform } from '../kernel/handler';
import type { Store } from '../store/port';
import type { LiveCardDoc } from './groupRecords';

/** Shortest gap between two pushes of one live card (WeChat limits update frequency). */
export const LIVE_CARD_THROTTLE_MS = 3_000;

/**
 * After a sign-up (kind `activity`) or a grab (kind `packet`) commits: push the live card ("已报名
 * n/m" / "已抢 n/m"; state 1 once the activity started or the packet closed) if one was shared.
 * Throttled per card (a closing push always goes); every failure is logged and swallowed (the
 * sign-up or grab stands).
 */
export async function refreshLiveCard(store: Store, platform: Pick<Platform, 'setUpdatableMsg'>, refId: string, memberCount: number, roomLimit: number, started: boolean, now: Date, kind: LiveCardDoc['kind'] = 'activity'): Promise<void> {
  try {
    const id = `${kind}:${refId}`;
    const card = await store.get('liveCards', id);
    if (!card || card.expiresAt <= now.toISOString()) return;
    if (card.lastPushedAt && now.getTime() - Date.parse(card.lastPushedAt) < LIVE_CARD_THROTTLE_MS && !started) return;
    const targetState: 0 | 1 = started ? 1 : 0;
    await platform.setUpdatableMsg(card.activityId, targetState, memberCount, roomLimit);
    const state = { targetState, memberCount, roomLimit };
    await store.transaction(async (tx) => {
      const current = await tx.get('liveCards', id);
      if (!current) return;
      await tx.set('liveCards', { ...current, lastState: state, lastPushedAt: now.toISOString(), updates: current.updates + 1, history: [...current.history, { at: now.toISOString(), ...state }].slice(-10) });
    });
  } catch (error) {
    console.error('[group] live card update failed (ignored)', error);
  }
}
