import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { ErrorNote } from '../../../components/ErrorNote';
import { SupportImages } from '../../../components/SupportImages';
import { textProblem } from '../../../core/formRules';
import { POST_LIMITS } from '../../../core/posts';
import { useImagePicker } from '../../../hooks/useImagePicker';
import { useStartTopic } from '../../../hooks/usePosts';
import '../../../components/ui.css';
import '../../../components/content.css';
import { controlName } from '../../../components/a11y';

/** 发起话题 (members, when the owner has opened member topics): a title, text and up to 9 photos; content-checked, 3 a day. */
export default function TopicNewPage() {
  const { start } = useStartTopic();
  const photos = useImagePicker(POST_LIMITS.images);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async () => {
    const check = textProblem(title, '标题', 1, POST_LIMITS.title) ?? textProblem(body, '正文', 1, POST_LIMITS.memberText);
    if (check) return setProblem(check);
    if (photos.uploading) return setProblem('图片还在上传，请稍候再提交');
    setProblem(null);
    const post = await start.submit({ title: title.trim(), text: body.trim(), images: photos.images });
    if (post) {
      void Taro.showToast({ title: '话题已发布', icon: 'success' });
      void Taro.redirectTo({ url: `/subpackages/member/post/index?id=${post.id}` });
    }
  };
  return (
    <View className='page'>
      <View className='card'>
        <Text className='muted'>想和大家聊点什么？话题会出现在首页的社群动态里，每人每天最多发起 3 个；讲师可能隐藏与社群无关的话题。</Text>
        <View className='field'>
          <Text className='field__label'>标题</Text>
          <Input className='field__input' value={title} maxlength={POST_LIMITS.title} placeholder='例如：大家平时怎么做读书笔记' {...controlName('话题标题')} onInput={(e) => setTitle(e.detail.value)} />
        </View>
        <View className='field'>
          <Text className='field__label'>内容</Text>
          <Textarea className='field__input' value={body} maxlength={POST_LIMITS.memberText} placeholder='说说你的想法…' {...controlName('话题内容')} onInput={(e) => setBody(e.detail.value)} />
        </View>
        <View className='field'>
          <Text className='field__label'>图片（可选，最多 {POST_LIMITS.images} 张）</Text>
          <SupportImages images={photos.images} max={POST_LIMITS.images} uploading={photos.uploading} onAdd={() => void photos.add()} onRemove={photos.remove} />
          {photos.error ? <ErrorNote error={photos.error} /> : null}
        </View>
      </View>
      {problem ? <Text className='error-note'>{problem}</Text> : null}
      {start.error ? <ErrorNote error={start.error} /> : null}
      <View className='card'>
        <Button className='btn btn--primary' aria-label='发布话题' disabled={start.submitting} onClick={() => void submit()}>
          发布话题
        </Button>
      </View>
    </View>
  );
}
