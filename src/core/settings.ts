import { DEFAULT_CHECKIN_RULES, type CheckinRules } from './checkinRules';
import { DEFAULT_TIMEZONE } from './day';

/** Community-wide settings the owner controls; stored as one document, defaults filled in. */
export interface CommunitySettings {
  name: string;
  timezone: string;
  checkin: CheckinRules;
}

/** What a brand-new community starts with. */
export const DEFAULT_SETTINGS: CommunitySettings = {
  name: '群运示范社群',
  timezone: DEFAULT_TIMEZONE,
  checkin: DEFAULT_CHECKIN_RULES,
};

/** Stored (possibly partial, possibly older) settings with every missing field defaulted. */
export function withDefaults(stored: Partial<CommunitySettings> | null | undefined): CommunitySettings {
  return {
    name: stored?.name ?? DEFAULT_SETTINGS.name,
    timezone: stored?.timezone ?? DEFAULT_SETTINGS.timezone,
    checkin: { ...DEFAULT_SETTINGS.checkin, ...(stored?.checkin ?? {}) },
  };
}
