import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { DEMO_GROUPS } from '../core/demoGroups';
import { useSimulatedGroupEntry } from '../hooks/useGroups';
import { PersonaPicker } from './PersonaPicker';
import './ui.css';
import { tapRole } from './a11y';

interface Props {
  needsPersona: boolean;
  onPick: (openid: string) => void;
  onSwitch: () => void;
}

/**
 * h5 local mode: the role picker until a persona is chosen, then a small "切换身份" bar.
 * Renders nothing on weapp, where WeChat supplies identity.
 */
export function LocalIdentity({ needsPersona, onPick, onSwitch }: Props) {
  if (process.env.TARO_ENV !== 'h5') return null;
  if (needsPersona) return <PersonaPicker onPick={onPick} />;
  return <IdentityBar onSwitch={onSwitch} />;
}

/** The bar once a persona is chosen: switch persona, or "从群进入" a demo WeChat group (as if from its group card). */
function IdentityBar({ onSwitch }: { onSwitch: () => void }) {
  const [picking, setPicking] = useState(false);
  const enterFrom = useSimulatedGroupEntry();
  const open = (opengid: string) => {
    enterFrom(opengid);
    setPicking(false);
    void Taro.navigateTo({ url: '/subpackages/member/group/index' });
  };
  return (
    <View>
      <View className='identity-bar'>
        <Text>本地体验模式</Text>
        <Text {...tapRole('link')} className='link' onClick={() => setPicking(!picking)}>
          从群进入
        </Text>
        <Text {...tapRole('link')} className='link' onClick={onSwitch}>
          切换身份
        </Text>
      </View>
      {picking ? (
        <View className='card' data-testid='group-entry-picker'>
          <Text className='muted'>模拟从微信群里的小程序卡片打开（在微信里由 getGroupEnterInfo 识别群）。</Text>
          {DEMO_GROUPS.map((g) => (
            <View key={g.opengid} className='link-row' {...tapRole('button')} aria-label={`从${g.name}进入`} onClick={() => open(g.opengid)}>
              <Text>{g.name}</Text>
              <Text className='muted'>›</Text>
            </View>
          ))}
          <View className='link-row' {...tapRole('button')} aria-label='从一个新群进入' onClick={() => open(`new-${Date.now().toString(36)}`)}>
            <Text>一个还没认领的新群</Text>
            <Text className='muted'>›</Text>
          </View>
        </View>
      ) : null}
    </View>
  );
}
