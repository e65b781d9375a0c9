import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useTodayLessons } from '../hooks/useLessons';
import { EmptyState } from './EmptyState';
import { ErrorNote } from './ErrorNote';
import { LessonRow } from './LessonRow';

/** 首页 今日课程: today's lessons (community day), each opening its lesson page. */
export function TodayLessons({ sessionKey }: { sessionKey: string }) {
  const today = useTodayLessons(sessionKey);
  useDidShow(() => {
    void today.reload();
  });
  if (today.error && !today.data) return <ErrorNote error={today.error} onRetry={() => void today.reload()} />;
  if (!today.data) return today.loading ? <Text className='muted'>正在加载今日课程…</Text> : null;
  if (today.data.lessons.length === 0) return <EmptyState title='今天没有直播课' detail='去「课程」看看本周课表，给想听的课设置提醒。' />;
  return (
    <View data-testid='today-lessons'>
      {today.data.lessons.map((lesson) => (
        <LessonRow key={lesson.id} lesson={lesson} />
      ))}
    </View>
  );
}
