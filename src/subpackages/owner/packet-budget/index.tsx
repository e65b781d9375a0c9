import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ErrorNote } from '../../../components/ErrorNote';
import { PageStatus } from '../../../components/PageStatus';
import { describeLogEntry } from '../../../core/ruleChanges';
import { usePacketBudget } from '../../../hooks/usePacketBudget';
import { showDateTime as when } from '../../../services/time';
import { controlName } from '../../../components/a11y';

/** 红包预算 (owner only): the month budget hosts' and owners' red packets draw on, this month's used / left, and the budget's change log. */
export default function PacketBudgetPage() {
  const { budget, log, saving, saveError, save } = usePacketBudget();
  const [value, setValue] = useState('');
  useEffect(() => {
    if (budget.data) setValue(String(budget.data.packetMonthlyBudget));
  }, [budget.data]);
  if (!budget.data) return <PageStatus error={budget.error} onRetry={() => void budget.reload()} />;
  const b = budget.data;
  const typed = /^\d+$/.test(value.trim()) ? Number(value.trim()) : null;

  const onSave = async () => {
    const result = await save(value);
    if (result) void Taro.showToast({ title: result.changed ? '已保存，立即生效' : '预算没有变化', icon: 'none' });
  };
  const changes = log.items.filter((entry) => entry.section === 'packetBudget');

  return (
    <View className='page'>
      <View className='card'>
        <Text className='section-title'>本月红包预算（{b.month}）</Text>
        <Text data-testid='budget-used'>
          已用 {b.used} 积分 · 还剩 {b.left} / {b.packetMonthlyBudget} 积分
        </Text>
        <Text className='form-hint'>群主和讲师发的红包从这里支出，到期没领完的积分会退回预算；成员用自己的积分发红包，不占预算。每月 1 日（社群时区）重新计算。</Text>
      </View>
      <View className='card'>
        <Text className='section-title'>每月预算</Text>
        <View className='form-row'>
          <Text>每月红包预算（积分）</Text>
          <Input className='form-row__input' type='number' value={value} data-testid='budget-input' {...controlName('每月红包预算')} onInput={(e) => setValue(e.detail.value)} />
        </View>
        {typed !== null && typed < b.used ? <Text className='form-hint'>本月已用 {b.used} 积分，超过新预算：本月不能再用预算发红包，下月按新预算计算。</Text> : null}
        {saveError ? <ErrorNote error={saveError} /> : null}
        <Button className='btn btn--primary' loading={saving} disabled={saving} onClick={() => void onSave()}>
          保存预算
        </Button>
      </View>
      <View className='card'>
        <Text className='section-title'>修改记录</Text>
        {log.error ? <ErrorNote error={log.error} onRetry={() => void log.refresh()} /> : null}
        {changes.map((entry) => (
          <View key={entry.id} className='log-entry' data-testid='budget-log'>
            <Text className='log-entry__meta'>
              {when(entry.at)} · {entry.byName}
            </Text>
            {describeLogEntry(entry).map((line) => (
              <Text key={line} className='log-entry__line'>
                {line}
              </Text>
            ))}
          </View>
        ))}
        {changes.length === 0 && !log.loading ? <Text className='muted'>最近没有修改过红包预算。全部规则修改见「规则设置」。</Text> : null}
        {log.hasMore ? (
          <Button className='btn btn--ghost' loading={log.loading} onClick={() => void log.more()}>
            加载更多
          </Button>
        ) : null}
      </View>
    </View>
  );
}
