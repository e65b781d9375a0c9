import Taro from '@tarojs/taro';
import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import { ErrorNote } from '../../../components/ErrorNote';
import { NOTE_LIMITS, useCheckinNote } from '../../../hooks/useCheckinNote';
import { controlName, tappable } from '../../../components/a11y';

/** 打卡笔记: today's note on the check-in — up to 500 characters and 3 photos. */
export default function CheckinNotePage() {
  const note = useCheckinNote();
  const onSave = async () => {
    const saved = await note.save();
    if (saved) {
      void Taro.showToast({ title: '笔记已保存', icon: 'success' });
      void note.reload();
    }
  };
  const length = note.text.trim().length;

  return (
    <View className='page'>
      {note.error && !note.data ? <ErrorNote error={note.error} onRetry={() => void note.reload()} /> : null}
      {note.data && !note.data.checkedIn ? (
        <View className='card'>
          <Text className='muted'>今天还没有签到，先去首页签到，再来记录今天的收获。</Text>
        </View>
      ) : null}
      {note.data?.checkedIn ? (
        <View className='card'>
          <Text className='section-title'>{note.data.day} 的打卡笔记</Text>
          <Textarea {...controlName('打卡笔记')}
            className='note__text'
            value={note.text}
            maxlength={NOTE_LIMITS.chars}
            placeholder='今天学到了什么？写下来，坚持的每一天都算数。'
            data-testid='note-text'
            onInput={(e) => note.setText(e.detail.value)}
          />
          <Text className={`note__count${length > NOTE_LIMITS.chars ? ' is-over' : ''}`}>
            {length}/{NOTE_LIMITS.chars}
          </Text>
          <View className='note__images'>
            {note.images.map((ref) => (
              <View key={ref} className='note__thumb' data-testid='note-image'>
                <Image className='note__img' src={ref} mode='aspectFill' />
                <Text {...tappable('删除这张图片')} className='note__remove' onClick={() => note.removeImage(ref)}>
                  ×
                </Text>
              </View>
            ))}
            {note.images.length < NOTE_LIMITS.images ? (
              <View {...tappable('添加图片')} className='note__thumb note__add' onClick={() => void note.addImages()}>
                <Text>{note.busy === 'upload' ? '上传中…' : `+ 图片（${note.images.length}/${NOTE_LIMITS.images}）`}</Text>
              </View>
            ) : null}
          </View>
          {note.actionError ? <ErrorNote error={note.actionError} /> : null}
          <Button className='btn btn--primary' loading={note.busy === 'save'} disabled={note.busy !== null} onClick={() => void onSave()}>
            保存笔记
          </Button>
        </View>
      ) : null}
    </View>
  );
}
