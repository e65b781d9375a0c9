import type { PostKind, ReminderTopic } from '../../types/content';

/** The Chinese name of each post kind. */
export const POST_KIND_LABEL: Record<PostKind, string> = {
  notice: '公告',
  morning: '早安晨报',
  article: '精选文章',
  topic: '每日话题',
  event: '活动预告',
  digest: '集锦回顾',
};

/** Post kinds a host chooses from when writing. */
export const POST_KINDS = ['notice', 'morning', 'article', 'topic', 'event', 'digest'] as const;

/** What a member can subscribe reminders for, with the words the subscribe button uses. */
export const REMINDER_TOPIC_LABEL: Record<ReminderTopic, string> = { checkin: '每日签到提醒', ...POST_KIND_LABEL };

/** Length limits of post and reply fields (the form and the schema share them). */
export const POST_LIMITS = { title: 40, text: 5000, images: 9, reply: 500, hideReason: 100, pinned: 3, memberText: 1000 } as const;

/** What a member reads when member topics are closed (posts.memberPublish, FORBIDDEN). */
export const MEMBER_POSTS_CLOSED = '群主还没有开放会员发起话题，想聊的话题可以在每日话题下回复';

/** A post is visible to members once it is not a draft, not hidden, and its publish instant has come. */
export function visibleToMembers(post: { state: string; publishAt: string | null; hidden: unknown }, nowMs: number): boolean {
  return post.state !== 'draft' && post.hidden === null && post.publishAt !== null && Date.parse(post.publishAt) <= nowMs;
}

/**
 * Whether a 每日话题 reply earns points: not already rewarded on this topic, and fewer than the
 * daily cap rewarded today. Returns the points (0 when not).
 */
export function topicReward(input: { alreadyRewarded: boolean; rewardedToday: number; points: number; dailyCap: number }): { points: number; capped: boolean } {
  if (input.alreadyRewarded || input.points <= 0) return { points: 0, capped: false };
  if (input.rewardedToday >= input.dailyCap) return { points: 0, capped: true };
  return { points: input.points, capped: false };
}
