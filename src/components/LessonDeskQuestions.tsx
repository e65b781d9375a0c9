import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useKnowledge } from '../hooks/useSupport';
import './ui.css';

/** A lesson's questions on the support desk (answered ones), and the way to ask the desk about this lesson. Shown on the lesson page and its replay. */
export function LessonDeskQuestions({ lessonId }: { lessonId: string }) {
  const kb = useKnowledge({ lessonId });
  return (
    <View className='card' data-testid='lesson-desk'>
      <Text className='section-title'>求助中心里的本课问答</Text>
      {kb.items.map((q) => (
        <View key={q.id} className='link-row' aria-label={`查看问题：${q.text}`} onClick={() => void Taro.navigateTo({ url: `/subpackages/member/support-item/index?question=${q.id}` })}>
          <Text>{q.text}</Text>
          <Text className='muted'>
            {q.answers} 个回答{q.state === 'accepted' ? ' · 已采纳' : ''} ›
          </Text>
        </View>
      ))}
      <View className='link-row' onClick={() => void Taro.navigateTo({ url: `/subpackages/member/support/index?lesson=${lessonId}` })}>
        <Text>课后还有疑问？去求助中心提问</Text>
        <Text className='muted'>›</Text>
      </View>
    </View>
  );
}
