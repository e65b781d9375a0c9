import { View } from '@tarojs/components';
import { PageStatus } from '../../../components/PageStatus';
import { RuleChangeLog } from '../../../components/RuleChangeLog';
import { useOwnerRules } from '../../../hooks/useOwnerRules';
import { ExpiryEditor } from './ExpiryEditor';
import { FunnelEditor } from './FunnelEditor';
import { ReferralEditor } from './ReferralEditor';
import { TierEditor } from './TierEditor';
import { VipEditor } from './VipEditor';
import '../../../components/ui.css';

/** 更多规则 (owner): referral rewards, tier rules, paid-VIP plans, points expiry (with a preview) and funnel windows, validated in Chinese, with the shared change log. */
export default function OwnerRuleSetsPage() {
  const owner = useOwnerRules();
  const data = owner.rules.data;
  if (!data) return <PageStatus error={owner.rules.error} onRetry={() => void owner.rules.reload()} />;
  return (
    <View className='page'>
      <ReferralEditor initial={data.referral} editor={owner.referral} />
      <TierEditor initial={data.tiers} editor={owner.tiers} />
      <VipEditor initial={data.vip} editor={owner.vip} />
      <ExpiryEditor initial={data.expiry} editor={owner.expiry} />
      <FunnelEditor initial={data.funnel} editor={owner.funnel} />
      <RuleChangeLog log={owner.log} />
    </View>
  );
}
