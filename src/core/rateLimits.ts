import { addDays, dayKey, startOfDay } from './day';

/** The length of one rate-limit window. */
export type RatePeriod = 'minute' | 'hour' | 'day';

/**
 * One abuse budget: at most `max` counted calls per `per` window for one subject (a member, or a
 * client IP for registration). `name` keys the count inside the window's counter document, so
 * budgets that share a subject and window share one document (one read and one write per call).
 */
export interface RateBudget {
  name: string;
  max: number;
  per: RatePeriod;
  /** Who is counted: the calling member (default) or the caller's client IP. */
  subject?: 'member' | 'ip';
}

/** Every write of a member counts against this budget (60 writes a minute overall). */
export const WRITE_BUDGET: RateBudget = { name: 'writes', max: 60, per: 'minute' };

/** Hosts and owners moderate in bursts (a review queue, a batch of orders): ten times a member's budget. */
export const STAFF_WRITE_BUDGET: RateBudget = { name: 'writes', max: 600, per: 'minute' };

/** The overall write budget of a role. */
export function writeBudgetFor(role: 'member' | 'host' | 'owner'): RateBudget {
  return role === 'member' ? WRITE_BUDGET : STAFF_WRITE_BUDGET;
}

/** New member records per client IP per hour (registration farming). */
export const REGISTRATION_IP_BUDGET: RateBudget = { name: 'register', max: 30, per: 'hour', subject: 'ip' };

/** The window an instant falls in: a stable key for the counter id and the instant it resets. */
export interface RateWindow {
  key: string;
  resetsAt: Date;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/**
 * The window of `per` that `now` falls in. Minutes and hours are UTC-aligned (the same everywhere);
 * days are community days in `tz`, so "20 a day" resets at the community's midnight.
 */
export function rateWindow(now: Date, per: RatePeriod, tz: string): RateWindow {
  const t = now.getTime();
  if (per === 'minute') {
    const start = Math.floor(t / MINUTE_MS) * MINUTE_MS;
    return { key: `m${start / MINUTE_MS}`, resetsAt: new Date(start + MINUTE_MS) };
  }
  if (per === 'hour') {
    const start = Math.floor(t / HOUR_MS) * HOUR_MS;
    return { key: `h${start / HOUR_MS}`, resetsAt: new Date(start + HOUR_MS) };
  }
  const day = dayKey(now, tz);
  return { key: `d${day}`, resetsAt: startOfDay(addDays(day, 1), tz) };
}

/** The Chinese sentence a refused caller reads: when they may try again. */
export function retryMessage(now: Date, window: RateWindow, per: RatePeriod): string {
  if (per === 'day') return '今天的次数已用完，请明天再试';
  const seconds = Math.max(1, Math.ceil((window.resetsAt.getTime() - now.getTime()) / 1000));
  if (seconds < 60) return `操作太频繁，请 ${seconds} 秒后再试`;
  return `操作太频繁，请 ${Math.ceil(seconds / 60)} 分钟后再试`;
}

/** Whole seconds until the window resets (for a `Retry-After` header). */
export function retryAfterSeconds(now: Date, window: RateWindow): number {
  return Math.max(1, Math.ceil((window.resetsAt.getTime() - now.getTime()) / 1000));
}

/** Questions a member may ask per hour (lesson Q&A and, later, the support desk). */
export const QUESTION_BUDGET: RateBudget = { name: 'questions', max: 30, per: 'hour' };

/** Shares a member may record per community day (what counts for rewards and metrics). */
export const SHARE_BUDGET: RateBudget = { name: 'shares', max: 20, per: 'day' };

/** Subscription grants per template per community day (WeChat counts one per acceptance). */
export function subscriptionBudget(templateId: string): RateBudget {
  return { name: `subscribe:${templateId}`, max: 5, per: 'day' };
}

/** Images a member may upload per community day (check-in and campaign notes take 3 each). */
export const UPLOAD_BUDGET: RateBudget = { name: 'uploads', max: 20, per: 'day' };

/** Replies a member may post per hour (posts and 每日话题; issue 17). */
export const REPLY_BUDGET: RateBudget = { name: 'replies', max: 60, per: 'hour' };

/** Topics a member may start per community day when member posts are open (posts.memberPublish). */
export const MEMBER_TOPIC_BUDGET: RateBudget = { name: 'memberTopics', max: 3, per: 'day' };
