import { addDays, dayKey, dayRange, daysBetween, endOfFollowingYear, isDayKey, startOfDay } from './day';

describe('community day', () => {
  it('uses Asia/Shanghai midnight, not UTC midnight, for the day boundary', () => {
    // 15:59:59Z is 23:59:59 in Shanghai; 16:00:00Z is 00:00 the next community day.
    expect(dayKey('2026-03-09T15:59:59.999Z', 'Asia/Shanghai')).toBe('2026-03-09');
    expect(dayKey('2026-03-09T16:00:00.000Z', 'Asia/Shanghai')).toBe('2026-03-10');
    expect(dayKey('2026-03-09T16:00:00.000Z', 'UTC')).toBe('2026-03-09');
  });

  it('follows the configured zone, including one with daylight saving', () => {
    // New York switches to EDT on 2026-03-08; 04:30Z is 23:30 EST the day before, 05:30Z after midnight.
    expect(dayKey('2026-03-08T04:30:00Z', 'America/New_York')).toBe('2026-03-07');
    expect(dayKey('2026-03-08T05:30:00Z', 'America/New_York')).toBe('2026-03-08');
  });

  it('starts a community day at 00:00 local time', () => {
    expect(startOfDay('2026-01-01', 'Asia/Shanghai').toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });

  it('steps across month and year ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
  });

  it('lists the days ending at a day, oldest first', () => {
    expect(dayRange('2026-03-02', 3)).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
  });

  it('rejects malformed or impossible day keys', () => {
    expect(isDayKey('2026-02-28')).toBe(true);
    expect(isDayKey('2026-02-30')).toBe(false);
    expect(isDayKey('2026-2-3')).toBe(false);
    expect(isDayKey('2026-02-28T00:00')).toBe(false);
  });

  it('expires points at the end of the following year in the community zone', () => {
    expect(endOfFollowingYear('2026-12-31T17:00:00Z', 'Asia/Shanghai').toISOString()).toBe('2028-12-31T15:59:59.999Z');
    expect(endOfFollowingYear('2026-06-01T00:00:00Z', 'Asia/Shanghai').toISOString()).toBe('2027-12-31T15:59:59.999Z');
  });
});
