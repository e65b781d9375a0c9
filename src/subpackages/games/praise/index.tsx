import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { firstProblem, intProblem, textProblem } from '../../../core/formRules';
import { ErrorNote } from '../../../components/ErrorNote';
import { usePraise, usePraises } from '../../../hooks/useGames';
import { showMonthDayTime } from '../../../services/time';
import { controlName } from '../../../components/a11y';

/** 表扬成员 (hosts): praise one member (in a group when opened from its board) for something specific, optionally with points from today's allowance; their earlier praise below. */
export default function PraisePage() {
  const { memberId = '', name = '', groupId = '', group = '' } = useRouter().params;
  const member = decodeURIComponent(name);
  const groupName = decodeURIComponent(group);
  const praise = usePraise();
  const earlier = usePraises(memberId);
  const [text, setText] = useState('');
  const [points, setPoints] = useState('0');
  const [problem, setProblem] = useState<string | null>(null);
  const onSubmit = async () => {
    const found = firstProblem({ text: textProblem(text, '表扬内容', 1, 100), points: intProblem(points || '0', '表扬积分', 0, 1000) });
    setProblem(found);
    if (found) return;
    const amount = Number(points || '0');
    const { confirm } = await Taro.showModal({ title: '表扬成员', content: `${groupName ? `在「${groupName}」` : ''}表扬 ${member}${amount > 0 ? `，并奖励 ${amount} 积分` : ''}？` });
    if (!confirm) return;
    const done = await praise.submit(memberId, text.trim(), amount, groupId || undefined);
    if (done) {
      void Taro.showToast({ title: '已表扬', icon: 'success' });
      setText('');
      setPoints('0');
      void earlier.reload();
    }
  };
  return (
    <View className='page'>
      <View className='card'>
        <Text className='section-title'>表扬 {member}</Text>
        <Text className='muted'>{groupName ? `表扬会显示在「${groupName}」的群榜上。` : ''}写清楚因为什么表扬，会显示在 TA 的主页和排行榜上。积分计入你今天的发放额度。</Text>
        <View className='field'>
          <Text className='field__label'>表扬内容</Text>
          <Textarea {...controlName('表扬内容')} className='field__input' value={text} maxlength={100} placeholder='例如：连续 30 天分享读书笔记' onInput={(e) => setText(e.detail.value)} data-testid='praise-text' />
        </View>
        <View className='field'>
          <Text className='field__label'>奖励积分（可为 0）</Text>
          <Input {...controlName('奖励积分（可为 0）')} className='field__input' type='number' value={points} onInput={(e) => setPoints(e.detail.value)} data-testid='praise-points' />
        </View>
        {problem ? <Text className='field__error'>{problem}</Text> : null}
        {praise.error ? <ErrorNote error={praise.error} /> : null}
        <Button className='btn btn--primary' loading={praise.submitting} disabled={praise.submitting} onClick={() => void onSubmit()}>
          表扬
        </Button>
      </View>
      <View className='card'>
        <Text className='section-title'>TA 收到的表扬</Text>
        {earlier.data?.praises.length === 0 ? <Text className='muted'>还没有表扬。</Text> : null}
        {earlier.data?.praises.map((p) => (
          <Text key={p.id} className='log-entry__line'>
            {showMonthDayTime(p.at)} {p.byName}：{p.text}
            {p.points > 0 ? `（+${p.points} 积分）` : ''}
          </Text>
        ))}
      </View>
    </View>
  );
}
