import { useCallback } from 'react';
import type { EntryInput, OnboardingStepKey } from '../../types/onboarding';
import {
  applyToJoin,
  banMember,
  completeStep,
  fetchApplications,
  fetchEntrySettings,
  fetchIntros,
  fetchKoc,
  fetchNewcomers,
  fetchOnboarding,
  fetchOnboardingStats,
  fetchProfileDetail,
  greetNewcomer,
  noteMember,
  reviewApplication,
  saveEntrySettings,
  tagMember,
  unbanMember,
  updateProfile,
  type StepInput,
} from '../services/onboarding';
import { login } from '../services/session';
import { fetchProfileBreakdown } from '../services/funnel';
import { uploadNoteImage } from '../services/notes';
import { useAction } from './useAction';
import { usePaged } from './usePaged';
import { useRemote } from './useRemote';

/** My status, entry page, application and checklist, with apply / complete-step / edit-profile actions. */
export function useOnboarding(key = 'me') {
  const view = useRemote(async () => {
    await login();
    return fetchOnboarding();
  }, `onboarding:${key}`);
  const { reload } = view;
  const refresh = useCallback(() => reload(), [reload]);
  const apply = useAction((requestId: string, answers: string[], ref?: string) => applyToJoin(answers, ref, requestId), refresh);
  const step = useAction((requestId: string, key: OnboardingStepKey, input: StepInput) => completeStep(key, input, requestId), refresh);
  const profile = useAction((requestId: string, input: { nickname?: string; profile?: Record<string, string | string[]> }) => updateProfile(input, requestId), refresh);
  return { view, apply, step, profile };
}

/** The 新人介绍 wall. */
export function useIntros() {
  return usePaged(fetchIntros, 'intros');
}

/** Host: the application queue with approve / reject. */
export function useApplications() {
  const queue = useRemote(async () => {
    await login();
    return fetchApplications();
  }, 'applications');
  const { reload } = queue;
  const refresh = useCallback(() => reload(), [reload]);
  const review = useAction((requestId: string, memberId: string, approve: boolean, reason?: string) => reviewApplication(memberId, approve, reason, requestId), refresh);
  return { queue, review };
}

/** Host: the 新人 list with greetings (话术 from the entry settings). */
export function useNewcomers() {
  const list = useRemote(async () => {
    await login();
    const [page, entry] = await Promise.all([fetchNewcomers(), fetchEntrySettings()]);
    return { ...page, greetings: entry.greetings };
  }, 'newcomers');
  const { reload } = list;
  const refresh = useCallback(() => reload(), [reload]);
  const greet = useAction((requestId: string, memberId: string, text: string) => greetNewcomer(memberId, text, requestId), refresh);
  return { list, greet };
}

/** Host: a member's profile, tags, private notes, status; owners ban and unban. */
export function useMemberCare(memberId: string) {
  const care = useRemote(async () => {
    await login();
    return fetchProfileDetail(memberId);
  }, `care:${memberId}`);
  const { reload } = care;
  const refresh = useCallback(() => reload(), [reload]);
  const tag = useAction((requestId: string, tags: string[]) => tagMember(memberId, tags, requestId), refresh);
  const note = useAction((requestId: string, text: string) => noteMember(memberId, text, requestId), refresh);
  const ban = useAction((requestId: string, reason: string, until?: string) => banMember(memberId, reason, until, requestId), refresh);
  const unban = useAction((requestId: string, reason: string) => unbanMember(memberId, reason, requestId), refresh);
  return { care, tag, note, ban, unban };
}

/** Owner: the KOC list and onboarding completion. */
export function useKoc() {
  return useRemote(async () => {
    await login();
    const [koc, stats] = await Promise.all([fetchKoc(), fetchOnboardingStats()]);
    return { ...koc, stats };
  }, 'koc');
}

/** Upload the avatar WeChat's chooser picked (weapp), answering its stored reference. */
export function uploadAvatar(tempPath: string): Promise<string> {
  return uploadNoteImage(tempPath);
}

/** Owner: the entry settings with save (VALIDATION with what to fix). */
export function useEntrySettings() {
  const entry = useRemote(async () => {
    await login();
    return fetchEntrySettings();
  }, 'entry-settings');
  const { reload } = entry;
  const refresh = useCallback(() => reload(), [reload]);
  const save = useAction((requestId: string, input: EntryInput) => saveEntrySettings(input, requestId), refresh);
  return { entry, save };
}

/** Owner: funnel stages by the answers to one profile choice field, for the join range. */
export function useProfileBreakdown(from: string, to: string, field: string | null) {
  return useRemote(async () => {
    await login();
    return fetchProfileBreakdown(from, to, field ?? undefined);
  }, `breakdown:${from}:${to}:${field ?? ''}`);
}
