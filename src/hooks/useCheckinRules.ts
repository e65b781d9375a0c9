import { useCallback, useRef, useState } from 'react';
import type { CheckinRulesView, SettingsLogEntry } from '../../types/api';
import { ApiFailure, newRequestId } from '../services/api';
import { checkinRulesProblem } from '../core/ruleChanges';
import { fetchShareStats } from '../services/checkin';
import { login } from '../services/session';
import { fetchCheckinRules, fetchSettingsLog, saveCheckinRules } from '../services/settings';
import { usePaged } from './usePaged';
import { asFailure, useRemote } from './useRemote';

/** The owner's rule editor: current rules, the save action (checked locally first; one requestId per form state) and the change log. */
export function useCheckinRules() {
  const rules = useRemote<CheckinRulesView>(async () => {
    await login();
    return fetchCheckinRules();
  }, 'checkin-rules');
  const log = usePaged<SettingsLogEntry>(async (after) => {
    await login();
    const page = await fetchSettingsLog(after);
    return { items: page.entries, next: page.next };
  }, 'settings-log');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiFailure | null>(null);
  const pending = useRef<{ body: string; requestId: string } | null>(null);

  const save = useCallback(
    async (next: CheckinRulesView): Promise<{ changed: boolean } | null> => {
      if (saving) return null;
      const problem = checkinRulesProblem(next);
      if (problem) {
        setSaveError(new ApiFailure('VALIDATION', problem));
        return null;
      }
      setSaving(true);
      setSaveError(null);
      const body = JSON.stringify(next);
      if (pending.current?.body !== body) pending.current = { body, requestId: newRequestId() };
      try {
        const result = await saveCheckinRules(next, pending.current.requestId);
        pending.current = null;
        await Promise.all([rules.reload(), log.refresh()]);
        return { changed: result.changed };
      } catch (e) {
        const failure = asFailure(e);
        if (failure.code !== 'INTERNAL' && failure.code !== 'BUSY') pending.current = null;
        setSaveError(failure);
        return null;
      } finally {
        setSaving(false);
      }
    },
    [saving, rules, log],
  );

  return { rules, log, saving, saveError, save };
}

/** Owner: check-in card shares per day (last 14 days), for the 规则设置 page. */
export function useShareStats() {
  return useRemote(async () => {
    await login();
    return fetchShareStats(14);
  }, 'share-stats');
}
