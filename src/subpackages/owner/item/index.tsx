import { useEffect, useState } from 'react';
import { SupportImages } from '../../../components/SupportImages';
import { useImagePicker } from '../../../hooks/useImagePicker';
import { leaveTo } from '../../../services/navigation';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Switch, Text, View } from '@tarojs/components';
import type { ItemInput, ItemView } from '../../../../types/api';
import { ErrorNote } from '../../../components/ErrorNote';
import { PageStatus } from '../../../components/PageStatus';
import { useMallItems, useSaveItem } from '../../../hooks/useMall';
import { instantInCommunity, showDateTime } from '../../../services/time';
import { controlName, tapRole } from '../../../components/a11y';

type Form = Record<'title' | 'description' | 'pointsPrice' | 'stock' | 'perMemberLimit' | 'saleStartsAt' | 'saleEndsAt' | 'virtualAmount', string> & {
  limitPeriod: ItemInput['limitPeriod'];
  minTier: ItemInput['minTier'];
  kind: ItemInput['kind'];
  virtualType: 'makeup_card' | 'vip_days';
  listed: boolean;
};

const BLANK: Form = {
  title: '', description: '', pointsPrice: '', stock: '', perMemberLimit: '', saleStartsAt: '', saleEndsAt: '', virtualAmount: '1',
  limitPeriod: 'ever', minTier: null, kind: 'physical', virtualType: 'makeup_card', listed: true,
};

const KINDS: Array<[ItemInput['kind'], string]> = [['physical', '实物'], ['coupon', '兑换码'], ['virtual', '虚拟']];
const PERIODS: Array<[ItemInput['limitPeriod'], string]> = [['day', '每天'], ['week', '每周'], ['month', '每月'], ['ever', '总计']];
const TIERS: Array<[ItemInput['minTier'], string]> = [[null, '不限'], ['silver', '白银'], ['gold', '黄金'], ['diamond', '钻石']];

/** Community "YYYY-MM-DD HH:mm" → ISO, or null when empty; undefined when malformed. */
function toIso(text: string): string | null | undefined {
  if (!text.trim()) return null;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/.exec(text.trim());
  return (m && instantInCommunity(m[1], m[2])) ?? undefined;
}

function fromIso(iso: string | null): string {
  return iso ? showDateTime(iso) : '';
}

function formOf(existing: ItemView): Form {
  return {
    title: existing.title, description: existing.description,
    pointsPrice: String(existing.pointsPrice), stock: String(existing.stock),
    perMemberLimit: existing.perMemberLimit === null ? '' : String(existing.perMemberLimit),
    saleStartsAt: fromIso(existing.saleStartsAt), saleEndsAt: fromIso(existing.saleEndsAt),
    virtualAmount: String(existing.virtual?.amount ?? 1), limitPeriod: existing.limitPeriod, minTier: existing.minTier,
    kind: existing.kind, virtualType: existing.virtual?.type ?? 'makeup_card', listed: existing.listed,
  };
}

/** 编辑商品 (owner): every item field — price, stock, limit, tier gate, flash-sale window, kind, listed. */
export default function ItemEditPage() {
  const { params } = useRouter();
  const mall = useMallItems();
  // The form mounts once with the item's values: native inputs must not change value before they are drawn.
  if (params.id && !mall.data) return <PageStatus error={mall.error} onRetry={() => void mall.reload()} />;
  const existing = mall.data?.items.find((i) => i.id === params.id);
  return <ItemForm id={params.id} existing={existing} />;
}

