import * as z from 'zod/mini';
import type { AdjustmentView, AuditMismatch, PointsAudit } from '../../../types/api';
import { AppError } from '../../core/errors';
import { splitExpired, sumLots, type Lot } from '../../core/ledger';
import { cursorSchema, defineFunction, limitSchema, requestIdSchema, type RouteContext } from '../handler';
import { post, reverse, type MonthlyDoc } from '../ledger';
import type { AccountDoc, LedgerDoc, MemberDoc } from '../model';
import type { Doc } from '../store/port';
import { scan } from '../store/scan';
import { ledgerView } from '../views';

const DAY = 86_400_000;
/** Largest single manual adjustment; bigger grants are almost always typos. */
export const MAX_ADJUSTMENT = 100_000;

const reasonSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));

/** The owner's log line of one manual adjustment (`adjustments/<ledger entry id>`). */
interface AdjustmentDoc extends Doc {
  memberId: string;
  by: string;
  delta: number;
  reason: string;
  createdAt: string;
}

async function nameOf(ctx: RouteContext, memberId: string): Promise<string> {
  return (await ctx.store.get<MemberDoc>('members', memberId))?.nickname ?? '已注销成员';
}

/** Check every account against the ledger invariants of docs/domain.md; read-only. */
async function audit(ctx: RouteContext): Promise<PointsAudit> {
  const mismatches: AuditMismatch[] = [];
  let checkedAccounts = 0;
  let checkedEntries = 0;
  let pendingExpiry = 0;
  const nowIso = ctx.now.toISOString();
  for await (const account of scan<AccountDoc>(ctx.store, 'accounts')) {
    checkedAccounts += 1;
    let sum = 0;
    const seen = new Set<string>();
    for await (const entry of scan<LedgerDoc>(ctx.store, 'ledger', { where: { memberId: account.id }, orderBy: { field: 'seq', direction: 'asc' } })) {
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

/** `points`: balance, history, manual adjustments, corrections, the audit and the liability report. */
export const pointsFunction = defineFunction('points', {
  balance: {
    access: 'member',
    schema: z.strictObject({}),
    async handle(ctx) {
      const account = await ctx.store.get<AccountDoc>('accounts', ctx.memberId);
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
      const page = await ctx.store.find<LedgerDoc>('ledger', {
        where: filter === 'all' ? { memberId: ctx.memberId } : { memberId: ctx.memberId, kind: filter },
        orderBy: { field: 'seq', direction: 'desc' },
        limit: params.limit ?? 20,
        after: params.after ?? null,
      });
      return { entries: page.docs.map(ledgerView), next: page.next };
    },
  },
  adjust: {
    access: 'host',
    schema: z.strictObject({
      requestId: requestIdSchema,
      memberId: z.string().check(z.minLength(1), z.maxLength(64)),
      delta: z.int().check(z.minimum(-MAX_ADJUSTMENT), z.maximum(MAX_ADJUSTMENT), z.refine((n) => n !== 0, '调整数额不能为 0')),
      reason: reasonSchema,
    }),
    async handle(ctx, params) {
      const target = await ctx.store.get<MemberDoc>('members', params.memberId);
      if (!target) throw new AppError('NOT_FOUND', '该成员不存在');
      const key = `manual:${ctx.memberId}:${params.requestId}`;
      const done = await ctx.write(async (tx) => {
        const { balance, entries } = await post(
          tx,
          params.memberId,
          [{ key, delta: params.delta, reason: 'manual', ref: null, note: params.reason, by: ctx.memberId }],
          ctx.now,
          ctx.settings,
        );
        const log: AdjustmentDoc = { id: key, memberId: params.memberId, by: ctx.memberId, delta: params.delta, reason: params.reason, createdAt: ctx.now.toISOString() };
        await tx.create('adjustments', log);
        return { entry: ledgerView(entries[entries.length - 1]), balance };
      });
      return done;
    },
  },
  reverse: {
    access: 'owner',
    schema: z.strictObject({ requestId: requestIdSchema, entryId: z.string().check(z.minLength(1), z.maxLength(160)), reason: reasonSchema }),
    async handle(ctx, params) {
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
      const page = await ctx.store.find<AdjustmentDoc>('adjustments', {
        orderBy: { field: 'createdAt', direction: 'desc' },
        limit: params.limit ?? 30,
        after: params.after ?? null,
      });
      const adjustments: AdjustmentView[] = [];
      for (const a of page.docs) {
        adjustments.push({ id: a.id, memberId: a.memberId, memberName: await nameOf(ctx, a.memberId), byId: a.by, byName: await nameOf(ctx, a.by), delta: a.delta, reason: a.reason, createdAt: a.createdAt });
      }
      return { adjustments, next: page.next };
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
      for await (const shard of scan<MonthlyDoc>(ctx.store, 'pointsMonthly', { orderBy: { field: 'month', direction: 'asc' } })) {
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
