import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { ApplicationView } from '../../../../types/onboarding';
import { textProblem } from '../../../core/formRules';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorNote } from '../../../components/ErrorNote';
import { PageStatus } from '../../../components/PageStatus';
import { useApplications } from '../../../hooks/useOnboarding';
import { showDateTime } from '../../../services/time';
import { controlName } from '../../../components/a11y';

function ApplicationCard({ a, busy, onDecide }: { a: ApplicationView; busy: boolean; onDecide: (approve: boolean, reason?: string) => Promise<void> }) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const reject = async () => {
    const found = textProblem(reason, '拒绝原因', 1, 200);
    setProblem(found);
    if (found) return;
    const { confirm } = await Taro.showModal({ title: '拒绝申请', content: `拒绝 ${a.nickname} 的申请？\n原因（申请人可见）：${reason.trim()}`, confirmText: '拒绝' });
    if (confirm) await onDecide(false, reason.trim());
  };
  return (
    <View className='card' data-testid='application'>
      <Text className='section-title'>{a.nickname}</Text>
      <Text className='muted'>
        提交于 {showDateTime(a.submittedAt)}
        {a.round > 1 ? ` · 第 ${a.round} 次申请` : ''}
        {a.inviterName ? ` · 邀请人 ${a.inviterName}` : ' · 无邀请人'}
      </Text>
      {a.answers.map((x) => (
        <View key={x.question} className='field'>
          <Text className='field__label'>{x.question}</Text>
          <Text>{x.answer}</Text>
        </View>
      ))}
      <View className='field'>
        <Text className='field__label'>拒绝原因（拒绝时必填，申请人可见）</Text>
        <Input className={`field__input${problem ? ' is-invalid' : ''}`} value={reason} maxlength={200} {...controlName('拒绝原因')} onInput={(e) => setReason(e.detail.value)} />
        {problem ? <Text className='field__error'>{problem}</Text> : null}
      </View>
      <View className='member-detail__actions'>
        <Button className='btn btn--small btn--primary' disabled={busy} onClick={() => void onDecide(true)}>
          通过
        </Button>
        <Button className='btn btn--small btn--ghost' disabled={busy} onClick={() => void reject()}>
          拒绝
        </Button>
      </View>
    </View>
  );
}

/** 入群申请 (hosts): applications waiting, oldest first, with answers and invite source; approve or reject with a reason. */
export default function ApplicationsPage() {
  const { queue, review } = useApplications();
  useDidShow(() => void queue.reload());
  const q = queue.data;
  if (!q) return <PageStatus error={queue.error} onRetry={() => void queue.reload()} />;
  const decide = async (memberId: string, approve: boolean, reason?: string) => {
    const done = await review.submit(memberId, approve, reason);
    if (done) void Taro.showToast({ title: approve ? '已通过' : '已拒绝', icon: 'success' });
  };
  return (
    <View className='page'>
      <View className='card'>
        <Text className='section-title'>待审核 {q.total} 份</Text>
        <Text className='muted'>先到先审：最早提交的在最上面。通过后对方即可签到、听课，并开始入群仪式。</Text>
      </View>
      {review.error ? <ErrorNote error={review.error} /> : null}
      {q.applications.length === 0 ? <EmptyState title='没有待审核的申请' detail='有人提交入群申请时会出现在这里。' /> : null}
      {q.applications.map((a) => (
        <ApplicationCard key={a.memberId} a={a} busy={review.submitting} onDecide={(approve, reason) => decide(a.memberId, approve, reason)} />
      ))}
    </View>
  );
}
