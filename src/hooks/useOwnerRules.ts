import { useCallback } from 'react';
import type { ExpiryPolicyView, ExpiryPreview, FunnelWindowsView, ReferralRulesView, SettingsLogEntry, TierRulesView, VipRulesView } from '../../types/api';
import { expiryPolicyProblem, funnelWindowsProblem, referralRulesProblem, tierRulesProblem, vipRulesProblem } from '../core/ruleChanges';
import { ApiFailure } from '../services/api';
import { login } from '../services/session';
import { fetchExpiryPreview, fetchOwnerRules, fetchSettingsLog, saveExpiryPolicy, saveFunnelWindows, saveReferralRules, saveTierRules, saveVipRules } from '../services/settings';
import { useIntent } from './useIntent';
import { usePaged } from './usePaged';
import { useRemote } from './useRemote';

/**
 * The owner's referral-reward, tier, VIP, expiry and funnel-window editors: current values, one save per section
 * (checked locally first with the server's sentences; one requestId per form state), and the shared change log.
 */
export function useOwnerRules() {
  const rules = useRemote(async () => {
    await login();
    return fetchOwnerRules();
  }, 'owner-rules');
  const log = usePaged<SettingsLogEntry>(async (after) => {
    await login();
    const page = await fetchSettingsLog(after);
    return { items: page.entries, next: page.next };
  }, 'settings-log-owner-rules');
  const referralIntent = useIntent();
  const funnelIntent = useIntent();
  const tierIntent = useIntent();
  const expiryIntent = useIntent();
  const vipIntent = useIntent();

  const saveReferral = useCallback(
    async (next: ReferralRulesView) => {
      const problem = referralRulesProblem(next);
      if (problem) {
        referralIntent.setError(new ApiFailure('VALIDATION', problem));
        return null;
      }
      return referralIntent.run(`referral:${JSON.stringify(next)}`, async (requestId) => {
        const result = await saveReferralRules(next, requestId);
        await Promise.all([rules.reload(), log.refresh()]);
        return result;
      });
    },
    [referralIntent, rules, log],
  );

  const saveFunnel = useCallback(
    async (next: FunnelWindowsView) => {
      const problem = funnelWindowsProblem(next);
      if (problem) {
        funnelIntent.setError(new ApiFailure('VALIDATION', problem));
        return null;
      }
      return funnelIntent.run(`funnel:${JSON.stringify(next)}`, async (requestId) => {
        const result = await saveFunnelWindows(next, requestId);
        await Promise.all([rules.reload(), log.refresh()]);
        return result;
      });
    },
    [funnelIntent, rules, log],
  );

  const saveTiers = useCallback(
    async (next: TierRulesView) => {
      const problem = tierRulesProblem(next);
      if (problem) {
        tierIntent.setError(new ApiFailure('VALIDATION', problem));
        return null;
      }
      return tierIntent.run(`tiers:${JSON.stringify(next)}`, async (requestId) => {
        const result = await saveTierRules(next, requestId);
        await Promise.all([rules.reload(), log.refresh()]);
        return result;
      });
    },
    [tierIntent, rules, log],
  );

  const saveExpiry = useCallback(
    async (next: ExpiryPolicyView) => {
      const problem = expiryPolicyProblem(next);
      if (problem) {
        expiryIntent.setError(new ApiFailure('VALIDATION', problem));
        return null;
      }
      return expiryIntent.run(`expiry:${JSON.stringify(next)}`, async (requestId) => {
        const result = await saveExpiryPolicy(next, requestId);
        await Promise.all([rules.reload(), log.refresh()]);
        return result;
      });
    },
    [expiryIntent, rules, log],
  );

  const saveVip = useCallback(
    async (next: VipRulesView) => {
      const problem = vipRulesProblem(next);
      if (problem) {
        vipIntent.setError(new ApiFailure('VALIDATION', problem));
        return null;
      }
      return vipIntent.run(`vip:${JSON.stringify(next)}`, async (requestId) => {
        const result = await saveVipRules(next, requestId);
        await Promise.all([rules.reload(), log.refresh()]);
        return result;
      });
    },
    [vipIntent, rules, log],
  );

  return {
    rules,
    log,
    referral: { save: saveReferral, busy: referralIntent.busy !== null, error: referralIntent.error },
    funnel: { save: saveFunnel, busy: funnelIntent.busy !== null, error: funnelIntent.error },
    tiers: { save: saveTiers, busy: tierIntent.busy !== null, error: tierIntent.error },
    expiry: { save: saveExpiry, busy: expiryIntent.busy !== null, error: expiryIntent.error },
    vip: { save: saveVip, busy: vipIntent.busy !== null, error: vipIntent.error },
  };
}

/** What an expiry policy would mean, fetched whenever the previewed policy changes (null while invalid). */
export function useExpiryPreview(policy: ExpiryPolicyView | null) {
  const key = policy ? JSON.stringify(policy) : '';
  return useRemote<ExpiryPreview | null>(async () => (key ? fetchExpiryPreview(JSON.parse(key) as ExpiryPolicyView) : null), `expiry-preview:${key}`);
}
