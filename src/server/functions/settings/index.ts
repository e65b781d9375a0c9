import * as z from 'zod/mini';
import type { CheckinRulesView, PacketBudgetView, SettingsLogEntry } from '../../../../types/api';
import { AppError } from '../../../core/errors';
import { MAX_PACKET_BUDGET, checkinRulesProblem } from '../../../core/ruleChanges';
import type { CommunitySettings } from '../../../core/settings';
import { cursorSchema, defineFunction, limitSchema, requestIdSchema } from '../../kernel/handler';
import { int } from '../../kernel/fields';
import type { SettingsLogDoc } from '../../domain/model';
import type { Tx } from '../../store/port';
import { dayKey } from '../../../core/day';
import { saveSettings, SETTINGS_ID } from '../../domain/settingsStore';
import { withDefaults } from '../../../core/settings';
import type { EntryInput, EntrySettings } from '../../../../types/onboarding';
import { MAX_QUESTIONS } from '../../../core/entry';
import { text } from '../../kernel/fields';

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
  return { id: doc.id, at: doc.at, byId: doc.byId, byName: doc.byName, section: doc.section, before: doc.before, after: doc.after } as SettingsLogEntry;
}

/** The red-packet budget of `settings` and what `packetBudget/<month>` says was used (net of refunds). */
async function packetBudgetView(store: Pick<Tx, 'get'>, settings: CommunitySettings, now: Date): Promise<PacketBudgetView> {
  const month = dayKey(now, settings.timezone).slice(0, 7);
  const used = Math.max(0, (await store.get('packetBudget', month))?.spent ?? 0);
  const budget = settings.games.packetMonthlyBudget;
  return { packetMonthlyBudget: budget, month, used, left: Math.max(0, budget - used) };
}

/** `settings`: community rules members read and the owner edits; every change is logged (who, when, old → new). */
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
