/**
 * Paid VIP (付费会员, issue 7): extending `member.vipUntil` (owner grants, VIP-days mall items),
 * the renewal bookkeeping behind the owner's renewal rate, and the renewal-reminder cron job.
 */
import type { CronRun } from '../../../types/api';
import { addDays, dayKey, startOfDay } from '../../core/day';
import { AppError } from '../../core/errors';
import { admittedFields } from './admission';
import type { CommunitySettings } from '../../core/settings';
import { DEFAULT_VIP_SETTINGS, isVip, reminderLeadDue, type VipSettings } from '../../core/tiers';
import { recordConversion } from './funnelRollups';
import { sendOnce, type MessagingPort } from './messaging';
import type { MemberDoc } from './model';
import { convertReferral } from './referralRecords';
import { type Doc, type Store, type Tx } from '../store/port';
import { scan } from '../store/scan';

/** Renewal bookkeeping of one month of expiries (`vipMonthly/<YYYY-MM>`). */
export interface VipMonthlyDoc extends Doc {
  month: string;
  /** VIP terms whose expiry fell (or falls) in this month. */
  due: number;
  /** Of those, terms extended while still running. */
  renewed: number;
}

/** One owner grant (`vipGrants/<ownerId>:<requestId>`): who, whom, how long, and the offline-payment note. */
export interface VipGrantDoc extends Doc {
  memberId: string;
  days: number;
  note: string;
  by: string;
  vipUntil: string;
  previous: string | null;
  createdAt: string;
}

/** The paid-VIP policy in force (settings stored before VIP existed get the defaults). */
export function vipSettings(settings: Partial<Pick<CommunitySettings, 'vip'>>): VipSettings {
  return settings.vip ?? DEFAULT_VIP_SETTINGS;
}

/** The month (community zone) of an expiry instant; expiries sit at 00:00, so the day before counts. */
export function expiryMonth(vipUntil: string, timezone: string): string {
  return dayKey(Date.parse(vipUntil) - 1, timezone).slice(0, 7);
}

async function bumpMonth(tx: Tx, month: string, field: 'due' | 'renewed'): Promise<void> {
  const doc = (await tx.get('vipMonthly', month)) ?? { id: month, month, due: 0, renewed: 0 };
  await tx.set('vipMonthly', { ...doc, [field]: doc[field] + 1 });
}

/** Who the audit log names for an admission by payment (`memberAudit.byId`). */
export const PAID_ENTRY_BY = 'paid-entry';

/**
 * Extend a member's paid VIP by `days` inside the caller's transaction: from the current expiry
 * while VIP lasts (a renewal), else from the end of today (a new term). Records the renewal
 * bookkeeping, the funnel's 转化 milestone and the referral conversion. In a `paid` community it
 * also admits a pending member (status, admission instant, greeting queue, an audit line), once:
 * the member is admitted afterwards. Throws NOT_FOUND.
 */
export async function extendVip(tx: Tx, memberId: string, days: number, now: Date, settings: CommunitySettings): Promise<{ vipUntil: string; previous: string | null; member: MemberDoc }> {
  const member = await tx.get('members', memberId);
  if (!member) throw new AppError('NOT_FOUND', '会员不存在');
  const nowIso = now.toISOString();
  const current = isVip(member.vipUntil, nowIso) ? (member.vipUntil as string) : null;
  const base = current ?? startOfDay(addDays(dayKey(now, settings.timezone), 1), settings.timezone).toISOString();
  const vipUntil = new Date(Date.parse(base) + days * 86_400_000).toISOString();
  // 付费入群: paying admits a pending member like an approved application (the 入群仪式, the greeting queue).
  const admit = member.status === 'pending' && settings.entry.mode === 'paid';
  await tx.update('members', memberId, { vipUntil, vipSince: current && typeof member.vipSince === 'string' ? member.vipSince : nowIso, ...(admit ? admittedFields(nowIso) : {}) });
  if (admit) await tx.set('memberAudit', { id: `${memberId}:${nowIso}:${PAID_ENTRY_BY}:approve`, memberId, action: 'approve', reason: '付费入群', until: null, byId: PAID_ENTRY_BY, byName: '付费入群', at: nowIso });
  if (current) await bumpMonth(tx, expiryMonth(current, settings.timezone), 'renewed');
  await bumpMonth(tx, expiryMonth(vipUntil, settings.timezone), 'due');
  await recordConversion(tx, memberId, now, settings);
  await convertReferral(tx, memberId, now, settings);
  return { vipUntil, previous: current, member };
}

function dateText(iso: string, timezone: string): string {
  const day = dayKey(Date.parse(iso) - 1, timezone);
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

/**
 * Send (or queue) one renewal reminder at most once: the outbox document's id is the claim, one
 * unit of the member's one-time subscription quota is spent in the same transaction (none left:
 * recorded as `no_quota`, nothing sent), and WeChat is called only after commit.
 */
async function remind(store: Store, messaging: MessagingPort, member: MemberDoc, vipUntil: string, lead: number, now: Date, settings: CommunitySettings): Promise<boolean> {
  const templateId = vipSettings(settings).templateId;
  const body = `付费会员将于 ${dateText(vipUntil, settings.timezone)} 到期，续费可继续享受会员权益`;
  return sendOnce(
    store,
    messaging,
    { id: `vip_renewal:${member.id}:${vipUntil}:${lead}`, kind: 'vip_renewal', memberId: member.id, lessonId: null, templateId, title: lead <= 1 ? '会员明天到期' : `会员 ${lead} 天后到期`, body },
    now,
    () => ({
      page: 'subpackages/member/tier/index',
      data: { thing1: { value: '付费会员续费提醒' }, time2: { value: dateText(vipUntil, settings.timezone) }, thing3: { value: body.slice(0, 20) } },
    }),
  );
}

/**
 * Cron job: renewal reminders (default 7 days and 1 day before expiry). Finds VIPs expiring within
 * the longest lead through the `vipUntil` index and sends the most urgent due reminder of each
 * expiry once, also when runs overlap; a renewal moves the expiry and so re-arms the reminders.
 */
export async function vipReminders(store: Store, now: Date, settings: CommunitySettings, messaging: MessagingPort): Promise<CronRun> {
  const leads = vipSettings(settings).reminderDays;
  const nowIso = now.toISOString();
  const horizon = new Date(now.getTime() + Math.max(0, ...leads) * 86_400_000).toISOString();
  let messages = 0;
  let seen = 0;
  for await (const member of scan(store, 'members', { where: { vipUntil: { $gt: nowIso, $lte: horizon } }, orderBy: { field: 'vipUntil', direction: 'asc' } })) {
    seen += 1;
    const until = member.vipUntil as string;
    const lead = reminderLeadDue(until, nowIso, leads);
    if (lead !== null && (await remind(store, messaging, member, until, lead, now, settings))) messages += 1;
  }
  return { job: 'vipReminders', accounts: seen, points: 0, messages };
}
