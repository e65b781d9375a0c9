import * as z from 'zod/mini';
import type { CheckinRulesView, SettingsLogEntry } from '../../../../types/api';
import { AppError } from '../../../core/errors';
import { checkinRulesProblem } from '../../../core/ruleChanges';
import type { CommunitySettings } from '../../../core/settings';
import { cursorSchema, defineFunction, limitSchema, requestIdSchema } from '../../kernel/handler';
import { int } from '../../kernel/fields';
import type { SettingsLogDoc } from '../../domain/model';
import { saveSettings } from '../../domain/settingsStore';


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
  return {
    id: doc.id,
    at: doc.at,
    byId: doc.byId,
    byName: doc.byName,
    section: doc.section,
    before: doc.before as CheckinRulesView,
    after: doc.after as CheckinRulesView,
  };
}

/** `settings`: community rules members read and the owner edits; every change is logged (who, when, old → new). */
export const settingsFunction = defineFunction('settings', {
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
