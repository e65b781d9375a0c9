import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { ErrorNote } from '../../../components/ErrorNote';
import { MemberPicker } from '../../../components/MemberPicker';
import { ADJUST_MESSAGE, ADJUST_POINTS_MAX, textProblem } from '../../../core/formRules';
import { useAdjustPoints } from '../../../hooks/usePointsAdmin';
import { controlName, tapRole } from '../../../components/a11y';

/** 调整积分 (hosts and owners): grant or deduct points for one member with a written reason. */
export default function AdjustPointsPage() {
  const { params } = useRouter();
  const [member, setMember] = useState({ id: params.memberId ?? '', nickname: decodeURIComponent(params.name ?? '') });
  const memberId = member.id;
  const name = member.nickname;
  const [direction, setDirection] = useState<'grant' | 'deduct'>('grant');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<{ delta: number; balance: number | null } | null>(null);
  const adjust = useAdjustPoints();

  const [problems, setProblems] = useState<{ amount: string | null; reason: string | null }>({ amount: null, reason: null });
  const value = Number(amount);

  const onSubmit = async () => {
    // A positive amount only: the 发放 / 扣除 choice alone decides the sign.
    const found = { amount: /^\d+$/.test(amount) && value >= 1 && value <= ADJUST_POINTS_MAX ? null : ADJUST_MESSAGE, reason: textProblem(reason, '发放原因', 1, 100) };
    setProblems(found);
    if (found.amount || found.reason) return;
    const verb = direction === 'grant' ? '发放' : '扣除';
    const confirm = await Taro.showModal({ title: `确认${verb}积分`, content: `给 ${name || '该成员'} ${verb} ${value} 积分\n原因：${reason.trim()}`, confirmText: direction === 'grant' ? '确认发放' : '确认扣除' });
    if (!confirm.confirm) return;
    const delta = direction === 'grant' ? value : -value;
    const result = await adjust.submit(memberId, delta, reason.trim());
    if (result) {
      setDone({ delta, balance: result.status === 'applied' ? result.balance : null });
      setAmount('');
      setReason('');
      if (result.status === 'pending') void Taro.showToast({ title: '超出今日额度，等待群主审批', icon: 'none' });
      else void Taro.showToast({ title: delta > 0 ? `已发放 ${delta} 积分` : `已扣除 ${-delta} 积分`, icon: 'success' });
    }
  };

  return (
    <View className='page'>
      <View className='card'>
        <Text className='section-title'>{name || '选择成员'}</Text>
        <MemberPicker label={memberId ? '换一位成员' : '选择成员'} onPick={(m) => setMember({ id: m.id, nickname: m.nickname })} />
        <View className='tabs'>
          <Text {...tapRole('tab', direction === 'grant')} className={`tabs__item${direction === 'grant' ? ' is-active' : ''}`} onClick={() => setDirection('grant')}>
            发放
          </Text>
          <Text {...tapRole('tab', direction === 'deduct')} className={`tabs__item${direction === 'deduct' ? ' is-active' : ''}`} onClick={() => setDirection('deduct')}>
            扣除
          </Text>
        </View>
        <View className='field'>
          <Text className='field__label'>{direction === 'grant' ? '发放' : '扣除'}积分数（1–{ADJUST_POINTS_MAX}，填正数）</Text>
          <Input {...controlName('积分数量')}
            className={`field__input${problems.amount ? ' is-invalid' : ''}`}
            type='number'
            value={amount}
            placeholder='例如 50'
            onInput={(e) => {
              setAmount(e.detail.value.trim());
              setProblems((p) => ({ ...p, amount: null }));
            }}
            data-testid='adjust-amount'
          />
          {problems.amount ? <Text className='field__error'>{problems.amount}</Text> : null}
        </View>
        <View className='field'>
          <Text className='field__label'>原因（必填，会员可见，最多 100 字）</Text>
          <Input {...controlName('原因')}
            className={`field__input${problems.reason ? ' is-invalid' : ''}`}
            value={reason}
            maxlength={100}
            placeholder='例如：沙龙活动一等奖'
            onInput={(e) => {
              setReason(e.detail.value);
              setProblems((p) => ({ ...p, reason: null }));
            }}
            data-testid='adjust-reason'
          />
          {problems.reason ? <Text className='field__error'>{problems.reason}</Text> : null}
        </View>
        {adjust.error ? <ErrorNote error={adjust.error} /> : null}
        <Button className='btn btn--primary' disabled={adjust.submitting || !memberId} loading={adjust.submitting} onClick={() => void onSubmit()}>
          {direction === 'grant' ? '确认发放' : '确认扣除'}
        </Button>
        <Text className='muted'>讲师每天人工调整合计超过额度（默认 2000 积分）的部分需群主审批后才到账；不能给自己调整。</Text>
        {done && done.balance === null ? (
          <Text className='ok-note' data-testid='adjust-pending'>
            {done.delta > 0 ? `发放 ${done.delta}` : `扣除 ${-done.delta}`} 积分超出今日额度，已提交群主审批，批准后到账
          </Text>
        ) : done ? (
          <Text className='ok-note' data-testid='adjust-done'>
            {done.delta > 0 ? `已发放 ${done.delta}` : `已扣除 ${-done.delta}`} 积分，当前余额 {done.balance}
          </Text>
        ) : null}
      </View>
    </View>
  );
}
