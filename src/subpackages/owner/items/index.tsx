import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { ErrorNote } from '../../../components/ErrorNote';
import { ItemCard } from '../../../components/ItemCard';
import { useMallItems } from '../../../hooks/useMall';
import { tapRole } from '../../../components/a11y';

/** 商品管理 (owner): every item, listed or hidden; tap to edit, or create a new one. */
export default function ItemsAdminPage() {
  const mall = useMallItems();
  useDidShow(() => {
    void mall.reload();
  });
  const edit = (id?: string) => void Taro.navigateTo({ url: `/subpackages/owner/item/index${id ? `?id=${id}` : ''}` });
  return (
    <View className='page'>
      <View className='card'>
        <Button className='btn btn--primary' onClick={() => edit()}>
          新建商品
        </Button>
      </View>
      {mall.error ? <ErrorNote error={mall.error} onRetry={() => void mall.reload()} /> : null}
      {(mall.data?.items ?? []).map((item) => (
        <View {...tapRole('button')} key={item.id} onClick={() => edit(item.id)}>
          <ItemCard item={{ ...item, redeemable: false, blockedBy: `已兑 ${item.sold} 件 · 点击编辑` }} onRedeem={() => edit(item.id)} />
        </View>
      ))}
      {mall.data && mall.data.items.length === 0 ? <Text className='muted'>还没有商品，点击上方新建。</Text> : null}
    </View>
  );
}
