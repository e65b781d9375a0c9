import { Button, Text, View } from '@tarojs/components';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorNote } from '../../../components/ErrorNote';
import { useIntros } from '../../../hooks/useOnboarding';
import { showMonthDayTime } from '../../../services/time';

/** 新人介绍: the self-introductions new members post in the 入群仪式, newest first. */
export default function IntrosPage() {
  const intros = useIntros();
  return (
    <View className='page'>
      {intros.error ? <ErrorNote error={intros.error} onRetry={() => void intros.refresh()} /> : null}
      {intros.items.length === 0 && !intros.loading ? <EmptyState title='还没有新人介绍' detail='新成员完成入群仪式时发布的自我介绍会出现在这里。' /> : null}
      {intros.items.map((i) => (
        <View className='card' key={i.memberId} data-testid='intro'>
          <Text className='section-title'>{i.nickname}</Text>
          <Text>{i.text}</Text>
          <Text className='muted'>{showMonthDayTime(i.at)}</Text>
        </View>
      ))}
      {intros.hasMore ? (
        <Button className='btn btn--ghost' loading={intros.loading} onClick={() => void intros.more()}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
