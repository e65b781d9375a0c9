import * as z from 'zod/mini';
import type { AdjustmentState, AdjustmentView, AuditMismatch, PointsAudit } from '../../../../types/api';
import { dayKey } from '../../../core/day';
import { AppError } from '../../../core/errors';
import { splitExpired, sumLots, type Lot } from '../../../core/ledger';
import { assertNotSelf } from '../../kernel/access';
import { cursorSchema, defineFunction, limitSchema, requestIdSchema, type RouteContext } from '../../kernel/handler';
import { ref, text } from '../../kernel/fields';
import { ADJUST_MESSAGE, ADJUST_POINTS_MAX } from '../../../core/formRules';
import { post, reverse } from '../../domain/ledger';
import type { Doc, Tx } from '../../store/port';
import { scan } from '../../store/scan';
import { ledgerView } from '../../domain/views';
import { labelledLedgerViews } from '../../domain/ledgerLabels';

const DAY = 86_400_000;
/** Largest single manual adjustment; bigger grants are almost always typos. */
export const MAX_ADJUSTMENT = ADJUST_POINTS_MAX;

const reasonSchema = text(1, 100, '原因');

/** The owner's log line of one manual adjustment (`adjustments/<ledger entry id>`). */
export interface AdjustmentDoc extends Doc {
  memberId: string;
  by: string;
  delta: number;
  reason: string;
  createdAt: string;
  /** Absent on adjustments logged before approvals existed (they were applied). */
  state?: AdjustmentState;
  reviewedBy?: string | null;
  reviewedAt?: string | null;
}

/** Σ|delta| one host adjusted on one community day (`adjustmentDaily/<hostId>:<day>`). */
export interface AdjustmentDailyDoc extends Doc {
  used: number;
}

async function nameOf(ctx: RouteContext, memberId: string): Promise<string> {
  return (await ctx.store.get('members', memberId))?.nickname ?? '已注销成员';
}

async function adjustmentView(ctx: RouteContext, a: AdjustmentDoc): Promise<AdjustmentView> {
  return {
    id: a.id,
    memberId: a.memberId,
    memberName: await nameOf(ctx, a.memberId),
    byId: a.by,
    byName: await nameOf(ctx, a.by),
    delta: a.delta,
    reason: a.reason,
    createdAt: a.createdAt,
    state: a.state ?? 'applied',
    reviewedByName: a.reviewedBy ? await nameOf(ctx, a.reviewedBy) : null,
    reviewedAt: a.reviewedAt ?? null,
  };
}

/** Post one manual adjustment through the ledger (key = the adjustment id, so it moves points once). */
async function applyAdjustment(tx: Tx, ctx: RouteContext, a: AdjustmentDoc) {
  return post(tx, a.memberId, [{ key: a.id, delta: a.delta, reason: 'manual', ref: null, note: a.reason, by: a.by }], ctx.now, ctx.settings);
}

/** Check every account against the ledger invariants of docs/domain.md; read-only. */
async function audit(ctx: RouteContext): Promise<PointsAudit> {
  const mismatches: AuditMismatch[] = [];
  let checkedAccounts = 0;
  let checkedEntries = 0;
  let pendingExpiry = 0;
  const nowIso = ctx.now.toISOString();
  for await (const account of scan(ctx.store, 'accounts')) {
    checkedAccounts += 1;
    let sum = 0;
    const seen = new Set<string>();
    for await (const entry of scan(ctx.store, 'ledger', { where: { memberId: account.id }, orderBy: { field: 'seq', direction: 'asc' } })) {
      checkedEntries += 1;
      sum += entry.delta;
      if (seen.has(entry.id)) mismatches.push({ memberId: account.id, check: 'duplicate_entry', expected: 1, actual: 2 });
      seen.add(entry.id);
    }
    const lots: Lot[] = account.lots ?? [];
    if (sum !== account.balance) mismatches.push({ memberId: account.id, check: 'balance_vs_entries', expected: sum, actual: account.balance });
    if (sumLots(lots) !== account.balance) mismatches.push({ memberId: account.id, check: 'balance_vs_lots', expected: sumLots(lots), actual: account.balance });
    if (account.balance < 0) mismatches.push({ memberId: account.id, check: 'negative_balance', expected: 0, actual: account.balance });
    for (const lot of lots) if (lot.remaining < 0) mismatches.push({ memberId: account.id, check: 'negative_lot', expected: 0, actual: lot.remaining });
    pendingExpiry += sumLots(splitExpired(lots, nowIso).expired);
  }
  return { checkedAccounts, checkedEntries, mismatches, pendingExpiry, at: nowIso };
}

