import * as z from 'zod/mini';
import type { CheckinRulesView, ExpiryPolicyView, FunnelWindowsView, PacketBudgetView, ReferralRulesView, SettingsLogEntry, TierRulesView, VipRulesView } from '../../../../types/api';
import { AppError } from '../../../core/errors';
import { MAX_PACKET_BUDGET, checkinRulesProblem, expiryPolicyProblem, funnelWindowsProblem, referralRulesProblem, tierRulesProblem, vipRulesProblem } from '../../../core/ruleChanges';
import { expiryPolicySchema, expiryPreview } from './expiry';
import type { CommunitySettings } from '../../../core/settings';
import { cursorSchema, defineFunction, limitSchema, requestIdSchema, type RouteContext } from '../../kernel/handler';
import { int, text } from '../../kernel/fields';
import type { SettingsLogDoc } from '../../domain/model';
import type { Tx } from '../../store/port';
import { dayKey } from '../../../core/day';
import { saveSettings, SETTINGS_ID } from '../../domain/settingsStore';
import { withDefaults } from '../../../core/settings';
import type { EntryInput, EntrySettings } from '../../../../types/onboarding';
import { MAX_QUESTIONS } from '../../../core/entry';

const weight = int(0, 100, '贡献值权重');
/** Schema of the owner's entry settings (issue 16): mode, ≤ 5 questions, nickname format, ≤ 8 profile fields, welcome points, 群规, tags, 话术, weights. */
export const entrySchema = z.strictObject({
  mode: z.enum(['open', 'referral', 'application', 'paid'], '请选择入群方式'),
  intro: text(1, 300, '社群介绍'),
  questions: z.array(text(1, 100, '入群问题'), '请填写入群问题').check(z.maxLength(MAX_QUESTIONS, `最多设置 ${MAX_QUESTIONS} 个入群问题`)),
  nicknameFormat: z.nullable(z.string('昵称格式最多 30 字').check(z.trim(), z.maxLength(30, '昵称格式最多 30 字'))),
  profileFields: z
    .array(
      z.strictObject({
        key: z.string('资料项编号只能用字母和数字').check(z.regex(/^[a-z][a-z0-9_]{0,19}$/, '资料项编号只能用小写字母和数字')),
        label: text(1, 10, '资料项名称'),
        kind: z.enum(['text', 'single', 'multi'], '请选择资料项类型'),
        options: z.array(text(1, 20, '选项'), '请填写选项').check(z.maxLength(12, '每项最多 12 个选项')),
        required: z.boolean('请选择是否必填'),
      }),
      '请填写资料项',
    )
    .check(z.maxLength(8, '最多设置 8 个资料项')),
  welcomePoints: int(0, 10000, '入群礼积分'),
  rules: text(1, 2000, '群规'),
  tags: z.array(text(1, 10, '标签'), '请填写标签').check(z.maxLength(20, '最多 20 个标签')),
  greetings: z.array(text(1, 200, '欢迎话术'), '请填写欢迎话术').check(z.maxLength(10, '最多 10 条欢迎话术')),
  hostsMayBan: z.boolean('请选择讲师能否封禁成员'),
  contributionWeights: z.strictObject({ intro_greeted: weight, answer_accepted: weight, activity_organized: weight, share_opened: weight, praise_received: weight, referral_activated: weight }),
});

/** The first problem of entry settings the schema cannot see (question mode needs questions, choice fields need options, unique keys), or null. */
export function entryProblem(entry: EntryInput): string | null {
  if (entry.mode === 'application' && entry.questions.length === 0) return '审核入群至少需要 1 个入群问题';
  const keys = new Set<string>();
  for (const field of entry.profileFields) {
    if (keys.has(field.key)) return `资料项「${field.label}」的编号重复了`;
    keys.add(field.key);
    if (field.kind !== 'text' && field.options.length < 2) return `资料项「${field.label}」至少需要 2 个选项`;
  }
  if (new Set(entry.tags).size !== entry.tags.length) return '标签有重复';
  return null;
}


/** Schema of the group lifecycle-stage thresholds (issue 15): members 1–10000, rates and shares 1–1000 per mille. */
export const stageThresholdsSchema = z.strictObject({
  startingMembers: int(1, 10_000, '起步阶段的成员人数'),
  declineDrop: int(1, 1000, '签到率下降幅度（‰）'),
  silentMax: int(1, 1000, '沉默占比上限（‰）'),
  growthRise: int(1, 1000, '签到率上升幅度（‰）'),
});

