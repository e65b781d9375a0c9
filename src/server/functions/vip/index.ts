import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import type { DowngradeView, ExpiringVipView, TierBenefitView, TierStatus, VipOverview } from '../../../../types/vip';
import { dayKey, daysBetween } from '../../../core/day';
import { AppError } from '../../../core/errors';
import { subscriptionBudget } from '../../../core/rateLimits';
import {
  effectiveTier,
  evaluateTier,
  growthOn,
  isVip,
  keepTierPreview,
  keepTierText,
  nextEvaluationDay,
  progressToNext,
  tierRank,
  tierRule,
  type TierRule,
} from '../../../core/tiers';
import { growthOf, tierSettings, tierStateOf } from '../../domain/growth';
import { defineFunction, requestIdSchema } from '../../kernel/handler';
import { int, ref, text } from '../../kernel/fields';
import { grantSubscription } from '../../domain/messaging';
import type { VipOrderDoc } from '../../domain/payment';
import { scanAll } from '../../store/scan';
import { expiryMonth, extendVip, vipSettings, type VipGrantDoc } from '../../domain/vipTerms';

const benefitView = (t: TierRule): TierBenefitView => ({ key: t.key, name: t.name, threshold: t.threshold, multiplier: t.multiplier, badge: t.badge });
const MEMBER_ID = z.string('请选择成员').check(z.minLength(1, '请选择成员'), z.maxLength(64, '请选择成员'), z.regex(/^[\w-]+$/, '请选择成员'));


/**
 * `vip`: tiers and paid membership. Members read their standing (`status`) and accept renewal
 * reminders (`subscribe`), and buy VIP with WeChat Pay (`buy`); owners grant VIP days after an offline payment (`grant`) and watch
 * tiers and renewals (`overview`). Errors: VALIDATION, NOT_FOUND (unknown member), FORBIDDEN.
 */
