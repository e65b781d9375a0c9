import type { CheckinRulesView, PacketBudgetView, SettingsLogEntry } from '../../types/api';
import type { StageThresholdsView } from '../../types/groups';
import { call, newRequestId } from './api';

/** The community's check-in rules, readable by every member (shown on the calendar and the owner editor). */
export async function fetchCheckinRules(): Promise<CheckinRulesView> {
  return (await call('settings', 'get', {})).checkin;
}

/** Owner only: replace the check-in rules; VALIDATION for out-of-range values, FORBIDDEN for non-owners. */
export async function saveCheckinRules(rules: CheckinRulesView, requestId: string = newRequestId()): Promise<{ checkin: CheckinRulesView; changed: boolean }> {
  return call('settings', 'updateCheckinRules', { requestId, rules });
}

/** Owner only: the settings change log, newest first. */
export function fetchSettingsLog(after?: string): Promise<{ entries: SettingsLogEntry[]; next: string | null }> {
  return call('settings', 'log', { limit: 20, ...(after ? { after } : {}) });
}

/** Owner: the red-packet month budget with this month's used and left (issue 19). */
export function fetchPacketBudget(): Promise<PacketBudgetView> {
  return call('settings', 'packetBudget', {});
}

/** Owner: set the red-packet month budget; VALIDATION outside 0–1,000,000, FORBIDDEN for non-owners. Logged in the settings log. */
export function savePacketBudget(packetMonthlyBudget: number, requestId: string = newRequestId()): Promise<PacketBudgetView & { changed: boolean }> {
  return call('settings', 'updatePacketBudget', { requestId, packetMonthlyBudget });
}

/** Owner only: the group lifecycle-stage thresholds (群健康度); VALIDATION for out-of-range values, FORBIDDEN for non-owners. */
export function saveGroupStages(stage: StageThresholdsView, requestId: string = newRequestId()): Promise<{ stage: StageThresholdsView; changed: boolean }> {
  return call('settings', 'updateGroupStages', { requestId, stage });
}
