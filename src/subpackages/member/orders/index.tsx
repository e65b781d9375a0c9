import { Button, Text, View } from '@tarojs/components';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorNote } from '../../../components/ErrorNote';
import { OrderRow } from '../../../components/OrderRow';
import { useMyOrders } from '../../../hooks/useMall';

/** 我的订单: every redemption with its status; confirm receipt once a parcel arrives. */
export default function MyOrdersPage() {
  const orders = useMyOrders();
  return (
    <View className='page'>
      <View className='card'>
        {orders.error ? <ErrorNote error={orders.error} onRetry={() => void orders.refresh()} /> : null}
        {orders.confirm.error ? <ErrorNote error={orders.confirm.error} /> : null}
        {orders.items.map((o) => (
          <OrderRow key={o.id} order={o}>
            {o.status === 'fulfilled' ? (
              <Button className='btn btn--small btn--ghost' loading={orders.confirm.busy === o.id} onClick={() => void orders.confirm.run(o.id, o.id)}>
                确认收货
              </Button>
            ) : null}
          </OrderRow>
        ))}
        {orders.items.length === 0 && !orders.loading ? <EmptyState title='还没有订单' detail='去商城用积分兑换心仪的礼品吧。' /> : null}
        {orders.hasMore ? (
          <Button className='btn btn--ghost' loading={orders.loading} onClick={() => void orders.more()}>
            加载更多
          </Button>
        ) : orders.items.length > 0 ? (
          <Text className='muted'>没有更多了</Text>
        ) : null}
      </View>
    </View>
  );
}
