import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { PageStatus } from '../../../components/PageStatus';
import { ErrorNote } from '../../../components/ErrorNote';
import { QuestionAnswers } from '../../../components/QuestionAnswers';
import { LessonDeskQuestions } from '../../../components/LessonDeskQuestions';
import { FaqSuggestions } from '../../../components/FaqSuggestions';
import { LESSON_LIMITS, LESSON_STATUS_LABEL, WATCH_LABEL } from '../../../core/lessonRules';
import { useLesson } from '../../../hooks/useLessons';
import { showClock } from '../../../services/time';
import '../../../components/ui.css';
import '../../../components/lesson.css';
import { LinkRow } from '../../../components/LinkRow';
import { LessonRating } from './LessonRating';
import { controlName, tapRole } from '../../../components/a11y';

/** 直播课: outline, where to watch, and the action that fits the moment (提醒我 / 提问 / 签到听课 / 评分 / 回放). */
export default function LessonPage() {
  const { params } = useRouter();
  const lessonId = params.id ?? '';
  const page = useLesson(lessonId);
  const [question, setQuestion] = useState('');
  const data = page.data;

  if (!data) return <PageStatus error={page.error} onRetry={() => void page.reload()} />;
  const { lesson, mine } = data;
  const status = lesson.status;
  const canAttend = data.canAttend;
  const others = data.answered.filter((q) => !mine.questions.some((m) => m.id === q.id));
  const actionError = page.subscribe.error ?? page.ask.error ?? page.attend.error ?? page.rate.error;

  const onSubscribe = async () => {
    if (await page.subscribe.submit()) void Taro.showToast({ title: '开课前 15 分钟提醒你', icon: 'success' });
  };
  const onAsk = async () => {
    if (await page.ask.submit(question.trim())) {
      setQuestion('');
      void Taro.showToast({ title: '问题已提交', icon: 'success' });
    }
  };
  const onAttend = async () => {
    const done = await page.attend.submit();
    if (done) void Taro.showToast({ title: `签到成功 +${done.awarded} 积分`, icon: 'success' });
  };

  return (
    <View className='page'>
      <View className='card'>
        <View className='lesson-row'>
          <View className='lesson-row__main'>
            <Text className='section-title' data-testid='lesson-title'>
              {lesson.title}
            </Text>
            <Text className='lesson-row__meta'>
              {lesson.day} {showClock(lesson.startsAt)}–{showClock(lesson.endsAt)} · 讲师 {lesson.lecturer}
            </Text>
            {lesson.capacity ? <Text className='lesson-row__meta'>限 {lesson.capacity} 人签到听课</Text> : null}
          </View>
          <Text className={`lesson-tag lesson-tag--${status}`} data-testid='lesson-status'>
            {LESSON_STATUS_LABEL[status]}
          </Text>
        </View>
        {lesson.outline ? <Text className='outline'>{lesson.outline}</Text> : null}
        {lesson.watch ? (
          <View className='figure-row'>
            <Text>{WATCH_LABEL[lesson.watch.kind]}</Text>
            <Text {...tapRole('button')} className='figure-row__value' onClick={() => void Taro.setClipboardData({ data: lesson.watch?.value ?? '' })}>
              {lesson.watch.value}
            </Text>
          </View>
        ) : null}
      </View>

      {actionError ? <ErrorNote error={actionError} /> : null}

      {status === 'scheduled' ? (
        <View className='card'>
          {mine.subscribed ? (
            <Button className='btn btn--done' disabled>
              已设置提醒
            </Button>
          ) : (
            <Button className='btn btn--primary' loading={page.subscribe.submitting} onClick={() => void onSubscribe()}>
              提醒我
            </Button>
          )}
          <Text className='muted'>开课前 15 分钟通过微信提醒你（每次设置提醒可收到一条消息）。</Text>
        </View>
      ) : null}

      {canAttend ? (
        <View className='card'>
          <Button className='btn btn--primary' loading={page.attend.submitting} onClick={() => void onAttend()}>
            签到听课 +{data.attendPoints}
          </Button>
          <Text className='muted'>直播开始后至结束后 30 分钟内可签到，每节课一次。</Text>
        </View>
      ) : mine.attended ? (
        <View className='card'>
          <Text className='ok-note'>已签到听课</Text>
        </View>
      ) : null}

      {status === 'scheduled' || status === 'live' ? (
        <View className='card'>
          <Text className='section-title'>课前提问</Text>
          <View className='field'>
            <Input {...controlName('向讲师提问')} className='field__input' value={question} maxlength={LESSON_LIMITS.question} placeholder='想让讲师讲什么？（最多 200 字）' onInput={(e) => setQuestion(e.detail.value)} data-testid='question-input' />
          </View>
          <FaqSuggestions text={question} onSolved={() => setQuestion('')} />
          <Button className='btn btn--ghost' disabled={question.trim().length === 0 || page.ask.submitting} onClick={() => void onAsk()}>
            提问
          </Button>
          <QuestionAnswers questions={mine.questions} />
        </View>
      ) : null}

      {status !== 'scheduled' && status !== 'live' && mine.questions.length > 0 ? (
        <View className='card'>
          <Text className='section-title'>我的提问</Text>
          <QuestionAnswers questions={mine.questions} />
        </View>
      ) : null}

      {others.length > 0 ? (
        <View className='card' data-testid='lesson-qa'>
          <Text className='section-title'>课程问答</Text>
          <QuestionAnswers questions={others} />
        </View>
      ) : null}

      {status !== 'draft' ? <LessonDeskQuestions lessonId={lesson.id} /> : null}

      {lesson.replay ? (
        <View className='card'>
          <Text className='section-title'>回放</Text>
          <View className='figure-row'>
            <Text>回放链接</Text>
            <Text {...tapRole('button')} className='figure-row__value' onClick={() => void Taro.setClipboardData({ data: lesson.replay?.url ?? '' })}>
              {lesson.replay.url}
            </Text>
          </View>
          {lesson.replay.transcript ? <Text className='outline'>{lesson.replay.transcript}</Text> : null}
        </View>
      ) : null}

      {status === 'ended' || status === 'replay' ? <LessonRating rating={mine.rating} rate={page.rate} /> : null}

      {data.canManage ? (
        <View className='card'>
          <Text className='section-title'>管理</Text>
          <LinkRow title='提问、听课率与满意度、回放' url={`/subpackages/host/lesson-desk/index?id=${lesson.id}`} />
          <LinkRow title='编辑课程' url={`/subpackages/host/lesson-edit/index?id=${lesson.id}`} />
        </View>
      ) : null}
    </View>
  );
}
