import { useEffect, useState } from 'react';
import { leaveTo } from '../../../services/navigation';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { PostKind, PostLink } from '../../../../types/content';
import { ErrorNote } from '../../../components/ErrorNote';
import { SupportImages } from '../../../components/SupportImages';
import { PageStatus } from '../../../components/PageStatus';
import { textProblem } from '../../../core/formRules';
import { POST_KINDS, POST_KIND_LABEL, POST_LIMITS } from '../../../core/posts';
import { useImagePicker } from '../../../hooks/useImagePicker';
import { useLinkTargets, usePostEditor } from '../../../hooks/usePosts';
import { instantInCommunity, showClock, showDay } from '../../../services/time';
import '../../../components/ui.css';
import '../../../components/content.css';
import { controlName } from '../../../components/a11y';

const LINK_LABEL: Record<PostLink['type'], string> = { lesson: '课程', activity: '活动', campaign: '打卡营', item: '商品' };

/** 写帖子 (hosts): kind, title, text, up to 9 photos, an optional link to a lesson, activity, campaign or item; save as draft, publish now, or schedule for a day and time. `?id=` edits; `?kind=` preselects the kind (from a routine on 今日待办). */
export default function PostEditPage() {
  const { params } = useRouter();
  const postId = params.id ?? null;
  const editor = usePostEditor(postId);
  const [kind, setKind] = useState<PostKind>((POST_KINDS as readonly string[]).includes(params.kind ?? '') ? (params.kind as PostKind) : 'morning');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [day, setDay] = useState('');
  const [time, setTime] = useState('08:00');
  const [problem, setProblem] = useState<string | null>(null);
  const [link, setLink] = useState<PostLink | null>(null);
  const targets = useLinkTargets();
  const photos = useImagePicker(POST_LIMITS.images);
  const loaded = editor.data;
  const loadPhotos = photos.load;
  useEffect(() => {
    if (!loaded) return;
    loadPhotos(loaded.images);
    setKind(loaded.kind);
    setTitle(loaded.title);
    setBody(loaded.text);
    setLink(loaded.link);
    if (loaded.state === 'scheduled' && loaded.publishAt) {
      setDay(showDay(loaded.publishAt));
      setTime(showClock(loaded.publishAt));
    }
  }, [loaded, loadPhotos]);
  if (postId && !loaded) return <PageStatus error={editor.error} onRetry={() => void editor.reload()} />;
  const published = loaded?.state === 'published';
  const submit = async (mode: 'draft' | 'now' | 'schedule') => {
    const check = textProblem(title, '标题', 1, POST_LIMITS.title) ?? textProblem(body, '正文', 1, POST_LIMITS.text);
    let publishAt: string | undefined;
    if (mode === 'schedule') {
      publishAt = instantInCommunity(day.trim(), time.trim()) ?? undefined;
      if (!publishAt) return setProblem('请填写发布日期（如 2026-12-01）和时间（如 08:00）');
    }
    if (check) return setProblem(check);
    if (photos.uploading) return setProblem('图片还在上传，请稍候再提交');
    setProblem(null);
    const saved = await editor.save.submit({ kind, title: title.trim(), text: body.trim(), images: photos.images, link, ...(mode === 'draft' ? { draft: true } : {}), ...(publishAt ? { publishAt } : {}) });
    if (saved) {
      void Taro.showToast({ title: mode === 'draft' ? '草稿已保存' : mode === 'schedule' ? '已定时发布' : '已发布', icon: 'success' });
      leaveTo('/subpackages/host/todo/index');
    }
  };
  return (
    <View className='page'>
      <View className='card'>
        <Text className='field__label'>类型</Text>
        <View className='chips'>
          {POST_KINDS.map((k) => (
            <Text key={k} className={k === kind ? 'chip is-active' : 'chip'} aria-label={`类型：${POST_KIND_LABEL[k]}`} onClick={() => setKind(k)}>
              {POST_KIND_LABEL[k]}
            </Text>
          ))}
        </View>
        <View className='field'>
          <Text className='field__label'>标题</Text>
          <Input className='field__input' value={title} maxlength={POST_LIMITS.title} placeholder='例如：早安晨报 12月1日' {...controlName('标题')} onInput={(e) => setTitle(e.detail.value)} />
        </View>
        <View className='field'>
          <Text className='field__label'>正文</Text>
          <Textarea className='field__input' value={body} maxlength={POST_LIMITS.text} placeholder='写点什么…' {...controlName('正文')} onInput={(e) => setBody(e.detail.value)} />
        </View>
        <View className='field'>
          <Text className='field__label'>图片（可选，最多 {POST_LIMITS.images} 张）</Text>
          <SupportImages images={photos.images} max={POST_LIMITS.images} uploading={photos.uploading} onAdd={() => void photos.add()} onRemove={photos.remove} />
          {photos.error ? <ErrorNote error={photos.error} /> : null}
        </View>
        <View className='field'>
          <Text className='field__label'>关联（可选）</Text>
          <View className='chips'>
            <Text className={link === null ? 'chip is-active' : 'chip'} aria-label='不关联' onClick={() => setLink(null)}>
              不关联
            </Text>
            {(targets.data ?? []).map((t) => (
              <Text key={`${t.type}:${t.id}`} className={link?.id === t.id && link.type === t.type ? 'chip is-active' : 'chip'} aria-label={`关联：${LINK_LABEL[t.type]} ${t.title}`} onClick={() => setLink(t)}>
                {LINK_LABEL[t.type]} · {t.title}
              </Text>
            ))}
          </View>
        </View>
        {published ? null : (
          <View className='field'>
            <Text className='field__label'>定时发布（可选，社群时间）</Text>
            <Input className='field__input' value={day} placeholder='日期，如 2026-12-01' {...controlName('发布日期')} onInput={(e) => setDay(e.detail.value)} />
            <Input className='field__input' value={time} placeholder='时间，如 08:00' {...controlName('发布时间')} onInput={(e) => setTime(e.detail.value)} />
          </View>
        )}
      </View>
      {problem ? <Text className='error-note'>{problem}</Text> : null}
      {editor.save.error ? <ErrorNote error={editor.save.error} /> : null}
      <View className='card'>
        <Button className='btn btn--primary' aria-label={published ? '保存修改' : '立即发布'} disabled={editor.save.submitting} onClick={() => void submit('now')}>
          {published ? '保存修改' : '立即发布'}
        </Button>
        {published ? null : (
          <Button className='btn btn--ghost' aria-label='定时发布' disabled={editor.save.submitting} onClick={() => void submit('schedule')}>
            定时发布
          </Button>
        )}
        {published ? null : (
          <Button className='btn btn--ghost' aria-label='存为草稿' disabled={editor.save.submitting} onClick={() => void submit('draft')}>
            存为草稿
          </Button>
        )}
      </View>
    </View>
  );
}
