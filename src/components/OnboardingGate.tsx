import type { ReactNode } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useOnboarding } from '../hooks/useOnboarding';

/**
 * 首页 entry gate (issue 16): a member not yet admitted (or banned) sees their entry state instead
 * of the home page; an admitted newcomer sees the 入群仪式 checklist until it is done, and a host's
 * welcome message once greeted; a member asked to accept a changed 群规 sees a card for it.
 */
export function OnboardingGate({ sessionKey, children }: { sessionKey: string; children: ReactNode }) {
  const { view } = useOnboarding(sessionKey);
  useDidShow(() => void view.reload());
  const v = view.data;
  if (!v) return view.loading ? null : <>{children}</>;
  if (v.status !== 'admitted') {
    return (
      <View className='card' data-testid='entry-gate'>
        <Text className='section-title'>{v.status === 'banned' ? '你已被禁止参与社群活动' : v.application?.state === 'submitted' ? '入群申请审核中' : `欢迎来到${v.communityName}`}</Text>
        <Text>{v.status === 'banned' ? `原因：${v.ban?.reason ?? '违反群规'}` : v.intro}</Text>
        <Button className='btn btn--primary' onClick={() => void Taro.navigateTo({ url: '/subpackages/member/join/index' })}>
          {v.status === 'banned' ? '查看详情' : v.application ? '查看申请进度' : '申请加入'}
        </Button>
      </View>
    );
  }
  const done = v.steps.filter((s) => s.done).length;
  return (
    <View>
      {v.greeting ? (
        <View className='card' data-testid='greeting'>
          <Text className='section-title'>{v.greeting.byName} 欢迎你</Text>
          <Text>{v.greeting.text}</Text>
        </View>
      ) : null}
      {v.completed && v.reacceptRules ? (
        <View className='card' data-testid='rules-card' aria-label='阅读新版群规' onClick={() => void Taro.navigateTo({ url: '/subpackages/member/onboarding/index' })}>
          <Text className='section-title'>群规已更新（第 {v.rulesVersion} 版）</Text>
          <Text className='muted'>请花一分钟阅读新版群规并点“同意”，不影响签到和积分。</Text>
          <Text>去阅读 ›</Text>
        </View>
      ) : null}
      {!v.completed ? (
        <View className='card' data-testid='ritual-card' onClick={() => void Taro.navigateTo({ url: '/subpackages/member/onboarding/index' })}>
          <Text className='section-title'>
            入群仪式 {done}/{v.steps.length}
          </Text>
          {v.steps.map((s) => (
            <Text key={s.key} className='muted'>
              {s.done ? '✓' : '○'} {s.label}
            </Text>
          ))}
          <Text>{v.welcomePoints > 0 ? `全部完成领 ${v.welcomePoints} 积分入群礼 ›` : '去完成 ›'}</Text>
        </View>
      ) : null}
      {children}
    </View>
  );
}
