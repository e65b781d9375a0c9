import { Text, View } from '@tarojs/components';
import type { QuestionView } from '../../types/lessons';
import './lesson.css';

/** A lesson's questions as members read them: each question with the host's answer, or that it is still waiting. */
export function QuestionAnswers({ questions, empty }: { questions: QuestionView[]; empty?: string }) {
  if (questions.length === 0) return empty ? <Text className='muted'>{empty}</Text> : null;
  return (
    <View>
      {questions.map((q) => (
        <View className='question' key={q.id} data-testid='qa-row'>
          <View className='question__main'>
            <Text className='question__text'>问：{q.text}</Text>
            {q.answer ? (
              <Text className='question__answer'>
                答（{q.answer.byName}）：{q.answer.text}
              </Text>
            ) : (
              <Text className='question__meta'>{q.answeredAt ? '讲师已在直播中回答' : '等待讲师回答'}</Text>
            )}
          </View>
        </View>
      ))}
    </View>
  );
}
