import type { Action, WriteParams } from './api';

/** How someone becomes a member: anyone, with an invite code (推荐制), after a host's review, or paid VIP only. */
export type EntryMode = 'open' | 'referral' | 'application' | 'paid';

/** Where a member stands; a stored member without a status is admitted (everyone before issue 16). */
export type MemberStatus = 'pending' | 'admitted' | 'banned';

/** One owner-defined profile field (城市, 行业, 兴趣 …). */
export interface ProfileField {
  key: string;
  label: string;
  kind: 'text' | 'single' | 'multi';
  /** Choices of `single` / `multi` fields. */
  options: string[];
  required: boolean;
}

/** Values of a member's profile, by field key: text or a choice, or several choices. */
export type ProfileValues = Record<string, string | string[]>;

/** What members do for others that counts towards 贡献值. */
export type ContributionKind = 'intro_greeted' | 'answer_accepted' | 'activity_organized' | 'share_opened' | 'praise_received' | 'referral_activated';

/** The onboarding steps (入群仪式) in the order the checklist shows them. */
export type OnboardingStepKey = 'rules' | 'nickname' | 'profile' | 'intro';

/** The owner's entry and onboarding settings (`settings.entry`). */
export interface EntrySettings {
  mode: EntryMode;
  /** Shown to everyone not yet admitted (the community's intro page). */
  intro: string;
  /** Up to 5 questions an applicant answers (`application` mode). */
  questions: string[];
  /** e.g. "城市-行业-姓名": the nickname must have that many non-empty parts joined by "-"; null: any. */
  nicknameFormat: string | null;
  profileFields: ProfileField[];
  /** Points paid once when the checklist is done (0: none). */
  welcomePoints: number;
  /** 群规 text and its version (bumped by the server whenever the text changes). */
  rules: string;
  rulesVersion: number;
  /** The owner-managed tag list hosts pick from. */
  tags: string[];
  /** 话术 templates hosts greet newcomers with. */
  greetings: string[];
  /** Points of 贡献值 per contribution kind. */
  contributionWeights: Record<ContributionKind, number>;
  /** Hosts may ban and unban members (not hosts or owners); otherwise owners only. */
  hostsMayBan: boolean;
}

/** What the owner sends to `settings.updateEntry` (the server keeps `rulesVersion`). */
export type EntryInput = Omit<EntrySettings, 'rulesVersion'>;

/** An application as its applicant sees it. */
export interface MyApplicationView {
  state: 'submitted' | 'approved' | 'rejected';
  submittedAt: string;
  decidedAt: string | null;
  reason: string | null;
}

/** One step of the checklist. */
export interface OnboardingStepView {
  key: OnboardingStepKey;
  label: string;
  done: boolean;
}

/** Answer of `member.onboarding`: the member's status, the entry page, the application and the checklist. */
export interface OnboardingView {
  status: MemberStatus;
  communityName: string;
  mode: EntryMode;
  intro: string;
  questions: string[];
  application: MyApplicationView | null;
  /** While banned: the reason and the end (null: no end). */
  ban: { reason: string; until: string | null } | null;
  steps: OnboardingStepView[];
  /** All steps done (the welcome gift was paid then, once); stays true when the 群规 change later. */
  completed: boolean;
  /** The owner published a 群规 version this member has not accepted yet: 首页 asks them to (nothing is blocked). */
  reacceptRules: boolean;
  welcomePoints: number;
  rules: string;
  rulesVersion: number;
  nicknameFormat: string | null;
  profileFields: ProfileField[];
  profile: ProfileValues;
  nickname: string;
  /** My self-introduction on the wall, if posted. */
  myIntro: string | null;
  /** A host's welcome message, shown on the home page. */
  greeting: { text: string; byName: string; at: string } | null;
  /** In the top 10% by 贡献值 over 30 days (积极分子). */
  activist: boolean;
}

/** One application in the hosts' queue (oldest first). */
export interface ApplicationView {
  memberId: string;
  nickname: string;
  answers: Array<{ question: string; answer: string }>;
  /** 邀请来源: the inviter's nickname when an invite code came with it. */
  inviterName: string | null;
  state: 'submitted' | 'approved' | 'rejected';
  round: number;
  submittedAt: string;
  decidedAt: string | null;
  decidedByName: string | null;
  reason: string | null;
}

/** One intro on the 新人介绍 wall. */
export interface IntroView {
  memberId: string;
  nickname: string;
  text: string;
  at: string;
}

/** One newcomer on the hosts' 新人 list. */
export interface NewcomerView {
  memberId: string;
  nickname: string;
  admittedAt: string;
  stepsDone: number;
  stepsTotal: number;
  intro: string | null;
  greeted: boolean;
}

