import { withDefaults, type CommunitySettings } from '../core/settings';
import type { Doc, Store } from './store/port';

/** Id of the single settings document. */
export const SETTINGS_ID = 'community';

/** The community settings with defaults for anything the owner has not set. */
export async function loadSettings(store: Store): Promise<CommunitySettings> {
  const stored = await store.get<Doc>('settings', SETTINGS_ID);
  return withDefaults(stored as Parameters<typeof withDefaults>[0]);
}
