import type { LedgerReason } from './domain';
import type { Action, WriteParams } from './api';

/** A question topic (答疑 分类). */
export type QuestionTopic = 'lesson' | 'activity' | 'mall' | 'points' | 'other';
/** What a complaint is about. */
export type CaseAbout = 'order' | 'lesson' | 'points' | 'member' | 'other';
/** 投诉 or 纠纷. */
export type CaseKind = 'complaint' | 'dispute';
/** Where a case stands. */
export type CaseState = 'open' | 'in_progress' | 'resolved' | 'escalated';

/** A service-level clock as staff see it (instants in ISO; the client formats them in the community zone). */
export interface SlaView {
  dueAt: string;
  ownerAt: string;
  overdue: boolean;
  toOwner: boolean;
  /** The clock stopped (answered, resolved): it shows when, and whether it was in time. */
  metAt: string | null;
}

/** A question on the desk. */
export interface SupportQuestionView {
  id: string;
  askerName: string;
  mine: boolean;
  text: string;
  images: string[];
  topic: QuestionTopic;
  /** The lesson of a lesson question, if one was picked. */
  lessonId: string | null;
  createdAt: string;
  answers: number;
  state: 'open' | 'answered' | 'accepted';
  acceptedAnswerId: string | null;
  firstResponseAt: string | null;
  /** Staff only: the first-response clock. */
  clock: SlaView | null;
}

/** One answer to a question. */
export interface SupportAnswerView {
  id: string;
  byName: string;
  byStaff: boolean;
  mine: boolean;
  text: string;
  createdAt: string;
  accepted: boolean;
}

/** A point or order remedy taken from a case, linked to its ledger entry or order. */
export interface RemedyView {
  kind: 'refund' | 'reverse' | 'goodwill';
  /** What a person reads: "退款：帆布袋 ×1". */
  label: string;
  points: number;
  orderId: string | null;
  /** The ledger entry; null for an order cancelled without a debit (a lottery prize). */
  entryId: string | null;
  at: string;
  byName: string;
}

/** A party's ledger entry a host may reverse from a case (not an expiry, a reversal, or reversed already). */
export interface CaseEntryView {
  id: string;
  memberName: string;
  party: 'filer' | 'other';
  delta: number;
  reason: LedgerReason;
  /** What it is about ("兑换 帆布袋"); null when the reason says it all. */
  label: string | null;
  note: string | null;
  createdAt: string;
}

/** One line of a case's history. */
export interface CaseEventView {
  at: string;
  byName: string;
  what: string;
}

/** A complaint or dispute as its parties and staff see it. */
export interface CaseView {
  id: string;
  kind: CaseKind;
  about: CaseAbout;
  /** The order title, lesson title or member name it is about, when given. */
  aboutLabel: string | null;
  orderId: string | null;
  text: string;
  images: string[];
  state: CaseState;
  filerName: string;
  otherName: string | null;
  /** The caller's part: the one who filed, the other party of a dispute, or staff (null). */
  myPart: 'filer' | 'other' | null;
  reply: { text: string; at: string } | null;
  settled: { filer: boolean; other: boolean };
  selfResolved: boolean;
  takenByName: string | null;
  resolution: string | null;
  resolvedAt: string | null;
  /** Until when the filer may reopen (7 days after resolution). */
  reopenUntil: string | null;
  reopened: number;
  rating: { score: number; comment: string } | null;
  remedies: RemedyView[];
  events: CaseEventView[];
  createdAt: string;
  /** Staff only: response clock (complaints) or resolution clock (disputes). */
  clock: SlaView | null;
}

/** One row of the host queue. */
export interface QueueItemView {
  kind: 'question' | CaseKind;
  id: string;
  title: string;
  who: string;
  state: string;
  createdAt: string;
  clock: SlaView;
}

/** A reply script (话术). */
export interface ScriptView {
  id: string;
  kind: 'question' | CaseKind;
  title: string;
  body: string;
}

/** Desk metrics (owner), over the last `days` days; times in working minutes. */
export interface SupportMetrics {
  days: number;
  questions: number;
  medianFirstResponseMinutes: number | null;
  p90FirstResponseMinutes: number | null;
  answeredWithinSla: number | null;
  answeredByMembers: number | null;
  complaints: number;
  complaintMedianResponseMinutes: number | null;
  disputes: number;
  medianDisputeMinutes: number | null;
  disputeSelfResolution: number | null;
  satisfaction: number | null;
  ratings: number;
  reopenRate: number | null;
  perHost: Array<{ name: string; handled: number; medianResponseMinutes: number | null; satisfaction: number | null }>;
}

