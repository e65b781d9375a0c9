import type { Action, WriteParams } from './api';

/** 沙龙 / 分会 / 打卡赛. */
export type ActivityKind = 'salon' | 'branch' | 'challenge';

/** An activity as a host creates it; ISO-8601 times. */
export interface ActivityInput {
  title: string;
  kind: ActivityKind;
  mode: 'online' | 'offline';
  startsAt: string;
  endsAt: string;
  /** Address (offline) or link / group name (online). */
  place: string;
  capacity: number;
  signupDeadline: string;
  description: string;
}

/** Where an activity stands at the moment of reading. */
export type ActivityStatus = 'open' | 'closed' | 'ongoing' | 'ended';

/** An activity for the wire. */
export interface ActivityView extends ActivityInput {
  id: string;
  day: string;
  status: ActivityStatus;
  confirmed: number;
  waitlisted: number;
  summary: string | null;
}

/** A member's place in an activity. */
export type SignupStatus = 'confirmed' | 'waitlist' | 'cancelled';

/** One sign-up as the host's roster shows it. */
export interface SignupView {
  memberId: string;
  nickname: string;
  status: SignupStatus;
  /** 1-based place in the waitlist, when waitlisted. */
  position: number | null;
  signedUpAt: string;
  attendedAt: string | null;
  award: { points: number; reason: string } | null;
}

/** Answer of `activities.get`: the activity, the caller's sign-up, and (hosts) the roster. */
export interface ActivityPage {
  activity: ActivityView;
  mine: { status: SignupStatus; position: number | null; attended: boolean; award: { points: number; reason: string } | null } | null;
  roster: SignupView[] | null;
}

/** The `activities` function's actions. */
export interface ActivitiesContract {
  create: Action<WriteParams & { activity: ActivityInput }, { activity: ActivityView }>;
  list: Action<{ from?: string }, { activities: ActivityView[] }>;
  get: Action<{ activityId: string }, ActivityPage>;
  signup: Action<WriteParams & { activityId: string }, { status: SignupStatus; position: number | null }>;
  cancel: Action<WriteParams & { activityId: string }, { promoted: string | null }>;
  checkIn: Action<WriteParams & { activityId: string; memberId: string }, { attendedAt: string }>;
  summarize: Action<WriteParams & { activityId: string; summary: string }, { activity: ActivityView }>;
  /** `overrideAttendance` (owner only): award a member who was not checked in; recorded on the award. */
  award: Action<WriteParams & { activityId: string; memberId: string; points: number; reason: string; overrideAttendance?: boolean }, { points: number; balance: number }>;
}
