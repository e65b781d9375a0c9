import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import './ui.css';

/**
 * The way to ask the support desk about this lesson at any time (also after it ended, from the
 * replay). Lesson questions are desk questions, so they appear in this page's 课程问答 too.
 */
export function LessonDeskQuestions({ lessonId }: { lessonId: string }) {
  return (
    <View className='card' data-testid='lesson-desk'>
      <View className='link-row' onClick={() => void Taro.navigateTo({ url: `/subpackages/member/support/index?lesson=${lessonId}` })}>
        <Text>课后还有疑问？去求助中心提问</Text>
        <Text className='muted'>›</Text>
      </View>
    </View>
  );
}
