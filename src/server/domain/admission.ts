/**
 * Who may do what before admission (issue 16): the handler wrapper asks `admissionRefusal` on every
 * call of a stored member. Pending and banned members may only call the actions listed here; every
 * other action (everything that earns, spends or posts) answers FORBIDDEN with the reason.
 */
import { dayKey } from '../../core/day';
import { effectiveStatus } from '../../core/entry';
import type { CommunitySettings } from '../../core/settings';
import type { MemberDoc } from './model';

/** Actions a pending member may call: see the intro page and their application state, and apply. */
export const PRE_ADMISSION_ACTIONS: ReadonlySet<string> = new Set(['member.login', 'member.me', 'member.onboarding', 'member.apply', 'settings.get']);

/** Extra actions a pending member may call in `paid` mode: see and buy paid VIP (payment admits). */
export const PAID_ENTRY_ACTIONS: ReadonlySet<string> = new Set(['vip.status', 'vip.buy']);

/** Actions a banned member may call: see that they are banned, why and until when. */
export const BANNED_ACTIONS: ReadonlySet<string> = new Set(['member.login', 'member.me', 'member.onboarding', 'settings.get']);

/** What a pending member reads when an action is refused. */
export function pendingMessage(member: Pick<MemberDoc, 'applicationState'>, settings: CommunitySettings): string {
  if (settings.entry.mode === 'paid') return '本社群仅对付费会员开放，开通会员后即可使用';
  if (member.applicationState === 'submitted') return '入群申请审核中，通过后即可使用';
  if (member.applicationState === 'rejected') return '入群申请未通过，请查看原因后重新申请';
  if (settings.entry.mode === 'referral') return '本社群需要邀请码才能加入，请填写邀请码';
  return '请先提交入群申请，审核通过后即可使用';
}

/** What a banned member reads: the reason and the end day in the community's zone. */
export function bannedMessage(ban: MemberDoc['ban'], timezone: string): string {
  const reason = ban?.reason ? `，原因：${ban.reason}` : '';
  const until = ban?.until ? `，至 ${dayKey(new Date(Date.parse(ban.until) - 1), timezone)}` : '';
  return `你已被禁止参与社群活动${reason}${until}`;
}

/** Fields a member gets when admitted (approval, open or referral entry, paid entry): status, the admission instant and a place in the greeting queue. */
export function admittedFields(nowIso: string): Pick<MemberDoc, 'status' | 'admittedAt' | 'newcomer'> {
  return { status: 'admitted', admittedAt: nowIso, newcomer: 'waiting' };
}

/** The member's status now: a pending member of a `paid` community with paid VIP counts as admitted. */
export function statusNow(member: MemberDoc, settings: CommunitySettings, now: Date): 'pending' | 'admitted' | 'banned' {
  const status = effectiveStatus(member, now.toISOString());
  if (status === 'pending' && settings.entry.mode === 'paid' && typeof member.vipUntil === 'string' && Date.parse(member.vipUntil) > now.getTime()) return 'admitted';
  return status;
}

/** The Chinese refusal of `fn.action` for this member now, or null when the call may go on. */
export function admissionRefusal(member: MemberDoc, settings: CommunitySettings, now: Date, key: string): string | null {
  const status = statusNow(member, settings, now);
  if (status === 'admitted') return null;
  if (status === 'banned') return BANNED_ACTIONS.has(key) ? null : bannedMessage(member.ban, settings.timezone);
  if (PRE_ADMISSION_ACTIONS.has(key)) return null;
  if (settings.entry.mode === 'paid' && PAID_ENTRY_ACTIONS.has(key)) return null;
  return pendingMessage(member, settings);
}
