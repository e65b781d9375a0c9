import { topicReward, visibleToMembers } from './posts';

describe('posts rules', () => {
  it('shows a post from its publish minute, never drafts or hidden posts', () => {
    const at = '2026-11-25T00:00:00.000Z';
    expect(visibleToMembers({ state: 'scheduled', publishAt: at, hidden: null }, Date.parse(at) - 60_000)).toBe(false);
    expect(visibleToMembers({ state: 'scheduled', publishAt: at, hidden: null }, Date.parse(at))).toBe(true);
    expect(visibleToMembers({ state: 'draft', publishAt: null, hidden: null }, Date.parse(at))).toBe(false);
    expect(visibleToMembers({ state: 'published', publishAt: at, hidden: { reason: 'x' } }, Date.parse(at))).toBe(false);
  });
  it('pays a topic reply once and within the daily cap', () => {
    expect(topicReward({ alreadyRewarded: false, rewardedToday: 0, points: 5, dailyCap: 3 })).toEqual({ points: 5, capped: false });
    expect(topicReward({ alreadyRewarded: true, rewardedToday: 0, points: 5, dailyCap: 3 })).toEqual({ points: 0, capped: false });
    expect(topicReward({ alreadyRewarded: false, rewardedToday: 3, points: 5, dailyCap: 3 })).toEqual({ points: 0, capped: true });
  });
});
