import { Text, View } from '@tarojs/components';
import { tappable } from './a11y';
import './lesson.css';

/** Star rating 1–5: each star a radio named "n 星"; read-only when `onChange` is absent. */
export function Rate({ value, onChange, label = '评分', testIdPrefix = 'star' }: { value: number; onChange?: (n: number) => void; label?: string; testIdPrefix?: string }) {
  return (
    <View className='stars' ariaRole='radiogroup' role='radiogroup' ariaLabel={`${label}：${value} 星`} aria-label={`${label}：${value} 星`}>
      {[1, 2, 3, 4, 5].map((n) =>
        onChange ? (
          <View key={n} className={`stars__item${n <= value ? ' is-on' : ''}`} {...tappable(`${n} 星`, 'radio', { checked: n === value })} onClick={() => onChange(n)} data-testid={`${testIdPrefix}-${n}`}>
            ★
          </View>
        ) : (
          <Text key={n} className={`stars__item${n <= value ? ' is-on' : ''}`} aria-hidden='true'>
            ★
          </Text>
        ),
      )}
    </View>
  );
}
