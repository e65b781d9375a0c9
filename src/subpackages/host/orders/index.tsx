import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { OrderStatus, OrderView } from '../../../../types/api';
import { ErrorNote } from '../../../components/ErrorNote';
import { ORDER_STATUS_LABEL, OrderRow } from '../../../components/OrderRow';
import { useOrdersAdmin } from '../../../hooks/useMall';
import { controlName, tapRole } from '../../../components/a11y';
import { confirmFirst } from '../../../components/ConfirmButton';

const FILTERS: Array<OrderStatus | undefined> = ['placed', 'fulfilled', 'completed', 'cancelled', undefined];

/** 订单管理 (hosts and owners): orders by status; ship with a tracking note or code, or cancel with a reason. */
export default function OrdersAdminPage() {
  const [status, setStatus] = useState<OrderStatus | undefined>('placed');
  const orders = useOrdersAdmin(status);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const note = (id: string) => (notes[id] ?? '').trim();
  const cancelOrder = async (o: OrderView) => {
    const refund = o.totalPoints > 0 ? `，退回 ${o.totalPoints} 积分` : '，奖品退回库存（没有扣过积分，不退积分）';
    const ok = await confirmFirst({ title: '取消订单', content: `取消 ${o.memberName} 的「${o.itemTitle}」${refund}。\n原因：${note(o.id)}`, confirmText: '取消订单' });
    if (!ok) return;
    const done = await orders.cancel.run(o.id, o.id, note(o.id));
    if (done) void Taro.showModal({ title: '订单已取消', content: done.message, showCancel: false });
  };
  return (
    <View className='page'>
      <View className='card'>
        <View className='tabs'>
          {FILTERS.map((s) => (
            <Text {...tapRole('tab', status === s)} key={s ?? 'all'} className={`tabs__item${status === s ? ' is-active' : ''}`} onClick={() => setStatus(s)}>
              {s ? ORDER_STATUS_LABEL[s] : '全部'}
            </Text>
          ))}
        </View>
        {orders.error ? <ErrorNote error={orders.error} onRetry={() => void orders.refresh()} /> : null}
        {orders.fulfill.error ? <ErrorNote error={orders.fulfill.error} /> : null}
        {orders.cancel.error ? <ErrorNote error={orders.cancel.error} /> : null}
        {orders.items.map((o) => (
          <OrderRow key={o.id} order={o} showMember>
            {o.status === 'placed' || o.status === 'fulfilled' ? (
              <View>
                <Input {...controlName(o.status === 'placed' ? '发货备注或取消原因' : '取消原因')}
                  className='field__input'
                  value={notes[o.id] ?? ''}
                  maxlength={200}
                  placeholder={o.status === 'placed' ? '快递单号 / 兑换码，或取消原因' : '取消原因'}
                  onInput={(e) => setNotes({ ...notes, [o.id]: e.detail.value })}
                />
                <View className='row-actions'>
                  {o.status === 'placed' ? (
                    <Button className='btn btn--small btn--primary' disabled={!note(o.id)} loading={orders.fulfill.busy === o.id} onClick={() => void orders.fulfill.run(o.id, o.id, note(o.id))}>
                      发货
                    </Button>
                  ) : null}
                  {o.kind !== 'virtual' ? (
                    <Button className='btn btn--small btn--ghost' disabled={!note(o.id)} loading={orders.cancel.busy === o.id} onClick={() => void cancelOrder(o)}>
                      {o.totalPoints > 0 ? '取消并退积分' : '取消奖品订单'}
                    </Button>
                  ) : null}
                </View>
              </View>
            ) : null}
          </OrderRow>
        ))}
        {orders.items.length === 0 && !orders.loading ? <Text className='muted'>没有这类订单。</Text> : null}
        {orders.hasMore ? (
          <Button className='btn btn--ghost' loading={orders.loading} onClick={() => void orders.more()}>
            加载更多
          </Button>
        ) : null}
      </View>
    </View>
  );
}
