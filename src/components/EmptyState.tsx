import { Text, View } from '@tarojs/components';
import './ui.css';

/** An honest "nothing here yet" panel with what will appear and when. */
export function EmptyState({ title, detail }: { title: string; detail: string }) {
  return (
    <View className='empty'>
      <Text className='empty__title'>{title}</Text>
      <Text className='empty__detail'>{detail}</Text>
    </View>
  );
}
