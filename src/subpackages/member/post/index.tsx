import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import { ErrorNote } from '../../../components/ErrorNote';
import { PageStatus } from '../../../components/PageStatus';
import { ReminderPrompt } from '../../../components/ReminderCard';
import { POST_KIND_LABEL, POST_LIMITS } from '../../../core/posts';
import { usePost } from '../../../hooks/usePosts';
import { showDateTime, showMonthDayTime } from '../../../services/time';
import '../../../components/ui.css';
import '../../../components/content.css';
import { controlName } from '../../../components/a11y';

const LINK_PAGE: Record<string, string> = {
  lesson: '/subpackages/member/lesson/index',
  activity: '/subpackages/member/activity/index',
  campaign: '/subpackages/member/campaign/index',
  item: '/subpackages/member/item/index',
};

/** 帖子: the post, 赞, replies (hidden ones gone for members; hosts see them with the reason), a reply box; hosts pin and hide. */
export default function PostPage() {
  const { params } = useRouter();
  const postId = params.id ?? '';
  const page = usePost(postId);
  const [text, setText] = useState('');
  const [hiding, setHiding] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const data = page.data;
  if (!data) return <PageStatus error={page.error} onRetry={() => void page.reload()} />;
  const { post, replies } = data;
  const onReply = async () => {
    const done = await page.reply.submit(text.trim());
    if (done) {
      setText('');
      void Taro.showToast({ title: done.points > 0 ? `回复成功 +${done.points} 积分` : '回复成功', icon: 'success' });
    }
  };
  const onHide = async () => {
    if (!hiding) return;
    const ok = hiding === 'post' ? await page.hidePost.submit(reason.trim()) : await page.hideReply.submit(hiding, reason.trim());
    if (ok) {
      setHiding(null);
      setReason('');
      void Taro.showToast({ title: '已隐藏', icon: 'success' });
    }
  };
  const error = page.reply.error ?? page.like.error ?? page.pin.error ?? page.hideReply.error ?? page.hidePost.error;
  return (
    <View className='page'>
      <View className='card'>
        <View className='post-row__head'>
          <Text className='post-row__kind'>{post.byMember ? '会员话题' : POST_KIND_LABEL[post.kind]}</Text>
          <Text className='post-row__title'>{post.title}</Text>
        </View>
        <Text className='post-row__meta'>
          {post.authorName} · {post.publishAt ? showDateTime(post.publishAt) : '草稿'}
          {post.hidden ? ` · 已隐藏（${post.hidden.reason}）` : ''}
        </Text>
        <Text className='post-body'>{post.text}</Text>
        {post.images.map((src, i) => (
          <Image key={src} className='post-image' src={src} mode='widthFix' aria-label={`查看第 ${i + 1} 张配图`} data-testid='post-image' onClick={() => void Taro.previewImage({ urls: post.images, current: src })} />
        ))}
        {post.link ? (
          <View className='link-row' aria-label={`打开：${post.link.title}`} onClick={() => void Taro.navigateTo({ url: `${LINK_PAGE[post.link?.type ?? 'lesson']}?id=${post.link?.id ?? ''}` })}>
            <Text>{post.link.title}</Text>
            <Text className='muted'>›</Text>
          </View>
        ) : null}
        {post.state !== 'draft' && !post.hidden ? (
          <Button className={post.likedByMe ? 'btn btn--done' : 'btn btn--ghost'} aria-label={post.likedByMe ? '取消赞' : '赞'} disabled={page.like.submitting} onClick={() => void page.like.submit(!post.likedByMe)}>
            {post.likedByMe ? `已赞 ${post.likes}` : `赞 ${post.likes}`}
          </Button>
        ) : null}
        {data.isHost ? (
          <View className='chips'>
            {post.state !== 'draft' && !post.hidden ? (
              <Text className='chip' aria-label={post.pinned ? '取消置顶' : '置顶'} onClick={() => void page.pin.submit(!post.pinned)}>
                {post.pinned ? '取消置顶' : '置顶'}
              </Text>
            ) : null}
            {post.state !== 'draft' && !post.hidden ? (
              <Text className='chip' aria-label='隐藏帖子' onClick={() => setHiding('post')}>
                隐藏帖子
              </Text>
            ) : null}
            {post.canEdit ? (
              <Text className='chip' aria-label='编辑帖子' onClick={() => void Taro.navigateTo({ url: `/subpackages/host/post-edit/index?id=${post.id}` })}>
                {post.state === 'published' ? '编辑' : '编辑并发布'}
              </Text>
            ) : null}
          </View>
        ) : null}
      </View>
      {error ? <ErrorNote error={error} /> : null}
      {hiding ? (
        <View className='card'>
          <Text className='section-title'>{hiding === 'post' ? '隐藏这条帖子' : '隐藏这条回复'}</Text>
          <Textarea className='field__input' value={reason} maxlength={POST_LIMITS.hideReason} placeholder='写明原因（仅讲师和群主可见），例如：广告引流' {...controlName('隐藏原因')} onInput={(e) => setReason(e.detail.value)} />
          <Button className='btn btn--primary' aria-label='确认隐藏' disabled={reason.trim().length === 0} onClick={() => void onHide()}>
            确认隐藏
          </Button>
          <Button className='btn btn--ghost' aria-label='取消隐藏' onClick={() => setHiding(null)}>
            取消
          </Button>
        </View>
      ) : null}
      {post.state !== 'draft' && !post.hidden ? <ReminderPrompt topic={post.kind} /> : null}
      <View className='card'>
        <Text className='section-title'>回复 {post.replies}</Text>
        {data.topicPoints > 0 ? <Text className='muted'>每日话题：首次回复得 {data.topicPoints} 积分（每天有上限）</Text> : null}
        {data.earlier ? <Text className='muted'>只显示最近 100 条回复</Text> : null}
        {replies.length === 0 ? <Text className='muted'>还没有回复，来说第一句吧。</Text> : null}
        {replies.map((r) => (
          <View className={r.hidden ? 'reply is-hidden' : 'reply'} key={r.id} data-testid='reply'>
            <Text className='reply__text'>{r.text}</Text>
            <Text className='reply__meta'>
              {r.authorName} · {showMonthDayTime(r.at)}
              {r.points > 0 ? ` · +${r.points} 积分` : ''}
              {r.hidden ? ` · 已隐藏：${r.hidden.reason}` : ''}
            </Text>
            {data.isHost && !r.hidden ? (
              <Text className='chip' aria-label={`隐藏 ${r.authorName} 的回复`} onClick={() => setHiding(r.id)}>
                隐藏
              </Text>
            ) : null}
          </View>
        ))}
        {post.state !== 'draft' && !post.hidden ? (
          <View>
            <Textarea className='field__input' value={text} maxlength={POST_LIMITS.reply} placeholder='写下你的回复（最多 500 字）' {...controlName('回复内容')} onInput={(e) => setText(e.detail.value)} />
            <Button className='btn btn--primary' aria-label='发送回复' disabled={text.trim().length === 0 || page.reply.submitting} onClick={() => void onReply()}>
              发送
            </Button>
          </View>
        ) : null}
      </View>
    </View>
  );
}
