import { startGateway, type TestGateway } from './support/gateway';

// The owner's referral-reward and funnel-window editors (issue 14, item 12): only the owner changes
// them, every refusal is a Chinese sentence and changes nothing, a replay returns the first answer,
// every change lands in the same log as the check-in rules, and the new rules are what the product pays.
let gw: TestGateway;
const OWNER = 'rules-owner';
const MEMBER = 'rules-member';

const DEFAULT_REFERRAL = {
  activationReward: 50,
  conversionReward: 200,
  welcomeReward: 10,
  dailyCap: 10,
  milestones: [
    { count: 5, bonus: 100 },
    { count: 20, bonus: 500 },
  ],
  velocityPerHour: 20,
};
const DEFAULT_TIERS = {
  windowDays: 365,
  graceDays: 30,
  lessonGrowth: 0,
  tiers: [
    { key: 'normal', name: '普通', threshold: 0, multiplier: 1 },
    { key: 'silver', name: '白银', threshold: 500, multiplier: 1.1 },
    { key: 'gold', name: '黄金', threshold: 2000, multiplier: 1.2 },
    { key: 'diamond', name: '钻石', threshold: 5000, multiplier: 1.5 },
  ],
};
const withTier = (key: string, patch: Record<string, unknown>) => ({ ...DEFAULT_TIERS, tiers: DEFAULT_TIERS.tiers.map((t) => (t.key === key ? { ...t, ...patch } : t)) });
const DEFAULT_VIP = {
  floorTier: 'gold',
  reminderDays: [7, 1],
  plans: [
    { id: 'month', name: '月卡', days: 30, priceFen: 9900 },
    { id: 'year', name: '年卡', days: 365, priceFen: 69900 },
  ],
};
const DEFAULT_FUNNEL = { activationDays: 7, retentionFromDay: 8, retentionToDay: 30, retentionMinActiveDays: 3, conversionDays: 60, inactiveAfterDays: 14 };

let seq = 0;
const rid = () => `rules-req-${++seq}`;

beforeAll(async () => {
  gw = await startGateway({ owners: [OWNER] });
  for (const who of [OWNER, MEMBER]) await gw.call(who, 'member', { action: 'login' }, '2026-11-01T02:00:00Z');
});

afterAll(async () => {
  await gw.close();
});

async function current() {
  return (await gw.call(OWNER, 'settings', { action: 'rules' })).body.data;
}

async function logEntries(): Promise<Array<{ section: string; before: unknown; after: unknown }>> {
  return (await gw.call(OWNER, 'settings', { action: 'log', limit: 100 })).body.data.entries;
}

async function balance(openid: string, at: string): Promise<number> {
  return (await gw.call(openid, 'points', { action: 'balance' }, at)).body.data.balance;
}

