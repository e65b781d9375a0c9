import { Text, View } from '@tarojs/components';
import type { MemberDetail } from '../../../../types/api';
import { ORDER_STATUS_LABEL } from '../../../components/OrderRow';
import { showMonthDayTime } from '../../../services/time';

/** The member's recent check-ins (with notes), orders and manual adjustments. */
export function MemberHistory({ detail }: { detail: MemberDetail }) {
  return (
    <View>
      <View className='card' data-testid='member-checkins'>
        <Text className='section-title'>最近签到</Text>
        {detail.checkins.length === 0 ? <Text className='muted'>还没有签到</Text> : null}
        {detail.checkins.map((c) => (
          <View key={c.day} className='figure-row'>
            <Text>
              {c.day}
              {c.makeup ? ' · 补签' : ''}
            </Text>
            <Text className='figure-row__value'>{c.note ? `笔记：${c.note}` : ''}</Text>
          </View>
        ))}
      </View>
      <View className='card' data-testid='member-orders'>
        <Text className='section-title'>最近兑换</Text>
        {detail.orders.length === 0 ? <Text className='muted'>还没有兑换</Text> : null}
        {detail.orders.map((o) => (
          <View key={o.createdAt + o.itemTitle} className='figure-row'>
            <Text>
              {o.itemTitle} × {o.qty}
            </Text>
            <Text className='figure-row__value'>
              {o.totalPoints} 积分 · {ORDER_STATUS_LABEL[o.status]} · {showMonthDayTime(o.createdAt)}
            </Text>
          </View>
        ))}
      </View>
      <View className='card' data-testid='member-adjustments'>
        <Text className='section-title'>人工调整</Text>
        {detail.adjustments.length === 0 ? <Text className='muted'>没有人工调整记录</Text> : null}
        {detail.adjustments.map((a) => (
          <View key={a.createdAt + a.delta} className='figure-row'>
            <Text>{a.note ?? '人工调整'}</Text>
            <Text className='figure-row__value'>
              {a.delta > 0 ? `+${a.delta}` : a.delta} · {showMonthDayTime(a.createdAt)}
            </Text>
          </View>
        ))}
      </View>
    </View>
  );
}
