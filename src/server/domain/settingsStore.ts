import { withDefaults, type CommunitySettings } from '../../core/settings';
import type { Store, Tx } from '../store/port';

/** Id of the single settings document. */
export const SETTINGS_ID = 'community';

/** The community settings with defaults for anything the owner has not set. */
export async function loadSettings(store: Store): Promise<CommunitySettings> {
  const stored = await store.get('settings', SETTINGS_ID);
  return withDefaults(stored as Parameters<typeof withDefaults>[0]);
}

/**
 * Replace top-level sections of the stored settings inside the caller's transaction, keeping every
 * other section as stored; returns the effective settings before the change (defaults filled in).
 */
export async function saveSettings(tx: Tx, patch: Record<string, unknown>): Promise<CommunitySettings> {
  const stored = await tx.get('settings', SETTINGS_ID);
  await tx.set('settings', { ...(stored ?? {}), ...patch, id: SETTINGS_ID });
  return withDefaults(stored as Parameters<typeof withDefaults>[0]);
}
