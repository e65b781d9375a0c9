/**
 * Support desk metrics (issue 18), read by `support.metrics` and the owner's operating-metrics panel:
 * response times in working minutes, service-level share, self-organisation, satisfaction, reopen rate.
 */
import type { SupportMetrics } from '../../../types/support';
import type { CommunitySettings } from '../../core/settings';
import { quantile, share, workingMinutesBetween } from '../../core/support';
import type { Store } from '../store/port';
import { scanAll } from '../store/scan';
import { namesOf, offsetFn } from './supportRecords';

/** Most documents one metrics read takes per collection. */
const METRICS_CAP = 5000;

/** Desk metrics over the last `days` days (times in working minutes; definitions in docs/support.md). */
export async function supportMetrics(store: Store, settings: CommunitySettings, now: Date, days: number): Promise<SupportMetrics> {
  const ctx = { settings, now };
  const since = new Date(ctx.now.getTime() - days * 86_400_000).toISOString();
  const [questions, cases] = await Promise.all([
    scanAll(store, 'supportQuestions', { where: { createdAt: { $gte: since } }, orderBy: { field: 'createdAt', direction: 'asc' }, max: METRICS_CAP }),
    scanAll(store, 'supportCases', { where: { createdAt: { $gte: since } }, orderBy: { field: 'createdAt', direction: 'asc' }, max: METRICS_CAP }),
  ]);
  const s = ctx.settings.support;
  const hours = { startHour: s.workStartHour, endHour: s.workEndHour };
  const off = offsetFn(ctx.settings);
  const mins = (from: string, to: string) => workingMinutesBetween(Date.parse(from), Date.parse(to), hours, off);

  const responded = questions.filter((q) => q.firstResponseAt);
  const qTimes = responded.map((q) => mins(q.createdAt, q.firstResponseAt as string));
  const limit = s.questionHours * 60;
  const dueOrDone = questions.filter((q) => q.firstResponseAt || mins(q.createdAt, ctx.now.toISOString()) > limit);
  const inTime = responded.filter((q) => mins(q.createdAt, q.firstResponseAt as string) <= limit).length;
  const answered = questions.filter((q) => q.acceptedByStaff !== null || q.firstResponseByStaff !== null);
  const byMembers = answered.filter((q) => (q.acceptedByStaff ?? q.firstResponseByStaff) === false).length;

  const complaints = cases.filter((c) => c.kind === 'complaint');
  const complaintTimes = complaints.filter((c) => c.firstResponseAt).map((c) => mins(c.createdAt, c.firstResponseAt as string));
  const disputes = cases.filter((c) => c.kind === 'dispute');
  const disputesDone = disputes.filter((c) => c.firstResolvedAt);
  const rated = cases.filter((c) => c.rating);
  const everResolved = cases.filter((c) => c.firstResolvedAt);

  const hosts = new Map<string, { handled: number; times: number[]; scores: number[] }>();
  const hostOf = (id: string) => {
    let h = hosts.get(id);
    if (!h) hosts.set(id, (h = { handled: 0, times: [], scores: [] }));
    return h;
  };
  for (const q of questions) {
    if (q.firstResponseByStaff && q.firstResponseBy && q.firstResponseAt) {
      const h = hostOf(q.firstResponseBy);
      h.handled += 1;
      h.times.push(mins(q.createdAt, q.firstResponseAt));
    }
  }
  for (const c of cases) {
    if (!c.takenBy || c.selfResolved) continue;
    const h = hostOf(c.takenBy);
    h.handled += 1;
    if (c.firstResponseAt) h.times.push(mins(c.createdAt, c.firstResponseAt));
    if (c.rating) h.scores.push(c.rating.score);
  }
  const names = await namesOf(store, hosts.keys());
  const avg = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null);
  return {
    days,
    questions: questions.length,
    medianFirstResponseMinutes: quantile(qTimes, 0.5),
    p90FirstResponseMinutes: quantile(qTimes, 0.9),
    answeredWithinSla: share(inTime, dueOrDone.length),
    answeredByMembers: share(byMembers, answered.length),
    complaints: complaints.length,
    complaintMedianResponseMinutes: quantile(complaintTimes, 0.5),
    disputes: disputes.length,
    medianDisputeMinutes: quantile(disputesDone.map((c) => mins(c.createdAt, c.firstResolvedAt as string)), 0.5),
    disputeSelfResolution: share(disputesDone.filter((c) => c.selfResolved).length, disputesDone.length),
    satisfaction: avg(rated.map((c) => (c.rating as { score: number }).score)),
    ratings: rated.length,
    reopenRate: share(everResolved.filter((c) => c.reopened > 0).length, everResolved.length),
    perHost: [...hosts.entries()]
      .map(([id, h]) => ({ name: names.get(id) ?? '', handled: h.handled, medianResponseMinutes: quantile(h.times, 0.5), satisfaction: avg(h.scores) }))
      .sort((a, b) => b.handled - a.handled),
  };
}
