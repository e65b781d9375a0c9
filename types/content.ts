import type { Action, WriteParams } from './api';

/** 公告 / 早安·晨报 / 精选文章 / 每日话题 / 活动预告 / 集锦 (monthly digest or yearly review). */
export type PostKind = 'notice' | 'morning' | 'article' | 'topic' | 'event' | 'digest';

/** What a post may link to: a lesson, an activity, a campaign or a mall item. */
export interface PostLink {
  type: 'lesson' | 'activity' | 'campaign' | 'item';
  id: string;
  /** The linked record's title as it was when the post was written. */
  title: string;
}

/** A post as a host writes it (`posts.publish`). */
export interface PostInput {
  kind: PostKind;
  title: string;
  text: string;
  /** Up to 9 image references (`cloud://…` or `/uploads/…`). */
  images: string[];
  link?: PostLink | null;
  /** Schedule for this instant (ISO); omitted: publish now (or keep as a draft with `draft`). */
  publishAt?: string;
  /** Save without publishing. */
  draft?: boolean;
}

/** Where a post stands: a draft, scheduled (visible from `publishAt`), or published. */
export type PostState = 'draft' | 'scheduled' | 'published';

/** A post as a reader sees it. */
export interface PostView {
  id: string;
  kind: PostKind;
  title: string;
  text: string;
  images: string[];
  link: PostLink | null;
  state: PostState;
  /** When it is (or will be) visible to members. */
  publishAt: string | null;
  authorName: string;
  pinned: boolean;
  hidden: { reason: string } | null;
  replies: number;
  likes: number;
  likedByMe: boolean;
  /** False when the caller has not opened the post yet. */
  read: boolean;
  /** Hosts and owners see drafts and can edit; the author (or an owner) may edit. */
  canEdit: boolean;
  /** A topic an ordinary member started (会员话题). */
  byMember: boolean;
}

/** A topic a member starts when the owner allows it (`posts.memberPublish`). */
export interface MemberTopicInput {
  title: string;
  text: string;
  images: string[];
}

/** A reply as a reader sees it; hidden replies reach hosts only, with the reason. */
export interface ReplyView {
  id: string;
  authorName: string;
  mine: boolean;
  text: string;
  at: string;
  hidden: { reason: string; byName: string } | null;
  /** Points this reply earned (每日话题), 0 otherwise. */
  points: number;
}

/** Answer of `posts.feed`: pinned posts (first page only) then the newest. */
export interface PostFeed {
  pinned: PostView[];
  posts: PostView[];
  next: string | null;
  unread: number;
  /** The owner lets members start topics (`settings.posts.membersMayPost`). */
  membersMayPost: boolean;
}

/** One keyword answer (关键字自动回复). */
export interface FaqInput {
  id?: string;
  keywords: string[];
  question: string;
  answer: string;
  link?: PostLink | null;
}

/** A FAQ entry for the wire. */
export interface FaqView extends Required<Omit<FaqInput, 'id' | 'link'>> {
  id: string;
  link: PostLink | null;
  /** Times this answer was followed by not asking (owners). */
  deflections: number;
}

/** Topics a member may subscribe to (one-time subscription messages). */
export type ReminderTopic = 'checkin' | PostKind;

/** A member's remaining one-time reminders per topic (topics on the same WeChat template share them). */
export interface ReminderView {
  topic: ReminderTopic;
  label: string;
  remaining: number;
  /** The member has subscribed to this topic at least once. */
  subscribed: boolean;
  /** Subscribed, a reminder has gone out and none is left: the moment to ask again (WeChat sends one message per acceptance). */
  askAgain: boolean;
}