export const vipFunction = defineFunction('vip', {
  status: {
    access: 'member',
    schema: z.strictObject({}),
    async handle(ctx): Promise<TierStatus> {
      const policy = tierSettings(ctx.settings);
      const vip = vipSettings(ctx.settings);
      const today = dayKey(ctx.now, ctx.settings.timezone);
      const nowIso = ctx.now.toISOString();
      const [member, growthDoc, quota] = await Promise.all([
        ctx.store.get('members', ctx.memberId),
        growthOf(ctx.store, ctx.memberId),
        ctx.store.get('subscriptions', `${ctx.memberId}:${vip.templateId}`),
      ]);
      const buckets = growthDoc?.buckets ?? {};
      const growth = growthOn(buckets, today, policy.windowDays);
      const state = tierStateOf(member);
      const progress = progressToNext(growth, policy.table);
      const preview = keepTierPreview(state, buckets, today, policy);
      const until = isVip(member?.vipUntil, nowIso) ? (member?.vipUntil as string) : null;
      return {
        tier: benefitView(tierRule(state.tier, policy.table)),
        benefits: benefitView(tierRule(effectiveTier(member, nowIso, policy.table, vip), policy.table)),
        growth,
        windowDays: policy.windowDays,
        next: progress.next ? { key: progress.next.key, name: progress.next.name, threshold: progress.next.threshold, need: progress.need } : null,
        progress: progress.fraction,
        preview: preview ? { ...preview, text: keepTierText(preview) } : null,
        tiers: [...policy.table].sort((a, b) => a.threshold - b.threshold).map(benefitView),
        vip: {
          active: until !== null,
          until,
          daysLeft: until ? Math.max(0, daysBetween(today, dayKey(Date.parse(until) - 1, ctx.settings.timezone))) : null,
          floorTierName: vip.floorTier ? tierRule(vip.floorTier, policy.table).name : null,
          reminderQuota: quota ? Math.max(0, quota.granted - quota.used) : 0,
          templateId: vip.templateId,
          plans: vip.plans.map((p) => ({ id: p.id, name: p.name, days: p.days, priceFen: p.priceFen })),
        },
      };
    },
  },
  grant: {
    access: 'owner',
    schema: z.strictObject({
      requestId: requestIdSchema,
      memberId: MEMBER_ID,
      days: int(1, 3650, '天数'),
      note: text(1, 100, '发放原因'),
    }),
    async handle(ctx, params) {
      return ctx.write(async (tx) => {
        const { vipUntil, previous, member } = await extendVip(tx, params.memberId, params.days, ctx.now, ctx.settings);
        const grant: VipGrantDoc = { id: `${ctx.memberId}:${params.requestId}`, memberId: params.memberId, days: params.days, note: params.note, by: ctx.memberId, vipUntil, previous, createdAt: ctx.now.toISOString() };
        await tx.create('vipGrants', grant);
        return { memberId: params.memberId, nickname: member.nickname, vipUntil, previous };
      });
    },
  },
  subscribe: {
    access: 'member',
    limits: (params) => [subscriptionBudget(params.templateId ?? 'vip-default')],
    schema: z.strictObject({ requestId: requestIdSchema, templateId: z.optional(z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[\w-]+$/))) }),
    async handle(ctx, params) {
      const templateId = params.templateId ?? vipSettings(ctx.settings).templateId;
      return ctx.write(async (tx) => {
        const next = await grantSubscription(tx, ctx.memberId, templateId);
        return { quota: next.granted - next.used };
      });
    },
  },
  buy: {
    access: 'member',
    schema: z.strictObject({ requestId: requestIdSchema, planId: ref(32, '请选择会员方案') }),
    async handle(ctx, params) {
      const plan = vipSettings(ctx.settings).plans.find((p) => p.id === params.planId);
      if (!plan) throw new AppError('VALIDATION', '没有这个会员套餐');
      const orderId = `VO${createHash('sha256').update(`${ctx.memberId}:${params.requestId}`).digest('hex').slice(0, 24)}`;
      const order = await ctx.write(async (tx) => {
        const doc: VipOrderDoc = { id: orderId, memberId: ctx.memberId, planId: plan.id, days: plan.days, totalFee: plan.priceFen, state: 'created', subMchId: ctx.pay.merchant, createdAt: ctx.now.toISOString(), paidAt: null, transactionId: null, vipUntil: null };
        await tx.create('vipOrders', doc);
        return doc;
      });
      // After commit: the same outTradeNo gives the same prepay order, so a replay may ask again.
      const port = ctx.pay;
      const pay = await port.unifiedOrder({ orderId: order.id, body: `${ctx.settings.name}-付费会员${plan.name}`, totalFee: order.totalFee, openid: ctx.openid });
      return { orderId: order.id, plan: { id: plan.id, name: plan.name, days: plan.days, priceFen: plan.priceFen }, payment: pay, simulated: port.channel === 'local' };
    },
  },
  overview: {
    access: 'owner',
    schema: z.strictObject({}),
    async handle(ctx): Promise<VipOverview> {
      const policy = tierSettings(ctx.settings);
      const tz = ctx.settings.timezone;
      const today = dayKey(ctx.now, tz);
      const nowIso = ctx.now.toISOString();
      const table = [...policy.table].sort((a, b) => a.threshold - b.threshold);
      const members = await ctx.store.count('members');
      const counts = await Promise.all(table.slice(1).map((t) => ctx.store.count('members', { tier: t.key })));
      const lowest = members - counts.reduce((s, n) => s + n, 0);
      const distribution = table.map((t, i) => ({ tier: t.key, name: t.name, badge: t.badge, count: i === 0 ? lowest : counts[i - 1] }));
      const vips = await ctx.store.count('members', { vipUntil: { $gt: nowIso } });
      const horizon = new Date(ctx.now.getTime() + 30 * 86_400_000).toISOString();
      const soon = await scanAll(ctx.store, 'members', { where: { vipUntil: { $gt: nowIso, $lte: horizon } }, orderBy: { field: 'vipUntil', direction: 'asc' }, max: 500 });
      const expiring: ExpiringVipView[] = soon.map((m) => ({
        memberId: m.id,
        nickname: m.nickname,
        vipUntil: m.vipUntil as string,
        daysLeft: Math.max(0, daysBetween(today, dayKey(Date.parse(m.vipUntil as string) - 1, tz))),
      }));
      // Months up to next month: next month's due terms are already known, and early renewals count.
      const lastMonth = expiryMonth(new Date(ctx.now.getTime() + 31 * 86_400_000).toISOString(), tz);
      const months = await ctx.store.find('vipMonthly', { where: { month: { $lte: lastMonth } }, orderBy: { field: 'month', direction: 'desc' }, limit: 12 });
      const renewal = months.docs.map((m) => ({ month: m.month, due: m.due, renewed: m.renewed, rate: m.due > 0 ? m.renewed / m.due : null }));
      const nextEvaluation = nextEvaluationDay(today);
      const graced = await scanAll(ctx.store, 'members', { where: { graceUntil: { $lte: nextEvaluation } }, orderBy: { field: 'graceUntil', direction: 'asc' }, max: 500 });
      const wouldDowngrade: DowngradeView[] = [];
      for (const m of graced) {
        const state = tierStateOf(m);
        const growthDoc = await growthOf(ctx.store, m.id);
        const growth = growthOn(Object.fromEntries(Object.entries(growthDoc?.buckets ?? {}).filter(([d]) => d <= today)), nextEvaluation, policy.windowDays);
        const result = evaluateTier(state, growth, nextEvaluation, policy);
        if (result.outcome !== 'downgraded') continue;
        const rule = tierRule(state.tier, policy.table);
        wouldDowngrade.push({ memberId: m.id, nickname: m.nickname, tier: rule.key, tierName: rule.name, toName: tierRule(result.tier, policy.table).name, growth, threshold: rule.threshold, graceUntil: state.graceUntil as string });
      }
      wouldDowngrade.sort((a, b) => tierRank(b.tier, policy.table) - tierRank(a.tier, policy.table));
      return { members, distribution, vips, expiring, renewal, nextEvaluation, wouldDowngrade };
    },
  },
});
