import { Button, Image, Text, View } from '@tarojs/components';
import type { ItemView } from '../../types/api';
import './ui.css';

const PERIOD: Record<ItemView['limitPeriod'], string> = { day: '每天', week: '每周', month: '每月', ever: '每人' };

/** A mall item on the shelf: price, stock, limit, and either 兑换 or the reason it can't be redeemed. */
export function ItemCard({ item, onRedeem }: { item: ItemView; onRedeem: (item: ItemView) => void }) {
  return (
    <View className='card item-card' data-testid='item-card'>
      {item.image ? <Image className='item-card__image' src={item.image} mode='aspectFill' /> : null}
      <View className='item-card__body'>
        <Text className='item-card__title'>
          {item.title}
          {item.listed ? '' : '（已下架）'}
        </Text>
        {item.description ? <Text className='muted'>{item.description}</Text> : null}
        <Text className='item-card__price'>{item.pointsPrice} 积分</Text>
        <Text className='muted'>
          剩余 {item.stock} 件{item.perMemberLimit !== null ? ` · ${PERIOD[item.limitPeriod]}限兑 ${item.perMemberLimit} 件` : ''}
        </Text>
        {item.redeemable ? (
          <Button className='btn btn--primary btn--small' onClick={() => onRedeem(item)}>
            兑换
          </Button>
        ) : (
          <Text className='item-card__blocked' data-testid='item-blocked'>
            {item.blockedBy}
          </Text>
        )}
      </View>
    </View>
  );
}
