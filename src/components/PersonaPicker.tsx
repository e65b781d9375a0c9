import { Button, Text, View } from '@tarojs/components';
import { ROLE_LABEL } from '../core/roles';
import { usePersonas } from '../hooks/usePersonas';
import './ui.css';
import { tapRole } from './a11y';

/**
 * Local mode only: stands in for WeChat login. Lets a person act as a brand-new member, a seeded
 * member, a host or the owner of the demo community.
 */
export function PersonaPicker({ onPick }: { onPick: (openid: string) => void }) {
  const { personas, newMember } = usePersonas();
  return (
    <View className='card persona-picker'>
      <Text className='persona-picker__title'>本地体验：选择一个身份</Text>
      <Text className='persona-picker__detail'>在微信里由微信登录确定身份；本地运行时用这里代替。</Text>
      <Button className='btn btn--primary' onClick={() => onPick(newMember())}>
        以新会员身份体验
      </Button>
      {(personas ?? []).map((p) => (
        <View {...tapRole('link')} key={p.openid} className='persona-picker__row' onClick={() => onPick(p.openid)}>
          <Text className={`role-tag role-tag--${p.role}`}>{ROLE_LABEL[p.role]}</Text>
          <View className='persona-picker__main'>
            <Text className='persona-picker__label'>{p.label}</Text>
            <Text className='persona-picker__sub'>{p.detail}</Text>
          </View>
        </View>
      ))}
      {personas === null ? <Text className='muted'>正在加载示范社群…</Text> : null}
    </View>
  );
}
