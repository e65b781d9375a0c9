import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { tappable } from './a11y';
import './ui.css';

/** One row of a menu: a title, an optional hint, a chevron; opens `url` (or runs `onTap`). */
export interface LinkRowProps {
  title: string;
  hint?: string;
  url?: string;
  onTap?: () => void;
  testId?: string;
}

/** A tappable menu row named by its title and hint (role link on both platforms). */
export function LinkRow({ title, hint, url, onTap, testId }: LinkRowProps) {
  const open = () => {
    if (onTap) onTap();
    else if (url) void Taro.navigateTo({ url });
  };
  return (
    <View className='link-row' {...tappable(hint ? `${title}，${hint}` : title, 'link')} onClick={open} data-testid={testId}>
      <Text className='link-row__title'>{title}</Text>
      <Text className='link-row__hint'>{hint ? `${hint} ›` : '›'}</Text>
    </View>
  );
}

/** A titled group of LinkRows (我的 page sections). */
export function LinkGroup({ title, rows }: { title?: string; rows: LinkRowProps[] }) {
  if (rows.length === 0) return null;
  return (
    <View className='card link-group'>
      {title ? <Text className='section-title'>{title}</Text> : null}
      {rows.map((row) => (
        <LinkRow key={row.url ?? row.title} {...row} />
      ))}
    </View>
  );
}
