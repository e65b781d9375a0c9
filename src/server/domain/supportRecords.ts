/**
 * Support desk documents and their views (issue 18): questions, answers, cases, scripts and the
 * per-day payout counter of accepted answers, plus the service-level clocks read from the settings.
 */
import { createHash } from 'node:crypto';
import type { SupportAnswerView, CaseAbout, CaseKind, CaseState, CaseView, QuestionTopic, SupportQuestionView, RemedyView, SlaView } from '../../../types/support';
import { utcOffsetMinutes } from '../../core/day';
import type { CommunitySettings } from '../../core/settings';
import { slaClock } from '../../core/support';
import type { Store } from '../store/port';

/** A question (`supportQuestions/q_<hash of asker:requestId>`). */
export interface SupportQuestionDoc {
  id: string;
  memberId: string;
  text: string;
  images: string[];
  topic: QuestionTopic;
  lessonId: string | null;
  createdAt: string;
  state: 'open' | 'answered' | 'accepted';
  /** True until the first answer: the host queue reads these. */
  awaiting: boolean;
  firstResponseAt: string | null;
  firstResponseBy: string | null;
  firstResponseByStaff: boolean | null;
  answers: number;
  acceptedAnswerId: string | null;
  acceptedAt: string | null;
  /** Whether the accepted answer was written by staff (null until accepted). */
  acceptedByStaff: boolean | null;
  /** True once answered: the knowledge base lists these. */
  kb: boolean;
  kbAt: string | null;
  /** Usefulness for the knowledge base: answers, plus 10 once an answer is accepted. */
  score: number;
}

/** An answer (`supportAnswers/a_<hash of author:requestId>`). */
export interface SupportAnswerDoc {
  id: string;
  questionId: string;
  memberId: string;
  byStaff: boolean;
  text: string;
  createdAt: string;
  /** When the text was last rewritten (a lesson's host answer can be rewritten); absent if never. */
  editedAt?: string | null;
  accepted: boolean;
}

/** A remedy taken from a case: the order it cancelled or the ledger entry it wrote. */
export interface RemedyRecord {
  kind: 'refund' | 'reverse' | 'goodwill';
  label: string;
  points: number;
  orderId: string | null;
  /** The ledger entry; null for an order cancelled without a debit (a lottery prize). */
  entryId: string | null;
  at: string;
  by: string;
}

/** A complaint or dispute (`supportCases/k_<hash of filer:requestId>`). */
export interface SupportCaseDoc {
  id: string;
  kind: CaseKind;
  memberId: string;
  /** The other party of a dispute (or the member a complaint is about); null otherwise. */
  otherId: string | null;
  about: CaseAbout;
  orderId: string | null;
  aboutLabel: string | null;
  text: string;
  images: string[];
  state: CaseState;
  /** True until resolved: the host queue reads these. */
  open: boolean;
  createdAt: string;
  /** Start of the running service-level clock (filing, or the last reopen) and when it was met. */
  clockFrom: string;
  clockMetAt: string | null;
  takenBy: string | null;
  takenAt: string | null;
  firstResponseAt: string | null;
  firstResolvedAt: string | null;
  reply: { text: string; at: string } | null;
  settled: { filer: boolean; other: boolean };
  selfResolved: boolean;
  resolution: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  reopened: number;
  rating: { score: number; comment: string; at: string } | null;
  remedies: RemedyRecord[];
  events: Array<{ at: string; by: string; what: string }>;
}

/** A reply script (`supportScripts/<id>`). */
export interface SupportScriptDoc {
  id: string;
  kind: 'question' | CaseKind;
  title: string;
  body: string;
  updatedAt: string;
  updatedBy: string;
}

/** Accepted-answer payouts of one member on one community day (`supportPayouts/<memberId>:<day>`), for the daily cap. */
export interface SupportPayoutDoc {
  id: string;
  memberId: string;
  day: string;
  count: number;
}

/** A new, unanswered question (`support.ask`, and `lessons.ask` for a lesson's questions). */
export function newQuestionDoc(fields: Pick<SupportQuestionDoc, 'id' | 'memberId' | 'text' | 'images' | 'topic' | 'lessonId' | 'createdAt'>): SupportQuestionDoc {
  return {
    ...fields,
    state: 'open',
    awaiting: true,
    firstResponseAt: null,
    firstResponseBy: null,
    firstResponseByStaff: null,
    answers: 0,
    acceptedAnswerId: null,
    acceptedAt: null,
    acceptedByStaff: null,
    kb: false,
    kbAt: null,
    score: 0,
  };
}

/**
 * A question after `answer` (by `memberId`, staff or not) was added at `at`: the first answer by
 * someone other than the asker stops the response clock and takes it off the queue.
 */
export function withAnswer(q: SupportQuestionDoc, memberId: string, staff: boolean, at: string): SupportQuestionDoc {
  const first = q.firstResponseAt === null && q.memberId !== memberId;
  return {
    ...q,
    answers: q.answers + 1,
    state: q.state === 'open' && q.memberId !== memberId ? 'answered' : q.state,
    awaiting: first ? false : q.awaiting,
    firstResponseAt: first ? at : q.firstResponseAt,
    firstResponseBy: first ? memberId : q.firstResponseBy,
    firstResponseByStaff: first ? staff : q.firstResponseByStaff,
    kb: true,
    kbAt: q.kbAt ?? at,
    score: q.score + 1,
  };
}

