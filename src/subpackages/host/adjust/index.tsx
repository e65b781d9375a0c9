import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { ErrorNote } from '../../../components/ErrorNote';
import { MemberPicker } from '../../../components/MemberPicker';
import { useAdjustPoints } from '../../../hooks/usePointsAdmin';

const MAX_ADJUSTMENT = 100000;

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

  const value = Number(amount);
  const amountOk = /^\d+$/.test(amount) && value > 0 && value <= MAX_ADJUSTMENT;
  const reasonOk = reason.trim().length > 0 && reason.trim().length <= 100;

  const onSubmit = async () => {
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
          <Text className={`tabs__item${direction === 'grant' ? ' is-active' : ''}`} onClick={() => setDirection('grant')}>
            发放
          </Text>
          <Text className={`tabs__item${direction === 'deduct' ? ' is-active' : ''}`} onClick={() => setDirection('deduct')}>
            扣除
          </Text>
        </View>
        <View className='field'>
          <Text className='field__label'>积分数（1–100000）</Text>
          <Input className='field__input' type='number' value={amount} placeholder='例如 50' onInput={(e) => setAmount(e.detail.value.trim())} data-testid='adjust-amount' />
        </View>
        <View className='field'>
          <Text className='field__label'>原因（必填，会员可见，最多 100 字）</Text>
          <Input className='field__input' value={reason} maxlength={100} placeholder='例如：沙龙活动一等奖' onInput={(e) => setReason(e.detail.value)} data-testid='adjust-reason' />
        </View>
        {adjust.error ? <ErrorNote error={adjust.error} /> : null}
        <Button className='btn btn--primary' disabled={!amountOk || !reasonOk || adjust.submitting || !memberId} loading={adjust.submitting} onClick={() => void onSubmit()}>
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
