import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { FunnelWindowsView } from '../../../../types/api';
import { ErrorNote } from '../../../components/ErrorNote';
import { TextField } from '../../../components/Field';
import type { useOwnerRules } from '../../../hooks/useOwnerRules';

type Key = keyof FunnelWindowsView;

const FIELDS: Array<[Key, string, string]> = [
  ['activationDays', '激活期（加入后几天内首签算激活）', '1–90 天'],
  ['retentionFromDay', '留存观察从加入后第几天开始', '1–365'],
  ['retentionToDay', '留存观察到第几天结束', '不早于开始'],
  ['retentionMinActiveDays', '观察期内至少活跃几天算留存', '不超过观察期天数'],
  ['conversionDays', '转化期（加入后几天内开通会员算转化）', '1–365 天'],
  ['inactiveAfterDays', '几天没签到算不活跃（活跃度警示）', '1–365 天'],
];

const num = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

/** 数据口径: the funnel windows the dashboard, its figures and the inactive list are computed with. */
export function FunnelEditor({ initial, editor }: { initial: FunnelWindowsView; editor: ReturnType<typeof useOwnerRules>['funnel'] }) {
  const [form, setForm] = useState<Record<Key, string>>(() => Object.fromEntries(FIELDS.map(([k]) => [k, String(initial[k])])) as Record<Key, string>);
  const onSave = async () => {
    const next = Object.fromEntries(FIELDS.map(([k]) => [k, num(form[k])])) as unknown as FunnelWindowsView;
    const done = await editor.save(next);
    if (done) void Taro.showToast({ title: done.changed ? '已保存' : '没有改动', icon: done.changed ? 'success' : 'none' });
  };
  return (
    <View className='card' data-testid='funnel-editor'>
      <Text className='section-title'>数据口径</Text>
      <Text className='form-hint'>修改后，数据看板按新口径重新计算；历史签到不受影响。</Text>
      {FIELDS.map(([key, label, hint]) => (
        <TextField key={key} label={label} hint={hint} type='number' value={form[key]} onChange={(v) => setForm((f) => ({ ...f, [key]: v }))} testId={`funnel-${key}`} />
      ))}
      {editor.error ? <ErrorNote error={editor.error} /> : null}
      <Button className='btn btn--primary' loading={editor.busy} disabled={editor.busy} onClick={() => void onSave()} data-testid='funnel-save'>
        保存数据口径
      </Button>
    </View>
  );
}
