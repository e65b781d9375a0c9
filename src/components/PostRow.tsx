import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { PostView } from '../../types/content';
import { POST_KIND_LABEL } from '../core/posts';
import { showMonthDayTime } from '../services/time';
import './ui.css';
import './content.css';

/** One post in a list: kind, title (unread marked), up to 3 photo thumbnails, time and counts; opens the post. */
export function PostRow({ post }: { post: PostView }) {
  const open = () => void Taro.navigateTo({ url: `/subpackages/member/post/index?id=${post.id}` });
  const when = post.publishAt ? showMonthDayTime(post.publishAt) : '草稿';
  return (
    <View className='post-row' onClick={open} aria-label={`打开帖子：${post.title}`} data-testid='post-row'>
      <View className='post-row__head'>
        <Text className='post-row__kind'>{post.pinned ? '置顶' : post.byMember ? '会员话题' : POST_KIND_LABEL[post.kind]}</Text>
        <Text className={post.read ? 'post-row__title' : 'post-row__title is-unread'}>{post.title}</Text>
      </View>
      <Text className='post-row__excerpt'>{post.text.slice(0, 60)}</Text>
      {post.images.length > 0 ? (
        <View className='post-row__images'>
          {post.images.slice(0, 3).map((src, i) => (
            <Image key={src} className='post-row__img' src={src} mode='aspectFill' aria-label={`配图 ${i + 1}`} data-testid='post-row-image' />
          ))}
          {post.images.length > 3 ? <Text className='post-row__more'>共 {post.images.length} 张</Text> : null}
        </View>
      ) : null}
      <Text className='post-row__meta'>
        {post.authorName} · {when}
        {post.state === 'scheduled' ? ' 定时发布' : ''} · 回复 {post.replies} · 赞 {post.likes}
        {post.read ? '' : ' · 未读'}
      </Text>
    </View>
  );
}
