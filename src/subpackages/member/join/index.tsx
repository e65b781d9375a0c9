import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { ANSWER_MAX } from '../../../core/entry';
import { textProblem } from '../../../core/formRules';
import { ErrorNote } from '../../../components/ErrorNote';
import { PageStatus } from '../../../components/PageStatus';
import { useOnboarding } from '../../../hooks/useOnboarding';
import { showDateTime } from '../../../services/time';
import { controlName } from '../../../components/a11y';

const STATE_LABEL = { submitted: '审核中', approved: '已通过', rejected: '未通过' } as const;

/** 加入社群: the community's intro, my application state, and the application form (or invite code) before admission. */
export default function JoinPage() {
  const { view, apply } = useOnboarding('join');
  const [answers, setAnswers] = useState<string[]>([]);
  const [ref, setRef] = useState('');
  const [problems, setProblems] = useState<Array<string | null>>([]);
  const v = view.data;
  if (!v) return <PageStatus error={view.error} onRetry={() => void view.reload()} />;

  const onSubmit = async () => {
    const found = v.questions.map((_q, i) => textProblem(answers[i] ?? '', '回答', 1, ANSWER_MAX));
    setProblems(found);
    if (found.some(Boolean)) return;
    if (v.mode === 'referral' && !ref.trim()) {
      setProblems(['请填写邀请码']);
      return;
    }
    const done = await apply.submit(v.questions.map((_, i) => (answers[i] ?? '').trim()), ref.trim() || undefined);
    if (done) void Taro.showToast({ title: done.status === 'admitted' ? '欢迎加入' : '已提交申请', icon: 'success' });
    if (done?.status === 'admitted') void Taro.redirectTo({ url: '/subpackages/member/onboarding/index' });
  };

  const canApply = v.status === 'pending' && v.mode !== 'paid' && v.application?.state !== 'submitted';
  return (
    <View className='page'>
      <View className='card'>
        <Text className='section-title'>{v.communityName}</Text>
        <Text>{v.intro}</Text>
      </View>
      {v.status === 'banned' && v.ban ? (
        <View className='card' data-testid='join-banned'>
          <Text className='section-title'>你已被禁止参与社群活动</Text>
          <Text>原因：{v.ban.reason}</Text>
          <Text className='muted'>{v.ban.until ? `解封时间：${showDateTime(v.ban.until)}` : '如有疑问请联系群主'}</Text>
        </View>
      ) : null}
      {v.status === 'admitted' ? (
        <View className='card'>
          <Text className='section-title'>你已是社群成员</Text>
          <Button className='btn btn--primary' onClick={() => void Taro.redirectTo({ url: '/subpackages/member/onboarding/index' })}>
            去完成入群仪式
          </Button>
        </View>
      ) : null}
      {v.application ? (
        <View className='card' data-testid='join-application'>
          <Text className='section-title'>我的申请：{STATE_LABEL[v.application.state]}</Text>
          <Text className='muted'>提交于 {showDateTime(v.application.submittedAt)}</Text>
          {v.application.state === 'rejected' && v.application.reason ? <Text>未通过原因：{v.application.reason}，修改后可以重新提交。</Text> : null}
          {v.application.state === 'submitted' ? <Text className='muted'>群管会尽快审核，通过后即可签到、听课和兑换。</Text> : null}
        </View>
      ) : null}
      {v.status === 'pending' && v.mode === 'paid' ? (
        <View className='card'>
          <Text>本社群仅对付费会员开放，开通会员后即可使用全部功能。</Text>
          <Button className='btn btn--primary' onClick={() => void Taro.navigateTo({ url: '/subpackages/member/tier/index' })}>
            开通付费会员
          </Button>
        </View>
      ) : null}
      {canApply ? (
        <View className='card' data-testid='join-form'>
          <Text className='section-title'>{v.mode === 'referral' ? '填写邀请码加入' : '入群申请'}</Text>
          {v.questions.map((q, i) => (
            <View className='field' key={q}>
              <Text className='field__label'>
                {i + 1}. {q}
              </Text>
              <Textarea
                className={`field__input${problems[i] ? ' is-invalid' : ''}`}
                value={answers[i] ?? ''}
                maxlength={ANSWER_MAX}
                {...controlName(q)}
                onInput={(e) => {
                  const next = [...answers];
                  next[i] = e.detail.value;
                  setAnswers(next);
                  setProblems([]);
                }}
              />
              {problems[i] ? <Text className='field__error'>{problems[i]}</Text> : null}
            </View>
          ))}
          <View className='field'>
            <Text className='field__label'>邀请码{v.mode === 'referral' ? '（必填）' : '（选填）'}</Text>
            <Input className='field__input' value={ref} maxlength={16} placeholder='例如 3HE6QK' {...controlName('邀请码')} onInput={(e) => setRef(e.detail.value)} />
            {v.mode === 'referral' && problems[0] ? <Text className='field__error'>{problems[0]}</Text> : null}
          </View>
          {apply.error ? <ErrorNote error={apply.error} /> : null}
          <Button className='btn btn--primary' loading={apply.submitting} disabled={apply.submitting} onClick={() => void onSubmit()}>
            提交申请
          </Button>
        </View>
      ) : null}
    </View>
  );
}
