/**
 * The collection registry (docs/store.md): every collection the app stores, with its document type,
 * its indexed fields and its id scheme. The store port is typed by it (`tx.get('members', id)`
 * returns a `MemberDoc`; an undeclared collection does not compile), the SQLite adapter builds its
 * expression indexes from it, both adapters validate queries against it and the deploy plan
 * creates its collections and indexes from it. Compound index entries are ordered indexes for the
 * common `where a = ? order by b` shapes.
 */
import type { AccountDoc, CampaignDoc, CampaignMemberDoc, CampaignNoteDoc, CheckinDoc, InventoryDoc, InviteDoc, LedgerDoc, MakeupUsageDoc, MemberDoc, RateCounterDoc, RequestDoc, SettingsLogDoc } from '../domain/model';
import type { MonthlyDoc } from '../domain/ledger';
import type { BoardDoc, ReferralDoc, ReferralStatsDoc } from '../domain/referralRecords';
import type { FunnelDailyDoc, FunnelMonthlyDoc } from '../domain/funnelRollups';
import type { LessonDoc, LessonSubDoc, QuestionDoc } from '../domain/lessonRecords';
import type { OutboxDoc, SubscriptionDoc } from '../domain/messaging';
import type { VipGrantDoc, VipMonthlyDoc } from '../domain/vipTerms';
import type { VipOrderDoc } from '../domain/payment';
import type { UploadDoc } from '../domain/images';
import type { MediaCheckDoc } from '../domain/contentCheck';
import type { ItemDoc, OrderDoc } from '../functions/mall/index';
import type { AdjustmentDailyDoc, AdjustmentDoc } from '../functions/points/index';
import type { ActivityDoc, SignupDoc } from '../functions/activities/index';
import type { DailyShareDoc, MemberShareDoc } from '../functions/checkin/share';
import type { SupportAnswerDoc, SupportCaseDoc, SupportPayoutDoc, SupportQuestionDoc, SupportScriptDoc } from '../domain/supportRecords';
import type { FaqDeflectionDoc, FaqDoc, PostDoc, PostPinsDoc, PostLikeDoc, PostReadDoc, ReminderSubDoc, ReplyDoc, RoutineDoc, RoutineDoneDoc, TopicDailyDoc } from '../domain/content';
import type { ApplicationDoc, IntroDoc, MemberAuditDoc, MemberNoteDoc } from '../domain/onboardingRecords';
import type { ContributionDoc } from '../domain/contribution';
import type { FacetBackfillDoc, FacetDoc } from '../domain/memberFacets';
import type { Doc } from './port';
import type { BoardRunDoc, BoardScoreDoc } from '../domain/boards';
import type { LotteryDoc, LotteryEntryDoc, PacketBudgetDoc, PacketDoc, PacketGrabDoc, PraiseDoc } from '../domain/gameRecords';
import type { GroupCodeViewDoc, GroupCounterDoc, GroupDayDoc, GroupDoc, GroupMemberDoc, GroupPkDoc, LiveCardDoc } from '../domain/groupRecords';

/** One stock change of a mall item (`itemStockLog/<itemId>:<requestId>`), the owner's audit trail. */
export interface ItemStockLogDoc {
  id: string;
  itemId: string;
  at: string;
  by: string;
  from: number;
  to: number;
}

/** A member's attendance of one lesson (`lessonAttendance/<lessonId>:<memberId>`). */
export interface LessonAttendanceDoc {
  id: string;
  lessonId: string;
  memberId: string;
  at: string;
}

/** A member's rating of one attended lesson (`lessonRatings/<lessonId>:<memberId>`). */
export interface LessonRatingDoc {
  id: string;
  lessonId: string;
  memberId: string;
  score: number;
  comment: string;
  at: string;
}

/** The attendance counter of one lesson (`lessonCounts/<lessonId>`). */
export interface LessonCountDoc {
  id: string;
  attendees: number;
}

/** What one registry entry says about a collection; `doc` only carries the document type. */
export interface CollectionSpec<T extends { id: string }> {
  /** How ids are made, e.g. `<memberId>:<day>`: the deterministic ids are the idempotency (docs/store.md). */
  readonly id: string;
  /** Indexed fields, one list per index; only these may be filtered or ordered on. */
  readonly indexes: ReadonlyArray<ReadonlyArray<keyof T & string>>;
  readonly doc?: T;
}

/** Declare one collection of documents `T` (the type argument is the point: it types the port). */
function collection<T extends { id: string }>(spec: { id: string; indexes: ReadonlyArray<ReadonlyArray<keyof T & string>> }): CollectionSpec<T> {
  return spec;
}