/** The `posts` function's actions (posts, replies, FAQ, reminders). */
export interface PostsContract {
  /** Host: create (or, with `postId`, edit own / an owner any) a post: draft, now or scheduled. */
  publish: Action<WriteParams & { postId?: string; post: PostInput }, { post: PostView }>;
  feed: Action<{ after?: string; kind?: PostKind; limit?: number }, PostFeed>;
  /** Host: drafts and scheduled posts not yet visible. */
  drafts: Action<Record<string, never>, { posts: PostView[] }>;
  /** One post (marks it read) with its latest 100 replies, oldest first (`earlier`: more exist). */
  get: Action<{ postId: string }, { post: PostView; replies: ReplyView[]; earlier: boolean; topicPoints: number }>;
  reply: Action<WriteParams & { postId: string; text: string }, { reply: ReplyView; points: number; capped: boolean }>;
  react: Action<WriteParams & { postId: string; like: boolean }, { likes: number; likedByMe: boolean }>;
  /** Host: pin (at most 3) or unpin. */
  pin: Action<WriteParams & { postId: string; pinned: boolean }, { post: PostView }>;
  /** Host: hide a reply (or a post) with a reason members never see. */
  hide: Action<WriteParams & { replyId?: string; postId?: string; reason: string }, { hidden: true }>;
  /** Owner: 每日话题 reply points (0 turns them off) and how many topics a member is rewarded for a day. */
  topicRules: Action<WriteParams & { topicReplyPoints: number; topicDailyCap: number }, { topicReplyPoints: number; topicDailyCap: number }>;
  faqSearch: Action<{ q: string }, { entries: FaqView[] }>;
  /** Every keyword answer, and the 每日话题 point rules in force. */
  faqList: Action<Record<string, never>, { entries: FaqView[]; topicRules: { topicReplyPoints: number; topicDailyCap: number; membersMayPost: boolean } }>;
  /** Owner: create or edit a keyword answer. */
  faqSave: Action<WriteParams & { faq: FaqInput }, { entry: FaqView }>;
  /** A member read this answer and did not ask (counted once per member, entry and day). */
  faqDeflected: Action<WriteParams & { faqId: string }, { counted: boolean }>;
  /** A member accepted a one-time subscription for `topic` (adds one reminder). */
  /** `templateId`: the WeChat template accepted (omitted locally). */
  subscribe: Action<WriteParams & { topic: ReminderTopic; templateId?: string }, { reminders: ReminderView[] }>;
  reminders: Action<Record<string, never>, { reminders: ReminderView[] }>;
  /** Member (when the owner allows it): start a 每日话题-style topic; content-checked, 3 a day. FORBIDDEN when closed. */
  memberPublish: Action<WriteParams & { post: MemberTopicInput }, { post: PostView }>;
  /** Owner: open or close member topics. */
  memberPosts: Action<WriteParams & { membersMayPost: boolean }, { membersMayPost: boolean }>;
}

/** How often a routine comes round. `time` is `HH:mm` in the community zone. */
export type Cadence =
  | { kind: 'daily'; time: string }
  | { kind: 'weekly'; weekday: number; time: string }
  | { kind: 'monthly'; day: number; time: string }
  | { kind: 'yearly'; month: number; day: number; time: string };

/** What shows a routine worked. */
export type RoutineMetric = 'read_rate' | 'replies' | 'attendance' | 'checkin_rate' | 'none';

/** A routine as the owner defines it. */
export interface RoutineInput {
  id?: string;
  title: string;
  cadence: Cadence;
  hostId: string;
  /** A routine whose post kind is set is done by publishing a post of that kind that day. */
  postKind: PostKind | null;
  /** The format: a post template or a checklist, one step a line. */
  format: string;
  metric: RoutineMetric;
  active: boolean;
}

/** A routine for the wire. */
export interface RoutineView extends Required<Omit<RoutineInput, 'id'>> {
  id: string;
  hostName: string;
}

/** One due routine on a host's to-do list. */
export interface DueRoutineView {
  routine: RoutineView;
  day: string;
  dueAt: string;
  done: { at: string; byName: string; ref: string | null; auto: boolean } | null;
  overdue: boolean;
}

/** A queue waiting for hosts, as the to-do list shows it. */
export interface HostQueueView {
  key: string;
  label: string;
  count: number;
  oldestAt: string | null;
  path: string;
}

/** One routine in the owner's report. */
/** One responsible host's routines over the last 7 days (the owner's 谁落后了, per host). */
export interface HostRoutineFigures {
  hostName: string;
  /** Active routines this host is responsible for. */
  routines: number;
  /** Occurrences due in the last 7 days whose grace has passed (or that were done). */
  occurrences: number;
  onTime: number;
  late: number;
  missed: number;
  /** onTime ÷ occurrences; null when nothing was due. */
  onTimeRate: number | null;
  /** Of the missed, how many were due today. */
  overdueToday: number;
}

export interface RoutineReportRow {
  routine: RoutineView;
  occurrences: number;
  onTime: number;
  late: number;
  missed: number;
  onTimeRate: number | null;
  metric: { label: string; value: number | null; unit: 'ratio' | 'count'; definition: string };
}

/** The `sop` function's actions (operations calendar). */
export interface SopContract {
  routines: Action<Record<string, never>, { routines: RoutineView[] }>;
  saveRoutine: Action<WriteParams & { routine: RoutineInput }, { routine: RoutineView }>;
  /** `due`: the caller's own routines due today; `team` (owners only): other people's, to follow up or cover; queues are shared. */
  today: Action<Record<string, never>, { day: string; due: DueRoutineView[]; team: DueRoutineView[]; queues: HostQueueView[] }>;
  done: Action<WriteParams & { routineId: string; ref?: string }, { due: DueRoutineView }>;
  /** `hosts`: every responsible host's last 7 days; `behind`: those who missed at least one. */
  report: Action<Record<string, never>, { from: string; to: string; rows: RoutineReportRow[]; hosts: HostRoutineFigures[]; behind: HostRoutineFigures[] }>;
}
