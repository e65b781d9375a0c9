import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { ReferralRulesView } from '../../../../types/api';
import { ErrorNote } from '../../../components/ErrorNote';
import { TextField } from '../../../components/Field';
import type { useOwnerRules } from '../../../hooks/useOwnerRules';

type Form = Record<'activationReward' | 'conversionReward' | 'welcomeReward' | 'dailyCap' | 'velocityPerHour', string> & { milestones: Array<{ count: string; bonus: string }> };

/** Whole numbers only; anything else becomes NaN, which the range check names in Chinese. */
const num = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

function toForm(r: ReferralRulesView): Form {
  return {
    activationReward: String(r.activationReward), conversionReward: String(r.conversionReward), welcomeReward: String(r.welcomeReward),
    dailyCap: String(r.dailyCap), velocityPerHour: String(r.velocityPerHour),
    milestones: r.milestones.map((m) => ({ count: String(m.count), bonus: String(m.bonus) })),
  };
}

function fromForm(f: Form): ReferralRulesView {
  return {
    activationReward: num(f.activationReward), conversionReward: num(f.conversionReward), welcomeReward: num(f.welcomeReward),
    dailyCap: num(f.dailyCap), velocityPerHour: num(f.velocityPerHour),
    milestones: f.milestones.map((m) => ({ count: num(m.count), bonus: num(m.bonus) })),
  };
}

/** 邀请奖励: what inviter and invitee receive, the daily cap, cumulative bonuses and the review threshold. */
export function ReferralEditor({ initial, editor }: { initial: ReferralRulesView; editor: ReturnType<typeof useOwnerRules>['referral'] }) {
  const [form, setForm] = useState<Form>(() => toForm(initial));
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const setMilestone = (i: number, patch: Partial<Form['milestones'][number]>) => set({ milestones: form.milestones.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  const onSave = async () => {
    const done = await editor.save(fromForm(form));
    if (done) void Taro.showToast({ title: done.changed ? '已保存' : '没有改动', icon: done.changed ? 'success' : 'none' });
  };
  return (
    <View className='card' data-testid='referral-editor'>
      <Text className='section-title'>邀请奖励</Text>
      <TextField label='好友首签，邀请人得（积分）' type='number' value={form.activationReward} onChange={(v) => set({ activationReward: v })} testId='ref-activation' />
      <TextField label='好友开通会员，邀请人得（积分）' type='number' value={form.conversionReward} onChange={(v) => set({ conversionReward: v })} testId='ref-conversion' />
      <TextField label='新人首签欢迎积分（0 为不发）' type='number' value={form.welcomeReward} onChange={(v) => set({ welcomeReward: v })} testId='ref-welcome' />
      <TextField label='每人每天最多奖励几位好友' type='number' value={form.dailyCap} onChange={(v) => set({ dailyCap: v })} testId='ref-cap' />
      <TextField label='同一邀请人每小时注册超过几人转人工审核' type='number' value={form.velocityPerHour} onChange={(v) => set({ velocityPerHour: v })} testId='ref-velocity' />
      <Text className='section-title form-section'>累计邀请奖励</Text>
      {form.milestones.map((m, i) => (
        <View key={i} className='form-row'>
          <View className='form-row__pair'>
            <TextField label={`第 ${i + 1} 档：累计激活人数`} type='number' value={m.count} onChange={(v) => setMilestone(i, { count: v })} />
            <TextField label='奖励积分' type='number' value={m.bonus} onChange={(v) => setMilestone(i, { bonus: v })} />
          </View>
          <Button className='btn btn--small btn--ghost' ariaLabel={`删除第 ${i + 1} 档`} aria-label={`删除第 ${i + 1} 档`} onClick={() => set({ milestones: form.milestones.filter((_, j) => j !== i) })}>
            删除
          </Button>
        </View>
      ))}
      {form.milestones.length < 10 ? (
        <Button className='btn btn--ghost' onClick={() => set({ milestones: [...form.milestones, { count: '', bonus: '' }] })}>
          添加一档
        </Button>
      ) : null}
      {editor.error ? <ErrorNote error={editor.error} /> : null}
      <Button className='btn btn--primary' loading={editor.busy} disabled={editor.busy} onClick={() => void onSave()} data-testid='ref-save'>
        保存邀请奖励
      </Button>
    </View>
  );
}
