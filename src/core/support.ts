/**
 * Support desk rules (issue 18): the working-hours clock behind every service level, the case
 * state machine, script placeholders and the metric arithmetic. Pure: the caller passes the zone
 * offset as a function of the instant, so nothing here reads the process zone or the clock.
 */
import type { SupportRulesView } from '../../types/support';

/** Topics a question may be about. */
export const QUESTION_TOPICS = ['lesson', 'activity', 'mall', 'points', 'other'] as const;
/** A question topic. */
export type QuestionTopic = (typeof QUESTION_TOPICS)[number];

/** What a complaint may be about. */
export const CASE_ABOUT = ['order', 'lesson', 'points', 'member', 'other'] as const;
/** A complaint subject. */
export type CaseAbout = (typeof CASE_ABOUT)[number];

/** Complaint (投诉) or dispute (纠纷). */
export type CaseKind = 'complaint' | 'dispute';
/** Where a case stands. */
export type CaseState = 'open' | 'in_progress' | 'resolved' | 'escalated';

/** Chinese names a person reads. */
export const TOPIC_LABEL: Record<QuestionTopic, string> = { lesson: '课程', activity: '活动', mall: '积分商城', points: '积分', other: '其他' };
/** Chinese names of complaint subjects. */
export const ABOUT_LABEL: Record<CaseAbout, string> = { order: '订单', lesson: '课程', points: '积分', member: '会员', other: '其他' };
/** Chinese names of case kinds. */
export const CASE_KIND_LABEL: Record<CaseKind, string> = { complaint: '投诉', dispute: '纠纷' };
/** Chinese names of case states. */
export const CASE_STATE_LABEL: Record<CaseState, string> = { open: '待受理', in_progress: '处理中', resolved: '已解决', escalated: '已上报群主' };

/** Limits of member input on the desk. */
export const SUPPORT_LIMITS = { question: 500, answer: 1000, caseText: 1000, reply: 500, resolution: 500, comment: 200, images: 3, scriptTitle: 20, scriptBody: 500 } as const;

/** Service levels and rewards of the desk (`settings.support`). */
export type SupportSettings = SupportRulesView;

/** What a new community starts with. */
export const DEFAULT_SUPPORT_SETTINGS: SupportSettings = {
  workStartHour: 9,
  workEndHour: 21,
  questionHours: 4,
  complaintHours: 2,
  disputeHours: 48,
  ownerFactor: 2,
  answerReward: 10,
  answerDailyCap: 5,
  reopenDays: 7,
};

/** Minutes east of UTC at an instant (the community zone's offset). */
export type OffsetAt = (ms: number) => number;

const MIN = 60_000;
const DAY = 86_400_000;

interface WallDay {
  /** Instant of the community midnight of the day `ms` falls on. */
  midnight: number;
  /** Milliseconds since that midnight. */
  into: number;
}

function wallDay(ms: number, offsetAt: OffsetAt): WallDay {
  const wall = ms + offsetAt(ms) * MIN;
  const into = ((wall % DAY) + DAY) % DAY;
  return { midnight: ms - into, into };
}

/**
 * The instant `minutes` working minutes after `startMs`: the clock runs only between
 * `startHour` and `endHour` of each community day (a question at 20:50 with 4 h is due 12:50 the next day).
 */
export function addWorkingMinutes(startMs: number, minutes: number, hours: { startHour: number; endHour: number }, offsetAt: OffsetAt): number {
  const open = hours.startHour * 60 * MIN;
  const close = hours.endHour * 60 * MIN;
  if (close <= open) return startMs + minutes * MIN;
  let ms = startMs;
  let left = minutes * MIN;
  for (let guard = 0; guard < 10_000; guard += 1) {
    const { midnight, into } = wallDay(ms, offsetAt);
    if (into < open) {
      ms = midnight + open;
      continue;
    }
    if (into >= close) {
      ms = midnight + DAY + open;
      continue;
    }
    const available = close - into;
    if (left <= available) return ms + left;
    left -= available;
    ms += available;
  }
  return ms + left;
}

