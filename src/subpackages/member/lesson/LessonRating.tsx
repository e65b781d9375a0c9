import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { Rate } from '../../../components/Rate';
import { controlName } from '../../../components/a11y';
import { LESSON_LIMITS } from '../../../core/lessonRules';
import type { useLesson } from '../../../hooks/useLessons';

type LessonState = ReturnType<typeof useLesson>;

/** 评分 after a lesson: the member's rating when given, else 1–5 stars with an optional comment. */
export function LessonRating({ rating, rate }: { rating: NonNullable<LessonState['data']>['mine']['rating']; rate: LessonState['rate'] }) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const onRate = async () => {
    if (await rate.submit(score, comment.trim())) void Taro.showToast({ title: '感谢评分', icon: 'success' });
  };
  return (
    <View className='card'>
      <Text className='section-title'>评分</Text>
      {rating ? (
        <View>
          <Rate value={rating.score} label='我的评分' />
          {rating.comment ? <Text className='muted'>{rating.comment}</Text> : null}
          <Text className='muted'>你已评分，每节课只能评一次。</Text>
        </View>
      ) : (
        <View>
          <Rate value={score} onChange={setScore} label='给这节课评分' />
          <View className='field'>
            <Input {...controlName('评价留言')} className='field__input' value={comment} maxlength={LESSON_LIMITS.comment} placeholder='说说收获或建议（选填，最多 200 字）' onInput={(e) => setComment(e.detail.value)} />
          </View>
          <Button className='btn btn--primary' disabled={score === 0 || rate.submitting} onClick={() => void onRate()}>
            提交评分
          </Button>
        </View>
      )}
    </View>
  );
}
