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

/** The wire view of a ledger entry. */
export function ledgerView(entry: LedgerDoc): LedgerEntryView {
  return {
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