/** Schema of the owner's check-in rules: base 0–1000, ≤ 10 milestones (day 2–365, bonus 1–10000), cap, makeup (window 1–7, quota 0–10, cost 0–1000). */
export const checkinRulesSchema = z.strictObject({
  basePoints: int(0, 1000, '每日基础积分'),
  milestones: z.array(z.strictObject({ day: int(2, 365, '连续天数'), bonus: int(1, 10000, '连续奖励积分') })).check(z.maxLength(10, '最多设置 10 个连续奖励')),
  dailyCap: z.nullable(int(0, 100000, '每日积分上限')),
  makeup: z.strictObject({ windowDays: int(1, 7, '可补签天数'), monthlyQuota: int(0, 10, '每月补签次数'), costPoints: int(0, 1000, '补签消耗积分') }),
});

/** The wire view of the effective check-in rules (milestones by day). */
export function checkinRulesView(settings: CommunitySettings): CheckinRulesView {
  const c = settings.checkin;
  return {
    basePoints: c.basePoints,
    milestones: [...c.milestones].sort((a, b) => a.day - b.day).map((m) => ({ day: m.day, bonus: m.bonus })),
    dailyCap: c.dailyCap,
    makeup: { windowDays: c.makeup.windowDays, monthlyQuota: c.makeup.monthlyQuota, costPoints: c.makeup.costPoints },
  };
}

function logView(doc: SettingsLogDoc): SettingsLogEntry {
  // The document holds the section's own view type, written by the matching update action.
  return { id: doc.id, at: doc.at, byId: doc.byId, byName: doc.byName, section: doc.section, before: doc.before, after: doc.after } as SettingsLogEntry;
}

/** Schema of referral rewards and caps (each rule's Chinese sentence beside it). */
export const referralRulesSchema = z.strictObject({
  activationReward: int(0, 10000, '激活奖励'),
  conversionReward: int(0, 100000, '开通会员奖励'),
  welcomeReward: int(0, 10000, '新人欢迎积分'),
  dailyCap: int(1, 1000, '每日奖励上限'),
  milestones: z.array(z.strictObject({ count: int(1, 10000, '累计人数'), bonus: int(1, 100000, '累计奖励积分') })).check(z.maxLength(10, '累计奖励最多 10 档')),
  velocityPerHour: int(1, 1000, '每小时注册上限'),
});

/** Schema of the funnel windows, in days since joining. */
export const funnelWindowsSchema = z.strictObject({
  activationDays: int(1, 90, '激活期'),
  retentionFromDay: int(1, 365, '留存观察起始'),
  retentionToDay: int(1, 365, '留存观察结束'),
  retentionMinActiveDays: int(1, 365, '留存至少活跃天数'),
  conversionDays: int(1, 365, '转化期'),
  inactiveAfterDays: int(1, 365, '不活跃判定'),
});

const multiplierMessage = '积分倍数需为 1–3 倍，最多一位小数';

/** Schema of the tier rules: window, grace, lesson growth, and each tier's threshold and multiplier. */
export const tierRulesSchema = z.strictObject({
  windowDays: int(30, 730, '成长值统计天数'),
  graceDays: int(0, 365, '降级缓冲天数'),
  lessonGrowth: int(0, 1000, '每节课成长值'),
  tiers: z
    .array(
      z.strictObject({
        key: z.enum(['normal', 'silver', 'gold', 'diamond'], '请选择会员等级'),
        name: z.string('请填写等级名称'),
        threshold: int(0, 10000000, '等级门槛'),
        multiplier: z.number(multiplierMessage).check(z.minimum(1, multiplierMessage), z.maximum(3, multiplierMessage)),
      }),
    )
    .check(z.length(4, '请设置全部四个等级')),
});

function tiersView(settings: CommunitySettings): TierRulesView {
  const t = settings.tiers;
  return {
    windowDays: t.windowDays,
    graceDays: t.graceDays,
    lessonGrowth: t.lessonGrowth,
    tiers: t.table.map((r) => ({ key: r.key, name: r.name, threshold: r.threshold, multiplier: r.multiplier })),
  };
}

