import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useTierStatus } from '../hooks/useTier';
import './tier.css';
import { tapRole } from './a11y';

/** 首页: the member's tier badge (and VIP mark) above the check-in card; opens 会员等级. Renders nothing until loaded. */
export function TierBadge({ sessionKey }: { sessionKey: string }) {
  const status = useTierStatus(sessionKey);
  const s = status.data;
  if (!s) return null;
  return (
    <View {...tapRole('link')} className='tier-badge' data-testid='tier-badge' onClick={() => void Taro.navigateTo({ url: '/subpackages/member/tier/index' })}>
      <View>
        <Text className='tier-badge__mark'>{s.tier.badge}</Text>
        <Text className='tier-badge__name'>{s.tier.name}会员</Text>
        <Text>{s.vip.active ? ' · 付费会员' : ''}</Text>
      </View>
      <Text>成长值 {s.growth} ›</Text>
    </View>
  );
}
