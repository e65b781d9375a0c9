import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { OrderStatus, OrderView } from '../../types/api';
import { showDateTime } from '../services/time';
import './ui.css';

/** Chinese label of an order status. */
export const ORDER_STATUS_LABEL: Record<OrderStatus, string> = { placed: '待发货', fulfilled: '已发货', completed: '已完成', cancelled: '已取消' };

/** One order: item, quantity, points, status, shipping or coupon details, and any actions. */
export function OrderRow({ order, showMember, children }: { order: OrderView; showMember?: boolean; children?: ReactNode }) {
  return (
    <View className='ledger__row' data-testid='order-row'>
      <View className='ledger__main'>
        <Text className='ledger__reason'>
          {order.itemTitle} × {order.qty}
        </Text>
        <Text className='ledger__meta'>
          {showDateTime(order.createdAt)} · {order.totalPoints} 积分{showMember ? ` · ${order.memberName}` : ''}
        </Text>
        {showMember && order.address ? (
          <Text className='ledger__note'>
            {order.address.name} {order.address.phone} {order.address.region} {order.address.detail}
          </Text>
        ) : null}
        {order.fulfilment ? <Text className='ledger__note'>发货信息：{order.fulfilment}</Text> : null}
        {order.cancelReason ? <Text className='ledger__note'>取消原因：{order.cancelReason}（积分已退回）</Text> : null}
        {children}
      </View>
      <Text className='order-status'>{ORDER_STATUS_LABEL[order.status]}</Text>
    </View>
  );
}
