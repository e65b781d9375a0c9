import { View } from '@tarojs/components';
import { EmptyState } from '../../components/EmptyState';

/** 课程: the weekly live-lesson schedule. Lessons are not published yet, and the page says so. */
export default function LessonsPage() {
  return (
    <View className='page'>
      <EmptyState title='本周暂无直播课' detail='讲师发布直播课后，这里会按天显示本周课表、提醒和回放。' />
    </View>
  );
}
