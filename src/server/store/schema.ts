/**
 * Collections and their indexed fields: the one place the SQLite adapter generates expression
 * indexes from and both adapters validate queries against. Compound entries are ordered indexes
 * for the common `where a = ? order by b` shapes.
 */
export const SCHEMA = {
  members: { indexes: [['role', 'joinedAt'], ['joinedAt'], ['joinDay'], ['channel', 'joinedAt'], ['lastActiveDay'], ['quietSince'], ['tier'], ['tierReviewDue'], ['graceUntil'], ['vipUntil'], ['nicknameKey'], ['role', 'quietSince']] },
  invites: { indexes: [] },
  accounts: { indexes: [['nextExpiry'], ['lifetimeEarned']] },
  ledger: { indexes: [['memberId', 'seq'], ['memberId', 'kind', 'seq']] },
  pointsMonthly: { indexes: [['month']] },
  adjustments: { indexes: [['createdAt'], ['state', 'createdAt']] },
  adjustmentDaily: { indexes: [] },
  items: { indexes: [['listed', 'createdAt'], ['createdAt']] },
  itemStockLog: { indexes: [['itemId', 'at']] },
  referrals: { indexes: [['inviterId', 'registeredAt'], ['queue', 'registeredAt'], ['state']] },
  referralStats: { indexes: [['activatedTotal']] },
  referralBoard: { indexes: [['month', 'activated']] },
  orders: { indexes: [['memberId', 'createdAt'], ['status', 'createdAt'], ['createdAt']] },
  inventory: { indexes: [] },
  checkins: { indexes: [['memberId', 'day'], ['day']] },
  requests: { indexes: [] },
  rateCounters: { indexes: [['expiresAt']] },
  uploads: { indexes: [['memberId', 'at']] },
  settings: { indexes: [] },
  settingsLog: { indexes: [['at']] },
  makeupUsage: { indexes: [] },
  shareCounts: { indexes: [] },
  shareDaily: { indexes: [['day']] },
  campaigns: { indexes: [['startDay']] },
  campaignMembers: { indexes: [['campaignId', 'days'], ['memberId', 'joinedAt']] },
  campaignNotes: {
    indexes: [['campaignId', 'day'], ['campaignId', 'memberId', 'day'], ['campaignId', 'featured', 'at'], ['hostId', 'reviewed', 'at'], ['reviewed', 'at'], ['campaignId', 'reviewed', 'at'], ['campaignId', 'day', 'reviewed', 'at']],
  },
  // No longer written by the app (streaks and activity moved onto accounts and members, issue 13);
  // kept while the store contract suite uses them as plain collections.
  checkinStats: { indexes: [] },
  activity: { indexes: [['day'], ['memberId', 'day']] },
  funnelDaily: { indexes: [['joinDay'], ['channel', 'joinDay']] },
  funnelMonthly: { indexes: [['month'], ['channel', 'month']] },
  lessons: { indexes: [['startsAt']] },
  lessonSubs: { indexes: [['lessonId', 'at']] },
  subscriptions: { indexes: [] },
  lessonQuestions: { indexes: [['lessonId', 'createdAt']] },
  lessonAttendance: { indexes: [['lessonId', 'at']] },
  lessonRatings: { indexes: [['lessonId', 'at']] },
  lessonCounts: { indexes: [] },
  outbox: { indexes: [['createdAt']] },
  vipGrants: { indexes: [['createdAt']] },
  vipMonthly: { indexes: [['month']] },
  vipOrders: { indexes: [['memberId', 'createdAt']] },
  activities: { indexes: [['startsAt']] },
  activitySignups: { indexes: [['activityId', 'at'], ['activityId', 'status']] },
  /** Member images submitted to the asynchronous content check; the result push finds them by trace id. */
  mediaChecks: { indexes: [['traceId']] },
} as const satisfies Record<string, { indexes: ReadonlyArray<ReadonlyArray<string>> }>;

/** Name of a declared collection. */
export type CollectionName = keyof typeof SCHEMA;

/** Fields a query may filter or order on, per collection. */
export function indexedFields(collection: string): Set<string> {
  const spec = (SCHEMA as Record<string, { indexes: ReadonlyArray<ReadonlyArray<string>> }>)[collection];
  if (!spec) throw new Error(`unknown collection ${collection}`);
  return new Set(spec.indexes.flat());
}

/** All declared collection names. */
export const COLLECTIONS = Object.keys(SCHEMA) as CollectionName[];
