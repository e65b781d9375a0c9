import { seededDemo } from './support/seededDemo';
import { FUNCTIONS } from '../src/server/functions';
import { invoke } from '../src/server/kernel/handler';
import { DEMO_TIER_MEMBER } from '../src/server/local/demoSeed';

// The demo community shows tiers working: a 黄金 member near the threshold with a keep-tier
// preview, silver members from check-ins, VIPs expiring soon and a renewal.
const NOW = new Date('2026-11-25T09:00:00+08:00');
const demo = seededDemo(NOW, 60);

async function vip(openid: string, action: string) {
  const r = await invoke(FUNCTIONS.vip, { action }, { store: demo.store, openid, now: NOW, ownerOpenids: new Set(['demo-owner']) });
  if (!r.ok) throw new Error(r.error.message);
  return r.data as any;
}

describe('demo tiers', () => {
  it('has a 黄金 member whose growth leaves the window before the next evaluation', async () => {
    const s = await vip(DEMO_TIER_MEMBER, 'status');
    expect(s.tier.name).toBe('黄金');
    expect(s.growth).toBe(2020);
    expect(s.preview).toMatchObject({ need: 100, by: '2026-12-01', days: 6, text: '6 天内再获得 100 成长值可保持黄金' });
  });

  it('gives the owner view VIPs expiring soon, a renewal and more than one tier', async () => {
    const o = await vip('demo-owner', 'overview');
    expect(o.vips).toBe(3);
    expect(o.expiring.length).toBeGreaterThanOrEqual(1);
    expect(o.distribution.filter((d: { count: number }) => d.count > 0).length).toBeGreaterThanOrEqual(2);
    expect(o.renewal.some((r: { renewed: number }) => r.renewed > 0)).toBe(true);
  });
});
