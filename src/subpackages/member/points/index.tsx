import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import type { HistoryFilter } from '../../../../types/api';
import { ErrorNote } from '../../../components/ErrorNote';
import { ExpiryNote } from '../../../components/ExpiryNote';
import { PointsHistoryList } from '../../../components/PointsHistoryList';
import { useBalance } from '../../../hooks/useBalance';
import { usePointsHistory } from '../../../hooks/usePointsHistory';
import { tapRole } from '../../../components/a11y';

const FILTERS: Array<[HistoryFilter, string]> = [
  ['all', '全部'],
  ['earn', '获得'],
  ['spend', '使用'],
  ['expire', '过期'],
];

/** 积分明细: balance, what expires soon, and the whole ledger with 全部/获得/使用/过期 filters. */
export default function PointsHistoryPage() {
  const [filter, setFilter] = useState<HistoryFilter>('all');
  const balance = useBalance();
  const history = usePointsHistory(20, '', filter);
  useReachBottom(() => {
    if (history.hasMore && !history.loading) void history.more();
  });
  return (
    <View className='page'>
      <View className='card balance-head'>
        <Text className='muted'>当前积分</Text>
        <Text className='stat__value' data-testid='points-balance'>
          {balance.data?.balance ?? '—'}
        </Text>
        <Text className='muted'>累计获得 {balance.data?.lifetimeEarned ?? 0}</Text>
        <ExpiryNote balance={balance.data} />
      </View>
      <View className='card'>
        <View className='tabs'>
          {FILTERS.map(([key, label]) => (
            <Text {...tapRole('tab', filter === key)} key={key} className={`tabs__item${filter === key ? ' is-active' : ''}`} onClick={() => setFilter(key)}>
              {label}
            </Text>
          ))}
        </View>
        {history.error ? <ErrorNote error={history.error} onRetry={() => void history.refresh()} /> : null}
        <PointsHistoryList entries={history.items} />
        {history.items.length === 0 && !history.loading ? <Text className='muted'>这里还没有记录。</Text> : null}
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
