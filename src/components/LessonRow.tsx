import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { LessonView } from '../../types/lessons';
import { LESSON_STATUS_LABEL } from '../core/lessonRules';
import { showClock } from '../services/time';
import './ui.css';
import './lesson.css';
import { tapRole } from './a11y';

/** One lesson on a schedule: time, title, lecturer and a status tag; tapping opens the lesson page. */
export function LessonRow({ lesson, showDay = false }: { lesson: LessonView; showDay?: boolean }) {
  const when = `${showDay ? `${lesson.day.slice(5)} ` : ''}${showClock(lesson.startsAt)}–${showClock(lesson.endsAt)}`;
  return (
    <View {...tapRole('link')} className='lesson-row' data-testid='lesson-row' onClick={() => void Taro.navigateTo({ url: `/subpackages/member/lesson/index?id=${lesson.id}` })}>
      <View className='lesson-row__main'>
        <Text className='lesson-row__title'>{lesson.title}</Text>
        <Text className='lesson-row__meta'>
          {when} · {lesson.lecturer}
          {lesson.subscribers > 0 ? ` · ${lesson.subscribers} 人预约提醒` : ''}
        </Text>
      </View>
      <Text className={`lesson-tag lesson-tag--${lesson.status}`}>{LESSON_STATUS_LABEL[lesson.status]}</Text>
    </View>
  );
}
