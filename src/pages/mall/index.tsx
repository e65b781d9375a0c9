import { View } from '@tarojs/components';
import { EmptyState } from '../../components/EmptyState';

/** 商城: the points mall. No items are on sale yet, and the page says so. */
export default function MallPage() {
  return (
    <View className='page'>
      <EmptyState title='积分商城尚未上架商品' detail='群主上架商品后，可以在这里用积分兑换。先去首页签到攒积分吧！' />
    </View>
  );
}