/** Working minutes between two instants (0 when `toMs` is not after `fromMs`). */
export function workingMinutesBetween(fromMs: number, toMs: number, hours: { startHour: number; endHour: number }, offsetAt: OffsetAt): number {
  const open = hours.startHour * 60 * MIN;
  const close = hours.endHour * 60 * MIN;
  if (toMs <= fromMs) return 0;
  if (close <= open) return Math.round((toMs - fromMs) / MIN);
  let total = 0;
  let ms = fromMs;
  for (let guard = 0; guard < 10_000 && ms < toMs; guard += 1) {
    const { midnight, into } = wallDay(ms, offsetAt);
    const start = Math.max(into, open);
    const end = Math.min(close, into + (toMs - ms));
    if (end > start) total += end - start;
    ms = midnight + DAY;
  }
  return Math.round(total / MIN);
}

/** How an item's clock reads at `nowMs`: due, overdue (past the limit), owner (past `ownerFactor ×` the limit). */
export interface SlaClock {
  dueAt: string;
  ownerAt: string;
  overdue: boolean;
  toOwner: boolean;
}

/** The clock of an item started at `startMs` with a limit of `limitHours` working hours. */
export function slaClock(startMs: number, limitHours: number, settings: SupportSettings, offsetAt: OffsetAt, nowMs: number): SlaClock {
  const hours = { startHour: settings.workStartHour, endHour: settings.workEndHour };
  const due = addWorkingMinutes(startMs, limitHours * 60, hours, offsetAt);
  const owner = addWorkingMinutes(startMs, limitHours * 60 * settings.ownerFactor, hours, offsetAt);
  return { dueAt: new Date(due).toISOString(), ownerAt: new Date(owner).toISOString(), overdue: nowMs > due, toOwner: nowMs > owner };
}

/** Who does what to a case, and the refusal when the state does not allow it (null: allowed). */
export function caseStepProblem(step: 'take' | 'resolve' | 'escalate' | 'reopen' | 'rate' | 'respond' | 'settle', state: CaseState): string | null {
  switch (step) {
    case 'take':
      return state === 'open' || state === 'escalated' ? null : state === 'in_progress' ? '已有人在处理这件事' : '已解决的事项不能再受理';
    case 'resolve':
      return state === 'resolved' ? '这件事已经解决了' : null;
    case 'escalate':
      return state === 'resolved' ? '已解决的事项不能上报' : state === 'escalated' ? '已经上报给群主了' : null;
    case 'reopen':
      return state === 'resolved' ? null : '只有已解决的事项可以重新打开';
    case 'rate':
      return state === 'resolved' ? null : '解决之后才能评价';
    case 'respond':
    case 'settle':
      return state === 'resolved' ? '这件事已经解决了' : null;
  }
}

/** Values a script placeholder can take. */
export interface ScriptValues {
  name?: string;
  order?: string;
  date?: string;
}

/** Fill `{会员}`, `{订单}`, `{日期}` in a reply script; unknown values stay as written. */
export function fillScript(template: string, values: ScriptValues): string {
  return template
    .replace(/\{会员\}/g, values.name ?? '{会员}')
    .replace(/\{订单\}/g, values.order ?? '{订单}')
    .replace(/\{日期\}/g, values.date ?? '{日期}');
}

/** The `q`-quantile (0–1, nearest rank) of `values`, or null when empty. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1];
}

/** `part ÷ whole` rounded to 3 places, or null when nothing counts. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
}

/** Why a rule set cannot be saved (a Chinese sentence), or null when it is sound. */
export function supportRulesProblem(rules: SupportSettings): string | null {
  if (rules.workEndHour <= rules.workStartHour) return '下班时间需晚于上班时间';
  if (rules.workEndHour - rules.workStartHour < 4) return '每天的工作时间至少 4 小时';
  return null;
}
