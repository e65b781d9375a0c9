import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { hasRole } from '../../../core/roles';
import { firstProblem, intProblem, textProblem } from '../../../core/formRules';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorNote } from '../../../components/ErrorNote';
import { PageStatus } from '../../../components/PageStatus';
import { useCreateLottery, useLotteries } from '../../../hooks/useGames';
import { useMember } from '../../../hooks/useMember';
import { showMonthDayTime } from '../../../services/time';
import '../games.css';

const STATE_LABEL = { open: '报名中', drawing: '开奖中', drawn: '已开奖', cancelled: '已取消' } as const;
const HOUR = 3_600_000;

/** 抽奖: every lottery, and for hosts a form to start one (points prizes; entry free or for points). */
export default function LotteriesPage() {
  const list = useLotteries();
  const me = useMember();
  const create = useCreateLottery(list.reload);
  const [title, setTitle] = useState('');
  const [points, setPoints] = useState('100');
  const [winners, setWinners] = useState('3');
  const [cost, setCost] = useState('0');
  const [hours, setHours] = useState('24');
  const [problem, setProblem] = useState<string | null>(null);
  if (!list.data) return <PageStatus error={list.error} onRetry={() => void list.reload()} />;
  const host = me.data ? hasRole(me.data.role, 'host') : false;

  const onCreate = async () => {
    const found = firstProblem({
      title: textProblem(title, '抽奖标题', 1, 30),
      points: intProblem(points, '奖品积分', 1, 100_000),
      winners: intProblem(winners, '中奖人数', 1, 100),
      cost: intProblem(cost, '参与积分', 0, 10_000),
      hours: intProblem(hours, '报名时长（小时）', 1, 720),
    });
    setProblem(found);
    if (found) return;
    const deadline = new Date(Date.now() + Number(hours) * HOUR).toISOString();
    const done = await create.submit({
      title: title.trim(),
      prizes: [{ kind: 'points', points: Number(points), winners: Number(winners) }],
      entry: Number(cost) > 0 ? { kind: 'points', cost: Number(cost) } : { kind: 'free' },
      entryDeadline: deadline,
      drawAt: deadline,
    });
    if (done) void Taro.navigateTo({ url: `/subpackages/games/lottery/index?id=${done.lottery.id}` });
  };

  return (
    <View className='page'>
      <View className='card'>
        {list.data.lotteries.length === 0 ? <EmptyState title='还没有抽奖' detail='讲师发起抽奖后会出现在这里，开奖结果人人可以验证。' /> : null}
        {list.data.lotteries.map((l) => (
          <View key={l.id} className='packet-row' data-testid='lottery-row' onClick={() => void Taro.navigateTo({ url: `/subpackages/games/lottery/index?id=${l.id}` })}>
            <View>
              <Text>{l.title}</Text>
              <Text className='muted'>
                {' '}
                {STATE_LABEL[l.state]} · {l.entries} 人参与 · 开奖 {showMonthDayTime(l.drawAt)}
              </Text>
            </View>
            <Text className='muted'>{l.myCode ? '已参与 ›' : '›'}</Text>
          </View>
        ))}
      </View>
      {host ? (
        <View className='card'>
          <Text className='section-title'>发起抽奖</Text>
          <Text className='muted'>商品奖品请在商城管理中设置库存后，通过接口创建；这里发起积分奖品抽奖。</Text>
          <View className='field'>
            <Text className='field__label'>标题</Text>
            <Input className='field__input' value={title} placeholder='例如：周末签到福利' onInput={(e) => setTitle(e.detail.value)} />
          </View>
          <View className='field'>
            <Text className='field__label'>每人奖励积分</Text>
            <Input className='field__input' type='number' value={points} onInput={(e) => setPoints(e.detail.value)} />
          </View>
          <View className='field'>
            <Text className='field__label'>中奖人数</Text>
            <Input className='field__input' type='number' value={winners} onInput={(e) => setWinners(e.detail.value)} />
          </View>
          <View className='field'>
            <Text className='field__label'>参与消耗积分（0 为免费）</Text>
            <Input className='field__input' type='number' value={cost} onInput={(e) => setCost(e.detail.value)} />
          </View>
          <View className='field'>
            <Text className='field__label'>多少小时后截止并开奖</Text>
            <Input className='field__input' type='number' value={hours} onInput={(e) => setHours(e.detail.value)} />
          </View>
          {problem ? <Text className='field__error'>{problem}</Text> : null}
          {create.error ? <ErrorNote error={create.error} /> : null}
          <Button className='btn btn--primary' loading={create.submitting} disabled={create.submitting} onClick={() => void onCreate()}>
            发起抽奖
          </Button>
        </View>
      ) : null}
    </View>
  );
}
