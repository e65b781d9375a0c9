import { Text, View } from '@tarojs/components';
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
  return (
    <View className='identity-bar'>
      <Text>本地体验模式</Text>
      <Text {...tapRole('link')} className='link' onClick={onSwitch}>
        切换身份
      </Text>
    </View>
  );
}
