import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { ActivityRow } from '../../components/ActivityRow';
import { LessonRow } from '../../components/LessonRow';
import { LocalIdentity } from '../../components/LocalIdentity';
import { WEEKDAY_LABEL } from '../../core/lessonRules';
import { useActivityList } from '../../hooks/useActivities';
import { useLessonSchedule } from '../../hooks/useLessons';
import { useSessionKey } from '../../hooks/useSessionKey';
import '../../components/lesson.css';
import { tapRole } from '../../components/a11y';

function Schedule({ sessionKey }: { sessionKey: string }) {
  const schedule = useLessonSchedule(sessionKey);
  const activities = useActivityList(sessionKey);
  useDidShow(() => {
    void schedule.reload();
    void activities.reload();
  });
  usePullDownRefresh(() => {
    void Promise.all([schedule.reload(), activities.reload()]).finally(() => Taro.stopPullDownRefresh());
  });
  const data = schedule.data;
  if (schedule.error && !data) return <ErrorNote error={schedule.error} onRetry={() => void schedule.reload()} />;
  if (!data) return schedule.loading ? <Text className='muted'>正在加载课表…</Text> : null;
  const count = data.week.days.reduce((n, d) => n + d.lessons.length, 0);
  return (
    <View>
      <View className='card' data-testid='week-schedule'>
        <View {...tapRole('link')} className='link-row' onClick={() => void Taro.navigateTo({ url: '/subpackages/member/week/index' })}>
          <Text className='section-title'>本周课表</Text>
          <Text className='muted'>周活动日历 · 分享 ›</Text>
        </View>
        {data.canPublish ? (
          <Button className='btn btn--ghost' onClick={() => void Taro.navigateTo({ url: '/subpackages/host/lesson-edit/index' })}>
            发布直播课
          </Button>
        ) : null}
        {count === 0 ? <EmptyState title='本周暂无直播课' detail='讲师发布直播课后，这里会按天显示本周课表。' /> : null}
        {count === 0
          ? null
          : data.week.days.map((d, i) => (
              <View key={d.day}>
                <View className={`day-head${d.day === data.week.today ? ' is-today' : ''}`}>
                  <Text>
                    {WEEKDAY_LABEL[i]} {d.day.slice(5)}
                  </Text>
                  {d.day === data.week.today ? <Text>今天</Text> : null}
                </View>
                {d.lessons.length === 0 ? <Text className='day-none'>无课程</Text> : d.lessons.map((l) => <LessonRow key={l.id} lesson={l} />)}
              </View>
            ))}
      </View>
      <View className='card' data-testid='activity-list'>
        <Text className='section-title'>近期活动</Text>
        {data.canPublish ? (
          <Button className='btn btn--ghost' onClick={() => void Taro.navigateTo({ url: '/subpackages/host/activity-new/index' })}>
            发起活动
          </Button>
        ) : null}
        {activities.error ? <ErrorNote error={activities.error} onRetry={() => void activities.reload()} /> : null}
        {activities.data && activities.data.length === 0 ? <Text className='muted'>近期没有沙龙、分会或打卡赛。</Text> : null}
        {(activities.data ?? []).map((a) => (
          <ActivityRow key={a.id} activity={a} />
        ))}
      </View>
      {data.past.length > 0 ? (
        <View className='card'>
          <Text className='section-title'>往期课程与回放</Text>
          {data.past.map((l) => (
            <LessonRow key={l.id} lesson={l} showDay />
          ))}
        </View>
      ) : null}
    </View>
  );
}

/** 课程: this week's live-lesson schedule by day, upcoming activities, and past lessons with replays. */
export default function LessonsPage() {
  const session = useSessionKey();
  return (
    <View className='page'>
      <LocalIdentity needsPersona={session.needsPersona} onPick={session.choose} onSwitch={() => session.choose(null)} />
      {session.needsPersona ? null : <Schedule key={session.sessionKey} sessionKey={session.sessionKey} />}
    </View>
  );
}
