import Taro from '@tarojs/taro';
import type { FaqInput, FaqView, MemberTopicInput, PostFeed, PostInput, PostKind, PostView, ReminderTopic, ReminderView, ReplyView } from '../../types/content';
import { templateKeyOf } from '../core/reminderTemplates';
import { ApiFailure, call, newRequestId } from './api';

/** The feed: pinned posts (first page) then the newest; `after` pages on. VALIDATION for a stale cursor. */
export function fetchFeed(after?: string, kind?: PostKind): Promise<PostFeed> {
  return call('posts', 'feed', { ...(after ? { after } : {}), ...(kind ? { kind } : {}) });
}

/** One post with its latest replies (marks it read). NOT_FOUND before its time, hidden or deleted. */
export function fetchPost(postId: string): Promise<{ post: PostView; replies: ReplyView[]; earlier: boolean; topicPoints: number }> {
  return call('posts', 'get', { postId });
}

/** Host: drafts and scheduled posts not yet visible. FORBIDDEN for members. */
export async function fetchDrafts(): Promise<PostView[]> {
  return (await call('posts', 'drafts', {})).posts;
}

/** Host: save a post (new, or `postId` to edit): draft, now, or scheduled. VALIDATION, FORBIDDEN (not yours), NOT_FOUND. */
export async function savePost(post: PostInput, postId: string | null, requestId: string = newRequestId()): Promise<PostView> {
  return (await call('posts', 'publish', { requestId, post, ...(postId ? { postId } : {}) })).post;
}

/** Reply (content-checked); a 每日话题 reply may earn points. VALIDATION, NOT_FOUND, CONFLICT. */
export function replyTo(postId: string, text: string, requestId: string = newRequestId()): Promise<{ reply: ReplyView; points: number; capped: boolean }> {
  return call('posts', 'reply', { requestId, postId, text });
}

/** 赞 or take it back. NOT_FOUND. */
export function likePost(postId: string, like: boolean, requestId: string = newRequestId()): Promise<{ likes: number; likedByMe: boolean }> {
  return call('posts', 'react', { requestId, postId, like });
}

/** Host: pin (at most 3) or unpin. LIMIT_REACHED, CONFLICT. */
export async function pinPost(postId: string, pinned: boolean, requestId: string = newRequestId()): Promise<PostView> {
  return (await call('posts', 'pin', { requestId, postId, pinned })).post;
}

/** Host: hide a reply or a post with a reason. VALIDATION, NOT_FOUND, CONFLICT (hidden already). */
export async function hideContent(target: { replyId: string } | { postId: string }, reason: string, requestId: string = newRequestId()): Promise<void> {
  await call('posts', 'hide', { requestId, reason, ...target });
}

/** Keyword answers matching `q`, best first. VALIDATION for empty text. */
export async function searchFaq(q: string): Promise<FaqView[]> {
  return (await call('posts', 'faqSearch', { q })).entries;
}

/** Every keyword answer (owners see deflection counts) and the topic point rules. */
export function fetchFaqs(): Promise<{ entries: FaqView[]; topicRules: { topicReplyPoints: number; topicDailyCap: number; membersMayPost: boolean } }> {
  return call('posts', 'faqList', {});
}

/** Owner: 每日话题 reply points and the daily cap. VALIDATION, FORBIDDEN. */
export function saveTopicRules(topicReplyPoints: number, topicDailyCap: number, requestId: string = newRequestId()): Promise<{ topicReplyPoints: number; topicDailyCap: number }> {
  return call('posts', 'topicRules', { requestId, topicReplyPoints, topicDailyCap });
}

/** Owner: create or edit a keyword answer. VALIDATION, NOT_FOUND, FORBIDDEN. */
export async function saveFaq(faq: FaqInput, requestId: string = newRequestId()): Promise<FaqView> {
  return (await call('posts', 'faqSave', { requestId, faq })).entry;
}

/** The member read this answer and did not ask (counted once per entry and day). NOT_FOUND. */
export async function markDeflected(faqId: string, requestId: string = newRequestId()): Promise<boolean> {
  return (await call('posts', 'faqDeflected', { requestId, faqId })).counted;
}

/** Remaining one-time reminders per topic. */
export async function fetchReminders(): Promise<ReminderView[]> {
  return (await call('posts', 'reminders', {})).reminders;
}

/** The WeChat template id a topic's reminders use, from the build (`REMINDER_TEMPLATES[key].env`); empty when none is configured. */
export function reminderTemplateId(topic: ReminderTopic): string {
  if (templateKeyOf(topic) === 'checkin') return typeof QUNYUN_CHECKIN_TEMPLATE_ID === 'string' ? QUNYUN_CHECKIN_TEMPLATE_ID : '';
  return typeof QUNYUN_CONTENT_TEMPLATE_ID === 'string' ? QUNYUN_CONTENT_TEMPLATE_ID : '';
}

const REFUSED: Record<string, string> = {
  reject: '你没有允许这条提醒，如果之前选了「不再询问」，请在右上角 ··· → 设置 → 订阅消息 中打开',
  ban: '这个提醒暂时无法订阅，请联系群主',
  filter: '这个提醒暂时无法订阅，请联系群主',
};

/**
 * Accept one more reminder for `topic`. On WeChat (a template configured) first
 * Taro.requestSubscribeMessage — it must run straight from the member's tap — and only an
 * `accept` is recorded with the template id; anything else throws ApiFailure CONFLICT with what to do.
 * Elsewhere (h5, local) the local quota key is used and reminders stay in the outbox. RATE_LIMITED.
 */
export async function subscribeReminder(topic: ReminderTopic, requestId: string = newRequestId()): Promise<ReminderView[]> {
  const templateId = reminderTemplateId(topic);
  if (process.env.TARO_ENV === 'weapp' && templateId) {
    let answer: Record<string, string>;
    try {
      answer = (await Taro.requestSubscribeMessage({ tmplIds: [templateId] } as unknown as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>;
    } catch {
      throw new ApiFailure('CONFLICT', '没能打开订阅窗口，请再点一次');
    }
    const result = answer[templateId] ?? 'reject';
    if (result !== 'accept') throw new ApiFailure('CONFLICT', REFUSED[result] ?? REFUSED.reject);
    return (await call('posts', 'subscribe', { requestId, topic, templateId })).reminders;
  }
  return (await call('posts', 'subscribe', { requestId, topic })).reminders;
}

/** A member starts a topic (when the owner allows it): FORBIDDEN while closed, VALIDATION for unsuitable text, RATE_LIMITED after 3 a day. */
export async function startTopic(post: MemberTopicInput, requestId: string = newRequestId()): Promise<PostView> {
  return (await call('posts', 'memberPublish', { requestId, post })).post;
}

/** Owner: open or close member topics (会员发起话题). */
export async function setMemberPosts(membersMayPost: boolean, requestId: string = newRequestId()): Promise<boolean> {
  return (await call('posts', 'memberPosts', { requestId, membersMayPost })).membersMayPost;
}
