import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { ItemCard } from '../../components/ItemCard';
import { LocalIdentity } from '../../components/LocalIdentity';
import { useMallItems } from '../../hooks/useMall';
import { useSessionKey } from '../../hooks/useSessionKey';
import { tapRole } from '../../components/a11y';

function Shelf({ sessionKey }: { sessionKey: string }) {
  const mall = useMallItems(sessionKey);
  useDidShow(() => {
    void mall.reload();
  });
  const items = mall.data?.items ?? [];
  return (
    <View>
      <View className='card mall-head'>
        <View>
          <Text className='muted'>我的积分 </Text>
          <Text className='stat__value' data-testid='mall-balance'>
            {mall.data?.balance ?? '—'}
          </Text>
        </View>
        <Text {...tapRole('link')} className='link mall-head__link' onClick={() => void Taro.navigateTo({ url: '/subpackages/member/orders/index' })}>
          我的订单 ›
        </Text>
      </View>
      {mall.error ? <ErrorNote error={mall.error} onRetry={() => void mall.reload()} /> : null}
      {items.map((item) => (
        <ItemCard key={item.id} item={item} onRedeem={(i) => void Taro.navigateTo({ url: `/subpackages/member/item/index?id=${i.id}` })} />
      ))}
      {mall.data && items.length === 0 ? <EmptyState title='积分商城尚未上架商品' detail='群主上架商品后，可以在这里用积分兑换。先去首页签到攒积分吧！' /> : null}
    </View>
  );
}

/** 商城: the points mall shelf with prices, stock, limits and why an item can't be redeemed yet. */
export default function MallPage() {
  const session = useSessionKey();
  return (
    <View className='page'>
      <LocalIdentity needsPersona={session.needsPersona} onPick={session.choose} onSwitch={() => session.choose(null)} />
      {session.needsPersona ? null : <Shelf key={session.sessionKey} sessionKey={session.sessionKey} />}
    </View>
  );
}