/**
 * `points`: balance, history, manual adjustments (never one's own; above a host's daily limit they
 * wait for an owner), corrections, the audit and the liability report. Errors: VALIDATION,
 * NOT_FOUND, FORBIDDEN (own account, role), CONFLICT (already reviewed), INSUFFICIENT_POINTS.
 */
export const pointsFunction = defineFunction('points', {
  balance: {
    access: 'member',
    schema: z.strictObject({}),
    async handle(ctx) {
      const account = await ctx.store.get('accounts', ctx.memberId);
      if (!account) throw new AppError('NOT_FOUND', '积分账户不存在');
      const nowIso = ctx.now.toISOString();
      const { live, expired } = splitExpired(account.lots ?? [], nowIso);
      const horizon = new Date(ctx.now.getTime() + 30 * DAY).toISOString();
      const soon = live.filter((l) => l.expiresAt !== null && l.expiresAt <= horizon);
      return {
        // Lots already past expiry are not spendable even before the cron writes their entries.
        balance: account.balance - sumLots(expired),
        lifetimeEarned: account.lifetimeEarned,
        expiringSoon: soon.length > 0 ? { points: sumLots(soon), at: soon[0].expiresAt as string } : null,
      };
    },
  },
  history: {
    access: 'member',
    schema: z.strictObject({
      limit: z.optional(limitSchema),
      after: z.optional(cursorSchema),
      filter: z.optional(z.enum(['all', 'earn', 'spend', 'expire'])),
    }),
    async handle(ctx, params) {
      const filter = params.filter ?? 'all';
      const page = await ctx.store.find('ledger', {
        where: filter === 'all' ? { memberId: ctx.memberId } : { memberId: ctx.memberId, kind: filter },
        orderBy: { field: 'seq', direction: 'desc' },
        limit: params.limit ?? 20,
        after: params.after ?? null,
      });
      return { entries: await labelledLedgerViews(ctx.store, page.docs), next: page.next };
    },
  },
  adjust: {
    access: 'host',
    schema: z.strictObject({
      requestId: requestIdSchema,
      memberId: ref(64, '请选择成员'),
      delta: z.int(ADJUST_MESSAGE).check(z.minimum(-MAX_ADJUSTMENT, ADJUST_MESSAGE), z.maximum(MAX_ADJUSTMENT, ADJUST_MESSAGE), z.refine((n) => n !== 0, ADJUST_MESSAGE)),
      reason: reasonSchema,
    }),
    async handle(ctx, params) {
      assertNotSelf(ctx, params.memberId, '不能给自己调整积分');
      const target = await ctx.store.get('members', params.memberId);
      if (!target) throw new AppError('NOT_FOUND', '该成员不存在');
      const key = `manual:${ctx.memberId}:${params.requestId}`;
      const nowIso = ctx.now.toISOString();
      const dailyId = `${ctx.memberId}:${dayKey(ctx.now, ctx.settings.timezone)}`;
      const done = await ctx.write(async (tx) => {
        const log: AdjustmentDoc = { id: key, memberId: params.memberId, by: ctx.memberId, delta: params.delta, reason: params.reason, createdAt: nowIso, state: 'applied', reviewedBy: null, reviewedAt: null };
        // Owners approve, so only hosts are held to the daily limit (Σ|delta| per community day).
        if (ctx.role !== 'owner') {
          const daily = await tx.get('adjustmentDaily', dailyId);
          const used = daily?.used ?? 0;
          if (used + Math.abs(params.delta) > ctx.settings.points.hostDailyAdjustLimit) {
            const pending: AdjustmentDoc = { ...log, state: 'pending' };
            await tx.create('adjustments', pending);
            return { status: 'pending' as const, entry: null, balance: null, log: pending };
          }
          await tx.set('adjustmentDaily', { id: dailyId, used: used + Math.abs(params.delta) });
        }
        const { balance, entries } = await applyAdjustment(tx, ctx, log);
        await tx.create('adjustments', log);
        return { status: 'applied' as const, entry: ledgerView(entries[entries.length - 1]), balance, log };
      });
      return { status: done.status, entry: done.entry, balance: done.balance, adjustment: await adjustmentView(ctx, done.log) };
    },
  },
  reverse: {
    access: 'owner',
    schema: z.strictObject({ requestId: requestIdSchema, entryId: z.string().check(z.minLength(1), z.maxLength(160)), reason: reasonSchema }),
    async handle(ctx, params) {
      // An entry never changes owner, so the committed copy is enough to refuse one's own.
      const original = await ctx.store.get('ledger', params.entryId);
      if (original) assertNotSelf(ctx, original.memberId, '不能撤销自己账户的积分记录');
      return ctx.write(async (tx) => {
        const { balance, entry } = await reverse(tx, params.entryId, { reason: 'manual', note: params.reason, by: ctx.memberId }, ctx.now, ctx.settings);
        await tx.create('adjustments', { id: entry.id, memberId: entry.memberId, by: ctx.memberId, delta: entry.delta, reason: params.reason, createdAt: ctx.now.toISOString() });
        return { entry: ledgerView(entry), balance };
      });
    },
  },
  adjustments: {
    access: 'owner',
    schema: z.strictObject({ limit: z.optional(limitSchema), after: z.optional(cursorSchema) }),
    async handle(ctx, params) {
      const page = await ctx.store.find('adjustments', {
        orderBy: { field: 'createdAt', direction: 'desc' },
        limit: params.limit ?? 30,
        after: params.after ?? null,
      });
      const adjustments: AdjustmentView[] = [];
      for (const a of page.docs) adjustments.push(await adjustmentView(ctx, a));
      return { adjustments, next: page.next };
    },
  },
  pendingAdjustments: {
    access: 'owner',
    schema: z.strictObject({ limit: z.optional(limitSchema), after: z.optional(cursorSchema) }),
    async handle(ctx, params) {
      const page = await ctx.store.find('adjustments', {
        where: { state: 'pending' },
        orderBy: { field: 'createdAt', direction: 'asc' },
        limit: params.limit ?? 30,
        after: params.after ?? null,
      });
      const adjustments: AdjustmentView[] = [];
      for (const a of page.docs) adjustments.push(await adjustmentView(ctx, a));
      return { adjustments, next: page.next };
    },
  },
  reviewAdjustment: {
    access: 'owner',
    schema: z.strictObject({ requestId: requestIdSchema, adjustmentId: z.string().check(z.minLength(1), z.maxLength(160)), decision: z.enum(['approve', 'reject']) }),
    async handle(ctx, params) {
      const done = await ctx.write(async (tx) => {
        const a = await tx.get('adjustments', params.adjustmentId);
        if (!a) throw new AppError('NOT_FOUND', '这笔调整不存在');
        if (a.state !== 'pending') throw new AppError('CONFLICT', '这笔调整已经处理过了');
        assertNotSelf(ctx, a.memberId, '不能审批给自己的积分调整');
        const reviewed: AdjustmentDoc = { ...a, state: params.decision === 'approve' ? 'approved' : 'rejected', reviewedBy: ctx.memberId, reviewedAt: ctx.now.toISOString() };
        const balance = params.decision === 'approve' ? (await applyAdjustment(tx, ctx, a)).balance : null;
        await tx.set('adjustments', reviewed);
        return { reviewed, balance };
      });
      return { adjustment: await adjustmentView(ctx, done.reviewed), balance: done.balance };
    },
  },
  audit: {
    access: 'owner',
    schema: z.strictObject({}),
    handle: audit,
  },
  liability: {
    access: 'owner',
    schema: z.strictObject({}),
    async handle(ctx) {
      const byMonth = new Map<string, { month: string; issued: number; redeemed: number; expired: number }>();
      for await (const shard of scan(ctx.store, 'pointsMonthly', { orderBy: { field: 'month', direction: 'asc' } })) {
        const m = byMonth.get(shard.month) ?? { month: shard.month, issued: 0, redeemed: 0, expired: 0 };
        m.issued += shard.issued;
        m.redeemed += shard.redeemed;
        m.expired += shard.expired;
        byMonth.set(shard.month, m);
      }
      const months = [...byMonth.values()].sort((a, b) => (a.month < b.month ? 1 : -1));
      const outstanding = months.reduce((sum, m) => sum + m.issued - m.redeemed - m.expired, 0);
      return { outstanding, months };
    },
  },
});
