import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { LessonRow } from '../../components/LessonRow';
import { LocalIdentity } from '../../components/LocalIdentity';
import { WEEKDAY_LABEL } from '../../core/lessons';
import { useLessonSchedule } from '../../hooks/useLessons';
import { useSessionKey } from '../../hooks/useSessionKey';
import '../../components/lesson.css';

function Schedule({ sessionKey }: { sessionKey: string }) {
  const schedule = useLessonSchedule(sessionKey);
  useDidShow(() => {
    void schedule.reload();
  });
  usePullDownRefresh(() => {
    void schedule.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const data = schedule.data;
  if (schedule.error && !data) return <ErrorNote error={schedule.error} onRetry={() => void schedule.reload()} />;
  if (!data) return schedule.loading ? <Text className='muted'>正在加载课表…</Text> : null;
  const count = data.week.days.reduce((n, d) => n + d.lessons.length, 0);
  return (
    <View>
      <View className='card' data-testid='week-schedule'>
        <Text className='section-title'>本周课表</Text>
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

/** 课程: this week's live-lesson schedule by day, and past lessons with replays. */
export default function LessonsPage() {
  const session = useSessionKey();
  return (
    <View className='page'>
      <LocalIdentity needsPersona={session.needsPersona} onPick={session.choose} onSwitch={() => session.choose(null)} />
      {session.needsPersona ? null : <Schedule key={session.sessionKey} sessionKey={session.sessionKey} />}
    </View>
  );
}
