import { seededDemo } from './support/seededDemo';
import { FUNCTIONS } from '../src/server/functions';
import { invoke } from '../src/server/kernel/handler';
import { memberIdFor } from '../src/server/kernel/ids';

// The demo community a newcomer gets has a real schedule: past lessons with replays and ratings,
// lessons this week and next, all made through the real lessons actions.
const NOW = new Date('2026-11-25T09:00:00+08:00'); // a Wednesday
const demo = seededDemo(NOW, 80);

async function lessons(action: Record<string, unknown>, openid = 'demo-member-001') {
  const r = await invoke(FUNCTIONS.lessons, action, { store: demo.store, openid, now: NOW, ownerOpenids: new Set(['demo-owner']) });
  if (!r.ok) throw new Error(r.error.message);
  return r.data as any;
}

describe('demo lessons', () => {
  it('fills this week, next week and the past with replays, attendance and ratings', async () => {
    const week = await lessons({ action: 'week' });
    const thisWeek = week.days.flatMap((d: { lessons: Array<{ title: string; status: string }> }) => d.lessons);
    expect(thisWeek.map((l: { title: string }) => l.title)).toEqual(expect.arrayContaining(['留存：打卡营的设计', '周末答疑：运营问题现场解']));
    expect(week.days.find((d: { day: string }) => d.day === '2026-11-25').lessons[0].status).toBe('scheduled');
    const next = await lessons({ action: 'week', day: '2026-12-01' });
    expect(next.days.flatMap((d: { lessons: Array<{ title: string }> }) => d.lessons.map((l) => l.title))).toContain('转化：付费会员怎么设计');

    const past = (await lessons({ action: 'past' })).lessons as Array<{ id: string; status: string }>;
    expect(past.map((l) => l.status)).toEqual(['ended', 'replay', 'replay']);
    const stats = await lessons({ action: 'stats', lessonId: past[1].id }, 'demo-host-1');
    expect(stats.attendees).toBeGreaterThan(0);
    expect(stats.averageRating).toBeGreaterThanOrEqual(4);
    expect(stats.questions).toBeGreaterThan(0);
    expect(stats.answered).toBe(stats.questions);
  });

  it('has a past 分会 with prizes, an ongoing 打卡赛 and a full 沙龙 with a waitlist', async () => {
    const r = await invoke(FUNCTIONS.activities, { action: 'list', from: '2026-11-01' }, { store: demo.store, openid: 'demo-member-002', now: NOW, ownerOpenids: new Set() });
    if (!r.ok) throw new Error(r.error.message);
    const list = (r.data as { activities: Array<{ title: string; status: string; confirmed: number; capacity: number; waitlisted: number; summary: string | null }> }).activities;
    expect(list.map((a) => [a.title, a.status])).toEqual([
      ['北京分会线下见面', 'ended'],
      ['21 天早起打卡赛', 'ongoing'],
      ['上海线下沙龙：社群变现', 'open'],
    ]);
    expect(list[0].summary).toContain('到场 12 人');
    expect(list[2]).toMatchObject({ confirmed: 12, capacity: 12, waitlisted: 3 });
    const ledger = await demo.store.get<{ id: string; delta: number }>('ledger', `activity:${(await demo.store.find<{ id: string; title: string }>('activities', { orderBy: { field: 'startsAt', direction: 'asc' }, limit: 1 })).docs[0].id}:${memberIdFor('demo-member-002')}`);
    expect(ledger?.delta).toBe(50);
  });
});
