import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { useFeed } from '../hooks/usePosts';
import { ErrorNote } from './ErrorNote';
import { PostRow } from './PostRow';
import './ui.css';
import './content.css';

/** 社群动态 on 首页: pinned posts first, then the newest, unread marked, 加载更多 pages on; 发起话题 when the owner lets members start topics. */
export function HomeFeed({ feed }: { feed: ReturnType<typeof useFeed> }) {
  const empty = feed.pinned.length === 0 && feed.posts.length === 0;
  return (
    <View className='card'>
      <Text className='section-title'>社群动态{feed.unread > 0 ? ` · ${feed.unread} 条未读` : ''}</Text>
      {feed.membersMayPost ? (
        <Button className='btn btn--small btn--ghost' aria-label='发起话题' onClick={() => void Taro.navigateTo({ url: '/subpackages/member/topic-new/index' })}>
          发起话题
        </Button>
      ) : null}
      {feed.error && !feed.data ? <ErrorNote error={feed.error} onRetry={() => void feed.reload()} /> : null}
      {feed.data && empty ? <Text className='muted'>还没有帖子。讲师每天 8:00 发布早安晨报，记得回来看看。</Text> : null}
      {feed.pinned.map((p) => (
        <PostRow key={p.id} post={p} />
      ))}
      {feed.posts.map((p) => (
        <PostRow key={p.id} post={p} />
      ))}
      {feed.moreError ? <ErrorNote error={feed.moreError} onRetry={() => void feed.loadMore()} /> : null}
      {feed.hasMore ? (
        <Button className='btn btn--ghost' aria-label='加载更多帖子' onClick={() => void feed.loadMore()}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
