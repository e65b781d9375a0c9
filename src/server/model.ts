import type { Channel, LedgerReason, Role } from '../../types/domain';
import type { StreakState } from '../core/streak';

/** A member as stored (`members/<memberId>`); `openid` never leaves the server. */
export interface MemberDoc {
  id: string;
  openid: string;
  nickname: string;
  role: Role;
  inviteCode: string;
  channel: Channel;
  invitedBy: string | null;
  joinedAt: string;
  joinDay: string;
  [key: string]: unknown;
}

/** A member's points account (`accounts/<memberId>`): written only by ledger postings. */
export interface AccountDoc {
  id: string;
  balance: number;
  lifetimeEarned: number;
  updatedAt: string;
  [key: string]: unknown;
}

/** One immutable ledger entry (`ledger/<idempotency key>`). */
export interface LedgerDoc {
  id: string;
  memberId: string;
  delta: number;
  reason: LedgerReason;
  ref: string | null;
  balanceAfter: number;
  createdAt: string;
  expiresAt: string | null;
  [key: string]: unknown;
}

/** One check-in (`checkins/<memberId>:<day>`): the id makes a second one on the same day impossible. */
export interface CheckinDoc {
  id: string;
  memberId: string;
  day: string;
  at: string;
  [key: string]: unknown;
}

/** Streak bookkeeping per member (`checkinStats/<memberId>`). */
export type CheckinStatsDoc = { id: string; [key: string]: unknown } & StreakState;

/** The recorded first answer of a write (`requests/<member>:<fn>.<action>:<requestId>`). */
export interface RequestDoc {
  id: string;
  state: 'done';
  result: unknown;
  at: string;
  [key: string]: unknown;
}

/** Invite-code index (`invites/<code>`), created with the member so codes stay unique. */
export interface InviteDoc {
  id: string;
  memberId: string;
  [key: string]: unknown;
}
