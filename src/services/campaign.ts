import type { CampaignInput, CampaignNoteView, CampaignPage, CampaignProgress, CampaignView } from '../../types/campaign';
import { call, newRequestId } from './api';

/** Recent and upcoming campaigns (打卡营), with whether the member joined each. */
export async function fetchCampaigns(): Promise<Array<CampaignView & { joined: boolean }>> {
  return (await call('campaign', 'list', {})).campaigns;
}

/** One campaign's page: progress, today's rate, leaderboard, 精选 notes and the member's notes with comments. */
export function fetchCampaign(campaignId: string): Promise<CampaignPage> {
  return call('campaign', 'get', { campaignId });
}

/** Hosts: create a campaign; VALIDATION for bad fields. */
export async function createCampaign(campaign: CampaignInput, requestId: string = newRequestId()): Promise<CampaignView> {
  return (await call('campaign', 'create', { requestId, campaign })).campaign;
}

/** Join a campaign; CONFLICT when already joined or ended. */
export async function joinCampaign(campaignId: string, requestId: string = newRequestId()): Promise<CampaignProgress> {
  return (await call('campaign', 'join', { requestId, campaignId })).progress;
}

/** Today's campaign check-in with its note; answers the reward paid on completion. */
export function checkInCampaign(campaignId: string, text: string, images: string[], requestId: string = newRequestId()) {
  return call('campaign', 'checkin', { requestId, campaignId, ...(text ? { text } : {}), ...(images.length > 0 ? { images } : {}) });
}

/** Hosts: unreviewed notes, oldest first (or with `reviewed` the reviewed history, newest first), optionally one campaign and one day. */
export function fetchReviewQueue(filter: { campaignId?: string; day?: string; reviewed?: boolean }, after?: string): Promise<{ notes: CampaignNoteView[]; next: string | null }> {
  return call('campaign', 'reviewQueue', { limit: 20, ...filter, ...(after ? { after } : {}) });
}

/** Hosts: comment on a note and/or mark it 精选. */
export async function reviewNote(noteId: string, comment: string, featured: boolean, requestId: string = newRequestId()): Promise<CampaignNoteView> {
  return (await call('campaign', 'review', { requestId, noteId, featured, ...(comment ? { comment } : {}) })).note;
}
