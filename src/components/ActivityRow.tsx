import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ActivityView } from '../../types/activities';
import { ACTIVITY_KIND_LABEL } from '../core/activities';
import { showClock } from '../services/time';
import './ui.css';
import './lesson.css';
import { tapRole } from './a11y';

const STATUS = { open: '报名中', closed: '报名截止', ongoing: '进行中', ended: '已结束' } as const;
const TAG = { open: 'scheduled', closed: 'draft', ongoing: 'live', ended: 'ended' } as const;

/** One activity in a list: kind, title, when, places; tapping opens the activity page. */
export function ActivityRow({ activity }: { activity: ActivityView }) {
  return (
    <View {...tapRole('link')} className='lesson-row' data-testid='activity-row' onClick={() => void Taro.navigateTo({ url: `/subpackages/member/activity/index?id=${activity.id}` })}>
      <View className='lesson-row__main'>
        <Text className='lesson-row__title'>
          【{ACTIVITY_KIND_LABEL[activity.kind]}】{activity.title}
        </Text>
        <Text className='lesson-row__meta'>
          {activity.day.slice(5)} {showClock(activity.startsAt)} · {activity.mode === 'online' ? '线上' : '线下'} · 已报 {activity.confirmed}/{activity.capacity}
          {activity.waitlisted > 0 ? ` · 候补 ${activity.waitlisted}` : ''}
        </Text>
      </View>
      <Text className={`lesson-tag lesson-tag--${TAG[activity.status]}`}>{STATUS[activity.status]}</Text>
    </View>
  );
}