/** A short deterministic id from the author and their requestId. */
export function supportId(prefix: string, memberId: string, requestId: string): string {
  return `${prefix}_${createHash('sha256').update(`${memberId}:${requestId}`).digest('hex').slice(0, 20)}`;
}

/** The community zone's offset at an instant, for the working-hours clock. */
export function offsetFn(settings: CommunitySettings): (ms: number) => number {
  return (ms) => utcOffsetMinutes(settings.timezone, ms);
}

/** The first-response clock of a question. */
export function questionClock(q: SupportQuestionDoc, settings: CommunitySettings, nowMs: number): SlaView {
  const c = slaClock(Date.parse(q.createdAt), settings.support.questionHours, settings.support, offsetFn(settings), nowMs);
  const met = q.firstResponseAt;
  return met ? { ...c, overdue: Date.parse(met) > Date.parse(c.dueAt), toOwner: false, metAt: met } : { ...c, metAt: null };
}

/** The clock of a case: first response for complaints, resolution for disputes. */
export function caseClock(c: SupportCaseDoc, settings: CommunitySettings, nowMs: number): SlaView {
  const limit = c.kind === 'complaint' ? settings.support.complaintHours : settings.support.disputeHours;
  const clock = slaClock(Date.parse(c.clockFrom), limit, settings.support, offsetFn(settings), nowMs);
  const met = c.clockMetAt;
  return met ? { ...clock, overdue: Date.parse(met) > Date.parse(clock.dueAt), toOwner: false, metAt: met } : { ...clock, metAt: null };
}

/** A question for the wire; `clock` only for staff. */
export function questionView(q: SupportQuestionDoc, names: Map<string, string>, viewer: { memberId: string; staff: boolean }, settings: CommunitySettings, nowMs: number): SupportQuestionView {
  return {
    id: q.id,
    askerName: names.get(q.memberId) ?? '',
    mine: q.memberId === viewer.memberId,
    text: q.text,
    images: q.images,
    topic: q.topic,
    lessonId: q.lessonId,
    createdAt: q.createdAt,
    answers: q.answers,
    state: q.state,
    acceptedAnswerId: q.acceptedAnswerId,
    firstResponseAt: q.firstResponseAt,
    clock: viewer.staff ? questionClock(q, settings, nowMs) : null,
  };
}

/** An answer for the wire. */
export function answerView(a: SupportAnswerDoc, names: Map<string, string>, viewerId: string): SupportAnswerView {
  return { id: a.id, byName: names.get(a.memberId) ?? '', byStaff: a.byStaff, mine: a.memberId === viewerId, text: a.text, createdAt: a.createdAt, accepted: a.accepted };
}

/** Member ids a case view names. */
export function caseNameIds(c: SupportCaseDoc): string[] {
  return [c.memberId, c.otherId, c.takenBy, ...c.events.map((e) => e.by), ...c.remedies.map((r) => r.by)].filter((x): x is string => typeof x === 'string');
}

/** A case for the wire, from the viewer's side. */
export function caseView(c: SupportCaseDoc, names: Map<string, string>, viewer: { memberId: string; staff: boolean }, settings: CommunitySettings, nowMs: number): CaseView {
  const part = c.memberId === viewer.memberId ? 'filer' : c.kind === 'dispute' && c.otherId === viewer.memberId ? 'other' : null;
  const reopenUntil = c.resolvedAt ? new Date(Date.parse(c.resolvedAt) + settings.support.reopenDays * 86_400_000).toISOString() : null;
  const remedies: RemedyView[] = c.remedies.map((r) => ({ kind: r.kind, label: r.label, points: r.points, orderId: r.orderId, entryId: r.entryId, at: r.at, byName: names.get(r.by) ?? '' }));
  return {
    id: c.id,
    kind: c.kind,
    about: c.about,
    aboutLabel: c.aboutLabel,
    orderId: c.orderId,
    text: c.text,
    images: c.images,
    state: c.state,
    filerName: names.get(c.memberId) ?? '',
    otherName: c.otherId ? (names.get(c.otherId) ?? '') : null,
    myPart: viewer.staff && part === null ? null : part,
    reply: c.reply,
    settled: c.settled,
    selfResolved: c.selfResolved,
    takenByName: c.takenBy ? (names.get(c.takenBy) ?? '') : null,
    resolution: c.resolution,
    resolvedAt: c.resolvedAt,
    reopenUntil: c.state === 'resolved' ? reopenUntil : null,
    reopened: c.reopened,
    rating: c.rating ? { score: c.rating.score, comment: c.rating.comment } : null,
    remedies,
    events: c.events.map((e) => ({ at: e.at, byName: names.get(e.by) ?? '', what: e.what })),
    createdAt: c.createdAt,
    clock: viewer.staff ? caseClock(c, settings, nowMs) : null,
  };
}

/** Nicknames by member id (missing members read as 已退出). */
export async function namesOf(store: Store, ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const docs = await Promise.all(unique.map((id) => store.get('members', id)));
  return new Map(unique.map((id, i) => [id, docs[i]?.nickname ?? '已退出']));
}
