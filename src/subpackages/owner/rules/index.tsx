import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { CheckinRulesView } from '../../../../types/api';
import { ErrorNote } from '../../../components/ErrorNote';
import { LinkRow } from '../../../components/LinkRow';
import { RuleChangeLog } from '../../../components/RuleChangeLog';
import { useCheckinRules } from '../../../hooks/useCheckinRules';
import { ShareStats } from './ShareStats';
import { controlName } from '../../../components/a11y';

interface Form {
  basePoints: string;
  milestones: Array<{ day: string; bonus: string }>;
  dailyCap: string;
  windowDays: string;
  monthlyQuota: string;
  costPoints: string;
}

function toForm(r: CheckinRulesView): Form {
  return {
    basePoints: String(r.basePoints),
    milestones: r.milestones.map((m) => ({ day: String(m.day), bonus: String(m.bonus) })),
    dailyCap: r.dailyCap === null ? '' : String(r.dailyCap),
    windowDays: String(r.makeup.windowDays),
    monthlyQuota: String(r.makeup.monthlyQuota),
    costPoints: String(r.makeup.costPoints),
  };
}

/** Whole numbers only; anything else becomes NaN, which the range check names. */
function num(text: string): number {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}

function fromForm(f: Form): CheckinRulesView {
  return {
    basePoints: num(f.basePoints),
    milestones: f.milestones.map((m) => ({ day: num(m.day), bonus: num(m.bonus) })),
    dailyCap: f.dailyCap.trim() === '' ? null : num(f.dailyCap),
    makeup: { windowDays: num(f.windowDays), monthlyQuota: num(f.monthlyQuota), costPoints: num(f.costPoints) },
  };
}

function Field({ label, value, onChange, testId, placeholder }: { label: string; value: string; onChange: (v: string) => void; testId: string; placeholder?: string }) {
  return (
    <View className='form-row'>
      <Text>{label}</Text>
      <Input {...controlName(label)} className='form-row__input' type='number' value={value} placeholder={placeholder} data-testid={testId} onInput={(e) => onChange(e.detail.value)} />
    </View>
  );
}

/** 规则设置 (owner only): edit the check-in reward and makeup rules; changes apply from the next check-in and are logged. */
export default function OwnerRulesPage() {
  const { rules, log, saving, saveError, save } = useCheckinRules();
  const [form, setForm] = useState<Form | null>(null);
  useEffect(() => {
    if (rules.data) setForm(toForm(rules.data));
  }, [rules.data]);

  const set = (patch: Partial<Form>) => setForm((f) => (f ? { ...f, ...patch } : f));
  const setMilestone = (i: number, patch: Partial<{ day: string; bonus: string }>) =>
    setForm((f) => (f ? { ...f, milestones: f.milestones.map((m, j) => (j === i ? { ...m, ...patch } : m)) } : f));

  const onSave = async () => {
    if (!form) return;
    const result = await save(fromForm(form));
    if (result) void Taro.showToast({ title: result.changed ? '已保存，下次签到生效' : '规则没有变化', icon: 'none' });
  };

  return (
    <View className='page'>
      <View className='card'>
        <LinkRow title='更多规则' hint='邀请、等级、有效期、口径' url='/subpackages/owner/rule-sets/index' />
      </View>
      {rules.error && !rules.data ? <ErrorNote error={rules.error} onRetry={() => void rules.reload()} /> : null}
      {form ? (
        <View className='card'>
          <Text className='section-title'>签到奖励</Text>
          <Field label='每次签到积分' value={form.basePoints} testId='rule-base' onChange={(v) => set({ basePoints: v })} />
          <Text className='form-hint'>连续签到满指定天数当天额外奖励（最多 10 个，2–365 天）</Text>
          {form.milestones.map((m, i) => (
            <View key={i} className='form-row'>
              <View className='form-row__pair'>
                <Text className='form-row__word'>连续</Text>
                <Input {...controlName(`第 ${i + 1} 档连续天数`)} className='form-row__input form-row__input--short' type='number' value={m.day} data-testid={`rule-ms-day-${i}`} onInput={(e) => setMilestone(i, { day: e.detail.value })} />
                <Text className='form-row__word'>天 +</Text>
                <Input {...controlName(`第 ${i + 1} 档奖励积分`)} className='form-row__input form-row__input--short' type='number' value={m.bonus} data-testid={`rule-ms-bonus-${i}`} onInput={(e) => setMilestone(i, { bonus: e.detail.value })} />
              </View>
              <Button className='btn btn--small btn--ghost' onClick={() => set({ milestones: form.milestones.filter((_, j) => j !== i) })}>
                删除
              </Button>
            </View>
          ))}
          {form.milestones.length < 10 ? (
            <Button className='btn btn--ghost' onClick={() => set({ milestones: [...form.milestones, { day: '', bonus: '' }] })}>
              添加连续奖励
            </Button>
          ) : null}
          <Field label='每日上限（空为不限）' value={form.dailyCap} testId='rule-cap' placeholder='不限' onChange={(v) => set({ dailyCap: v })} />
          <Text className='section-title form-section'>补签</Text>
          <Field label='可补最近几天（1–7）' value={form.windowDays} testId='rule-window' onChange={(v) => set({ windowDays: v })} />
          <Field label='每月次数（0 为关闭）' value={form.monthlyQuota} testId='rule-quota' onChange={(v) => set({ monthlyQuota: v })} />
          <Field label='每次花费积分' value={form.costPoints} testId='rule-cost' onChange={(v) => set({ costPoints: v })} />
          {saveError ? <ErrorNote error={saveError} /> : null}
          <Button className='btn btn--primary' loading={saving} disabled={saving} onClick={() => void onSave()}>
            保存规则
          </Button>
        </View>
      ) : rules.loading ? (
        <View className='card'>
          <Text className='muted'>正在加载规则…</Text>
        </View>
      ) : null}
      <RuleChangeLog log={log} />
      <ShareStats />
    </View>
  );
}
