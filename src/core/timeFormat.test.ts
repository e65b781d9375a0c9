import { instantAt, localClock, localDateTime, localDateWords, localDay, localMonthDayTime } from './timeFormat';
import { utcOffsetMinutes } from './day';

// The client formatter must give the community's wall clock from the offset alone: with the
// process in another zone, and with Intl's timeZone unavailable (Android WeChat ignores it).
const realTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Pacific/Honolulu';
});
afterAll(() => {
  process.env.TZ = realTz;
});

describe('formatting from a fixed offset', () => {
  const at = '2026-12-01T16:30:00.000Z';

  it('reads the same as the community, not the device, for several offsets', () => {
    expect(localDateTime(at, 480)).toBe('2026-12-02 00:30'); // Asia/Shanghai
    expect(localDateTime(at, -300)).toBe('2026-12-01 11:30'); // America/New_York in winter
    expect(localDateTime(at, 330)).toBe('2026-12-01 22:00'); // Asia/Kolkata
    expect(localMonthDayTime(at, 540)).toBe('12-02 01:30'); // Asia/Tokyo
    expect(localClock(at, 345)).toBe('22:15'); // Asia/Kathmandu
    expect(localDay('2026-12-31T23:59:00.000Z', 480)).toBe('2027-01-01');
    expect(localDateWords(at, 480)).toBe('2026年12月2日');
    expect(localDateWords(at, -300, false)).toBe('12月1日');
  });

  it('never asks Intl for a time zone', () => {
    const spy = jest.spyOn(Intl, 'DateTimeFormat').mockImplementation(() => {
      throw new Error('Intl.DateTimeFormat must not be used on the client');
    });
    try {
      expect(localDateTime(at, 480)).toBe('2026-12-02 00:30');
      expect(instantAt('2026-12-02', '00:30', 480)).toBe(at);
    } finally {
      spy.mockRestore();
    }
  });

  it('turns a host-typed day and time back into the instant, refusing impossible ones', () => {
    expect(instantAt('2026-12-01', '11:30', -300)).toBe(at);
    expect(instantAt('2026-12-02', '00:30', 480)).toBe(at);
    expect(instantAt('2026-02-30', '10:00', 480)).toBeNull();
    expect(instantAt('2026-12-01', '24:00', 480)).toBeNull();
    expect(instantAt('12/01', '10:00', 480)).toBeNull();
  });

  it('gives nothing for an unreadable instant', () => {
    expect(localDateTime('not a time', 480)).toBe('');
  });
});

describe('the offset the server sends', () => {
  it('is the zone offset at that instant', () => {
    expect(utcOffsetMinutes('Asia/Shanghai', '2026-12-01T16:30:00Z')).toBe(480);
    expect(utcOffsetMinutes('America/New_York', '2026-12-01T16:30:00Z')).toBe(-300);
    expect(utcOffsetMinutes('America/New_York', '2026-07-01T16:30:00Z')).toBe(-240);
    expect(utcOffsetMinutes('Asia/Kolkata', '2026-12-01T16:30:00Z')).toBe(330);
    expect(utcOffsetMinutes('UTC', '2026-12-01T00:00:00Z')).toBe(0);
  });
});
