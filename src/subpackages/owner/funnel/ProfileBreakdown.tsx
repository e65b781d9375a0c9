import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { ErrorNote } from '../../../components/ErrorNote';
import { useProfileBreakdown } from '../../../hooks/useOnboarding';
import { TAG_BREAKDOWN_FIELD } from '../../../core/entry';

const pct = (part: number, whole: number) => (whole === 0 ? '—' : `${((part / whole) * 100).toFixed(0)}%`);

/** 数据看板 按资料拆分 (issue 16): the funnel of the range's joiners by their answer to one profile choice field, or by tag. */
export function ProfileBreakdown({ from, to }: { from: string; to: string }) {
  const [field, setField] = useState<string | null>(null);
  const breakdown = useProfileBreakdown(from, to, field);
  const b = breakdown.data;
  if (breakdown.error) return <ErrorNote error={breakdown.error} onRetry={() => void breakdown.reload()} />;
  if (!b || b.fields.length === 0) return null;
  return (
    <View className='card' data-testid='profile-breakdown'>
      <Text className='section-title'>按个人资料 / 标签拆分</Text>
      <View className='chip-row'>
        {b.fields.map((f) => (
          <Text key={f.key} className={`chip${b.field === f.key ? ' is-on' : ''}`} aria-label={`按${f.label}拆分${b.field === f.key ? '（当前）' : ''}`} onClick={() => setField(f.key)}>
            {f.label}
          </Text>
        ))}
      </View>
      {b.rows.map((r) => (
        <View className='figure-row' key={r.value}>
          <Text>{r.value}</Text>
          <Text className='figure-row__value'>
            {r.acquired} 人 · 激活 {pct(r.activated, r.acquired)} · 留存 {pct(r.retained, r.acquired)} · 转化 {pct(r.converted, r.acquired)}
          </Text>
        </View>
      ))}
      <Text className='muted'>
        所选日期内加入的成员，{b.field === TAG_BREAKDOWN_FIELD ? '只统计有该标签的成员' : '只统计填写了该资料项的成员'}
        {b.truncated ? '；人数较多，每个选项最多统计 2000 人' : ''}。
      </Text>
    </View>
  );
}
