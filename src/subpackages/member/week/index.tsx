import { useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { ActivityRow } from '../../../components/ActivityRow';
import { PageStatus } from '../../../components/PageStatus';
import { LessonRow } from '../../../components/LessonRow';
import { addDays } from '../../../core/day';
import { WEEKDAY_LABEL } from '../../../core/lessonRules';
import { useWeekCalendar } from '../../../hooks/useActivities';
import '../../../components/ui.css';
import '../../../components/lesson.css';
import { tapRole } from '../../../components/a11y';

/** 周活动日历: one week of lessons and activities, day by day, to share into the group (as operators do every Monday). */
export default function WeekCalendarPage() {
  const { params } = useRouter();
  const [day, setDay] = useState(params.day ?? '');
  const calendar = useWeekCalendar(day);
  const data = calendar.data;
  const range = data ? `${data.monday.slice(5)}–${addDays(data.monday, 6).slice(5)}` : '';
  useShareAppMessage(() => ({ title: `本周活动日历 ${range}：直播课与活动一览`, path: `/subpackages/member/week/index?day=${data?.monday ?? ''}` }));
  if (!data) return <PageStatus error={calendar.error} onRetry={() => void calendar.reload()} />;
  const count = data.days.reduce((n, d) => n + d.lessons.length + d.activities.length, 0);
  return (
    <View className='page'>
      <View className='card' data-testid='week-calendar'>
        <View className='tabs'>
          <Text {...tapRole('button')} className='tabs__item' onClick={() => setDay(addDays(data.monday, -7))}>
            ‹ 上一周
          </Text>
          <Text className='tabs__item is-active'>{range}</Text>
          <Text {...tapRole('button')} className='tabs__item' onClick={() => setDay(addDays(data.monday, 7))}>
            下一周 ›
          </Text>
        </View>
        {count === 0 ? <Text className='muted'>这一周还没有直播课或活动。</Text> : null}
        {data.days.map((d, i) => (
          <View key={d.day}>
            <View className={`day-head${d.day === data.today ? ' is-today' : ''}`}>
              <Text>
                {WEEKDAY_LABEL[i]} {d.day.slice(5)}
              </Text>
              {d.day === data.today ? <Text>今天</Text> : null}
            </View>
            {d.lessons.length + d.activities.length === 0 ? <Text className='day-none'>—</Text> : null}
            {d.lessons.map((l) => (
              <LessonRow key={l.id} lesson={l} />
            ))}
            {d.activities.map((a) => (
              <ActivityRow key={a.id} activity={a} />
            ))}
          </View>
        ))}
      </View>
      <View className='card'>
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className='btn btn--primary' openType='share'>
            分享到群
          </Button>
        ) : (
          <Button className='btn btn--ghost' onClick={() => void Taro.showToast({ title: '在微信中打开即可分享到群', icon: 'none' })}>
            分享到群
          </Button>
        )}
      </View>
    </View>
  );
}
