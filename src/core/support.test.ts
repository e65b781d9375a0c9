import { DEFAULT_SUPPORT_SETTINGS, addWorkingMinutes, caseStepProblem, fillScript, quantile, share, slaClock, workingMinutesBetween } from './support';

const SHANGHAI = () => 480;
const UTC = () => 0;
const HOURS = { startHour: 9, endHour: 21 };
const at = (iso: string) => Date.parse(iso);

describe('working-hours clock', () => {
  it('puts a question asked at 20:50 with 4 h due at 12:50 the next day', () => {
    const due = addWorkingMinutes(at('2026-12-07T20:50:00+08:00'), 240, HOURS, SHANGHAI);
    expect(new Date(due).toISOString()).toBe(new Date('2026-12-08T12:50:00+08:00').toISOString());
  });

  it('pauses at night and starts at 9:00 for a question asked before opening or after closing', () => {
    expect(addWorkingMinutes(at('2026-12-07T23:30:00+08:00'), 60, HOURS, SHANGHAI)).toBe(at('2026-12-08T10:00:00+08:00'));
    expect(addWorkingMinutes(at('2026-12-08T03:00:00+08:00'), 60, HOURS, SHANGHAI)).toBe(at('2026-12-08T10:00:00+08:00'));
    expect(addWorkingMinutes(at('2026-12-08T20:00:00+08:00'), 60, HOURS, SHANGHAI)).toBe(at('2026-12-08T21:00:00+08:00'));
    expect(addWorkingMinutes(at('2026-12-08T20:00:00+08:00'), 61, HOURS, SHANGHAI)).toBe(at('2026-12-09T09:01:00+08:00'));
  });

  it('uses the community offset, not the process zone: the same instant is due differently in UTC', () => {
    // 12:50 UTC is 20:50 in Shanghai; in a UTC community it is midday and the 4 h run straight.
    const start = at('2026-12-07T12:50:00Z');
    expect(addWorkingMinutes(start, 240, HOURS, UTC)).toBe(at('2026-12-07T16:50:00Z'));
    expect(addWorkingMinutes(start, 240, HOURS, SHANGHAI)).toBe(at('2026-12-08T04:50:00Z'));
  });

  it('runs 48 working hours across four days', () => {
    expect(addWorkingMinutes(at('2026-12-07T09:00:00+08:00'), 48 * 60, HOURS, SHANGHAI)).toBe(at('2026-12-10T21:00:00+08:00'));
  });

  it('counts only working minutes between two instants', () => {
    expect(workingMinutesBetween(at('2026-12-07T20:50:00+08:00'), at('2026-12-08T12:50:00+08:00'), HOURS, SHANGHAI)).toBe(240);
    expect(workingMinutesBetween(at('2026-12-07T22:00:00+08:00'), at('2026-12-08T08:00:00+08:00'), HOURS, SHANGHAI)).toBe(0);
    expect(workingMinutesBetween(at('2026-12-07T10:00:00+08:00'), at('2026-12-07T10:30:00+08:00'), HOURS, SHANGHAI)).toBe(30);
    expect(workingMinutesBetween(at('2026-12-08T10:00:00+08:00'), at('2026-12-07T10:30:00+08:00'), HOURS, SHANGHAI)).toBe(0);
  });

  it('marks an item overdue past its limit and for the owner past the second limit', () => {
    const start = at('2026-12-07T10:00:00+08:00');
    const s = DEFAULT_SUPPORT_SETTINGS;
    expect(slaClock(start, 4, s, SHANGHAI, at('2026-12-07T13:59:00+08:00'))).toMatchObject({ overdue: false, toOwner: false });
    expect(slaClock(start, 4, s, SHANGHAI, at('2026-12-07T14:01:00+08:00'))).toMatchObject({ overdue: true, toOwner: false });
    expect(slaClock(start, 4, s, SHANGHAI, at('2026-12-07T18:01:00+08:00'))).toMatchObject({ overdue: true, toOwner: true });
  });
});

describe('case steps and scripts', () => {
  it('allows each step only from the states that make sense', () => {
    expect(caseStepProblem('take', 'open')).toBeNull();
    expect(caseStepProblem('take', 'in_progress')).toMatch(/已有人/);
    expect(caseStepProblem('reopen', 'open')).not.toBeNull();
    expect(caseStepProblem('reopen', 'resolved')).toBeNull();
    expect(caseStepProblem('rate', 'in_progress')).not.toBeNull();
    expect(caseStepProblem('resolve', 'resolved')).not.toBeNull();
  });

  it('fills script placeholders and keeps unknown ones', () => {
    expect(fillScript('{会员}你好，订单{订单}已于{日期}退款', { name: '小林', order: '帆布袋', date: '12月8日' })).toBe('小林你好，订单帆布袋已于12月8日退款');
    expect(fillScript('{会员}你好 {订单}', { name: '小林' })).toBe('小林你好 {订单}');
  });

  it('takes nearest-rank quantiles and shares', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([5, 1, 3], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(share(1, 3)).toBe(0.333);
    expect(share(0, 0)).toBeNull();
  });
});