/** A private note (hosts only). */
export interface MemberNoteView {
  text: string;
  byName: string;
  at: string;
}

/** One line of the member audit log. */
export interface MemberAuditView {
  action: 'ban' | 'unban' | 'approve' | 'reject';
  reason: string | null;
  until: string | null;
  byName: string;
  at: string;
}

/** What hosts see of a member beyond `member.detail` (profile, tags, private notes, status, audit). */
export interface MemberProfileDetail {
  status: MemberStatus;
  ban: { reason: string; until: string | null } | null;
  profile: Array<{ label: string; value: string }>;
  tags: string[];
  tagOptions: string[];
  notes: MemberNoteView[];
  audit: MemberAuditView[];
  contribution30: number;
  canBan: boolean;
}

/** One KOC on the owner's list: 30-day 贡献值 and what they did. */
export interface KocView {
  memberId: string;
  nickname: string;
  last30: number;
  total: number;
  did: Array<{ kind: ContributionKind; label: string; count: number }>;
  activist: boolean;
}

/** Owner: onboarding completion per step and per join week. */
export interface OnboardingStats {
  admitted: number;
  perStep: Array<{ key: OnboardingStepKey; label: string; done: number }>;
  completed: number;
  weeks: Array<{ week: string; admitted: number; completed: number }>;
  /** Median seconds from admission to the first greeting (新人响应时间), null when nobody was greeted. */
  medianGreetSeconds: number | null;
  /** Median seconds from application to decision, null when none was decided. */
  medianDecisionSeconds: number | null;
}

/** The onboarding actions of the `member` function (issue 16). */
export interface OnboardingMemberContract {
  /** The caller's status, the entry page, application and checklist (open to pending and banned members). */
  onboarding: Action<Record<string, never>, OnboardingView>;
  /** A pending member applies (application mode) or brings an invite code (referral mode). */
  apply: Action<WriteParams & { answers: string[]; ref?: string }, OnboardingView>;
  /** Host: applications waiting, oldest first (or decided ones, newest first). */
  applications: Action<{ state?: 'submitted' | 'approved' | 'rejected'; limit?: number; after?: string }, { applications: ApplicationView[]; total: number; next: string | null }>;
  /** Host: approve or reject (with a reason the applicant reads); a decided application is not decided again. */
  review: Action<WriteParams & { memberId: string; approve: boolean; reason?: string }, { application: ApplicationView }>;
  /** Complete one checklist step; the last one pays the welcome gift once. */
  completeStep: Action<WriteParams & { step: OnboardingStepKey; rulesVersion?: number; nickname?: string; avatar?: string; profile?: ProfileValues; intro?: string }, OnboardingView>;
  /** The member edits their own nickname (rate-limited, content-checked) and profile. */
  updateProfile: Action<WriteParams & { nickname?: string; profile?: ProfileValues }, OnboardingView>;
  /** The 新人介绍 wall, newest first. */
  intros: Action<{ limit?: number; after?: string }, { intros: IntroView[]; next: string | null }>;
  /** Host: members admitted in the last 14 days with their checklist and intro. */
  newcomers: Action<{ limit?: number; after?: string }, { newcomers: NewcomerView[]; total: number; waiting: number; next: string | null }>;
  /** Host: greet a newcomer (the member reads it on the home page); the first greeting sets 新人响应时间. */
  greet: Action<WriteParams & { memberId: string; text: string }, { memberId: string; greetSeconds: number }>;
  /** Host: set a member's tags (from the owner's list). */
  tag: Action<WriteParams & { memberId: string; tags: string[] }, { tags: string[] }>;
  /** Host: add a private note (members never see it). */
  note: Action<WriteParams & { memberId: string; text: string }, { note: MemberNoteView }>;
  /** Host: profile, tags, private notes, status and audit of one member. */
  profileDetail: Action<{ memberId: string }, MemberProfileDetail>;
  /** Owner (or a host when `hostsMayBan`): ban a member (reason, optional end); open orders are cancelled with refunds, held referrals rejected. */
  ban: Action<WriteParams & { memberId: string; reason: string; until?: string }, { memberId: string; cancelledOrders: number; refunded: number; rejectedReferrals: number }>;
  /** Owner (or a host when `hostsMayBan`): lift a ban. */
  unban: Action<WriteParams & { memberId: string; reason: string }, { memberId: string }>;
  /** Owner: top contributors over 30 days (KOC) with what each did, and the weights. */
  koc: Action<Record<string, never>, { kocs: KocView[]; weights: Array<{ kind: ContributionKind; label: string; points: number }> }>;
  /** Owner: onboarding completion per step and join week. */
  onboardingStats: Action<Record<string, never>, OnboardingStats>;
}
