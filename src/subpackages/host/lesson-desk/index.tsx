import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { PageStatus } from '../../../components/PageStatus';
import { ErrorNote } from '../../../components/ErrorNote';
import { LESSON_LIMITS, LESSON_STATUS_LABEL } from '../../../core/lessonRules';
import { useLessonDesk } from '../../../hooks/useLessons';
import '../../../components/ui.css';
import '../../../components/lesson.css';
import { controlName } from '../../../components/a11y';

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** 课程管理 (hosts): 听课率 and 满意度 with their definitions, questions with written answers, and the replay. */
export default function LessonDeskPage() {
  const { params } = useRouter();
  const lessonId = params.id ?? '';
  const desk = useLessonDesk(lessonId);
  const [url, setUrl] = useState('');
  const [transcript, setTranscript] = useState('');
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const data = desk.data;
  if (!data) return <PageStatus error={desk.error} onRetry={() => void desk.reload()} />;
  const { lesson, stats, questions } = data;
  const canReplay = lesson.status === 'live' || lesson.status === 'ended' || lesson.status === 'replay';
  const onReplay = async () => {
    if (await desk.replay.submit(url.trim(), transcript.trim())) {
      setUrl('');
      setTranscript('');
      void Taro.showToast({ title: '回放已发布', icon: 'success' });
    }
  };
  const onAnswer = async (questionId: string) => {
    if (await desk.answer.submit(questionId, (drafts[questionId] ?? '').trim())) {
      setDrafts({ ...drafts, [questionId]: '' });
      void Taro.showToast({ title: '回答已发布', icon: 'success' });
    }
  };
  const actionError = desk.answer.error ?? desk.replay.error;
  return (
    <View className='page'>
      <View className='card'>
        <Text className='section-title'>
          {lesson.title} · {LESSON_STATUS_LABEL[lesson.status]}
        </Text>
        <View className='figure-row'>
          <Text>预约提醒</Text>
          <Text className='figure-row__value'>{stats.subscribers} 人</Text>
        </View>
        <View className='figure-row'>
          <Text>签到听课</Text>
          <Text className='figure-row__value'>{stats.attendees} 人</Text>
        </View>
        <View className='figure-row'>
          <Text>听课率</Text>
          <Text className='figure-row__value' data-testid='attendance-rate'>
            {percent(stats.attendanceRate)}
          </Text>
        </View>
        <View className='figure-row'>
          <Text>满意度（{stats.ratings} 人评分）</Text>
          <Text className='figure-row__value' data-testid='average-rating'>
            {stats.averageRating === null ? '—' : `${stats.averageRating.toFixed(1)} / 5`}
          </Text>
        </View>
        <View className='figure-row'>
          <Text>提问 / 已回答</Text>
          <Text className='figure-row__value'>
            {stats.questions} / {stats.answered}
            {stats.medianResponseMinutes === null ? '' : ` · 中位响应 ${Math.round(stats.medianResponseMinutes)} 分钟`}
          </Text>
        </View>
        <Text className='muted'>{stats.definitions.attendanceRate}</Text>
        <Text className='muted'>{stats.definitions.averageRating}</Text>
      </View>

      {actionError ? <ErrorNote error={actionError} /> : null}

      <View className='card'>
        <Text className='section-title'>课前提问（{questions.length}）</Text>
        {questions.length === 0 ? <Text className='muted'>还没有人提问。</Text> : null}
        {questions.map((q) => (
          <View className='question question--desk' key={q.id}>
            <View className='question__main'>
              <Text className='question__text'>{q.text}</Text>
              <Text className='question__meta'>
                {q.nickname}
                {q.responseMinutes === null ? '' : ` · ${q.responseMinutes} 分钟后回答`}
              </Text>
            </View>
            {q.answer ? <Text className='question__answer'>答：{q.answer.text}</Text> : null}
            <View className='field'>
              <Textarea {...controlName('回答')}
                className='field__input'
                value={drafts[q.id] ?? ''}
                maxlength={LESSON_LIMITS.answer}
                placeholder={q.answer ? '修改回答' : '写下回答，提问者和其他成员会在课程页看到'}
                onInput={(e) => setDrafts({ ...drafts, [q.id]: e.detail.value })}
                data-testid='answer-input'
              />
            </View>
            <Button className='btn btn--small btn--ghost' disabled={(drafts[q.id] ?? '').trim().length === 0 || desk.answer.submitting} onClick={() => void onAnswer(q.id)}>
              {q.answer ? '更新回答' : '发布回答'}
            </Button>
          </View>
        ))}
      </View>

      {canReplay ? (
        <View className='card'>
          <Text className='section-title'>{lesson.replay ? '更新回放' : '添加回放'}</Text>
          <View className='field'>
            <Text className='field__label'>回放链接</Text>
            <Input {...controlName('回放链接')} className='field__input' value={url} maxlength={LESSON_LIMITS.replayUrl} placeholder={lesson.replay?.url ?? 'https://…'} onInput={(e) => setUrl(e.detail.value)} />
          </View>
          <View className='field'>
            <Text className='field__label'>文字稿（选填）</Text>
            <Textarea {...controlName('文字稿')} className='field__input' value={transcript} maxlength={LESSON_LIMITS.transcript} placeholder='课程要点或完整文字稿' onInput={(e) => setTranscript(e.detail.value)} />
          </View>
          <Button className='btn btn--primary' disabled={url.trim().length === 0 || desk.replay.submitting} onClick={() => void onReplay()}>
            发布回放
          </Button>
        </View>
      ) : null}
    </View>
  );
}
