import { useCallback } from 'react';
import type { PacketBudgetView, SettingsLogEntry } from '../../types/api';
import { ApiFailure } from '../services/api';
import { intProblem } from '../core/formRules';
import { MAX_PACKET_BUDGET } from '../core/ruleChanges';
import { login } from '../services/session';
import { fetchPacketBudget, fetchSettingsLog, savePacketBudget } from '../services/settings';
import { useIntent } from './useIntent';
import { usePaged } from './usePaged';
import { useRemote } from './useRemote';

/** The owner's red-packet budget editor: the budget with this month's use, the save action (checked locally first) and the settings log. */
export function usePacketBudget() {
  const budget = useRemote<PacketBudgetView>(async () => {
    await login();
    return fetchPacketBudget();
  }, 'packet-budget');
  const log = usePaged<SettingsLogEntry>(async (after) => {
    await login();
    const page = await fetchSettingsLog(after);
    return { items: page.entries, next: page.next };
  }, 'settings-log');
  const intent = useIntent();
  const { run, setError } = intent;

  const save = useCallback(
    async (text: string): Promise<{ changed: boolean } | null> => {
      const problem = intProblem(text, '每月红包预算', 0, MAX_PACKET_BUDGET);
      if (problem) {
        setError(new ApiFailure('VALIDATION', problem));
        return null;
      }
      const value = Number(text.trim());
      return run(`packet-budget:${value}`, async (requestId) => {
        const result = await savePacketBudget(value, requestId);
        await Promise.all([budget.reload(), log.refresh()]);
        return { changed: result.changed };
      });
    },
    [run, setError, budget, log],
  );

  return { budget, log, saving: intent.busy !== null, saveError: intent.error, save };
}
