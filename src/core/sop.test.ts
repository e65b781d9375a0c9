import { cadenceLabel, cadenceProblem, dueDays, dueOn, occurrenceOutcome, weekdayOf } from './sop';

describe('sop cadences', () => {
  it('knows weekdays and due days', () => {
    expect(weekdayOf('2026-11-24')).toBe(2);
    expect(weekdayOf('2026-11-29')).toBe(7);
    expect(dueDays({ kind: 'weekly', weekday: 1, time: '20:00' }, '2026-11-01', '2026-11-30')).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30']);
    expect(dueDays({ kind: 'daily', time: '08:00' }, '2026-11-29', '2026-12-01')).toHaveLength(3);
  });
  it('moves a monthly day past the month end to its last day', () => {
    expect(dueOn({ kind: 'monthly', day: 31, time: '10:00' }, '2026-11-30')).toBe(true);
    expect(dueOn({ kind: 'monthly', day: 31, time: '10:00' }, '2026-12-30')).toBe(false);
    expect(dueOn({ kind: 'yearly', month: 2, day: 29, time: '10:00' }, '2027-02-28')).toBe(true);
    expect(dueOn({ kind: 'yearly', month: 12, day: 31, time: '10:00' }, '2026-12-31')).toBe(true);
  });
  it('refuses malformed cadences with a sentence and labels good ones', () => {
    expect(cadenceProblem({ kind: 'daily', time: '25:00' })).toMatch(/HH:mm/);
    expect(cadenceProblem({ kind: 'weekly', weekday: 0, time: '08:00' })).toBe('请选择星期几');
    expect(cadenceProblem({ kind: 'daily', time: '08:00' })).toBeNull();
    expect(cadenceLabel({ kind: 'weekly', weekday: 3, time: '20:00' })).toBe('每周三 20:00');
  });
  it('calls an occurrence on time within the grace hour, late after, missed when not done', () => {
    const due = Date.parse('2026-11-24T00:00:00Z');
    expect(occurrenceOutcome(due, due + 59 * 60_000)).toBe('on_time');
    expect(occurrenceOutcome(due, due + 61 * 60_000)).toBe('late');
    expect(occurrenceOutcome(due, null)).toBe('missed');
  });
});
