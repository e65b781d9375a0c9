import type { WriteParams, Action } from './api';

/** What a host fills in to create a campaign (打卡营). */
export interface CampaignInput {
  title: string;
  /** First community day, `YYYY-MM-DD` (today or later). */
  startDay: string;
  /** Days in the campaign: 7, 14, 21 or any 1–100. */
  length: number;
  /** The daily prompt members answer in their note. */
  prompt: string;
  /** Points each member who checks in on every day receives, once, on the last day. */
  reward: number;
  /** When true a campaign check-in needs note text. */
  noteRequired: boolean;
}

/** A campaign as everyone sees it. */
export interface CampaignView extends CampaignInput {
  id: string;
  endDay: string;
  hostId: string;
  hostName: string;
  participants: number;
  completers: number;
  /** `upcoming` before startDay, `active` through endDay, then `ended`. */
  phase: 'upcoming' | 'active' | 'ended';
}

/** A host comment on a campaign note (点评). */
export interface ReviewComment {
  byName: string;
  text: string;
  at: string;
}

/** One campaign check-in with its note, as participants and hosts read it. */
export interface CampaignNoteView {
  id: string;
  campaignId: string;
  memberId: string;
  nickname: string;
  day: string;
  /** 1-based day number within the campaign. */
  dayIndex: number;
  text: string;
  images: string[];
  at: string;
  featured: boolean;
  comments: ReviewComment[];
  /** Seconds from the note to its first review; null until reviewed. */
  firstReviewSeconds: number | null;
}

/** A member's progress in one campaign. */
export interface CampaignProgress {
  joined: boolean;
  days: number;
  checkedToday: boolean;
  completed: boolean;
  rewarded: boolean;
}

/** Answer of `campaign.get`: the campaign page. */
export interface CampaignPage {
  campaign: CampaignView;
  today: string;
  /** 1-based day number of today inside the campaign, or null outside it. */
  todayIndex: number | null;
  me: CampaignProgress;
  /** Share of participants who checked in today (0–1); null outside the campaign. */
  todayRate: number | null;
  todayCount: number;
  leaderboard: Array<{ memberId: string; nickname: string; days: number }>;
  featured: CampaignNoteView[];
  myNotes: CampaignNoteView[];
  /** Hosts and owners: mean seconds to first review over reviewed notes; null when none or for members. */
  meanFirstReviewSeconds: number | null;
}

/** The `campaign` function's contract. */
export interface CampaignContract {
  create: Action<WriteParams & { campaign: CampaignInput }, { campaign: CampaignView }>;
  list: Action<Record<string, never>, { campaigns: Array<CampaignView & { joined: boolean }> }>;
  get: Action<{ campaignId: string }, CampaignPage>;
  join: Action<WriteParams & { campaignId: string }, { progress: CampaignProgress }>;
  checkin: Action<
    WriteParams & { campaignId: string; text?: string; images?: string[] },
    { note: CampaignNoteView; progress: CampaignProgress; rewardPaid: number; balance: number | null }
  >;
  /** Hosts: their campaigns' notes; owners: all. Oldest unreviewed first (`reviewed: true`: the reviewed history, newest first), optionally one campaign and one day. */
  reviewQueue: Action<{ campaignId?: string; day?: string; reviewed?: boolean; limit?: number; after?: string }, { notes: CampaignNoteView[]; next: string | null }>;
  review: Action<WriteParams & { noteId: string; comment?: string; featured?: boolean }, { note: CampaignNoteView }>;
}
