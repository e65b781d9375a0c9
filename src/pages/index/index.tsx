import Taro, { useDidShow, usePullDownRefresh, useShareAppMessage } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { CheckinCard } from '../../components/CheckinCard';
import { ErrorNote } from '../../components/ErrorNote';
import { LocalIdentity } from '../../components/LocalIdentity';
import { OnboardingGate } from '../../components/OnboardingGate';
import { TierBadge } from '../../components/TierBadge';
import { TodayLessons } from '../../components/TodayLessons';
import { FaqBox } from '../../components/FaqBox';
import { HomeFeed } from '../../components/HomeFeed';
import { ReminderCard } from '../../components/ReminderCard';
import { useFeed } from '../../hooks/usePosts';
import { useCheckin } from '../../hooks/useCheckin';
import { useCheckinShare } from '../../hooks/useCheckinShare';
import { useGroupShareTicket } from '../../hooks/useGroups';
import { useSessionKey } from '../../hooks/useSessionKey';
import { refreshTierStatus } from '../../hooks/useTier';

function HomeContent({ sessionKey }: { sessionKey: string }) {
  const checkin = useCheckin(sessionKey);
  const share = useCheckinShare(sessionKey);
  const feed = useFeed(sessionKey);
  useShareAppMessage(() => share.message(checkin.data?.today.streak ?? 0));
  useGroupShareTicket();
  useDidShow(() => {
    void checkin.reload();
    void refreshTierStatus();
    void feed.reload();
  });
  usePullDownRefresh(() => {
    void Promise.all([checkin.reload(), feed.reload()]).finally(() => Taro.stopPullDownRefresh());
  });

  const onCheckin = async () => {
    const done = await checkin.submit();
    // Check-in points count as growth: the badge shows the same figure as 会员等级.
    void refreshTierStatus();
    if (done) {
      void Taro.showToast({ title: `签到成功 +${done.awarded} 积分`, icon: 'success' });
    }
  };

  return (
    <View>
      <TierBadge sessionKey={sessionKey} />
      {checkin.error && !checkin.data ? <ErrorNote error={checkin.error} onRetry={() => void checkin.reload()} /> : null}
      {checkin.actionError ? <ErrorNote error={checkin.actionError} /> : null}
      {checkin.data ? (
        <CheckinCard today={checkin.data.today} balance={checkin.data.balance} submitting={checkin.submitting} onCheckin={onCheckin} />
      ) : checkin.loading ? (
        <View className='card'>
          <Text className='muted'>正在加载签到信息…</Text>
        </View>
      ) : null}
      <View className='card'>
        <Text className='section-title'>今日课程</Text>
        <TodayLessons sessionKey={sessionKey} />
      </View>
      <HomeFeed feed={feed} />
      <ReminderCard sessionKey={sessionKey} />
      <FaqBox />
    </View>
  );
}

/** 首页: the daily check-in card (streak, points, the week), today's lesson, the community feed and FAQ search. */
export default function HomePage() {
  const session = useSessionKey();
  return (
    <View className='page'>
      <LocalIdentity needsPersona={session.needsPersona} onPick={session.choose} onSwitch={() => session.choose(null)} />
      {session.needsPersona ? null : (
        <OnboardingGate key={session.sessionKey} sessionKey={session.sessionKey}>
          <HomeContent sessionKey={session.sessionKey} />
        </OnboardingGate>
      )}
    </View>
  );
}
