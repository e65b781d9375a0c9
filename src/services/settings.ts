import type { CheckinRulesView, ExpiryPolicyView, ExpiryPreview, FunnelWindowsView, PacketBudgetView, ReferralRulesView, SettingsLogEntry, TierRulesView, VipRulesView } from '../../types/api';
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

/** Owner only: referral rewards and funnel windows as they are now. */
export async function fetchOwnerRules(): Promise<{ referral: ReferralRulesView; funnel: FunnelWindowsView; tiers: TierRulesView; expiry: ExpiryPolicyView; vip: VipRulesView }> {
  return call('settings', 'rules', {});
}

/** Owner only: replace the referral rewards and caps (logged). */
export async function saveReferralRules(rules: ReferralRulesView, requestId: string): Promise<{ referral: ReferralRulesView; changed: boolean }> {
  return call('settings', 'updateReferralRules', { requestId, rules });
}

/** Owner only: replace the funnel windows (logged). */
export async function saveFunnelWindows(rules: FunnelWindowsView, requestId: string): Promise<{ funnel: FunnelWindowsView; changed: boolean }> {
  return call('settings', 'updateFunnelWindows', { requestId, rules });
}

/** Owner only: replace tier thresholds, multipliers, growth window and grace (logged). */
export async function saveTierRules(rules: TierRulesView, requestId: string): Promise<{ tiers: TierRulesView; changed: boolean }> {
  return call('settings', 'updateTierRules', { requestId, rules });
}

/** Owner only: what an expiry policy would mean (points due next month, when today's points would expire). */
export async function fetchExpiryPreview(policy: ExpiryPolicyView): Promise<ExpiryPreview> {
  return call('settings', 'expiryPreview', { policy });
}

/** Owner only: the expiry policy for points credited from now on (logged). */
export async function saveExpiryPolicy(policy: ExpiryPolicyView, requestId: string): Promise<{ expiry: ExpiryPolicyView; changed: boolean }> {
  return call('settings', 'updateExpiryPolicy', { requestId, policy });
}

/** Owner only: plan names, days and prices, the VIP tier floor and reminder leads (logged). */
export async function saveVipRules(rules: VipRulesView, requestId: string): Promise<{ vip: VipRulesView; changed: boolean }> {
  return call('settings', 'updateVipRules', { requestId, rules });
}
