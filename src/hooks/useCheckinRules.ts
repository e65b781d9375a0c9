import { useCallback } from 'react';
import type { CheckinRulesView, SettingsLogEntry } from '../../types/api';
import { ApiFailure } from '../services/api';
import { checkinRulesProblem } from '../core/ruleChanges';
import { fetchShareStats } from '../services/checkin';
import { login } from '../services/session';
import { fetchCheckinRules, fetchSettingsLog, saveCheckinRules } from '../services/settings';
import { usePaged } from './usePaged';
import { useIntent } from './useIntent';
import { useRemote } from './useRemote';

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
  const intent = useIntent();
  const { run, setError } = intent;

  const save = useCallback(
    async (next: CheckinRulesView): Promise<{ changed: boolean } | null> => {
      const problem = checkinRulesProblem(next);
      if (problem) {
        setError(new ApiFailure('VALIDATION', problem));
        return null;
      }
      return run(JSON.stringify(next), async (requestId) => {
        const result = await saveCheckinRules(next, requestId);
        await Promise.all([rules.reload(), log.refresh()]);
        return { changed: result.changed };
      });
    },
    [run, setError, rules, log],
  );

  return { rules, log, saving: intent.busy !== null, saveError: intent.error, save };
}

/** Owner: check-in card shares per day (last 14 days), for the 规则设置 page. */
export function useShareStats() {
  return useRemote(async () => {
    await login();
    return fetchShareStats(14);
  }, 'share-stats');
}