describe('owner rule editors', () => {
  it('shows the defaults and refuses members', async () => {
    expect(await current()).toEqual({ referral: DEFAULT_REFERRAL, funnel: DEFAULT_FUNNEL, tiers: DEFAULT_TIERS, expiry: { kind: 'end_of_next_year' }, vip: DEFAULT_VIP });
    const events = [
      { action: 'updateVipRules', requestId: rid(), rules: DEFAULT_VIP },
      { action: 'expiryPreview', policy: { kind: 'never' } },
      { action: 'updateExpiryPolicy', requestId: rid(), policy: { kind: 'never' } },
      { action: 'updateTierRules', requestId: rid(), rules: DEFAULT_TIERS },
      { action: 'rules' },
      { action: 'updateReferralRules', requestId: rid(), rules: DEFAULT_REFERRAL },
      { action: 'updateFunnelWindows', requestId: rid(), rules: DEFAULT_FUNNEL },
    ];
    for (const event of events) expect((await gw.call(MEMBER, 'settings', event)).body.error.code).toBe('FORBIDDEN');
  });

  it('refuses each bad value with a Chinese sentence and changes nothing', async () => {
    const bad: Array<[string, Record<string, unknown>, string]> = [
      ['updateReferralRules', { ...DEFAULT_REFERRAL, activationReward: -5 }, '激活奖励'],
      ['updateReferralRules', { ...DEFAULT_REFERRAL, dailyCap: 0 }, '每日奖励上限'],
      ['updateReferralRules', { ...DEFAULT_REFERRAL, milestones: [{ count: 5, bonus: 10 }, { count: 5, bonus: 20 }] }, '累计人数不能重复'],
      ['updateReferralRules', { ...DEFAULT_REFERRAL, welcomeReward: 1.5 }, '新人欢迎积分'],
      ['updateFunnelWindows', { ...DEFAULT_FUNNEL, retentionToDay: 5 }, '留存观察结束不能早于开始'],
      ['updateFunnelWindows', { ...DEFAULT_FUNNEL, activationDays: 0 }, '激活期'],
      ['updateFunnelWindows', { ...DEFAULT_FUNNEL, retentionMinActiveDays: 40 }, '留存至少活跃天数'],
      ['updateTierRules', withTier('gold', { threshold: 400 }), '黄金门槛需高于白银'],
      ['updateTierRules', withTier('silver', { multiplier: 3.5 }), '积分倍数需为 1–3 倍'],
      ['updateTierRules', withTier('silver', { multiplier: 1.25 }), '白银积分倍数需为 1–3 倍，最多一位小数'],
      ['updateTierRules', { ...DEFAULT_TIERS, windowDays: 7 }, '成长值统计天数'],
      ['updateTierRules', withTier('normal', { threshold: 10 }), '普通会员门槛固定为 0'],
      ['updateExpiryPolicy', { kind: 'rolling', days: 3 }, '有效天数'],
      ['updateExpiryPolicy', { kind: 'monthly' }, '请选择积分有效期'],
      ['updateVipRules', { ...DEFAULT_VIP, plans: [{ ...DEFAULT_VIP.plans[0], priceFen: 0 }] }, '套餐价格'],
      ['updateVipRules', { ...DEFAULT_VIP, plans: [] }, '至少保留一个会员套餐'],
      ['updateVipRules', { ...DEFAULT_VIP, reminderDays: [7, 7] }, '续费提醒天数不能重复'],
      ['updateVipRules', { ...DEFAULT_VIP, plans: [{ id: 'week', name: '周卡', days: 7, priceFen: 990 }] }, '请在现有套餐上修改'],
      ['updateVipRules', { ...DEFAULT_VIP, plans: [{ ...DEFAULT_VIP.plans[0], name: '' }] }, '套餐名称'],
    ];
    for (const [action, rules, words] of bad) {
      const body = action === 'updateExpiryPolicy' ? { policy: rules } : { rules };
      const r = await gw.call(OWNER, 'settings', { action, requestId: rid(), ...body });
      expect(r.body.error.code).toBe('VALIDATION');
      expect(r.body.error.message).toContain(words);
      expect(r.body.error.message).not.toMatch(/[a-zA-Z]/);
    }
    expect(await current()).toEqual({ referral: DEFAULT_REFERRAL, funnel: DEFAULT_FUNNEL, tiers: DEFAULT_TIERS, expiry: { kind: 'end_of_next_year' }, vip: DEFAULT_VIP });
    expect(await logEntries()).toHaveLength(0);
  });

  it('saves referral rewards once per request, logs old → new, and pays the new reward', async () => {
    const next = { ...DEFAULT_REFERRAL, activationReward: 80, milestones: [{ count: 10, bonus: 300 }, { count: 3, bonus: 30 }] };
    const event = { action: 'updateReferralRules', requestId: 'rules-referral-0001', rules: next };
    const first = await gw.call(OWNER, 'settings', event, '2026-11-02T02:00:00Z');
    const sorted = { ...next, milestones: [{ count: 3, bonus: 30 }, { count: 10, bonus: 300 }] };
    expect(first.body.data).toEqual({ referral: sorted, changed: true });
    expect((await gw.call(OWNER, 'settings', event, '2026-11-02T02:00:00Z')).body).toEqual(first.body);
    const conflict = await gw.call(OWNER, 'settings', { ...event, rules: DEFAULT_REFERRAL }, '2026-11-02T02:00:00Z');
    expect(conflict.body.error.code).toBe('CONFLICT');
    expect((await current()).referral).toEqual(sorted);
    const log = await logEntries();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ section: 'referral', before: DEFAULT_REFERRAL, after: sorted });

    const inviterCode = (await gw.call(MEMBER, 'member', { action: 'login' }, '2026-11-03T01:00:00Z')).body.data.member.inviteCode;
    const before = await balance(MEMBER, '2026-11-03T02:00:00Z');
    await gw.call('rules-friend', 'member', { action: 'login', ref: inviterCode }, '2026-11-03T02:00:00Z');
    await gw.call('rules-friend', 'checkin', { action: 'do', requestId: rid() }, '2026-11-03T03:00:00Z');
    expect((await balance(MEMBER, '2026-11-03T04:00:00Z')) - before).toBe(80);
  });

  it('saves funnel windows into the same log, and an unchanged save logs nothing', async () => {
    const next = { ...DEFAULT_FUNNEL, activationDays: 10, inactiveAfterDays: 21 };
    const r = await gw.call(OWNER, 'settings', { action: 'updateFunnelWindows', requestId: rid(), rules: next });
    expect(r.body.data).toEqual({ funnel: next, changed: true });
    const again = await gw.call(OWNER, 'settings', { action: 'updateFunnelWindows', requestId: rid(), rules: next });
    expect(again.body.data.changed).toBe(false);
    const log = await logEntries();
    expect(log.map((e) => e.section).slice(0, 2)).toEqual(['funnel', 'referral']);
    expect(log[0]).toMatchObject({ before: DEFAULT_FUNNEL, after: next });
  });

  it('saves tier thresholds and multipliers, which the member’s tier page then shows', async () => {
    const next = withTier('silver', { threshold: 300, multiplier: 1.3 });
    const r = await gw.call(OWNER, 'settings', { action: 'updateTierRules', requestId: rid(), rules: next });
    expect(r.body.data).toEqual({ tiers: next, changed: true });
    const log = await logEntries();
    expect(log[0]).toMatchObject({ section: 'tiers', before: DEFAULT_TIERS, after: next });
    const status = (await gw.call(MEMBER, 'vip', { action: 'status' })).body.data;
    expect(status.next).toMatchObject({ key: 'silver', threshold: 300 });
    expect(status.tiers.find((t: { key: string }) => t.key === 'silver')).toMatchObject({ multiplier: 1.3 });
  });

  it('previews an expiry policy, then applies it to points credited afterwards only', async () => {
    const r = await gw.call(OWNER, 'settings', { action: 'updateExpiryPolicy', requestId: rid(), policy: { kind: 'rolling', days: 30 } }, '2026-11-04T02:00:00Z');
    expect(r.body.data).toEqual({ expiry: { kind: 'rolling', days: 30 }, changed: true });
    expect((await logEntries()).find((e) => e.section === 'expiry')).toMatchObject({ section: 'expiry', before: { kind: 'end_of_next_year' }, after: { kind: 'rolling', days: 30 } });
    const saver = 'rules-saver';
    await gw.call(saver, 'member', { action: 'login' }, '2026-11-05T01:00:00Z');
    await gw.call(saver, 'checkin', { action: 'do', requestId: rid() }, '2026-11-05T02:00:00Z');
    const preview = await gw.call(OWNER, 'settings', { action: 'expiryPreview', policy: { kind: 'rolling', days: 60 } }, '2026-11-10T02:00:00Z');
    // The 5 points credited on 11-05 under 30 days expire on 12-05; today's points under 60 days on 2027-01-09.
    expect(preview.body.data).toEqual({ month: '2026-12', dueNextMonth: 5, membersDue: 1, earnedTodayExpiresAt: '2027-01-09T15:59:59.999Z' });
    const never = await gw.call(OWNER, 'settings', { action: 'expiryPreview', policy: { kind: 'never' } }, '2026-11-10T02:00:00Z');
    expect(never.body.data.earnedTodayExpiresAt).toBeNull();
    const settings = (await gw.call(OWNER, 'settings', { action: 'rules' })).body.data;
    expect(settings.expiry).toEqual({ kind: 'rolling', days: 30 });
  });

  it('changes a plan price for new orders only, and logs it in yuan', async () => {
    const next = { ...DEFAULT_VIP, reminderDays: [3], plans: [{ ...DEFAULT_VIP.plans[0], priceFen: 8800 }, DEFAULT_VIP.plans[1]] };
    const r = await gw.call(OWNER, 'settings', { action: 'updateVipRules', requestId: rid(), rules: next });
    expect(r.body.data).toEqual({ vip: next, changed: true });
    expect((await logEntries()).find((e) => e.section === 'vip')).toMatchObject({ before: DEFAULT_VIP, after: next });
    const plans = (await gw.call(MEMBER, 'vip', { action: 'status' })).body.data;
    expect(JSON.stringify(plans)).toContain('8800');
  });

  it('chains old → new when the owner saves many times at once', async () => {
    const before = (await logEntries()).length;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => gw.call(OWNER, 'settings', { action: 'updateFunnelWindows', requestId: rid(), rules: { ...DEFAULT_FUNNEL, conversionDays: 100 + i } })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const entries = (await logEntries()).slice(0, 8) as Array<{ before: { conversionDays: number }; after: { conversionDays: number } }>;
    expect((await logEntries()).length).toBe(before + 8);
    const step = new Map(entries.map((e) => [e.before.conversionDays, e.after.conversionDays]));
    let days = DEFAULT_FUNNEL.conversionDays;
    for (let i = 0; i < 8; i += 1) days = step.get(days) ?? -1;
    expect(days).toBe((await current()).funnel.conversionDays);
  });
});
