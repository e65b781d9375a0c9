import { useCallback, useState } from 'react';
import type { CampaignInput, CampaignNoteView, CampaignPage, CampaignView } from '../../types/campaign';
import { ApiFailure } from '../services/api';
import { checkInCampaign, createCampaign, fetchCampaign, fetchCampaigns, fetchReviewQueue, joinCampaign, reviewNote } from '../services/campaign';
import { pickImages, uploadNoteImage } from '../services/notes';
import { login } from '../services/session';
import { usePaged } from './usePaged';
import { useIntent } from './useIntent';
import { useRemote } from './useRemote';

/** The 打卡营 list with the join action. */
export function useCampaignList() {
  const remote = useRemote<Array<CampaignView & { joined: boolean }>>(async () => {
    await login();
    return fetchCampaigns();
  }, 'campaigns');
  const intent = useIntent();
  const join = useCallback(
    async (campaignId: string) => {
      const done = await intent.run(`join:${campaignId}`, (requestId) => joinCampaign(campaignId, requestId));
      if (done) await remote.reload();
      return done;
    },
    [intent, remote],
  );
  return { ...remote, join, busy: intent.busy, actionError: intent.error };
}

/** One campaign page: join, today's check-in with a note (text and photos), and the page data. */
export function useCampaign(campaignId: string) {
  const remote = useRemote<CampaignPage>(async () => {
    await login();
    return fetchCampaign(campaignId);
  }, `campaign:${campaignId}`);
  const intent = useIntent();
  const [text, setText] = useState('');
  const [images, setImages] = useState<string[]>([]);

  const join = useCallback(async () => {
    const done = await intent.run('join', (requestId) => joinCampaign(campaignId, requestId));
    if (done) await remote.reload();
    return done;
  }, [intent, remote, campaignId]);

  const addImages = useCallback(async () => {
    if (images.length >= 3) return;
    let paths: string[];
    try {
      paths = await pickImages(3 - images.length);
    } catch {
      return; // the member closed the picker
    }
    const refs = await intent.run('upload', async () => Promise.all(paths.map(uploadNoteImage)));
    if (refs) setImages((list) => [...list, ...refs].slice(0, 3));
  }, [images.length, intent]);

  const checkIn = useCallback(async () => {
    const body = text.trim();
    if (remote.data?.campaign.noteRequired && !body) {
      intent.setError(new ApiFailure('VALIDATION', '这个打卡营需要写打卡笔记'));
      return null;
    }
    const done = await intent.run(`checkin:${body}:${images.join(',')}`, (requestId) => checkInCampaign(campaignId, body, images, requestId));
    if (done) {
      setText('');
      setImages([]);
      await remote.reload();
    }
    return done;
  }, [text, images, remote, intent, campaignId]);

  return { ...remote, join, checkIn, text, setText, images, addImages, removeImage: (ref: string) => setImages((l) => l.filter((r) => r !== ref)), busy: intent.busy, actionError: intent.error };
}

/** Hosts: create a campaign. */
export function useCreateCampaign() {
  const intent = useIntent();
  const create = useCallback(
    (input: CampaignInput) => intent.run(`create:${JSON.stringify(input)}`, (requestId) => createCampaign(input, requestId)),
    [intent],
  );
  return { create, busy: intent.busy !== null, error: intent.error };
}

/** Hosts: the review queue (oldest unreviewed first, filters by campaign and day) and the review action. */
export function useReviewQueue(filter: { campaignId?: string; day?: string; reviewed?: boolean }) {
  const paged = usePaged<CampaignNoteView>(async (after) => {
    await login();
    const page = await fetchReviewQueue(filter, after);
    return { items: page.notes, next: page.next };
  }, `review:${filter.reviewed ? 'done' : 'open'}:${filter.campaignId ?? ''}:${filter.day ?? ''}`);
  const intent = useIntent();
  const { setItems } = paged;
  const review = useCallback(
    async (noteId: string, comment: string, featured: boolean) => {
      const note = await intent.run(`review:${noteId}:${comment}:${featured}`, (requestId) => reviewNote(noteId, comment, featured, requestId));
      if (note) setItems((list) => list.filter((n) => n.id !== noteId));
      return note;
    },
    [intent, setItems],
  );
  return { ...paged, review, busy: intent.busy, actionError: intent.error };
}

/** Hosts: the campaigns they may review (their own; every campaign for owners), for the queue's filter. */
export function useHostedCampaigns() {
  return useRemote<CampaignView[]>(async () => {
    const me = await login();
    const all = await fetchCampaigns();
    return all.filter((c) => me.role === 'owner' || c.hostId === me.id);
  }, 'hosted-campaigns');
}
