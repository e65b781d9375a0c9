import { Image, Text, View } from '@tarojs/components';
import './ui.css';

/** Photos attached to a question or case; with `onAdd`/`onRemove` it is the picker of a form (up to `max`). */
export function SupportImages({ images, max, uploading, onAdd, onRemove }: { images: string[]; max?: number; uploading?: boolean; onAdd?: () => void; onRemove?: (ref: string) => void }) {
  if (images.length === 0 && !onAdd) return null;
  return (
    <View className='note__images'>
      {images.map((ref, i) => (
        <View key={ref} className='note__thumb'>
          <Image className='note__img' src={ref} mode='aspectFill' />
          {onRemove ? (
            <Text className='note__remove' aria-label={`移除第 ${i + 1} 张图片`} onClick={() => onRemove(ref)}>
              ×
            </Text>
          ) : null}
        </View>
      ))}
      {onAdd && max !== undefined && images.length < max ? (
        <View className='note__thumb note__add' aria-label='添加图片' onClick={onAdd}>
          <Text>{uploading ? '上传中…' : `+ 图片（${images.length}/${max}）`}</Text>
        </View>
      ) : null}
    </View>
  );
}