/** Service levels and rewards of the desk (`settings.support`), as the owner edits them. */
export interface SupportRulesView {
  /** Working hours (community clock, whole hours): the SLA clocks run only between these. */
  workStartHour: number;
  workEndHour: number;
  /** First response to a question within this many working hours. */
  questionHours: number;
  /** First response to a complaint within this many working hours. */
  complaintHours: number;
  /** A dispute resolved within this many working hours. */
  disputeHours: number;
  /** Past `ownerFactor ×` the limit an overdue item goes to the owner. */
  ownerFactor: number;
  /** Points for an accepted member answer, and how many such payouts one member gets per community day. */
  answerReward: number;
  answerDailyCap: number;
  /** Days after resolution in which the member may reopen. */
  reopenDays: number;
}

/** The `support` function's actions (issue 18). */
export interface SupportContract {
  /** Ask a question (≤ 500 chars, ≤ 3 images, content-checked). */
  ask: Action<WriteParams & { text: string; images?: string[]; topic?: QuestionTopic; lessonId?: string }, { question: SupportQuestionView }>;
  answer: Action<WriteParams & { questionId: string; text: string }, { answer: SupportAnswerView }>;
  /** The asker (or a host) accepts one answer; a member answer earns points once (not one's own, within the daily cap). */
  accept: Action<WriteParams & { questionId: string; answerId: string }, { question: SupportQuestionView; paid: number; note: string | null }>;
  /** The knowledge base: answered questions, newest or most useful first; a lesson's questions with `lessonId`. */
  questions: Action<{ after?: string; topic?: QuestionTopic; lessonId?: string; sort?: 'new' | 'useful'; limit?: number }, { questions: SupportQuestionView[]; next: string | null }>;
  question: Action<{ questionId: string }, { question: SupportQuestionView; answers: SupportAnswerView[] }>;
  /** `otherCode`: the other member's invite code (members cannot search members), an alternative to `otherId`. */
  file: Action<WriteParams & { kind: CaseKind; text: string; images?: string[]; about?: CaseAbout; orderId?: string; otherId?: string; otherCode?: string }, { case: CaseView }>;
  /** The other party of a dispute gives their side, once. */
  respond: Action<WriteParams & { caseId: string; text: string }, { case: CaseView }>;
  /** A dispute party confirms 已和解; when both have, the dispute is resolved as self-resolved. */
  settle: Action<WriteParams & { caseId: string }, { case: CaseView }>;
  take: Action<WriteParams & { caseId: string }, { case: CaseView }>;
  resolve: Action<WriteParams & { caseId: string; resolution: string }, { case: CaseView }>;
  escalate: Action<WriteParams & { caseId: string; reason: string }, { case: CaseView }>;
  reopen: Action<WriteParams & { caseId: string; reason: string }, { case: CaseView }>;
  rate: Action<WriteParams & { caseId: string; score: number; comment?: string }, { case: CaseView }>;
  /** Host: refund an order, reverse a ledger entry or grant goodwill points from a case, once, linked both ways. */
  remedy: Action<WriteParams & { caseId: string; kind: 'refund' | 'reverse' | 'goodwill'; orderId?: string; entryId?: string; points?: number; note: string }, { case: CaseView }>;
  mine: Action<Record<string, never>, { questions: SupportQuestionView[]; cases: CaseView[] }>;
  /** Host: everything waiting, overdue first, each with its clock; `owner`: escalated or past the second limit. */
  queue: Action<Record<string, never>, { items: QueueItemView[]; totals: { questions: number; complaints: number; disputes: number; owner: number } }>;
  case: Action<{ caseId: string }, { case: CaseView }>;
  /** Host handling the case: the parties' recent ledger entries a `reverse` remedy may take back (newest first, 20 each). */
  caseEntries: Action<{ caseId: string }, { entries: CaseEntryView[] }>;
  scripts: Action<Record<string, never>, { scripts: ScriptView[] }>;
  saveScript: Action<WriteParams & { script: { id?: string; kind: 'question' | CaseKind; title: string; body: string } }, { script: ScriptView }>;
  metrics: Action<{ days?: number }, SupportMetrics>;
  /** Host: the desk's working hours, service levels and rewards. */
  rules: Action<Record<string, never>, { rules: SupportRulesView }>;
  /** Owner: change them (whole hours, start before end). */
  updateRules: Action<WriteParams & { rules: SupportRulesView }, { rules: SupportRulesView }>;
}
