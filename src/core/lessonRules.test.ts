import { attendWindow, attendanceRate, averageRating, blockedWordIn, clockOf, lessonStatus, lessonTimesProblem, mondayOf, weekDays, zonedInstant } from './lessonRules';

const lesson = { startsAt: '2026-11-24T12:00:00.000Z', endsAt: '2026-11-24T13:00:00.000Z', published: true, hasReplay: false };

describe('lesson rules', () => {
  it('derives the status from the clock', () => {
    expect(lessonStatus({ ...lesson, published: false }, new Date('2026-11-24T12:30:00Z'))).toBe('draft');
    expect(lessonStatus(lesson, new Date('2026-11-24T11:59:59Z'))).toBe('scheduled');
    expect(lessonStatus(lesson, new Date('2026-11-24T12:00:00Z'))).toBe('live');
    expect(lessonStatus(lesson, new Date('2026-11-24T13:00:00Z'))).toBe('ended');
    expect(lessonStatus({ ...lesson, hasReplay: true }, new Date('2026-11-24T13:00:00Z'))).toBe('replay');
  });

  it('opens attendance at the start and closes it 30 minutes after the end', () => {
    expect(attendWindow(lesson, new Date('2026-11-24T11:59:00Z'))).toBe('early');
    expect(attendWindow(lesson, new Date('2026-11-24T13:30:00Z'))).toBe('open');
    expect(attendWindow(lesson, new Date('2026-11-24T13:30:01Z'))).toBe('closed');
  });

  it('rejects backwards, empty and over-long lessons', () => {
    expect(lessonTimesProblem({ startsAt: lesson.startsAt, endsAt: lesson.startsAt })).not.toBeNull();
    expect(lessonTimesProblem({ startsAt: lesson.startsAt, endsAt: '2026-11-25T00:00:01Z' })).not.toBeNull();
    expect(lessonTimesProblem({ startsAt: lesson.startsAt, endsAt: '2026-11-25T00:00:00Z' })).toBeNull();
    expect(lessonTimesProblem({ startsAt: 'soon', endsAt: lesson.endsAt })).not.toBeNull();
  });

  it('finds the Monday–Sunday week', () => {
    expect(mondayOf('2026-11-24')).toBe('2026-11-23');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(weekDays('2026-01-01')).toEqual(['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04']);
  });

  it('computes rates and filters words', () => {
    expect(attendanceRate(3, 12)).toBe(0.25);
    expect(attendanceRate(0, 0)).toBeNull();
    expect(averageRating([5, 4, 3])).toBe(4);
    expect(averageRating([])).toBeNull();
    expect(blockedWordIn('想问 下 赌 博 的事')).toBe('赌博');
    expect(blockedWordIn('如何提高留存？')).toBeNull();
  });
});

describe('lesson clock', () => {
  it('shows times in the community zone', () => {
    expect(clockOf('2026-11-24T12:05:00Z', 'Asia/Shanghai')).toBe('20:05');
    expect(clockOf('2026-11-24T16:30:00Z', 'Asia/Shanghai')).toBe('00:30');
  });
});

describe('zonedInstant', () => {
  it('reads a wall-clock time in the community zone', () => {
    expect(zonedInstant('2026-11-24', '20:00', 'Asia/Shanghai')).toBe('2026-11-24T12:00:00.000Z');
    expect(zonedInstant('2026-11-24', '24:00', 'Asia/Shanghai')).toBeNull();
    expect(zonedInstant('2026-02-30', '10:00', 'Asia/Shanghai')).toBeNull();
  });
});