/** The red-packet budget of `settings` and what `packetBudget/<month>` says was used (net of refunds). */
async function packetBudgetView(store: Pick<Tx, 'get'>, settings: CommunitySettings, now: Date): Promise<PacketBudgetView> {
  const month = dayKey(now, settings.timezone).slice(0, 7);
  const used = Math.max(0, (await store.get('packetBudget', month))?.spent ?? 0);
  const budget = settings.games.packetMonthlyBudget;
  return { packetMonthlyBudget: budget, month, used, left: Math.max(0, budget - used) };
}

/** Schema of the paid-VIP rules (plans keep their ids; prices in fen). */
export const vipRulesSchema = z.strictObject({
  floorTier: z.nullable(z.enum(['normal', 'silver', 'gold', 'diamond'], '请选择付费会员享受的等级')),
  reminderDays: z.array(int(1, 30, '续费提醒天数')).check(z.maxLength(3, '续费提醒最多 3 次')),
  plans: z
    .array(z.strictObject({ id: z.string('请选择套餐'), name: text(1, 10, '套餐名称'), days: int(1, 3650, '套餐天数'), priceFen: int(1, 10000000, '套餐价格（分）') }))
    .check(z.minLength(1, '至少保留一个会员套餐'), z.maxLength(6, '最多 6 个会员套餐')),
});

function vipView(settings: CommunitySettings): VipRulesView {
  const v = settings.vip;
  return {
    floorTier: v.floorTier,
    reminderDays: [...v.reminderDays],
    plans: v.plans.map((p) => ({ id: p.id, name: p.name, days: p.days, priceFen: p.priceFen })),
  };
}

function expiryView(settings: CommunitySettings): ExpiryPolicyView {
  const e = settings.points.expiry;
  return e.kind === 'rolling' ? { kind: 'rolling', days: e.days } : { kind: e.kind };
}

function referralView(settings: CommunitySettings): ReferralRulesView {
  const r = settings.referral;
  return {
    activationReward: r.activationReward,
    conversionReward: r.conversionReward,
    welcomeReward: r.welcomeReward,
    dailyCap: r.dailyCap,
    milestones: [...r.milestones].sort((a, b) => a.count - b.count).map((m) => ({ count: m.count, bonus: m.bonus })),
    velocityPerHour: r.velocityPerHour,
  };
}

function funnelView(settings: CommunitySettings): FunnelWindowsView {
  const f = settings.funnel;
  return {
    activationDays: f.activationDays,
    retentionFromDay: f.retentionFromDay,
    retentionToDay: f.retentionToDay,
    retentionMinActiveDays: f.retentionMinActiveDays,
    conversionDays: f.conversionDays,
    inactiveAfterDays: f.inactiveAfterDays,
  };
}

/**
 * Save one section of the settings and log the change when it differs (who, when, before → after),
 * inside the caller's write; a replay with the same requestId returns the first answer (wrapper).
 */
async function saveSection<V>(
  ctx: RouteContext,
  requestId: string,
  section: SettingsLogDoc['section'],
  next: V,
  viewOf: (s: CommunitySettings) => V,
  stored: (v: V) => unknown = (v) => v,
  field: string = section,
): Promise<{ view: V; changed: boolean }> {
  return ctx.write(async (tx) => {
    const before = await saveSettings(tx, { [field]: stored(next) });
    const old = viewOf(before);
    const changed = JSON.stringify(old) !== JSON.stringify(next);
    if (changed) {
      const at = ctx.now.toISOString();
      await tx.create('settingsLog', { id: `${at}:${ctx.memberId}:${requestId}`, at, byId: ctx.memberId, byName: ctx.member?.nickname ?? '群主', section, before: old, after: next });
    }
    return { view: next, changed };
  });
}

/**
 * `settings`: community rules members read and the owner edits (check-in rules, referral rewards,
 * funnel windows); every change is logged (who, when, old → new). Errors: VALIDATION, FORBIDDEN.
 */
