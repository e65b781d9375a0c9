import { Text, View } from '@tarojs/components';
import './ui.css';

/** One figure with its label (余额, 连续签到…), read out as "label value" by screen readers. */
export function Stat({ value, label, testId }: { value: string | number; label: string; testId?: string }) {
  return (
    <View className='stat' ariaLabel={`${label} ${value}`} aria-label={`${label} ${value}`}>
      <Text className='stat__value' data-testid={testId}>
        {value}
      </Text>
      <Text className='stat__label'>{label}</Text>
    </View>
  );
}
