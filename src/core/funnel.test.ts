import {
  addToRollup,
  applyActivity,
  applyConversion,
  cohortMatrix,
  emptyRollup,
  joinedFunnel,
  medianOf,
  milestonesOf,
  rollupsFromMembers,
  stageFigures,
  weekStart,
  type MemberFunnel,
} from './funnel';
import { addDays } from './day';
import { DEFAULT_SETTINGS } from './settings';

const W = DEFAULT_SETTINGS.funnel;
const JOIN = '2026-03-02';
const day = (n: number) => addDays(JOIN, n - 1); // membership day n (join day = 1)

function replay(days: string[], vip: string | null = null): MemberFunnel {
  let f = joinedFunnel(JOIN);
  for (const d of days) f = applyActivity(f, d, W).state;
  if (vip) f = applyConversion(f, vip, W).state;
  return f;
}

describe('milestones at the window edges', () => {
  it('activates on membership day 7 but not day 8', () => {
    expect(replay([day(7)]).activatedDay).toBe(day(7));
    expect(replay([day(8)]).activatedDay).toBeNull();
    expect(milestonesOf(JOIN, [day(7)], null, W).activated).toBe(true);
    expect(milestonesOf(JOIN, [day(8)], null, W).activated).toBe(false);
  });

  it('retains with 3 distinct days inside days 8–30, ignoring day 7 and day 31', () => {
    expect(replay([day(1), day(8), day(19), day(30)]).retainedDay).toBe(day(30));
    expect(replay([day(1), day(7), day(8), day(30), day(31)]).retainedDay).toBeNull();
    expect(milestonesOf(JOIN, [day(7), day(8), day(30), day(31)], null, W).retained).toBe(false);
  });

  it('converts on day 60 but not day 61, and never twice', () => {
    expect(replay([day(1)], day(60)).convertedDay).toBe(day(60));
    expect(replay([day(1)], day(61)).convertedDay).toBeNull();
    const once = replay([day(1)], day(5));
    expect(applyConversion(once, day(6), W).delta.stages).toEqual([]);
  });

  it('nests the funnel: retained without activation stays at stage 1, and reaches stage 3 only once activated', () => {
    const f = replay([day(8), day(9), day(10)]);
    expect(f.retainedDay).toBe(day(10));
    expect(f.stage).toBe(1);
    // A makeup of day 6 recorded on day 11: activation arrives late and both stages are reached.
    const late = applyActivity(f, day(6), W);
    expect(late.delta.stages).toEqual(['activated', 'retained']);
    expect(late.state.stage).toBe(3);
  });

  it('agrees with the first-principles definition on random histories', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 300; i += 1) {
      const days = [...new Set(Array.from({ length: Math.floor(rand() * 12) }, () => day(1 + Math.floor(rand() * 40))))];
      const vip = rand() < 0.4 ? day(Math.floor(rand() * 70) - 3) : null;
      const f = replay(days, vip);
      const m = milestonesOf(JOIN, days, vip, W);
      expect({ a: f.activatedDay !== null, r: f.retainedDay !== null, c: f.convertedDay !== null }).toEqual({ a: m.activated, r: m.retained, c: m.converted });
      const nested = m.activated ? (m.retained ? (m.converted ? 4 : 3) : 2) : 1;
      expect(f.stage).toBe(nested);
    }
  });
});

describe('figures', () => {
  it('takes the median of a histogram, averaging the middle pair', () => {
    expect(medianOf({})).toBeNull();
    expect(medianOf({ 3: 1 })).toBe(3);
    expect(medianOf({ 1: 1, 4: 1 })).toBe(2.5);
    expect(medianOf({ 0: 2, 5: 1, 9: 2 })).toBe(5);
  });

  it('computes step and overall conversion and drop-off', () => {
    const r = { ...emptyRollup(JOIN, 'group'), acquired: 10, activated: 6, retained: 3, converted: 0 };
    const [acq, act, ret, conv] = stageFigures(r);
    expect(acq).toMatchObject({ key: 'acquired', count: 10, stepConversion: 1, overallConversion: 1, dropOff: 0 });
    expect(act).toMatchObject({ key: 'activated', stepConversion: 0.6, overallConversion: 0.6, dropOff: 4 });
    expect(ret).toMatchObject({ key: 'retained', stepConversion: 0.5, overallConversion: 0.3, dropOff: 3 });
    expect(conv).toMatchObject({ key: 'converted', stepConversion: 0, dropOff: 3, medianDaysToReach: null });
    expect(stageFigures(emptyRollup(JOIN, 'group'))[1].stepConversion).toBeNull();
  });

  it('rebuilds the same rollup from member states as the incremental path', () => {
    const histories = [[day(1), day(8), day(9), day(12)], [day(3)], [], [day(20), day(2)]];
    let incremental = { ...emptyRollup(JOIN, 'poster') };
    const members = histories.map((days) => {
      incremental = { ...incremental, acquired: incremental.acquired + 1 };
      let f = joinedFunnel(JOIN);
      for (const d of days) {
        const step = applyActivity(f, d, W);
        incremental = addToRollup(incremental, step.delta);
        f = step.state;
      }
      return { channel: 'poster', funnel: f };
    });
    expect(rollupsFromMembers(members).get(`${JOIN}:poster`)).toEqual(incremental);
    expect(incremental).toMatchObject({ acquired: 4, activated: 3, retained: 1, activeByWeek: { 0: 3, 1: 1, 2: 1 } });
    expect(incremental.reach.retained).toEqual({ 11: 1 });
  });

  it('counts a conversion for the conversion rate even when the nested funnel stage is not reached', () => {
    const start = { ...emptyRollup(JOIN, 'group'), acquired: 1 };
    const step = applyConversion(joinedFunnel(JOIN), day(3), W);
    const r = addToRollup(start, step.delta);
    expect(r).toMatchObject({ converted: 0, convertedAny: 1 });
    expect(rollupsFromMembers([{ channel: 'group', funnel: step.state }]).get(`${JOIN}:group`)).toEqual(r);
  });

  it('starts weeks on Monday', () => {
    expect(weekStart('2026-03-02')).toBe('2026-03-02');
    expect(weekStart('2026-03-08')).toBe('2026-03-02');
    expect(weekStart('2026-03-09')).toBe('2026-03-09');
  });

  it('shows only fully passed weeks in the cohort matrix', () => {
    const r = { ...emptyRollup('2026-03-02', 'group'), acquired: 4, activeByWeek: { 0: 4, 1: 2, 2: 1 } };
    // On 03-16 weeks 0 (03-02..08) and 1 (03-09..15) have passed; week 2 has not.
    expect(cohortMatrix([r], '2026-03-16', 12)).toEqual([{ week: '2026-03-02', members: 4, shares: [1, 0.5] }]);
    expect(cohortMatrix([r], '2026-03-15', 12)[0].shares).toEqual([1]);
  });
});
