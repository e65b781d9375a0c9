import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { PageStatus } from '../../../components/PageStatus';
import { ErrorNote } from '../../../components/ErrorNote';
import { ACTIVITY_KIND_LABEL } from '../../../core/activities';
import { useActivity } from '../../../hooks/useActivities';
import { showMonthDayTime as when } from '../../../services/time';
import { useLiveCardShare } from '../../../hooks/useGroups';
import '../../../components/ui.css';
import '../../../components/lesson.css';
import { tapRole } from '../../../components/a11y';

/** 活动: details, places left, and 报名 / 候补 / 取消报名; hosts get a link to the activity desk. */
export default function ActivityPage() {
  const { params } = useRouter();
  const activityId = params.id ?? '';
  const page = useActivity(activityId);
  const data = page.data;
  // Shared into a group, the card is a live card (动态消息) that shows "已报名 n/m" as people sign up.
  useLiveCardShare(activityId);
  useShareAppMessage(() => ({ title: data ? `报名：${data.activity.title}` : '一起来参加活动', path: `/subpackages/member/activity/index?id=${encodeURIComponent(activityId)}` }));
  if (!data) return <PageStatus error={page.error} onRetry={() => void page.reload()} />;
  const { activity: a, mine } = data;
  const active = mine && mine.status !== 'cancelled' ? mine : null;
  const full = a.confirmed >= a.capacity;
  const onSignup = async () => {
    const r = await page.signup.submit();
    if (r) void Taro.showToast({ title: r.status === 'confirmed' ? '报名成功' : `已候补第 ${r.position} 位`, icon: 'success' });
  };
  const onCancel = async () => {
    if (await page.cancel.submit()) void Taro.showToast({ title: '已取消报名', icon: 'success' });
  };
  const error = page.signup.error ?? page.cancel.error;
  return (
    <View className='page'>
      <View className='card'>
        <Text className='section-title' data-testid='activity-title'>
          【{ACTIVITY_KIND_LABEL[a.kind]}】{a.title}
        </Text>
        <View className='figure-row'>
          <Text>时间</Text>
          <Text className='figure-row__value'>
            {when(a.startsAt)} – {when(a.endsAt)}
          </Text>
        </View>
        <View className='figure-row'>
          <Text>{a.mode === 'online' ? '线上' : '地点'}</Text>
          <Text className='figure-row__value'>{a.place}</Text>
        </View>
        <View className='figure-row'>
          <Text>名额</Text>
          <Text className='figure-row__value' data-testid='activity-places'>
            已报 {a.confirmed}/{a.capacity}
            {a.waitlisted > 0 ? ` · 候补 ${a.waitlisted}` : ''}
          </Text>
        </View>
        <View className='figure-row'>
          <Text>报名截止</Text>
          <Text className='figure-row__value'>{when(a.signupDeadline)}</Text>
        </View>
        {a.description ? <Text className='outline'>{a.description}</Text> : null}
      </View>

      {error ? <ErrorNote error={error} /> : null}

      <View className='card'>
        {active?.status === 'confirmed' ? <Text className='ok-note'>你已报名成功{active.attended ? '，已签到' : ''}</Text> : null}
        {active?.status === 'waitlist' ? <Text className='ok-note'>你在候补第 {active.position} 位，有人取消时按顺序递补</Text> : null}
        {active?.award ? (
          <Text className='ok-note'>
            获得奖励 +{active.award.points} 积分（{active.award.reason}）
          </Text>
        ) : null}
        {!active && a.status === 'open' ? (
          <Button className='btn btn--primary' loading={page.signup.submitting} onClick={() => void onSignup()}>
            {full ? '名额已满，加入候补' : '报名'}
          </Button>
        ) : null}
        {active && (a.status === 'open' || a.status === 'closed') ? (
          <Button className='btn btn--ghost' loading={page.cancel.submitting} onClick={() => void onCancel()}>
            取消报名
          </Button>
        ) : null}
        {!active && a.status !== 'open' ? <Text className='muted'>{a.status === 'ended' ? '活动已结束' : '报名已截止'}</Text> : null}
      </View>

      {a.summary ? (
        <View className='card'>
          <Text className='section-title'>活动总结</Text>
          <Text className='outline'>{a.summary}</Text>
        </View>
      ) : null}

      {data.canManage ? (
        <View className='card'>
          <View {...tapRole('link')} className='link-row' onClick={() => void Taro.navigateTo({ url: `/subpackages/host/activity-desk/index?id=${a.id}` })}>
            <Text>报名名单 · 签到 · 总结 · 发奖</Text>
            <Text className='muted'>›</Text>
          </View>
        </View>
      ) : null}
    </View>
  );
}
