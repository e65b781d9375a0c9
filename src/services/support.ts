import type {
  CaseAbout,
  CaseEntryView,
  CaseKind,
  CaseView,
  QuestionTopic,
  QueueItemView,
  ScriptView,
  SupportAnswerView,
  SupportMetrics,
  SupportQuestionView,
  SupportRulesView,
} from '../../types/support';
import { call, newRequestId } from './api';

/** Ask the desk a question; VALIDATION (empty, too long, unsuitable text, images), RATE_LIMITED. */
export async function askQuestion(input: { text: string; topic?: QuestionTopic; lessonId?: string; images?: string[] }, requestId: string = newRequestId()): Promise<SupportQuestionView> {
  return (await call('support', 'ask', { requestId, ...input })).question;
}

/** Answer a question; VALIDATION, NOT_FOUND. */
export async function answerQuestion(questionId: string, text: string, requestId: string = newRequestId()): Promise<SupportAnswerView> {
  return (await call('support', 'answer', { requestId, questionId, text })).answer;
}

/** Accept one answer (the asker, or a host); CONFLICT when one was accepted already, FORBIDDEN for others. */
export function acceptAnswer(questionId: string, answerId: string, requestId: string = newRequestId()): Promise<{ question: SupportQuestionView; paid: number; note: string | null }> {
  return call('support', 'accept', { requestId, questionId, answerId });
}

/** One page of the knowledge base (answered questions). */
export async function fetchKnowledge(query: { topic?: QuestionTopic; lessonId?: string; sort?: 'new' | 'useful' }, after?: string): Promise<{ items: SupportQuestionView[]; next: string | null }> {
  const page = await call('support', 'questions', { ...query, ...(after ? { after } : {}) });
  return { items: page.questions, next: page.next };
}

/** A question with its answers; NOT_FOUND. */
export function fetchQuestion(questionId: string): Promise<{ question: SupportQuestionView; answers: SupportAnswerView[] }> {
  return call('support', 'question', { questionId });
}

/** File a complaint or dispute; VALIDATION (text, order, other member). */
export async function fileCase(input: { kind: CaseKind; text: string; about?: CaseAbout; orderId?: string; otherCode?: string; images?: string[] }, requestId: string = newRequestId()): Promise<CaseView> {
  return (await call('support', 'file', { requestId, ...input })).case;
}

/** My questions and my cases (filed, or disputes I am party to). */
export function fetchMine(): Promise<{ questions: SupportQuestionView[]; cases: CaseView[] }> {
  return call('support', 'mine', {});
}

/** One case; NOT_FOUND for anyone but its parties and staff. */
export async function fetchCase(caseId: string): Promise<CaseView> {
  return (await call('support', 'case', { caseId })).case;
}

/** Host handling a case: the parties' recent ledger entries a reversal may take back. NOT_FOUND, FORBIDDEN (a party, or escalated to the owner). */
export async function fetchCaseEntries(caseId: string): Promise<CaseEntryView[]> {
  return (await call('support', 'caseEntries', { caseId })).entries;
}

/** A step on a case that takes text (respond, resolve, escalate, reopen) or nothing (settle, take); CONFLICT when the state moved on. */
export async function caseStep(step: 'respond' | 'resolve' | 'escalate' | 'reopen' | 'settle' | 'take', caseId: string, textValue: string, requestId: string = newRequestId()): Promise<CaseView> {
  switch (step) {
    case 'respond':
      return (await call('support', 'respond', { requestId, caseId, text: textValue })).case;
    case 'resolve':
      return (await call('support', 'resolve', { requestId, caseId, resolution: textValue })).case;
    case 'escalate':
      return (await call('support', 'escalate', { requestId, caseId, reason: textValue })).case;
    case 'reopen':
      return (await call('support', 'reopen', { requestId, caseId, reason: textValue })).case;
    case 'settle':
      return (await call('support', 'settle', { requestId, caseId })).case;
    case 'take':
      return (await call('support', 'take', { requestId, caseId })).case;
  }
}

/** Rate how a resolved case was handled (1–5); CONFLICT when rated already. */
export async function rateCase(caseId: string, score: number, comment: string, requestId: string = newRequestId()): Promise<CaseView> {
  return (await call('support', 'rate', { requestId, caseId, score, ...(comment ? { comment } : {}) })).case;
}

/** Host: refund an order, reverse an entry or grant goodwill from a case; CONFLICT when done already. */
export async function takeRemedy(caseId: string, remedy: { kind: 'refund' | 'reverse' | 'goodwill'; orderId?: string; entryId?: string; points?: number; note: string }, requestId: string = newRequestId()): Promise<CaseView> {
  return (await call('support', 'remedy', { requestId, caseId, ...remedy })).case;
}

/** Host: the queue, overdue first. */
export function fetchQueue(): Promise<{ items: QueueItemView[]; totals: { questions: number; complaints: number; disputes: number; owner: number } }> {
  return call('support', 'queue', {});
}

/** Host: reply scripts. */
export async function fetchScripts(): Promise<ScriptView[]> {
  return (await call('support', 'scripts', {})).scripts;
}

/** Owner: add or edit a reply script; VALIDATION. */
export async function saveScript(script: { id?: string; kind: 'question' | CaseKind; title: string; body: string }, requestId: string = newRequestId()): Promise<ScriptView> {
  return (await call('support', 'saveScript', { requestId, script })).script;
}

/** Owner: desk metrics over the last `days` days. */
export function fetchSupportMetrics(days = 30): Promise<SupportMetrics> {
  return call('support', 'metrics', { days });
}

/** Host: the desk's working hours, service levels and rewards. */
export async function fetchSupportRules(): Promise<SupportRulesView> {
  return (await call('support', 'rules', {})).rules;
}

/** Owner: change the desk's rules; VALIDATION with a sentence (hours, ranges). */
export async function updateSupportRules(rules: SupportRulesView, requestId: string = newRequestId()): Promise<SupportRulesView> {
  return (await call('support', 'updateRules', { requestId, rules })).rules;
}
