import { Image, Text, View } from '@tarojs/components';
import type { CampaignNoteView } from '../../types/campaign';
import './ui.css';

/** One campaign note: who, which day, the text and photos, 精选 and the hosts' comments. */
export function CampaignNote({ note, showName = true }: { note: CampaignNoteView; showName?: boolean }) {
  return (
    <View className='camp-note' data-testid='camp-note'>
      <Text className='log-entry__meta'>
        {showName ? `${note.nickname} · ` : ''}第 {note.dayIndex} 天 · {note.day}
        {note.featured ? <Text className='camp-note__featured'> 精选</Text> : null}
      </Text>
      {note.text ? <Text className='note__body'>{note.text}</Text> : null}
      {note.images.length > 0 ? (
        <View className='note__images'>
          {note.images.map((ref) => (
            <Image key={ref} className='note__img' src={ref} mode='aspectFill' />
          ))}
        </View>
      ) : null}
      {note.comments.map((c, i) => (
        <Text key={i} className='camp-note__comment' data-testid='camp-comment'>
          {c.byName} 点评：{c.text}
        </Text>
      ))}
    </View>
  );
}
