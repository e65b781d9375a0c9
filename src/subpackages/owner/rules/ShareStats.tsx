import { Text, View } from '@tarojs/components';
import { ErrorNote } from '../../../components/ErrorNote';
import { useShareStats } from '../../../hooks/useCheckinRules';

/** 签到分享（近 14 天）: how often the check-in card was shared, per day and by how many members. */
export function ShareStats() {
  const shares = useShareStats();
  return (
    <View className='card'>
      <Text className='section-title'>签到分享（近 14 天）</Text>
      {shares.error ? <ErrorNote error={shares.error} onRetry={() => void shares.reload()} /> : null}
      {shares.data ? (
        <Text className='form-hint' data-testid='share-total'>
          共分享 {shares.data.reduce((s, d) => s + d.shares, 0)} 次
        </Text>
      ) : null}
      {shares.data
        ?.filter((d) => d.shares > 0)
        .map((d) => (
          <View key={d.day} className='link-row' data-testid='share-day'>
            <Text>{d.day}</Text>
            <Text className='muted'>
              {d.shares} 次 · {d.members} 人
            </Text>
          </View>
        ))}
    </View>
  );
}