export const settingsFunction = defineFunction('settings', {
  // Issue 16: entry rules and onboarding.
  updateEntry: {
    access: 'owner',
    schema: z.strictObject({ requestId: requestIdSchema, entry: entrySchema }),
    async handle(ctx, { entry }) {
      const problem = entryProblem(entry);
      if (problem) throw new AppError('VALIDATION', problem);
      return ctx.write(async (tx) => {
        const stored = await tx.get('settings', SETTINGS_ID);
        const before = withDefaults(stored as Parameters<typeof withDefaults>[0]).entry;
        // A changed 群规 text is a new version: members are asked to accept it again.
        const next: EntrySettings = { ...entry, nicknameFormat: entry.nicknameFormat?.trim() || null, rulesVersion: entry.rules === before.rules ? before.rulesVersion : before.rulesVersion + 1 };
        await saveSettings(tx, { entry: next });
        return { entry: next };
      });
    },
  },
  entry: {
    access: 'host',
    schema: z.strictObject({}),
    async handle(ctx) {
      return { entry: ctx.settings.entry };
    },
  },
  get: {
    access: 'member',
    schema: z.strictObject({}),
    async handle(ctx) {
      return { name: ctx.settings.name, timezone: ctx.settings.timezone, checkin: checkinRulesView(ctx.settings) };
    },
  },
  updateCheckinRules: {
    access: 'owner',
    schema: z.strictObject({ requestId: requestIdSchema, rules: checkinRulesSchema }),
    async handle(ctx, { requestId, rules }) {
      const problem = checkinRulesProblem(rules);
      if (problem) throw new AppError('VALIDATION', problem);
      const next: CheckinRulesView = { ...rules, milestones: [...rules.milestones].sort((a, b) => a.day - b.day) };
      return ctx.write(async (tx) => {
        const before = await saveSettings(tx, { checkin: next });
        const old = checkinRulesView(before);
        const changed = JSON.stringify(old) !== JSON.stringify(next);
        if (changed) {
          const at = ctx.now.toISOString();
          const log: SettingsLogDoc = {
            id: `${at}:${ctx.memberId}:${requestId}`,
            at,
            byId: ctx.memberId,
            byName: ctx.member?.nickname ?? '群主',
            section: 'checkin',
            before: old,
            after: next,
          };
          await tx.create('settingsLog', log);
        }
        return { checkin: next, changed };
      });
    },
  },
  // Games (issue 19): the red-packet month budget, logged like the check-in rules.
  packetBudget: {
    access: 'owner',
    schema: z.strictObject({}),
    async handle(ctx) {
      return packetBudgetView(ctx.store, ctx.settings, ctx.now);
    },
  },
  updatePacketBudget: {
    access: 'owner',
    schema: z.strictObject({ requestId: requestIdSchema, packetMonthlyBudget: int(0, MAX_PACKET_BUDGET, '每月红包预算') }),
    async handle(ctx, { requestId, packetMonthlyBudget }) {
      return ctx.write(async (tx) => {
        const stored = (await tx.get('settings', SETTINGS_ID)) as { games?: Record<string, unknown> } | null;
        const before = await saveSettings(tx, { games: { ...(stored?.games ?? {}), packetMonthlyBudget } });
        const old = before.games.packetMonthlyBudget;
        const changed = old !== packetMonthlyBudget;
        if (changed) {
          const at = ctx.now.toISOString();
          const log: SettingsLogDoc = {
            id: `${at}:${ctx.memberId}:${requestId}`,
            at,
            byId: ctx.memberId,
            byName: ctx.member?.nickname ?? '群主',
            section: 'packetBudget',
            before: { packetMonthlyBudget: old },
            after: { packetMonthlyBudget },
          };
          await tx.create('settingsLog', log);
        }
        const view = await packetBudgetView(tx, { ...before, games: { ...before.games, packetMonthlyBudget } }, ctx.now);
        return { ...view, changed };
      });
    },
  },
  // Issue 15: group lifecycle-stage thresholds (群健康度).
  updateGroupStages: {
    access: 'owner',
    schema: z.strictObject({ requestId: requestIdSchema, stage: stageThresholdsSchema }),
    async handle(ctx, { stage }) {
      return ctx.write(async (tx) => {
        const before = await saveSettings(tx, { groups: { stage } });
        return { stage, changed: JSON.stringify(before.groups.stage) !== JSON.stringify(stage) };
      });
    },
  },
  rules: {
    access: 'owner',
    schema: z.strictObject({}),
    async handle(ctx) {
      return { referral: referralView(ctx.settings), funnel: funnelView(ctx.settings), tiers: tiersView(ctx.settings), expiry: expiryView(ctx.settings), vip: vipView(ctx.settings) };
    },
  },
  updateReferralRules: {
    access: 'owner',
    schema: z.strictObject({ requestId: requestIdSchema, rules: referralRulesSchema }),
    async handle(ctx, { requestId, rules }) {
      const problem = referralRulesProblem(rules);
      if (problem) throw new AppError('VALIDATION', problem);
      const next: ReferralRulesView = { ...rules, milestones: [...rules.milestones].sort((a, b) => a.count - b.count) };
      const { view, changed } = await saveSection(ctx, requestId, 'referral', next, referralView);
      return { referral: view, changed };
    },
  },
  updateFunnelWindows: {
    access: 'owner',
    schema: z.strictObject({ requestId: requestIdSchema, rules: funnelWindowsSchema }),
    async handle(ctx, { requestId, rules }) {
      const problem = funnelWindowsProblem(rules);
      if (problem) throw new AppError('VALIDATION', problem);
      const { view, changed } = await saveSection(ctx, requestId, 'funnel', { ...rules }, funnelView);
      return { funnel: view, changed };
    },
  },
  updateTierRules: {
    access: 'owner',
    schema: z.strictObject({ requestId: requestIdSchema, rules: tierRulesSchema }),
    async handle(ctx, { requestId, rules }) {
      const problem = tierRulesProblem(rules);
      if (problem) throw new AppError('VALIDATION', problem);
      const current = ctx.settings.tiers.table;
      // Names and badges stay the community's; the editor changes thresholds and multipliers only.
      const next: TierRulesView = { ...rules, tiers: rules.tiers.map((t) => ({ ...t, name: current.find((c) => c.key === t.key)?.name ?? t.name })) };
      const { view, changed } = await saveSection(ctx, requestId, 'tiers', next, tiersView, (v) => ({
        windowDays: v.windowDays,
        graceDays: v.graceDays,
        lessonGrowth: v.lessonGrowth,
        table: current.map((c) => ({ ...c, ...(v.tiers.find((t) => t.key === c.key) ?? {}) })),
      }));
      return { tiers: view, changed };
    },
  },
  expiryPreview: {
    access: 'owner',
    schema: z.strictObject({ policy: expiryPolicySchema }),
    async handle(ctx, { policy }) {
      const problem = expiryPolicyProblem(policy);
      if (problem) throw new AppError('VALIDATION', problem);
      return expiryPreview(ctx.store, ctx.settings, policy, ctx.now);
    },
  },
  updateExpiryPolicy: {
    access: 'owner',
    schema: z.strictObject({ requestId: requestIdSchema, policy: expiryPolicySchema }),
    async handle(ctx, { requestId, policy }) {
      const problem = expiryPolicyProblem(policy);
      if (problem) throw new AppError('VALIDATION', problem);
      const next: ExpiryPolicyView = policy.kind === 'rolling' ? { kind: 'rolling', days: policy.days } : { kind: policy.kind };
      // The points section also holds the host adjustment limit: keep it as it is.
      const { view, changed } = await saveSection(ctx, requestId, 'expiry', next, expiryView, (v) => ({ ...ctx.settings.points, expiry: v }), 'points');
      return { expiry: view, changed };
    },
  },
  updateVipRules: {
    access: 'owner',
    schema: z.strictObject({ requestId: requestIdSchema, rules: vipRulesSchema }),
    async handle(ctx, { requestId, rules }) {
      const problem = vipRulesProblem(rules);
      if (problem) throw new AppError('VALIDATION', problem);
      const known = new Set(ctx.settings.vip.plans.map((p) => p.id));
      if (rules.plans.some((p) => !known.has(p.id)) || new Set(rules.plans.map((p) => p.id)).size !== rules.plans.length) throw new AppError('VALIDATION', '请在现有套餐上修改');
      const next: VipRulesView = { floorTier: rules.floorTier, reminderDays: [...rules.reminderDays].sort((a, b) => b - a), plans: rules.plans.map((p) => ({ ...p, name: p.name.trim() })) };
      // The template id stays as deployed; orders already placed keep the price they recorded.
      const { view, changed } = await saveSection(ctx, requestId, 'vip', next, vipView, (v) => ({ ...ctx.settings.vip, ...v }));
      return { vip: view, changed };
    },
  },
  log: {
    access: 'owner',
    schema: z.strictObject({ limit: z.optional(limitSchema), after: z.optional(cursorSchema) }),
    async handle(ctx, params) {
      const page = await ctx.store.find('settingsLog', {
        orderBy: { field: 'at', direction: 'desc' },
        limit: params.limit ?? 20,
        after: params.after ?? null,
      });
      return { entries: page.docs.map(logView), next: page.next };
    },
  },
});