/** Every collection, in deploy order. */
export const REGISTRY = {
  members: collection<MemberDoc>({ id: '<memberId> (derived from the openid)', indexes: [['role', 'joinedAt'], ['joinedAt'], ['joinDay'], ['channel', 'joinedAt'], ['lastActiveDay'], ['quietSince'], ['tier'], ['tierReviewDue'], ['graceUntil'], ['vipUntil'], ['nicknameKey'], ['role', 'quietSince'], ['admittedAt'], ['newcomer', 'admittedAt'], ['joinGroupId', 'joinDay']] }),
  invites: collection<InviteDoc>({ id: '<invite code>', indexes: [] }),
  accounts: collection<AccountDoc>({ id: '<memberId>', indexes: [['nextExpiry'], ['lifetimeEarned'], ['updatedAt']] }),
  ledger: collection<LedgerDoc>({ id: '<posting key> (e.g. expire:<memberId>:<expiresAt>, reversal:<entryId>)', indexes: [['memberId', 'seq'], ['memberId', 'kind', 'seq']] }),
  pointsMonthly: collection<MonthlyDoc>({ id: '<YYYY-MM>:<shard>', indexes: [['month']] }),
  adjustments: collection<AdjustmentDoc>({ id: '<ledger entry id>', indexes: [['createdAt'], ['state', 'createdAt']] }),
  adjustmentDaily: collection<AdjustmentDailyDoc>({ id: '<hostId>:<day>', indexes: [] }),
  items: collection<ItemDoc>({ id: '<itemId>', indexes: [['listed', 'createdAt'], ['createdAt']] }),
  itemStockLog: collection<ItemStockLogDoc>({ id: '<itemId>:<requestId>', indexes: [['itemId', 'at']] }),
  referrals: collection<ReferralDoc>({ id: '<invitee memberId>', indexes: [['inviterId', 'registeredAt'], ['queue', 'registeredAt'], ['state']] }),
  referralStats: collection<ReferralStatsDoc>({ id: '<inviter memberId>', indexes: [['activatedTotal']] }),
  referralBoard: collection<BoardDoc>({ id: '<YYYY-MM>:<inviter memberId>', indexes: [['month', 'activated']] }),
  orders: collection<OrderDoc>({ id: 'hash of <memberId>:<requestId>', indexes: [['memberId', 'createdAt'], ['status', 'createdAt'], ['createdAt']] }),
  inventory: collection<InventoryDoc>({ id: '<memberId>', indexes: [] }),
  checkins: collection<CheckinDoc>({ id: '<memberId>:<day>', indexes: [['memberId', 'day'], ['day']] }),
  requests: collection<RequestDoc>({ id: '<memberId>:<fn>.<action>:<requestId>', indexes: [] }),
  rateCounters: collection<RateCounterDoc>({ id: '<subject>|<window>', indexes: [['expiresAt']] }),
  uploads: collection<UploadDoc>({ id: '<file id>', indexes: [['memberId', 'at']] }),
  settings: collection<Doc>({ id: "'community' (one document, a section per editor)", indexes: [] }),
  settingsLog: collection<SettingsLogDoc>({ id: '<at>:<memberId>:<requestId>', indexes: [['at']] }),
  makeupUsage: collection<MakeupUsageDoc>({ id: '<memberId>:<YYYY-MM>', indexes: [] }),
  shareCounts: collection<MemberShareDoc>({ id: '<memberId>:<day>', indexes: [] }),
  shareDaily: collection<DailyShareDoc>({ id: '<day>:<shard>', indexes: [['day']] }),
  campaigns: collection<CampaignDoc>({ id: '<campaignId>', indexes: [['startDay']] }),
  campaignMembers: collection<CampaignMemberDoc>({ id: '<campaignId>:<memberId>', indexes: [['campaignId', 'days'], ['memberId', 'joinedAt']] }),
  campaignNotes: collection<CampaignNoteDoc>({
    id: '<campaignId>:<memberId>:<day>',
    indexes: [['campaignId', 'day'], ['campaignId', 'memberId', 'day'], ['campaignId', 'featured', 'at'], ['hostId', 'reviewed', 'at'], ['reviewed', 'at'], ['campaignId', 'reviewed', 'at'], ['campaignId', 'day', 'reviewed', 'at']],
  }),
  // No longer written by the app (streaks and activity moved onto accounts and members, issue 13);
  // kept as plain collections for the store contract suite.
  checkinStats: collection<Doc>({ id: 'any (contract suite only)', indexes: [] }),
  activity: collection<Doc & { day?: string; memberId?: string }>({ id: 'any (contract suite only)', indexes: [['day'], ['memberId', 'day']] }),
  funnelDaily: collection<FunnelDailyDoc>({ id: '<joinDay>:<channel>', indexes: [['joinDay'], ['channel', 'joinDay']] }),
  funnelMonthly: collection<FunnelMonthlyDoc>({ id: '<YYYY-MM>:<channel>', indexes: [['month'], ['channel', 'month']] }),
  lessons: collection<LessonDoc>({ id: '<lessonId>', indexes: [['startsAt']] }),
  lessonSubs: collection<LessonSubDoc>({ id: '<lessonId>:<memberId>', indexes: [['lessonId', 'at']] }),
  subscriptions: collection<SubscriptionDoc>({ id: '<memberId>:<templateId>', indexes: [] }),
  lessonQuestions: collection<QuestionDoc>({ id: '<questionId>', indexes: [['lessonId', 'createdAt']] }),
  lessonAttendance: collection<LessonAttendanceDoc>({ id: '<lessonId>:<memberId>', indexes: [['lessonId', 'at']] }),
  lessonRatings: collection<LessonRatingDoc>({ id: '<lessonId>:<memberId>', indexes: [['lessonId', 'at']] }),
  lessonCounts: collection<LessonCountDoc>({ id: '<lessonId>', indexes: [] }),
  outbox: collection<OutboxDoc>({ id: '<message key> (claimed once, then sent)', indexes: [['createdAt']] }),
  vipGrants: collection<VipGrantDoc>({ id: '<grant key>', indexes: [['createdAt']] }),
  vipMonthly: collection<VipMonthlyDoc>({ id: '<YYYY-MM>', indexes: [['month']] }),
  vipOrders: collection<VipOrderDoc>({ id: '<out_trade_no>', indexes: [['memberId', 'createdAt']] }),
  activities: collection<ActivityDoc>({ id: '<activityId>', indexes: [['startsAt']] }),
  activitySignups: collection<SignupDoc>({ id: '<activityId>:<memberId>', indexes: [['activityId', 'at'], ['activityId', 'status']] }),
  /** Member images submitted to the asynchronous content check; the result push finds them by trace id. */
  mediaChecks: collection<MediaCheckDoc>({ id: 'hash of the image reference', indexes: [['traceId']] }),
  // Games (issue 19): red packets, lotteries, boards, praise.
  packets: collection<PacketDoc>({ id: 'P + hash of <senderId>:<requestId>', indexes: [['state', 'expiresAt'], ['createdAt'], ['groupId', 'createdAt']] }),
  packetGrabs: collection<PacketGrabDoc>({ id: '<packetId>:<memberId>', indexes: [['packetId', 'index']] }),
  packetBudget: collection<PacketBudgetDoc>({ id: '<YYYY-MM>', indexes: [] }),
  lotteries: collection<LotteryDoc>({ id: 'L + hash of <hostId>:<requestId>', indexes: [['state', 'drawAt'], ['createdAt']] }),
  lotteryEntries: collection<LotteryEntryDoc>({ id: '<lotteryId>:<memberId>', indexes: [['lotteryId', 'code']] }),
  boardScores: collection<BoardScoreDoc>({ id: '<board>:<scope>[:<period>]:<memberId>', indexes: [['key', 'figure'], ['key', 'memberId']] }),
  boardRuns: collection<BoardRunDoc>({ id: "'cursor' (the rankBoards job's progress)", indexes: [] }),
  praise: collection<PraiseDoc>({ id: '<hostId>:<requestId>', indexes: [['memberId', 'createdAt'], ['createdAt'], ['groupId', 'createdAt']] }),
  // Support desk (issue 18).
  supportQuestions: collection<SupportQuestionDoc>({ id: 'q_<hash of asker:requestId>', indexes: [['awaiting', 'createdAt'], ['memberId', 'createdAt'], ['kb', 'kbAt'], ['kb', 'score'], ['kb', 'topic', 'kbAt'], ['kb', 'lessonId', 'kbAt'], ['lessonId', 'createdAt'], ['createdAt']] }),
  supportAnswers: collection<SupportAnswerDoc>({ id: 'a_<hash of author:requestId>', indexes: [['questionId', 'createdAt'], ['memberId', 'createdAt']] }),
  supportCases: collection<SupportCaseDoc>({ id: 'k_<hash of filer:requestId>', indexes: [['open', 'createdAt'], ['memberId', 'createdAt'], ['otherId', 'createdAt'], ['createdAt']] }),
  supportScripts: collection<SupportScriptDoc>({ id: 's_<hash of owner:requestId> or the edited id', indexes: [['kind', 'title']] }),
  supportPayouts: collection<SupportPayoutDoc>({ id: '<memberId>:<day>', indexes: [] }),
  // content (issue 17): posts, replies, FAQ, reminders, the operations calendar
  posts: collection<PostDoc>({ id: '<postId> (digests: digest-month-<YYYY-MM>, digest-year-<YYYY>)', indexes: [['live', 'publishAt'], ['live', 'pinned', 'publishAt'], ['live', 'kind', 'publishAt'], ['state', 'publishAt'], ['state', 'createdAt'], ['kind', 'publishAt']] }),
  postReplies: collection<ReplyDoc>({ id: '<replyId>', indexes: [['postId', 'at'], ['postId', 'hidden'], ['at']] }),
  postReads: collection<PostReadDoc>({ id: '<postId>:<memberId>', indexes: [['postId', 'at']] }),
  postLikes: collection<PostLikeDoc>({ id: '<postId>:<memberId>', indexes: [['postId', 'at']] }),
  topicDaily: collection<TopicDailyDoc>({ id: '<memberId>:<day>', indexes: [] }),
  postPins: collection<PostPinsDoc>({ id: "'pins' (one document: the pinned post ids, at most 3)", indexes: [] }),
  faqs: collection<FaqDoc>({ id: '<faqId>', indexes: [['updatedAt']] }),
  faqDeflections: collection<FaqDeflectionDoc>({ id: '<faqId>:<memberId>:<day>', indexes: [['faqId', 'at'], ['at']] }),
  reminderSubs: collection<ReminderSubDoc>({ id: '<topic>:<memberId>', indexes: [['topic', 'at']] }),
  sopRoutines: collection<RoutineDoc>({ id: '<routineId>', indexes: [['createdAt'], ['hostId', 'createdAt']] }),
  sopDone: collection<RoutineDoneDoc>({ id: '<routineId>:<day>', indexes: [['routineId', 'day'], ['day']] }),
  // Issue 16 (onboarding): applications, the 新人介绍 wall, private notes, the member audit log, 贡献值.
  applications: collection<ApplicationDoc>({ id: '<memberId>', indexes: [['state', 'submittedAt']] }),
  intros: collection<IntroDoc>({ id: '<memberId>', indexes: [['at']] }),
  memberNotes: collection<MemberNoteDoc>({ id: '<memberId>:<at>:<hostId>', indexes: [['memberId', 'at']] }),
  memberAudit: collection<MemberAuditDoc>({ id: '<memberId>:<at>:<byId>:<action>', indexes: [['memberId', 'at'], ['at']] }),
  contributions: collection<ContributionDoc>({ id: '<memberId>', indexes: [['last30'], ['nextDrop']] }),
  // member facets backfill (issue 16)
  facetBackfill: collection<FacetBackfillDoc>({ id: "'cursor' (the backfillFacets job's progress)", indexes: [] }),
  memberFacets: collection<FacetDoc>({ id: '<memberId>:<hash of facet>', indexes: [['facet', 'joinedAt']] }),
  // WeChat groups (issue 15): groups, members' places, sharded counters, 活码 views, PKs, live cards (a member's groups ride on the account).
  groups: collection<GroupDoc>({ id: 'g_<hash of the opengid>', indexes: [['claimed', 'firstSeenAt'], ['firstSeenAt'], ['pool', 'order']] }),
  groupMembers: collection<GroupMemberDoc>({
    id: '<groupId>:<memberId>',
    indexes: [['groupId', 'since'], ['groupId', 'lastActiveDay'], ['groupId', 'streak'], ['groupId', 'week', 'weekPoints']],
  }),
  groupCounters: collection<GroupCounterDoc>({ id: '<groupId>:<shard>', indexes: [] }),
  groupDays: collection<GroupDayDoc>({ id: '<groupId>:<day>:<shard>', indexes: [['groupId', 'day']] }),
  groupCodeViews: collection<GroupCodeViewDoc>({ id: '<groupId>:<channel>:<shard>', indexes: [['groupId']] }),
  groupPks: collection<GroupPkDoc>({ id: 'hash of <memberId>:<requestId>', indexes: [['state', 'endDay'], ['createdAt']] }),
  liveCards: collection<LiveCardDoc>({ id: '<kind>:<refId>', indexes: [] }),
};

/** Name of a declared collection; any other string does not compile as a collection. */
export type CollectionName = keyof typeof REGISTRY;

/** The document type of collection `C`, as the registry declares it. */
export type DocOf<C extends CollectionName> = (typeof REGISTRY)[C] extends CollectionSpec<infer T> ? T : never;

/** All declared collection names, in registry order. */
export const COLLECTIONS = Object.keys(REGISTRY) as CollectionName[];

/** Fields a query may filter or order on, per collection; throws on an undeclared collection. */
export function indexedFields(collection: string): Set<string> {
  if (!Object.prototype.hasOwnProperty.call(REGISTRY, collection)) throw new Error(`unknown collection ${collection}`);
  return new Set(REGISTRY[collection as CollectionName].indexes.flat());
}

/** True when `collection` is declared (the adapters' runtime check for names that bypassed the types). */
export function isCollection(collection: string): collection is CollectionName {
  return Object.prototype.hasOwnProperty.call(REGISTRY, collection);
}
