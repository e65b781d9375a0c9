import type { EntryInput, EntrySettings, OnboardingStepKey, OnboardingView, ProfileValues } from '../../types/onboarding';
import { call, newRequestId } from './api';

/** My status, the community's entry page, my application and checklist (open before admission). */
export function fetchOnboarding(): Promise<OnboardingView> {
  return call('member', 'onboarding', {});
}

/** Apply to join (answers in question order, optional invite code); VALIDATION with what to fix, CONFLICT when already submitted or admitted. */
export function applyToJoin(answers: string[], ref: string | undefined, requestId: string = newRequestId()): Promise<OnboardingView> {
  return call('member', 'apply', { requestId, answers, ...(ref ? { ref } : {}) });
}

/** What one checklist step sends. */
export interface StepInput {
  rulesVersion?: number;
  nickname?: string;
  avatar?: string;
  profile?: ProfileValues;
  intro?: string;
}

/** Complete one 入群仪式 step; VALIDATION (format, content), CONFLICT (群规 changed), RATE_LIMITED (renames). */
export function completeStep(step: OnboardingStepKey, input: StepInput, requestId: string = newRequestId()): Promise<OnboardingView> {
  return call('member', 'completeStep', { requestId, step, ...input });
}

/** Edit my nickname and/or profile; VALIDATION, RATE_LIMITED (nickname changes per day). */
export function updateProfile(input: { nickname?: string; profile?: ProfileValues }, requestId: string = newRequestId()): Promise<OnboardingView> {
  return call('member', 'updateProfile', { requestId, ...input });
}

/** The 新人介绍 wall, newest first. */
export async function fetchIntros(after?: string) {
  const page = await call('member', 'intros', { limit: 20, ...(after ? { after } : {}) });
  return { items: page.intros, next: page.next };
}

/** Host: applications waiting for review, oldest first; FORBIDDEN for members. */
export function fetchApplications(after?: string) {
  return call('member', 'applications', { limit: 20, ...(after ? { after } : {}) });
}

/** Host: approve or reject (reason required on a rejection); CONFLICT when already decided. */
export function reviewApplication(memberId: string, approve: boolean, reason: string | undefined, requestId: string = newRequestId()) {
  return call('member', 'review', { requestId, memberId, approve, ...(reason ? { reason } : {}) });
}

/** Host: newcomers of the last 14 days. */
export function fetchNewcomers(after?: string) {
  return call('member', 'newcomers', { limit: 20, ...(after ? { after } : {}) });
}

/** Host: greet a newcomer; VALIDATION for an empty message, FORBIDDEN for oneself. */
export function greetNewcomer(memberId: string, text: string, requestId: string = newRequestId()) {
  return call('member', 'greet', { requestId, memberId, text });
}

/** Host: a member's profile, tags, private notes, status and audit log. */
export function fetchProfileDetail(memberId: string) {
  return call('member', 'profileDetail', { memberId });
}

/** Host: set a member's tags from the owner's list; VALIDATION for an unknown tag. */
export function tagMember(memberId: string, tags: string[], requestId: string = newRequestId()) {
  return call('member', 'tag', { requestId, memberId, tags });
}

/** Host: add a private note; VALIDATION when empty or too long. */
export function noteMember(memberId: string, text: string, requestId: string = newRequestId()) {
  return call('member', 'note', { requestId, memberId, text });
}

/** Owner: ban (reason, optional end instant); open orders are cancelled with refunds. FORBIDDEN for oneself or an owner. */
export function banMember(memberId: string, reason: string, until: string | undefined, requestId: string = newRequestId()) {
  return call('member', 'ban', { requestId, memberId, reason, ...(until ? { until } : {}) });
}

/** Owner: lift a ban; CONFLICT when the member is not banned. */
export function unbanMember(memberId: string, reason: string, requestId: string = newRequestId()) {
  return call('member', 'unban', { requestId, memberId, reason });
}

/** Owner: the KOC list and the contribution weights. */
export function fetchKoc() {
  return call('member', 'koc', {});
}

/** Owner: onboarding completion per step and join week. */
export function fetchOnboardingStats() {
  return call('member', 'onboardingStats', {});
}

/** Host: the entry settings (tags, 话术 …). */
export async function fetchEntrySettings(): Promise<EntrySettings> {
  return (await call('settings', 'entry', {})).entry;
}

/** Owner: save the entry settings; VALIDATION with what to fix. */
export async function saveEntrySettings(entry: EntryInput, requestId: string = newRequestId()): Promise<EntrySettings> {
  return (await call('settings', 'updateEntry', { requestId, entry })).entry;
}