function ItemForm({ id, existing }: { id?: string; existing?: ItemView }) {
  const params = { id };
  const { save, saving, error } = useSaveItem();
  const [form, setForm] = useState<Form>(() => (existing ? formOf(existing) : BLANK));
  // One photo, uploaded from the phone (the server takes only the owner's own uploads).
  const photo = useImagePicker(1);
  const { load } = photo;
  useEffect(() => {
    if (existing?.image) load([existing.image]);
  }, [existing?.image, load]);

  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const int = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN);
  const starts = toIso(form.saleStartsAt);
  const ends = toIso(form.saleEndsAt);
  const valid = form.title.trim() && int(form.pointsPrice) > 0 && int(form.stock) >= 0 && (form.perMemberLimit === '' || int(form.perMemberLimit) > 0) && starts !== undefined && ends !== undefined && (form.kind !== 'virtual' || int(form.virtualAmount) > 0);

  const onSave = async () => {
    const item: ItemInput = {
      ...(params.id ? { id: params.id } : {}),
      title: form.title.trim(), description: form.description.trim(), image: photo.images[0] ?? '',
      pointsPrice: int(form.pointsPrice), stock: int(form.stock),
      perMemberLimit: form.perMemberLimit === '' ? null : int(form.perMemberLimit), limitPeriod: form.limitPeriod, minTier: form.minTier,
      saleStartsAt: starts ?? null, saleEndsAt: ends ?? null, kind: form.kind,
      virtual: form.kind === 'virtual' ? { type: form.virtualType, amount: int(form.virtualAmount) } : null, listed: form.listed,
    };
    if (await save(item)) {
      void Taro.showToast({ title: '已保存', icon: 'success' });
      leaveTo('/subpackages/owner/items/index');
    }
  };

  const input = (key: keyof Form, label: string, placeholder = '') => (
    <View className='field'>
      <Text className='field__label'>{label}</Text>
      <Input {...controlName(label)} className='field__input' value={String(form[key] ?? '')} placeholder={placeholder} onInput={(e) => set({ [key]: e.detail.value } as Partial<Form>)} data-testid={`item-${key}`} />
    </View>
  );
  const choice = <T,>(label: string, options: Array<[T, string]>, value: T, onPick: (v: T) => void) => (
    <View className='field'>
      <Text className='field__label'>{label}</Text>
      <View className='tabs'>
        {options.map(([v, text]) => (
          <Text {...tapRole('tab', value === v)} key={text} className={`tabs__item${value === v ? ' is-active' : ''}`} onClick={() => onPick(v)}>
            {text}
          </Text>
        ))}
      </View>
    </View>
  );

  return (
    <View className='page'>
      <View className='card'>
        {input('title', '名称（最多 40 字）')}
        {input('description', '描述')}
        <View className='field'>
          <Text className='field__label'>商品图片（选填，1 张）</Text>
          <SupportImages images={photo.images} max={1} uploading={photo.uploading} onAdd={() => void photo.add()} onRemove={photo.remove} />
          {photo.error ? <ErrorNote error={photo.error} /> : null}
        </View>
        {input('pointsPrice', '积分价格')}
        {input('stock', '库存')}
        {choice('类型', KINDS, form.kind, (kind) => set({ kind }))}
        {form.kind === 'virtual' ? choice('发放内容', [['makeup_card', '补签卡'], ['vip_days', '会员天数']] as Array<[Form['virtualType'], string]>, form.virtualType, (virtualType) => set({ virtualType })) : null}
        {form.kind === 'virtual' ? input('virtualAmount', form.virtualType === 'vip_days' ? '每件天数' : '每件张数') : null}
        {input('perMemberLimit', '每人限兑（留空不限）')}
        {choice('限兑周期', PERIODS, form.limitPeriod, (limitPeriod) => set({ limitPeriod }))}
        {choice('会员等级门槛', TIERS, form.minTier, (minTier) => set({ minTier }))}
        {input('saleStartsAt', '开抢时间（社群时间，可留空）', '2026-12-01 20:00')}
        {input('saleEndsAt', '结束时间（可留空）', '2026-12-02 20:00')}
        <View className='figure-row'>
          <Text>上架</Text>
          <Switch {...controlName('上架')} checked={form.listed} onChange={(e) => set({ listed: e.detail.value })} />
        </View>
        {error ? <ErrorNote error={error} /> : null}
        <Button className='btn btn--primary' disabled={!valid || saving || photo.uploading} loading={saving} onClick={() => void onSave()}>
          保存
        </Button>
      </View>
    </View>
  );
}
