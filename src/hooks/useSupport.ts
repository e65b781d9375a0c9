import { useCallback } from 'react';
import type { CaseAbout, CaseKind, CaseView, QuestionTopic, ScriptView, SupportAnswerView, SupportMetrics, SupportQuestionView, SupportRulesView } from '../../types/support';
import type { OrderView } from '../../types/api';
import { fetchMyOrders } from '../services/mall';
import { login } from '../services/session';
import {
  acceptAnswer,
  answerQuestion,
  askQuestion,
  caseStep,
  fetchCase,
  fetchCaseEntries,
  fetchKnowledge,
  fetchMine,
  fetchQuestion,
  fetchQueue,
  fetchScripts,
  fetchSupportMetrics,
  fetchSupportRules,
  fileCase,
  rateCase,
  saveScript,
  takeRemedy,
  updateSupportRules,
} from '../services/support';
import { useAction } from './useAction';
import { usePaged } from './usePaged';
import { useRemote } from './useRemote';

/** 求助中心: my questions and cases, my recent orders (for a complaint), and the ask and file forms. */
export function useSupportHome(sessionKey = '') {
  const remote = useRemote<{ questions: SupportQuestionView[]; cases: CaseView[]; orders: OrderView[]; inviteCode: string }>(async () => {
    const me = await login();
    const [mine, orders] = await Promise.all([fetchMine(), fetchMyOrders()]);
    return { ...mine, orders: orders.orders, inviteCode: me.inviteCode };
  }, `support-home:${sessionKey}`);
  const ask = useAction(
    useCallback((rid: string, input: { text: string; topic?: QuestionTopic; lessonId?: string; images?: string[] }) => askQuestion(input, rid), []),
    remote.reload,
  );
  const file = useAction(
    useCallback((rid: string, input: { kind: CaseKind; text: string; about?: CaseAbout; orderId?: string; otherCode?: string; images?: string[] }) => fileCase(input, rid), []),
    remote.reload,
  );
  return { ...remote, ask, file };
}

/** 问答库: answered questions, newest or most useful first (a lesson's with `lessonId`). */
export function useKnowledge(query: { topic?: QuestionTopic; lessonId?: string; sort?: 'new' | 'useful' }) {
  const key = `${query.topic ?? ''}:${query.lessonId ?? ''}:${query.sort ?? 'new'}`;
  return usePaged((after) => fetchKnowledge(query, after), `knowledge:${key}`);
}

/** One question: its answers, and 回答 / 采纳 (asker or staff); both reload after. */
export function useQuestion(questionId: string) {
  const remote = useRemote<{ question: SupportQuestionView; answers: SupportAnswerView[]; staff: boolean }>(async () => {
    const me = await login();
    return { ...(await fetchQuestion(questionId)), staff: me.role !== 'member' };
  }, `support-question:${questionId}`);
  const answer = useAction(useCallback((rid: string, text: string) => answerQuestion(questionId, text, rid), [questionId]), remote.reload);
  const accept = useAction(useCallback((rid: string, answerId: string) => acceptAnswer(questionId, answerId, rid), [questionId]), remote.reload);
  return { ...remote, answer, accept };
}

/** One case from the caller's side: steps, rating, and for staff remedies and scripts. */
export function useCase(caseId: string) {
  const remote = useRemote<{ case: CaseView; staff: boolean; scripts: ScriptView[] }>(async () => {
    const me = await login();
    const staff = me.role !== 'member';
    const [c, scripts] = await Promise.all([fetchCase(caseId), staff ? fetchScripts() : Promise.resolve([])]);
    return { case: c, staff, scripts };
  }, `support-case:${caseId}`);
  const step = useAction(
    useCallback((rid: string, which: 'respond' | 'resolve' | 'escalate' | 'reopen' | 'settle' | 'take', text: string) => caseStep(which, caseId, text, rid), [caseId]),
    remote.reload,
  );
  const rate = useAction(useCallback((rid: string, score: number, comment: string) => rateCase(caseId, score, comment, rid), [caseId]), remote.reload);
  const remedy = useAction(
    useCallback((rid: string, r: { kind: 'refund' | 'reverse' | 'goodwill'; orderId?: string; entryId?: string; points?: number; note: string }) => takeRemedy(caseId, r, rid), [caseId]),
    remote.reload,
  );
  return { ...remote, step, rate, remedy };
}

/** Host handling a case: the parties' ledger entries a 撤销积分 remedy may reverse. */
export function useCaseEntries(caseId: string) {
  return useRemote(async () => {
    await login();
    return fetchCaseEntries(caseId);
  }, `support-case-entries:${caseId}`);
}

/** Host: the desk queue with its clocks. */
export function useSupportQueue(sessionKey = '') {
  return useRemote(async () => {
    const me = await login();
    return { ...(await fetchQueue()), isOwner: me.role === 'owner' };
  }, `support-queue:${sessionKey}`);
}

/** Owner: desk metrics, the reply scripts and the rules, with 保存话术 and 保存时限. */
export function useSupportOwner(days: number) {
  const remote = useRemote<{ metrics: SupportMetrics; scripts: ScriptView[]; rules: SupportRulesView }>(async () => {
    await login();
    const [metrics, scripts, rules] = await Promise.all([fetchSupportMetrics(days), fetchScripts(), fetchSupportRules()]);
    return { metrics, scripts, rules };
  }, `support-owner:${days}`);
  const save = useAction(useCallback((rid: string, script: { id?: string; kind: 'question' | CaseKind; title: string; body: string }) => saveScript(script, rid), []), remote.reload);
  const saveRules = useAction(useCallback((rid: string, rules: SupportRulesView) => updateSupportRules(rules, rid), []), remote.reload);
  return { ...remote, save, saveRules };
}

/** Up to `max` photos for a question or case (the shared picker in useImagePicker). */
export { useImagePicker } from './useImagePicker';
