import { Text, View } from '@tarojs/components';
import type { ApiFailure } from '../services/api';
import { ErrorNote } from './ErrorNote';

/** What a page shows before its data arrives: the failure with a retry, or a loading line. */
export function PageStatus({ error, onRetry }: { error: ApiFailure | null; onRetry: () => void }) {
  return <View className='page'>{error ? <ErrorNote error={error} onRetry={onRetry} /> : <Text className='muted'>正在加载…</Text>}</View>;
}
