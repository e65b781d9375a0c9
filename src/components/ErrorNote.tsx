import { Button, Text, View } from '@tarojs/components';
import type { ApiFailure } from '../services/api';
import './ui.css';

/** Shows a failure's Chinese message, with a retry button when there is something to retry. */
export function ErrorNote({ error, onRetry }: { error: ApiFailure; onRetry?: () => void }) {
  return (
    <View className='error-note' role='alert'>
      <Text>{error.message}</Text>
      {onRetry ? (
        <Button className='btn btn--small btn--ghost' onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  );
}
