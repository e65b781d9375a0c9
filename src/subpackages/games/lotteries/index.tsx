import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { hasRole } from '../../../core/roles';
import { firstProblem, intProblem, textProblem } from '../../../core/formRules';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorNote } from '../../../components/ErrorNote';
import { PageStatus } from '../../../components/PageStatus';
import { useCreateLottery, useLotteries } from '../../../hooks/useGames';
import { useMallItems } from '../../../hooks/useMall';
import type { LotteryEntryRule, LotteryPrize } from '../../../../types/games';
import { useMember } from '../../../hooks/useMember';
import { showMonthDayTime } from '../../../services/time';
import '../games.css';
import { controlName } from '../../../components/a11y';

const STATE_LABEL = { open: '报名中', drawing: '开奖中', drawn: '已开奖', cancelled: '已取消' } as const;
const HOUR = 3_600_000;

const ENTRY_KINDS: Array<[LotteryEntryRule['kind'], string]> = [
  ['free', '免费参与'],
  ['points', '消耗积分'],
  ['checkins', '签到满天数'],
];

/** 抽奖: every lottery, and for hosts a form to start one (points and mall-item prizes; entry free, for points, or after check-ins). */
export default function LotteriesPage() {
  const list = useLotteries();
  const me = useMember();
  const create = useCreateLottery(list.reload);
  const shelf = useMallItems();
  const [title, setTitle] = useState('');
  const [points, setPoints] = useState('100');
  const [winners, setWinners] = useState('3');
  const [entryKind, setEntryKind] = useState<LotteryEntryRule['kind']>('free');
  const [cost, setCost] = useState('10');
  const [itemId, setItemId] = useState<string | null>(null);
  const [hours, setHours] = useState('24');
  const [problem, setProblem] = useState<string | null>(null);
  if (!list.data) return <PageStatus error={list.error} onRetry={() => void list.reload()} />;
  const host = me.data ? hasRole(me.data.role, 'host') : false;
  const items = (shelf.data?.items ?? []).filter((i) => i.kind !== 'virtual' && i.stock > 0);

  const onCreate = async () => {
    const found = firstProblem({
      title: textProblem(title, '抽奖标题', 1, 30),
      points: intProblem(points, '奖品积分', 1, 100_000),
      winners: intProblem(winners, '中奖人数', 1, 100),
      cost: entryKind === 'points' ? intProblem(cost, '参与积分', 1, 10_000) : entryKind === 'checkins' ? intProblem(cost, '签到天数', 1, 30) : null,
      hours: intProblem(hours, '报名时长（小时）', 1, 720),
    });
    setProblem(found);
    if (found) return;
    const deadline = new Date(Date.now() + Number(hours) * HOUR).toISOString();
    const prizes: LotteryPrize[] = [{ kind: 'points', points: Number(points), winners: Number(winners) }];
    if (itemId) prizes.unshift({ kind: 'item', itemId, winners: 1 });
    const entry: LotteryEntryRule = entryKind === 'points' ? { kind: 'points', cost: Number(cost) } : entryKind === 'checkins' ? { kind: 'checkins', days: Number(cost) } : { kind: 'free' };
    const done = await create.submit({
      title: title.trim(),
      prizes,
      entry,
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
            <View className='packet-row__main'>
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
          <View className='field'>
            <Text className='field__label'>标题</Text>
            <Input {...controlName('标题')} className='field__input' value={title} placeholder='例如：周末签到福利' onInput={(e) => setTitle(e.detail.value)} />
          </View>
          <View className='field'>
            <Text className='field__label'>每人奖励积分</Text>
            <Input {...controlName('每人奖励积分')} className='field__input' type='number' value={points} onInput={(e) => setPoints(e.detail.value)} />
          </View>
          <View className='field'>
            <Text className='field__label'>中奖人数</Text>
            <Input {...controlName('中奖人数')} className='field__input' type='number' value={winners} onInput={(e) => setWinners(e.detail.value)} />
          </View>
          {items.length > 0 ? (
            <>
              <Text className='muted'>加一个商品大奖（1 名，开奖前从库存中预留）：</Text>
              <View className='chip-row'>
                <Text className={`chip ${itemId === null ? 'is-active' : ''}`} onClick={() => setItemId(null)}>
                  不加
                </Text>
                {items.map((i) => (
                  <Text key={i.id} className={`chip ${itemId === i.id ? 'is-active' : ''}`} onClick={() => setItemId(i.id)}>
                    {i.title}（剩 {i.stock}）
                  </Text>
                ))}
              </View>
            </>
          ) : null}
          <View className='chip-row'>
            {ENTRY_KINDS.map(([kind, label]) => (
              <Text key={kind} className={`chip ${entryKind === kind ? 'is-active' : ''}`} onClick={() => setEntryKind(kind)}>
                {label}
              </Text>
            ))}
          </View>
          {entryKind !== 'free' ? (
            <View className='field'>
              <Text className='field__label'>{entryKind === 'points' ? '参与消耗积分' : '抽奖开始后需签到天数'}</Text>
              <Input {...controlName(entryKind === 'points' ? '参与消耗积分' : '抽奖开始后需签到天数')} className='field__input' type='number' value={cost} onInput={(e) => setCost(e.detail.value)} />
            </View>
          ) : null}
          <View className='field'>
            <Text className='field__label'>多少小时后截止并开奖</Text>
            <Input {...controlName('多少小时后截止并开奖')} className='field__input' type='number' value={hours} onInput={(e) => setHours(e.detail.value)} />
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
