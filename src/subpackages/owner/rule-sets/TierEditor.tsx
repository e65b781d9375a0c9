import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { TierRulesView } from '../../../../types/api';
import { ErrorNote } from '../../../components/ErrorNote';
import { TextField } from '../../../components/Field';
import type { useOwnerRules } from '../../../hooks/useOwnerRules';

type Form = { windowDays: string; graceDays: string; lessonGrowth: string; tiers: Array<{ threshold: string; multiplier: string }> };

const int = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);
const decimal = (text: string) => (/^\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

/** 会员等级: growth window, downgrade grace, lesson growth, and each tier's threshold and points multiplier. */
export function TierEditor({ initial, editor }: { initial: TierRulesView; editor: ReturnType<typeof useOwnerRules>['tiers'] }) {
  const [form, setForm] = useState<Form>(() => ({
    windowDays: String(initial.windowDays),
    graceDays: String(initial.graceDays),
    lessonGrowth: String(initial.lessonGrowth),
    tiers: initial.tiers.map((t) => ({ threshold: String(t.threshold), multiplier: String(t.multiplier) })),
  }));
  const setTier = (i: number, patch: Partial<Form['tiers'][number]>) => setForm((f) => ({ ...f, tiers: f.tiers.map((t, j) => (j === i ? { ...t, ...patch } : t)) }));
  const onSave = async () => {
    const next: TierRulesView = {
      windowDays: int(form.windowDays),
      graceDays: int(form.graceDays),
      lessonGrowth: int(form.lessonGrowth),
      tiers: initial.tiers.map((t, i) => ({ ...t, threshold: int(form.tiers[i].threshold), multiplier: decimal(form.tiers[i].multiplier) })),
    };
    const done = await editor.save(next);
    if (done) void Taro.showToast({ title: done.changed ? '已保存，下次评估生效' : '没有改动', icon: done.changed ? 'success' : 'none' });
  };
  return (
    <View className='card' data-testid='tier-editor'>
      <Text className='section-title'>会员等级</Text>
      <TextField label='成长值统计最近几天的积分（30–730）' type='number' value={form.windowDays} onChange={(v) => setForm((f) => ({ ...f, windowDays: v }))} testId='tier-window' />
      <TextField label='低于门槛后保留等级几天（降级缓冲）' type='number' value={form.graceDays} onChange={(v) => setForm((f) => ({ ...f, graceDays: v }))} testId='tier-grace' />
      <TextField label='每听一节课另加成长值（0 为不加）' type='number' value={form.lessonGrowth} onChange={(v) => setForm((f) => ({ ...f, lessonGrowth: v }))} testId='tier-lesson' />
      {initial.tiers.map((t, i) => (
        <View key={t.key} className='form-section'>
          <Text className='field__label'>{t.name}</Text>
          {i > 0 ? <TextField label={`${t.name}门槛（成长值）`} type='number' value={form.tiers[i].threshold} onChange={(v) => setTier(i, { threshold: v })} testId={`tier-threshold-${t.key}`} /> : null}
          <TextField label={`${t.name}积分倍数（1–3）`} type='digit' value={form.tiers[i].multiplier} onChange={(v) => setTier(i, { multiplier: v })} testId={`tier-multiplier-${t.key}`} />
        </View>
      ))}
      {editor.error ? <ErrorNote error={editor.error} /> : null}
      <Button className='btn btn--primary' loading={editor.busy} disabled={editor.busy} onClick={() => void onSave()} data-testid='tier-save'>
        保存会员等级
      </Button>
    </View>
  );
}
