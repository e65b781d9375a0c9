import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Image, Input, Text, View } from '@tarojs/components';
import type { Address } from '../../../../types/api';
import { ErrorNote } from '../../../components/ErrorNote';
import { useMallItems, useRedeem } from '../../../hooks/useMall';
import { controlName } from '../../../components/a11y';
import { confirmFirst } from '../../../components/ConfirmButton';
import { PHONE_MESSAGE, PHONE_PATTERN } from '../../../core/formRules';

const EMPTY: Address = { name: '', phone: '', region: '', detail: '' };

// Told when WeChat refuses the address sheet (address permission or privacy agreement declined).
const ADDRESS_REFUSED = '无法读取微信地址，请在下方手动填写';

/** 兑换商品: quantity, a delivery address for physical items, and the redemption itself. */
export default function ItemPage() {
  const { params } = useRouter();
  const mall = useMallItems();
  const { redeem, submitting, error } = useRedeem();
  const [qty, setQty] = useState(1);
  const [address, setAddress] = useState<Address>(EMPTY);
  const item = mall.data?.items.find((i) => i.id === params.id);

  if (mall.error) return <ErrorNote error={mall.error} onRetry={() => void mall.reload()} />;
  if (!item) return <Text className='muted'>{mall.loading ? '加载中…' : '商品不存在或已下架'}</Text>;

  const physical = item.kind === 'physical';
  const affordable = item.pointsPrice > 0 ? Math.floor((mall.data?.balance ?? 0) / item.pointsPrice) : 99;
  const maxQty = Math.max(1, Math.min(item.stock, affordable, item.perMemberLimit !== null ? item.perMemberLimit - item.used : 99));
  const phoneProblem = address.phone.trim() && !PHONE_PATTERN.test(address.phone.trim()) ? PHONE_MESSAGE : null;
  const addressOk = !physical || (address.name.trim() && address.phone.trim() && !phoneProblem && address.region.trim() && address.detail.trim());

  const pickWechatAddress = async () => {
    let picked: Taro.chooseAddress.SuccessCallbackResult;
    try {
      picked = await Taro.chooseAddress();
    } catch (error) {
      // Closing the address sheet is a choice, not a failure; a refusal (scope, privacy) is told.
      if (!/:fail cancel$/.test(String((error as { errMsg?: unknown } | null)?.errMsg ?? ''))) {
        void Taro.showToast({ title: ADDRESS_REFUSED, icon: 'none', duration: 3000 });
      }
      return;
    }
    setAddress({
      name: picked.userName,
      phone: picked.telNumber,
      region: `${picked.provinceName} ${picked.cityName} ${picked.countyName}`,
      detail: picked.detailInfo,
    });
  };

  const onRedeem = async () => {
    const ok = await confirmFirst({ title: '确认兑换', content: `用 ${item.pointsPrice * qty} 积分兑换「${item.title}」× ${qty}？`, confirmText: '兑换' });
    if (!ok) return;
    const done = await redeem(item.id, qty, physical ? address : undefined);
    if (done) {
      void Taro.showToast({ title: '兑换成功', icon: 'success' });
      void Taro.redirectTo({ url: '/subpackages/member/orders/index' });
    }
  };

  const field = (key: keyof Address, label: string, placeholder: string) => (
    <View className='field'>
      <Text className='field__label'>{label}</Text>
      <Input {...controlName(label)} className={`field__input${key === 'phone' && phoneProblem ? ' is-invalid' : ''}`} value={address[key]} placeholder={placeholder} onInput={(e) => setAddress({ ...address, [key]: e.detail.value })} data-testid={`address-${key}`} />
      {key === 'phone' && phoneProblem ? <Text className='field__error'>{phoneProblem}</Text> : null}
    </View>
  );

  return (
    <View className='page'>
      <View className='card'>
        {item.image ? <Image className='item-page__image' src={item.image} mode='aspectFill' ariaLabel={item.title} /> : null}
        <Text className='item-page__title'>{item.title}</Text>
        {item.description ? <Text className='item-page__desc'>{item.description}</Text> : null}
        <Text className='item-page__price'>{item.pointsPrice} 积分</Text>
        <Text className='item-page__meta'>
          库存 {item.stock}
          {item.perMemberLimit !== null ? ` · 每人限兑 ${item.perMemberLimit}（已兑 ${item.used}）` : ''} · 我的积分 {mall.data?.balance ?? 0}
        </Text>
        <View className='stepper'>
          <Text className='stepper__label'>数量</Text>
          <Button className='btn btn--small btn--ghost' disabled={qty <= 1} ariaLabel='减少数量' aria-label='减少数量' onClick={() => setQty(qty - 1)}>
            －
          </Button>
          <Text className='stepper__value' aria-live='polite'>{qty}</Text>
          <Button className='btn btn--small btn--ghost' disabled={qty >= maxQty} ariaLabel='增加数量' aria-label='增加数量' onClick={() => setQty(Math.min(maxQty, qty + 1))}>
            ＋
          </Button>
          <Text className='stepper__total'>共 {item.pointsPrice * qty} 积分</Text>
        </View>
      </View>
      {physical ? (
        <View className='card'>
          <Text className='section-title'>收货地址</Text>
          {process.env.TARO_ENV === 'weapp' ? (
            <Button className='btn btn--ghost' onClick={() => void pickWechatAddress()}>
              使用微信收货地址
            </Button>
          ) : null}
          {field('name', '收货人', '姓名')}
          {field('phone', '手机号', '11 位手机号')}
          {field('region', '所在地区', '省 市 区')}
          {field('detail', '详细地址', '街道、门牌号')}
        </View>
      ) : (
        <View className='card'>
          <Text className='muted'>{item.kind === 'virtual' ? '虚拟商品兑换后立即发放到账户。' : '兑换后由群管发放兑换码。'}</Text>
        </View>
      )}
      {error ? <ErrorNote error={error} /> : null}
      <View className='card'>
        <Button className='btn btn--primary' disabled={!item.redeemable || !addressOk || submitting} loading={submitting} onClick={() => void onRedeem()}>
          {item.redeemable ? `确认兑换（${item.pointsPrice * qty} 积分）` : item.blockedBy}
        </Button>
      </View>
    </View>
  );
}
