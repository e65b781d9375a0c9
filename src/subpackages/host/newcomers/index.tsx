import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { NewcomerView } from '../../../../types/onboarding';
import { textProblem } from '../../../core/formRules';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorNote } from '../../../components/ErrorNote';
import { PageStatus } from '../../../components/PageStatus';
import { useNewcomers } from '../../../hooks/useOnboarding';
import { showMonthDayTime } from '../../../services/time';
import { controlName } from '../../../components/a11y';

function NewcomerCard({ n, greetings, busy, onGreet }: { n: NewcomerView; greetings: string[]; busy: boolean; onGreet: (text: string) => Promise<void> }) {
  const [text, setText] = useState(greetings[0] ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <View className='card' data-testid='newcomer'>
      <Text className='section-title'>
        {n.nickname} {n.greeted ? <Text className='role-tag'>已欢迎</Text> : <Text className='role-tag role-tag--owner'>待欢迎</Text>}
      </Text>
      <Text className='muted'>
        入群 {showMonthDayTime(n.admittedAt)} · 入群仪式 {n.stepsDone}/{n.stepsTotal}
      </Text>
      <Text>{n.intro ?? '还没有发布自我介绍'}</Text>
      <View className='chip-row'>
        {greetings.map((g, i) => (
          <Text key={g} className={`chip${text === g ? ' is-on' : ''}`} aria-label={`使用话术 ${i + 1}`} onClick={() => setText(g)}>
            话术 {i + 1}
          </Text>
        ))}
      </View>
      <Input className={`field__input${problem ? ' is-invalid' : ''}`} value={text} maxlength={200} {...controlName('欢迎语')} onInput={(e) => setText(e.detail.value)} />
      {problem ? <Text className='field__error'>{problem}</Text> : null}
      <Button
        className='btn btn--small btn--primary'
        disabled={busy}
        onClick={() => {
          const found = textProblem(text, '欢迎语', 1, 200);
          setProblem(found);
          if (!found) void onGreet(text.trim());
        }}
      >
        {n.greeted ? '再次欢迎' : '发送欢迎'}
      </Button>
    </View>
  );
}

/** 新人欢迎 (hosts): members admitted in the last 14 days, their 入群仪式 progress and intro; greet each with a 话术. */
export default function NewcomersPage() {
  const { list, greet } = useNewcomers();
  useDidShow(() => void list.reload());
  const l = list.data;
  if (!l) return <PageStatus error={list.error} onRetry={() => void list.reload()} />;
  return (
    <View className='page'>
      <View className='card'>
        <Text className='section-title'>近 14 天新人 {l.total} 位 · 待欢迎 {l.waiting} 位</Text>
        <Text className='muted'>新人的欢迎语会显示在对方首页；从入群到第一次欢迎的时长计入「新人响应时间」。</Text>
      </View>
      {greet.error ? <ErrorNote error={greet.error} /> : null}
      {l.newcomers.length === 0 ? <EmptyState title='近 14 天没有新人' detail='新成员入群后会出现在这里。' /> : null}
      {l.newcomers.map((n) => (
        <NewcomerCard
          key={n.memberId}
          n={n}
          greetings={l.greetings}
          busy={greet.submitting}
          onGreet={async (text) => {
            if (await greet.submit(n.memberId, text)) void Taro.showToast({ title: '已发送欢迎', icon: 'success' });
          }}
        />
      ))}
    </View>
  );
}
