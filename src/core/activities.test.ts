import { activityStatus, activityTimesProblem, placeFor } from './activities';

const a = { startsAt: '2026-12-05T06:00:00Z', endsAt: '2026-12-05T09:00:00Z', signupDeadline: '2026-12-04T12:00:00Z' };

describe('activity rules', () => {
  it('moves open → closed → ongoing → ended', () => {
    expect(activityStatus(a, new Date('2026-12-04T11:59:59Z'))).toBe('open');
    expect(activityStatus(a, new Date('2026-12-04T12:00:00Z'))).toBe('closed');
    expect(activityStatus(a, new Date('2026-12-05T06:00:00Z'))).toBe('ongoing');
    expect(activityStatus(a, new Date('2026-12-05T09:00:00Z'))).toBe('ended');
  });
  it('rejects bad times', () => {
    expect(activityTimesProblem(a)).toBeNull();
    expect(activityTimesProblem({ ...a, endsAt: a.startsAt })).not.toBeNull();
    expect(activityTimesProblem({ ...a, signupDeadline: '2026-12-05T06:00:01Z' })).not.toBeNull();
    expect(activityTimesProblem({ ...a, endsAt: '2027-03-01T00:00:00Z' })).not.toBeNull();
  });
  it('confirms until capacity, then waitlists', () => {
    expect(placeFor(29, 30)).toBe('confirmed');
    expect(placeFor(30, 30)).toBe('waitlist');
  });
});
