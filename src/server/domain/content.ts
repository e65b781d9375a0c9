import type { PostKind, PostLink, PostState, PostView, ReplyView, RoutineMetric, Cadence, ReminderTopic } from '../../../types/content';
import { localTemplateId } from '../../core/reminderTemplates';
import type { Doc, Store } from '../store/port';

/** A post (`posts/<postId>`; digests `digest-month-<YYYY-MM>` / `digest-year-<YYYY>`). */
export interface PostDoc extends Doc {
  kind: PostKind;
  title: string;
  text: string;
  images: string[];
  link: PostLink | null;
  state: PostState;
  /** Visible to members from this instant (null for drafts). */
  publishAt: string | null;
  /** When it was actually published (now, or by the cron job for scheduled posts). */
  publishedAt: string | null;
  /** Not a draft and not hidden: the feed index. */
  live: boolean;
  pinned: boolean;
  pinnedAt: string | null;
  hidden: { reason: string; by: string; at: string } | null;
  /** Member id of the author; `system` for digests drafted by cron. */
  authorId: string;
  authorName: string;
  createdAt: string;
  updatedAt: string;
  /** A topic an ordinary member started (`posts.memberPublish`): no reply points, no reminders, never completes a routine. */
  byMember?: boolean;
}

/** A reply to a post (`postReplies/<replyId>`). */
export interface ReplyDoc extends Doc {
  postId: string;
  memberId: string;
  nickname: string;
  text: string;
  at: string;
  hidden: boolean;
  hiddenInfo: { reason: string; by: string; byName: string; at: string } | null;
  points: number;
}

/** A member opened a post (`postReads/<postId>:<memberId>`), for unread marks and the read rate. */
export interface PostReadDoc extends Doc {
  postId: string;
  memberId: string;
  at: string;
}

/** The pinned post ids (`postPins/pins`), written on every pin change so a fourth pin conflicts. */
export interface PostPinsDoc extends Doc {
  postIds: string[];
}

/** A member's 赞 (`postLikes/<postId>:<memberId>`). */
export interface PostLikeDoc extends Doc {
  postId: string;
  memberId: string;
  at: string;
}

/** Topic rewards a member received on one community day (`topicDaily/<memberId>:<day>`), the daily cap. */
export interface TopicDailyDoc extends Doc {
  memberId: string;
  day: string;
  rewarded: number;
}

/** A keyword answer (`faqs/<faqId>`). */
export interface FaqDoc extends Doc {
  keywords: string[];
  question: string;
  answer: string;
  link: PostLink | null;
  updatedAt: string;
  updatedBy: string;
}

/** An answer that was followed by not asking (`faqDeflections/<faqId>:<memberId>:<day>`). */
export interface FaqDeflectionDoc extends Doc {
  faqId: string;
  memberId: string;
  day: string;
  at: string;
}

/** A member's standing subscription to a reminder topic (`reminderSubs/<topic>:<memberId>`); the quota lives in `subscriptions`. */
export interface ReminderSubDoc extends Doc {
  topic: ReminderTopic;
  memberId: string;
  /** The WeChat template the member accepted (its one-time quota is `subscriptions/<memberId>:<templateId>`). */
  templateId: string;
  at: string;
}

/** A routine of the operations calendar (`sopRoutines/<routineId>`). */
export interface RoutineDoc extends Doc {
  title: string;
  cadence: Cadence;
  hostId: string;
  postKind: PostKind | null;
  format: string;
  metric: RoutineMetric;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** One occurrence of a routine marked done (`sopDone/<routineId>:<day>`). */
export interface RoutineDoneDoc extends Doc {
  routineId: string;
  day: string;
  at: string;
  by: string;
  /** What did it: `post:<id>` or free text (a lesson title, an order number). */
  ref: string | null;
  auto: boolean;
}

/** The quota key of a reminder topic when the client sends no WeChat template id (local mode; `src/core/reminderTemplates.ts`). */
export function reminderTemplate(topic: ReminderTopic): string {
  return localTemplateId(topic);
}

/** Reply and like counts of one post, as committed. */
export async function postCounts(store: Store, postId: string): Promise<{ replies: number; likes: number }> {
  const [replies, likes] = await Promise.all([store.count('postReplies', { postId, hidden: false }), store.count('postLikes', { postId })]);
  return { replies, likes };
}

/** A post for the wire, read by `memberId` (counts, like and read marks looked up). */
export async function postView(store: Store, doc: PostDoc, reader: { memberId: string; role: string }): Promise<PostView> {
  const [counts, like, read] = await Promise.all([
    postCounts(store, doc.id),
    store.get('postLikes', `${doc.id}:${reader.memberId}`),
    store.get('postReads', `${doc.id}:${reader.memberId}`),
  ]);
  const staff = reader.role !== 'member';
  return {
    id: doc.id,
    kind: doc.kind,
    title: doc.title,
    text: doc.text,
    images: doc.images,
    link: doc.link,
    state: doc.state,
    publishAt: doc.publishAt,
    authorName: doc.authorName,
    pinned: doc.pinned,
    hidden: staff && doc.hidden ? { reason: doc.hidden.reason } : null,
    replies: counts.replies,
    likes: counts.likes,
    likedByMe: like !== null,
    read: read !== null,
    canEdit: staff && (reader.role === 'owner' || doc.authorId === reader.memberId || doc.authorId === 'system'),
    byMember: doc.byMember === true,
  };
}

/** A reply for the wire; hosts see hidden replies with the reason. */
export function replyView(doc: ReplyDoc, readerId: string): ReplyView {
  return {
    id: doc.id,
    authorName: doc.nickname,
    mine: doc.memberId === readerId,
    text: doc.text,
    at: doc.at,
    hidden: doc.hiddenInfo ? { reason: doc.hiddenInfo.reason, byName: doc.hiddenInfo.byName } : null,
    points: doc.points,
  };
}
