import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { VipRulesView } from '../../../../types/api';
import { tapRole } from '../../../components/a11y';
import { ErrorNote } from '../../../components/ErrorNote';
import { TextField } from '../../../components/Field';
import type { useOwnerRules } from '../../../hooks/useOwnerRules';

const FLOORS: Array<[VipRulesView['floorTier'], string]> = [[null, '不加等级'], ['silver', '白银'], ['gold', '黄金'], ['diamond', '钻石']];

type Plan = { id: string; name: string; days: string; price: string };

const int = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);
/** 元 with at most two decimals → fen; anything else NaN (the range check names it). */
const fen = (text: string) => (/^\d+(\.\d{1,2})?$/.test(text.trim()) ? Math.round(Number(text.trim()) * 100) : Number.NaN);

/** 付费会员: plan names, days and prices (new orders only), the tier a paying member enjoys, renewal reminders. */
export function VipEditor({ initial, editor }: { initial: VipRulesView; editor: ReturnType<typeof useOwnerRules>['vip'] }) {
  const [floor, setFloor] = useState(initial.floorTier);
  const [reminders, setReminders] = useState(initial.reminderDays.join('、'));
  const [plans, setPlans] = useState<Plan[]>(() => initial.plans.map((p) => ({ id: p.id, name: p.name, days: String(p.days), price: String(p.priceFen / 100) })));
  const setPlan = (i: number, patch: Partial<Plan>) => setPlans((ps) => ps.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const onSave = async () => {
    const reminderDays = reminders.trim() === '' ? [] : reminders.split(/[、,，\s]+/).filter(Boolean).map(int);
    const done = await editor.save({ floorTier: floor, reminderDays, plans: plans.map((p) => ({ id: p.id, name: p.name, days: int(p.days), priceFen: fen(p.price) })) });
    if (done) void Taro.showToast({ title: done.changed ? '已保存，新订单生效' : '没有改动', icon: done.changed ? 'success' : 'none' });
  };
  return (
    <View className='card' data-testid='vip-editor'>
      <Text className='section-title'>付费会员</Text>
      <Text className='form-hint'>价格改动只影响之后的新订单。</Text>
      {plans.map((p, i) => (
        <View key={p.id} className='form-section'>
          <TextField label={`套餐 ${i + 1} 名称`} value={p.name} maxlength={10} onChange={(v) => setPlan(i, { name: v })} testId={`vip-name-${p.id}`} />
          <TextField label={`${p.name || '套餐'}天数`} type='number' value={p.days} onChange={(v) => setPlan(i, { days: v })} testId={`vip-days-${p.id}`} />
          <TextField label={`${p.name || '套餐'}价格（元）`} type='digit' value={p.price} onChange={(v) => setPlan(i, { price: v })} testId={`vip-price-${p.id}`} />
        </View>
      ))}
      <Text className='field__label form-section'>付费期间至少享受</Text>
      <View className='tabs' ariaRole='tablist' role='tablist'>
        {FLOORS.map(([k, label]) => (
          <Text key={label} {...tapRole('tab', floor === k)} className={`tabs__item${floor === k ? ' is-active' : ''}`} onClick={() => setFloor(k)}>
            {label}
          </Text>
        ))}
      </View>
      <TextField label='到期前几天提醒续费（用顿号分隔，如 7、1）' value={reminders} onChange={setReminders} testId='vip-reminders' />
      {editor.error ? <ErrorNote error={editor.error} /> : null}
      <Button className='btn btn--primary' loading={editor.busy} disabled={editor.busy} onClick={() => void onSave()} data-testid='vip-save'>
        保存付费会员
      </Button>
    </View>
  );
}
