import { seededDemo } from './support/seededDemo';
import { FUNCTIONS } from '../src/server/functions';
import { invoke } from '../src/server/kernel/handler';
import { DEMO_HOSTS, DEMO_OWNER } from '../src/server/local/demoSeed';
import { scanAll } from '../src/server/store/scan';

// The demo community shows the support desk: 60 days of questions mostly answered by members,
// complaints and disputes in every state, an order refunded from its case, and overdue items.
const NOW = new Date('2026-12-07T16:00:00+08:00');
const demo = seededDemo(NOW, 120);

async function support(openid: string, event: Record<string, unknown>) {
  const r = await invoke(FUNCTIONS.support, event, { store: demo.store, openid, now: NOW, ownerOpenids: new Set([DEMO_OWNER]) });
  if (!r.ok) throw new Error(r.error.message);
  return r.data as any;
}

it('seeds 60 days of questions, mostly answered by members, with paid accepted answers', async () => {
  const m = await support(DEMO_OWNER, { action: 'metrics', days: 60 });
  expect(m.questions).toBeGreaterThanOrEqual(60);
  expect(m.answeredByMembers).toBeGreaterThan(0.5);
  expect(m.medianFirstResponseMinutes).not.toBeNull();
  expect(m.perHost.length).toBeGreaterThan(0);
  const paid = (await scanAll(demo.store, 'ledger', {})).filter((e) => e.reason === 'support' && e.id.startsWith('support:answer:'));
  expect(paid.length).toBeGreaterThan(10);
  const kb = await support(DEMO_OWNER, { action: 'questions', sort: 'useful' });
  expect(kb.questions[0].state).toBe('accepted');
});

it('has complaints and disputes in every state, self-settled disputes and an order refunded from its case', async () => {
  const cases = await scanAll(demo.store, 'supportCases', {});
  expect(new Set(cases.map((c) => c.state))).toEqual(new Set(['open', 'in_progress', 'resolved', 'escalated']));
  expect(cases.some((c) => c.kind === 'dispute' && c.selfResolved)).toBe(true);
  expect(cases.some((c) => c.reopened > 0)).toBe(true);
  const refunded = cases.find((c) => c.remedies.some((r) => r.kind === 'refund'));
  expect(refunded).toBeDefined();
  const order = await demo.store.get('orders', refunded?.orderId ?? '');
  expect(order).toMatchObject({ status: 'cancelled', caseId: refunded?.id });
  const m = await support(DEMO_OWNER, { action: 'metrics', days: 60 });
  expect(m.disputeSelfResolution).toBeGreaterThan(0);
  expect(m.satisfaction).not.toBeNull();
});

it('leaves some items overdue at the top of the host queue', async () => {
  const q = await support(DEMO_HOSTS[0], { action: 'queue' });
  expect(q.items.length).toBeGreaterThan(0);
  expect(q.items[0].clock.overdue).toBe(true);
});
