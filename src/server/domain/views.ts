import type { LedgerEntryView, MemberView } from '../../../types/domain';
import type { AccountDoc, LedgerDoc, MemberDoc } from './model';

/** The wire view of a member; private fields (openid, inviter) stay on the server. */
export function memberView(member: MemberDoc, account: AccountDoc | null): MemberView {
  return {
    id: member.id,
    nickname: member.nickname,
    role: member.role,
    points: account?.balance ?? 0,
    inviteCode: member.inviteCode,
    channel: member.channel,
    joinedAt: member.joinedAt,
    joinDay: member.joinDay,
  };
}

/** The wire view of a ledger entry; `label` says what it is about (see ledgerLabels.ts). */
export function ledgerView(entry: LedgerDoc, label: string | null = null): LedgerEntryView {
  return {
    label,
    id: entry.id,
    delta: entry.delta,
    reason: entry.reason,
    ref: entry.ref,
    note: entry.note ?? null,
    reverses: entry.reverses ?? null,
    balanceAfter: entry.balanceAfter,
    createdAt: entry.createdAt,
    expiresAt: entry.expiresAt,
  };
}
