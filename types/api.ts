import type { Channel, CheckinDayView, LedgerEntryView, MemberView, MilestoneView, Role } from './domain';

/** Every write action carries a client-made idempotency key (≤ 64 chars). */
export interface WriteParams {
  requestId: string;
}

/** One action's wire contract: what the client sends and what `data` holds on success. */
export interface Action<P, R> {
  params: P;
  result: R;
}

/** Answer of `checkin.do`. */
export interface CheckinDone {
  day: string;
  streak: number;
  awarded: number;
  balance: number;
}

/** Answer of `checkin.today`: today's state plus the last 30 community days. */
export interface CheckinToday {
  day: string;
  checkedIn: boolean;
  streak: number;
  longestStreak: number;
  totalDays: number;
  todayReward: number;
  nextMilestone: MilestoneView | null;
  lastDays: CheckinDayView[];
}

/** A page of a member list, newest joiners first. */
export interface MemberPage {
  members: MemberView[];
  next: string | null;
}

/**
 * The contract of every cloud function, keyed by function then action.
 * Client services and cloud handlers are both typed from this map, so a mismatch fails to compile.
 */
export interface Contracts {
  member: {
    login: Action<{ ref?: string; channel?: Channel }, { member: MemberView; isNew: boolean }>;
    me: Action<Record<string, never>, { member: MemberView }>;
    list: Action<{ role?: Role; limit?: number; after?: string }, MemberPage>;
    setRole: Action<WriteParams & { memberId: string; role: Role }, { member: MemberView }>;
  };
  checkin: {
    do: Action<WriteParams, CheckinDone>;
    today: Action<Record<string, never>, CheckinToday>;
  };
  points: {
    balance: Action<Record<string, never>, { balance: number; lifetimeEarned: number }>;
    history: Action<{ limit?: number; after?: string }, { entries: LedgerEntryView[]; next: string | null }>;
  };
}

/** Names of the deployable cloud functions. */
export type FunctionName = keyof Contracts;

/** Action names of one function. */
export type ActionName<F extends FunctionName> = keyof Contracts[F] & string;

/** Params of one action, as sent without the `action` field. */
export type ParamsOf<F extends FunctionName, A extends ActionName<F>> = Contracts[F][A] extends Action<infer P, unknown>
  ? P
  : never;

/** Success data of one action. */
export type ResultOf<F extends FunctionName, A extends ActionName<F>> = Contracts[F][A] extends Action<unknown, infer R>
  ? R
  : never;

/** The event a cloud function receives: the action name plus its params. */
export type EventOf<F extends FunctionName, A extends ActionName<F>> = { action: A } & ParamsOf<F, A>;

/** A demo identity offered by the local gateway's role picker (`GET /api/_local/personas`, local mode only). */
export interface Persona {
  openid: string;
  label: string;
  role: Role;
  detail: string;
}
