import { Button, Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { ErrorNote } from '../../../components/ErrorNote';
import { PointsHistoryList } from '../../../components/PointsHistoryList';
import { usePointsHistory } from '../../../hooks/usePointsHistory';

/** 积分明细: the member's whole ledger, newest first, 20 lines a page. */
export default function PointsHistoryPage() {
  const history = usePointsHistory(20);
  useReachBottom(() => {
    if (history.hasMore && !history.loading) void history.more();
  });
  return (
    <View className='page'>
      <View className='card'>
        {history.error ? <ErrorNote error={history.error} onRetry={() => void history.refresh()} /> : null}
        <PointsHistoryList entries={history.items} />
        {history.items.length === 0 && !history.loading ? <Text className='muted'>还没有积分记录。</Text> : null}
        {history.hasMore ? (
          <Button className='btn btn--ghost' loading={history.loading} onClick={() => void history.more()}>
            加载更多
          </Button>
        ) : history.items.length > 0 ? (
          <Text className='muted'>没有更多了</Text>
        ) : null}
      </View>
    </View>
  );
}
