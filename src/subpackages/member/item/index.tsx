import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { Address } from '../../../../types/api';
import { ErrorNote } from '../../../components/ErrorNote';
import { useMallItems, useRedeem } from '../../../hooks/useMall';
import { controlName } from '../../../components/a11y';

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
  const maxQty = Math.max(1, Math.min(item.stock, item.perMemberLimit !== null ? item.perMemberLimit - item.used : 99));
  const addressOk = !physical || (address.name.trim() && /^[0-9+\- ]{5,20}$/.test(address.phone) && address.region.trim() && address.detail.trim());

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
    const done = await redeem(item.id, qty, physical ? address : undefined);
    if (done) {
      void Taro.showToast({ title: '兑换成功', icon: 'success' });
      void Taro.redirectTo({ url: '/subpackages/member/orders/index' });
    }
  };

  const field = (key: keyof Address, label: string, placeholder: string) => (
    <View className='field'>
      <Text className='field__label'>{label}</Text>
      <Input {...controlName(label)} className='field__input' value={address[key]} placeholder={placeholder} onInput={(e) => setAddress({ ...address, [key]: e.detail.value })} data-testid={`address-${key}`} />
    </View>
  );

  return (
    <View className='page'>
      <View className='card'>
        <Text className='item-card__title'>{item.title}</Text>
        {item.description ? <Text className='muted'>{item.description}</Text> : null}
        <Text className='item-card__price'>
          {item.pointsPrice} 积分 × {qty} = {item.pointsPrice * qty} 积分
        </Text>
        <Text className='muted'>我的积分 {mall.data?.balance ?? 0}</Text>
        <View className='row-actions'>
          <Button className='btn btn--small btn--ghost' disabled={qty <= 1} onClick={() => setQty(qty - 1)}>
            －
          </Button>
          <Text className='figure-row__value'> {qty} </Text>
          <Button className='btn btn--small btn--ghost' disabled={qty >= maxQty} onClick={() => setQty(qty + 1)}>
            ＋
          </Button>
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
