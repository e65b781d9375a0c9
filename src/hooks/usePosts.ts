import { useCallback, useState } from 'react';
import type { FaqInput, FaqView, MemberTopicInput, PostInput, PostLink, PostView, ReminderTopic } from '../../types/content';
import { fetchActivities } from '../services/activities';
import { fetchCampaigns } from '../services/campaign';
import { addDays } from '../core/day';
import { fetchWeek } from '../services/lessons';
import { fetchItems } from '../services/mall';
import { fetchDrafts, fetchFaqs, fetchFeed, fetchPost, fetchReminders, hideContent, likePost, markDeflected, pinPost, replyTo, saveFaq, savePost, saveTopicRules, searchFaq, setMemberPosts, startTopic, subscribeReminder } from '../services/posts';
import { login } from '../services/session';
import { useAction } from './useAction';
import { asFailure, useRemote } from './useRemote';
import type { ApiFailure } from '../services/api';

/** The 首页 feed: pinned then newest, with 加载更多 through `after`. */
export function useFeed(sessionKey = '') {
  const remote = useRemote(async () => {
    await login();
    return fetchFeed();
  }, `feed:${sessionKey}`);
  const [more, setMore] = useState<{ posts: PostView[]; next: string | null } | null>(null);
  const [moreError, setMoreError] = useState<ApiFailure | null>(null);
  const next = more ? more.next : (remote.data?.next ?? null);
  const loadMore = useCallback(async () => {
    if (!next) return;
    try {
      const page = await fetchFeed(next);
      setMore((prior) => ({ posts: [...(prior?.posts ?? []), ...page.posts], next: page.next }));
      setMoreError(null);
    } catch (e) {
      setMoreError(asFailure(e));
    }
  }, [next]);
  const reload = useCallback(async () => {
    setMore(null);
    await remote.reload();
  }, [remote]);
  const posts = [...(remote.data?.posts ?? []), ...(more?.posts ?? [])];
  return { ...remote, reload, pinned: remote.data?.pinned ?? [], posts, unread: remote.data?.unread ?? 0, membersMayPost: remote.data?.membersMayPost ?? false, hasMore: next !== null, loadMore, moreError };
}

/** One post with replies: 回复, 赞, and for hosts 置顶 and 隐藏; each reloads after. */
export function usePost(postId: string) {
  const remote = useRemote(async () => {
    const member = await login();
    return { ...(await fetchPost(postId)), isHost: member.role !== 'member' };
  }, `post:${postId}`);
  const reload = remote.reload;
  const reply = useAction(useCallback((rid: string, text: string) => replyTo(postId, text, rid), [postId]), reload);
  const like = useAction(useCallback((rid: string, on: boolean) => likePost(postId, on, rid), [postId]), reload);
  const pin = useAction(useCallback((rid: string, on: boolean) => pinPost(postId, on, rid), [postId]), reload);
  const hideReply = useAction(useCallback((rid: string, replyId: string, reason: string) => hideContent({ replyId }, reason, rid), []), reload);
  const hidePost = useAction(useCallback((rid: string, reason: string) => hideContent({ postId }, reason, rid), [postId]), reload);
  return { ...remote, reply, like, pin, hideReply, hidePost };
}

/** Host: the post being edited (null for a new one) and the save action. */
export function usePostEditor(postId: string | null) {
  const remote = useRemote(async () => {
    await login();
    return postId ? (await fetchPost(postId)).post : null;
  }, `post-edit:${postId ?? 'new'}`);
  const save = useAction(useCallback((rid: string, post: PostInput) => savePost(post, postId, rid), [postId]));
  return { ...remote, save };
}

/** Host: drafts and scheduled posts. */
export function useDrafts(sessionKey = '') {
  return useRemote(async () => {
    await login();
    return fetchDrafts();
  }, `drafts:${sessionKey}`);
}

/** FAQ search for a question box: matching answers, and 已解决 (counted as a deflection). */
export function useFaqSearch() {
  const [entries, setEntries] = useState<FaqView[] | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const search = useCallback(async (q: string) => {
    if (q.trim().length === 0) {
      setEntries(null);
      return;
    }
    try {
      await login();
      setEntries(await searchFaq(q.trim()));
      setError(null);
    } catch (e) {
      setError(asFailure(e));
    }
  }, []);
  const deflected = useAction(useCallback((rid: string, faqId: string) => markDeflected(faqId, rid), []));
  return { entries, error, search, deflected };
}

/** Owner: every keyword answer with its deflection count, saving one, and the topic point rules. */
export function useFaqAdmin() {
  const remote = useRemote(async () => {
    await login();
    return fetchFaqs();
  }, 'faq-admin');
  const save = useAction(useCallback((rid: string, faq: FaqInput) => saveFaq(faq, rid), []), remote.reload);
  const rules = useAction(useCallback((rid: string, points: number, cap: number) => saveTopicRules(points, cap, rid), []), remote.reload);
  const memberPosts = useAction(useCallback((rid: string, open: boolean) => setMemberPosts(open, rid), []), remote.reload);
  return { ...remote, save, rules, memberPosts };
}

/** The member's remaining one-time reminders per topic, and accepting one more. */
export function useReminders(sessionKey = '') {
  const remote = useRemote(async () => {
    await login();
    return fetchReminders();
  }, `reminders:${sessionKey}`);
  const subscribe = useAction(useCallback((rid: string, topic: ReminderTopic) => subscribeReminder(topic, rid), []), remote.reload);
  return { ...remote, subscribe };
}

/** Host: what a post can link to — this and next week's lessons, recent and upcoming activities, campaigns and listed mall items. */
export function useLinkTargets() {
  return useRemote<PostLink[]>(async () => {
    await login();
    const [week, activities, campaigns, mall] = await Promise.all([fetchWeek(), fetchActivities(), fetchCampaigns(), fetchItems()]);
    const next = await fetchWeek(addDays(week.monday, 7));
    return [
      ...[...week.days, ...next.days].flatMap((d) => d.lessons.filter((l) => l.status !== 'draft').map((l): PostLink => ({ type: 'lesson', id: l.id, title: l.title }))),
      ...activities.map((a): PostLink => ({ type: 'activity', id: a.id, title: a.title })),
      ...campaigns.map((c): PostLink => ({ type: 'campaign', id: c.id, title: c.title })),
      ...mall.items.filter((i) => i.listed).map((i): PostLink => ({ type: 'item', id: i.id, title: i.title.slice(0, 60) })),
    ];
  }, 'post-link-targets');
}

/** 发起话题 (members, when the owner allows it): submit answers the new post or null (the error is on `start.error`). */
export function useStartTopic() {
  const start = useAction(useCallback((rid: string, post: MemberTopicInput) => startTopic(post, rid), []));
  return { start };
}
