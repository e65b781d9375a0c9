import { attachOwnImages } from '../../domain/images';
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import type { Address, ItemInput, ItemView, OrderStatus, OrderView } from '../../../../types/api';
import { dayKey, utcOffsetMinutes } from '../../../core/day';
import { localClock } from '../../../core/timeFormat';
import { AppError } from '../../../core/errors';
import { splitExpired, sumLots } from '../../../core/ledger';
import { BLOCK_CODE, blockMessage, blockReason, periodKey, type LimitPeriod, type Shopper } from '../../../core/mall';
import { effectiveTier, type TierKey } from '../../../core/tiers';
import { recordActivity } from '../../domain/funnelRollups';
import { cursorSchema, defineFunction, limitSchema, requestIdSchema, type RouteContext } from '../../kernel/handler';
import { choice, int, text } from '../../kernel/fields';
import { PHONE_MESSAGE, PHONE_PATTERN } from '../../../core/formRules';
import { post, reverse, type LedgerSettings } from '../../domain/ledger';
import { carried, withMemberState } from '../../domain/memberState';
import type { AccountDoc, MemberDoc } from '../../domain/model';
import type { Doc, Tx } from '../../store/port';
import { extendVip } from '../../domain/vipTerms';

/** A mall item as stored (`items/<id>`). */
export interface ItemDoc extends Doc, Omit<ItemInput, 'id'> {
  sold: number;
  createdAt: string;
  updatedAt: string;
}

/** An order as stored (`orders/<id>`); `ledgerEntryId` is the redemption's debit, null when nothing was debited (a lottery prize). */
export interface OrderDoc extends Doc, Omit<OrderView, 'id'> {
  pointsPrice: number;
  periodKey: string;
  limitPeriod: ItemInput['limitPeriod'];
  ledgerEntryId: string | null;
  refundEntryId: string | null;
  /** The support case this order was cancelled from, when it was (issue 18). */
  caseId?: string;
}


/** Most of one item a member can take in one redemption. */
export const MAX_QTY = 99;

const isoSchema = z.string('请选择时间').check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, '请选择时间'));
const idSchema = z.string().check(z.minLength(1), z.maxLength(64));

const itemSchema = z
  .strictObject({
    id: z.optional(idSchema),
    title: text(1, 40, '商品名称'),
    description: text(0, 500, '商品介绍'),
    image: z.string().check(z.maxLength(300, '图片无效，请重新上传')),
    pointsPrice: int(1, 1_000_000, '积分价格'),
    stock: int(0, 1_000_000, '库存'),
    perMemberLimit: z.nullable(int(1, 1000, '每人限兑')),
    limitPeriod: choice(['day', 'week', 'month', 'ever'], '请选择限兑周期'),
    minTier: z.nullable(choice(['normal', 'silver', 'gold', 'diamond'], '请选择兑换等级')),
    saleStartsAt: z.nullable(isoSchema),
    saleEndsAt: z.nullable(isoSchema),
    kind: choice(['physical', 'coupon', 'virtual'], '请选择商品类型'),
    virtual: z.nullable(z.strictObject({ type: choice(['makeup_card', 'vip_days'], '请选择发放内容'), amount: int(1, 365, '发放数量') })),
    listed: z.boolean(),
  })
  .check(
    z.refine((i) => (i.kind === 'virtual') === (i.virtual !== null), { message: '虚拟商品需要设置发放内容', path: ['virtual'] }),
    z.refine((i) => !i.saleStartsAt || !i.saleEndsAt || Date.parse(i.saleEndsAt) > Date.parse(i.saleStartsAt), { message: '结束时间需晚于开始时间', path: ['saleEndsAt'] }),
  );

const addressSchema = z.strictObject({
  name: text(1, 20, '收货人'),
  phone: z.string(PHONE_MESSAGE).check(z.trim(), z.regex(PHONE_PATTERN, PHONE_MESSAGE)),
  region: text(1, 60, '所在地区'),
  detail: text(1, 120, '详细地址'),
});

function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 16);
}

function normalise(item: ItemInput): Omit<ItemInput, 'id'> {
  const iso = (v: string | null) => (v ? new Date(v).toISOString() : null);
  return { ...item, saleStartsAt: iso(item.saleStartsAt), saleEndsAt: iso(item.saleEndsAt), virtual: item.kind === 'virtual' ? item.virtual : null };
}

function orderView(o: OrderDoc): OrderView {
  return {
    id: o.id,
    memberId: o.memberId,
    memberName: o.memberName,
    itemId: o.itemId,
    itemTitle: o.itemTitle,
    kind: o.kind,
    qty: o.qty,
    totalPoints: o.totalPoints,
    status: o.status,
    address: o.address,
    fulfilment: o.fulfilment,
    cancelReason: o.cancelReason,
    createdAt: o.createdAt,
    fulfilledAt: o.fulfilledAt,
    completedAt: o.completedAt,
    cancelledAt: o.cancelledAt,
  };
}

/** The member's spendable balance and tier (the stored tier, lifted to the VIP floor while VIP lasts). */
function standing(account: AccountDoc | null, nowIso: string, ctx: RouteContext): { balance: number; tier: TierKey } {
  const tier = effectiveTier(ctx.member, nowIso, ctx.settings.tiers.table, ctx.settings.vip);
  if (!account) return { balance: 0, tier };
  const expired = sumLots(splitExpired(account.lots ?? [], nowIso).expired);
  return { balance: account.balance - expired, tier };
}

/** Key of a per-item, per-period redemption count on the member's account (`redeemed`). */
function counterKey(itemId: string, period: string): string {
  return `${itemId}:${period}`;
}

const PERIODS: LimitPeriod[] = ['day', 'week', 'month', 'ever'];

/** The counts still in a current period (older periods can no longer limit anything). */
function currentCounts(counts: Record<string, number>, today: string): Record<string, number> {
  const current = new Set(PERIODS.map((p) => periodKey(p, today)));
  return Object.fromEntries(Object.entries(counts).filter(([k, n]) => n > 0 && current.has(k.slice(k.lastIndexOf(':') + 1))));
}

async function itemView(ctx: RouteContext, item: ItemDoc, shopper: Omit<Shopper, 'used'>, counts: Record<string, number>): Promise<ItemView> {
  const today = dayKey(ctx.now, ctx.settings.timezone);
  const full = { ...shopper, used: counts[counterKey(item.id, periodKey(item.limitPeriod, today))] ?? 0 };
  const reason = blockReason(item, full);
  const startDay = item.saleStartsAt ? dayKey(item.saleStartsAt, ctx.settings.timezone) : undefined;
  const startClock = item.saleStartsAt ? localClock(item.saleStartsAt, utcOffsetMinutes(ctx.settings.timezone, item.saleStartsAt)) : undefined;
  const { sold, createdAt: _c, updatedAt: _u, ...fields } = item;
  return {
    ...fields,
    sold,
    used: full.used,
    redeemable: reason === null,
    blockedBy: reason ? blockMessage(reason, item, full, today, startDay, startClock) : null,
  };
}

/** Grant a virtual item inside the redemption: makeup cards to the inventory, VIP days to the member. */
async function grantVirtual(tx: Tx, ctx: RouteContext, item: ItemDoc, qty: number): Promise<void> {
  if (!item.virtual) return;
  const amount = item.virtual.amount * qty;
  if (item.virtual.type === 'makeup_card') {
    const inv = (await tx.get('inventory', ctx.memberId)) ?? { id: ctx.memberId, makeupCards: 0 };
    await tx.set('inventory', { ...inv, makeupCards: inv.makeupCards + amount, updatedAt: ctx.now.toISOString() });
    return;
  }
  // VIP runs to the end of a community day; extendVip also records conversion and renewal.
  await extendVip(tx, ctx.memberId, amount, ctx.now, ctx.settings);
}

async function loadOrder(tx: Tx, orderId: string): Promise<OrderDoc> {
  const order = await tx.get('orders', orderId);
  if (!order) throw new AppError('NOT_FOUND', '订单不存在');
  return order;
}

/** `mall`: the points mall — items, redemption that never oversells, and orders. */
export const mallFunction = defineFunction('mall', {
  list: {
    access: 'member',
    schema: z.strictObject({}),
    async handle(ctx) {
      const manager = ctx.role !== 'member';
      const page = await ctx.store.find('items', {
        where: manager ? {} : { listed: true },
        orderBy: { field: 'createdAt', direction: 'desc' },
        limit: 100,
      });
      const nowIso = ctx.now.toISOString();
      const account = await ctx.store.get('accounts', ctx.memberId);
      const { balance, tier } = standing(account, nowIso, ctx);
      const items: ItemView[] = [];
      for (const item of page.docs) items.push(await itemView(ctx, item, { nowIso, balance, tier }, carried(account).redeemed ?? {}));
      return { items, balance };
    },
  },
  saveItem: {
    access: 'owner',
    schema: z.strictObject({ requestId: requestIdSchema, item: itemSchema }),
    async handle(ctx, params) {
      const nowIso = ctx.now.toISOString();
      const saved = await ctx.write(async (tx) => {
        const fields = normalise(params.item);
        const id = params.item.id ?? `it_${shortHash(`${ctx.memberId}:${params.requestId}`)}`;
        const existing = await tx.get('items', id);
        if (params.item.id && !existing) throw new AppError('NOT_FOUND', '商品不存在');
        const item: ItemDoc = { ...fields, id, sold: existing?.sold ?? 0, createdAt: existing?.createdAt ?? nowIso, updatedAt: nowIso };
        // A new picture must be the owner's own upload (issue 14: upload one, not a URL); an unchanged one stays.
        if (item.image && item.image !== existing?.image) await attachOwnImages(tx, ctx.memberId, [item.image], `item:${id}`);
        if (!existing || existing.stock !== item.stock) {
          await tx.create('itemStockLog', { id: `${id}:${params.requestId}`, itemId: id, at: nowIso, by: ctx.memberId, from: existing?.stock ?? 0, to: item.stock });
        }
        await tx.set('items', item);
        return item;
      });
      const account = await ctx.store.get('accounts', ctx.memberId);
      const { balance, tier } = standing(account, nowIso, ctx);
      return { item: await itemView(ctx, saved, { nowIso, balance, tier }, carried(account).redeemed ?? {}) };
    },
  },
  redeem: {
    access: 'member',
    schema: z.strictObject({
      requestId: requestIdSchema,
      itemId: idSchema,
      qty: int(1, MAX_QTY, '数量'),
      address: z.optional(addressSchema),
    }),
    async handle(ctx, params) {
      const nowIso = ctx.now.toISOString();
      const today = dayKey(ctx.now, ctx.settings.timezone);
      const orderId = `O${shortHash(`${ctx.memberId}:${params.requestId}`)}`;
      const prior = await ctx.prior<{ order: OrderView; balance: number }>();
      if (prior) return prior;
      // Refuse from committed state first, so a sold-out rush never queues for the writer;
      // the transaction below checks again before it writes anything.
      const snapshot = await ctx.store.get('items', params.itemId);
      if (!snapshot || !snapshot.listed) throw new AppError('NOT_FOUND', '商品不存在或已下架');
      if (snapshot.stock < params.qty) throw new AppError('OUT_OF_STOCK', '已抢光');
      // The member's balance, redemption counts and funnel share the account: one read, one write.
      return ctx.write((tx) => withMemberState(tx, ctx.memberId, async (state) => {
        const item = await tx.get('items', params.itemId);
        if (!item || !item.listed) throw new AppError('NOT_FOUND', '商品不存在或已下架');
        if (item.kind === 'physical' && !params.address) throw new AppError('VALIDATION', '请填写收货地址');
        const period = periodKey(item.limitPeriod, today);
        const counts = currentCounts(carried(state.account).redeemed ?? {}, today);
        const used = counts[counterKey(item.id, period)] ?? 0;
        const shopper = { nowIso, ...standing(state.account, nowIso, ctx), used };
        const reason = blockReason(item, shopper, params.qty);
        if (reason) {
          const startDay = item.saleStartsAt ? dayKey(item.saleStartsAt, ctx.settings.timezone) : undefined;
          const startClock = item.saleStartsAt ? localClock(item.saleStartsAt, utcOffsetMinutes(ctx.settings.timezone, item.saleStartsAt)) : undefined;
          throw new AppError(BLOCK_CODE[reason], blockMessage(reason, item, shopper, today, startDay, startClock));
        }
        const total = item.pointsPrice * params.qty;
        const debitKey = `redeem:${orderId}`;
        const { balance } = await post(tx, ctx.memberId, [{ key: debitKey, delta: -total, reason: 'redeem', ref: orderId }], ctx.now, ctx.settings);
        // Every document whose value was checked is written: stock, and the account (counts, balance).
        await tx.set('items', { ...item, stock: item.stock - params.qty, sold: item.sold + params.qty, updatedAt: nowIso });
        state.account = { ...state.account, redeemed: { ...counts, [counterKey(item.id, period)]: used + params.qty } };
        const virtual = item.kind === 'virtual';
        const order: OrderDoc = {
          id: orderId,
          memberId: ctx.memberId,
          memberName: (ctx.member as MemberDoc).nickname,
          itemId: item.id,
          itemTitle: item.title,
          kind: item.kind,
          qty: params.qty,
          pointsPrice: item.pointsPrice,
          totalPoints: total,
          status: virtual ? 'completed' : 'placed',
          address: (params.address as Address | undefined) ?? null,
          fulfilment: virtual ? '已自动发放' : null,
          cancelReason: null,
          createdAt: nowIso,
          fulfilledAt: virtual ? nowIso : null,
          completedAt: virtual ? nowIso : null,
          cancelledAt: null,
          periodKey: period,
          limitPeriod: item.limitPeriod,
          ledgerEntryId: debitKey,
          refundEntryId: null,
        };
        await tx.create('orders', order);
        if (virtual) await grantVirtual(tx, ctx, item, params.qty);
        await recordActivity(tx, ctx.memberId, today, 'redeem', ctx.now, ctx.settings);
        return { order: orderView(order), balance };
      }));
    },
  },
  myOrders: {
    access: 'member',
    schema: z.strictObject({ limit: z.optional(limitSchema), after: z.optional(cursorSchema) }),
    async handle(ctx, params) {
      const page = await ctx.store.find('orders', {
        where: { memberId: ctx.memberId },
        orderBy: { field: 'createdAt', direction: 'desc' },
        limit: params.limit ?? 20,
        after: params.after ?? null,
      });
      return { orders: page.docs.map(orderView), next: page.next };
    },
  },
  orders: {
    access: 'host',
    schema: z.strictObject({ status: z.optional(z.enum(['placed', 'fulfilled', 'completed', 'cancelled'])), limit: z.optional(limitSchema), after: z.optional(cursorSchema) }),
    async handle(ctx, params) {
      const page = await ctx.store.find('orders', {
        where: params.status ? { status: params.status as OrderStatus } : {},
        orderBy: { field: 'createdAt', direction: 'desc' },
        limit: params.limit ?? 30,
        after: params.after ?? null,
      });
      return { orders: page.docs.map(orderView), next: page.next };
    },
  },
  fulfill: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, orderId: idSchema, note: text(1, 200, '发货说明') }),
    async handle(ctx, params) {
      return ctx.write(async (tx) => {
        const order = await loadOrder(tx, params.orderId);
        if (order.status !== 'placed') throw new AppError('CONFLICT', order.status === 'cancelled' ? '订单已取消' : '订单已发货');
        const next: OrderDoc = { ...order, status: 'fulfilled', fulfilment: params.note, fulfilledAt: ctx.now.toISOString() };
        await tx.set('orders', next);
        return { order: orderView(next) };
      });
    },
  },
  confirm: {
    access: 'member',
    schema: z.strictObject({ requestId: requestIdSchema, orderId: idSchema }),
    async handle(ctx, params) {
      return ctx.write(async (tx) => {
        const order = await loadOrder(tx, params.orderId);
        if (order.memberId !== ctx.memberId) throw new AppError('NOT_FOUND', '订单不存在');
        if (order.status !== 'fulfilled') throw new AppError('CONFLICT', order.status === 'placed' ? '订单还未发货' : '订单状态已变化');
        const next: OrderDoc = { ...order, status: 'completed', completedAt: ctx.now.toISOString() };
        await tx.set('orders', next);
        return { order: orderView(next) };
      });
    },
  },
  cancel: {
    access: 'host',
    schema: z.strictObject({ requestId: requestIdSchema, orderId: idSchema, reason: text(1, 100, '取消原因') }),
    async handle(ctx, params) {
      return ctx.write(async (tx) => {
        const { order, refunded, message } = await cancelOrder(tx, params.orderId, { reason: params.reason, by: ctx.memberId, caseId: null }, ctx.now, ctx.settings);
        return { order: orderView(order), refunded, message };
      });
    },
  },
});

/** Whether an order was paid with a points debit; lottery prize orders (no debit, 0 points) were not. */
export function orderWasDebited(order: Pick<OrderDoc, 'ledgerEntryId' | 'totalPoints'>): boolean {
  return order.ledgerEntryId !== null && order.totalPoints > 0;
}

/**
 * Cancel an order inside the caller's transaction: refund its debit (once, through the ledger's
 * reversal), give back the member's per-period count and restock the item. An order without a
 * debit (a lottery prize) is restocked only: nothing is refunded and no redemption count returns.
 * The one cancel path, used by `mall.cancel`, by bans (issue 16) and by support-case remedies
 * (`caseId` links the order to the case). `message` says in Chinese what happened.
 * Errors: NOT_FOUND, CONFLICT (cancelled already, virtual, completed).
 */
export async function cancelOrder(
  tx: Tx,
  orderId: string,
  how: { reason: string; by: string; caseId: string | null },
  now: Date,
  settings: LedgerSettings,
): Promise<{ order: OrderDoc; refunded: number; refundEntryId: string | null; message: string }> {
  const order = await loadOrder(tx, orderId);
  if (order.status === 'cancelled') throw new AppError('CONFLICT', '订单已取消');
  if (order.kind === 'virtual') throw new AppError('CONFLICT', '虚拟商品已发放，不能取消');
  if (order.status === 'completed') throw new AppError('CONFLICT', '订单已完成，不能取消');
  const item = await tx.get('items', order.itemId);
  const nowIso = now.toISOString();
  if (!orderWasDebited(order)) {
    // A prize left stock when its lottery was created and never counted as sold.
    if (item) await tx.set('items', { ...item, stock: item.stock + order.qty, updatedAt: nowIso });
    const next: OrderDoc = { ...order, status: 'cancelled', cancelReason: how.reason, cancelledAt: nowIso, refundEntryId: null, ...(how.caseId ? { caseId: how.caseId } : {}) };
    await tx.set('orders', next);
    return { order: next, refunded: 0, refundEntryId: null, message: `奖品订单已取消，「${order.itemTitle}」已退回库存；这份奖品没有扣过积分，所以不退积分` };
  }
  const { entry } = await withMemberState(tx, order.memberId, async (state) => {
    const refund = await reverse(tx, order.ledgerEntryId as string, { reason: 'refund', note: how.reason, by: how.by, ref: order.id }, now, settings);
    const counts = carried(state.account).redeemed ?? {};
    const key = counterKey(order.itemId, order.periodKey);
    if (counts[key]) state.account = { ...state.account, redeemed: { ...counts, [key]: Math.max(0, counts[key] - order.qty) } };
    return refund;
  });
  if (item) await tx.set('items', { ...item, stock: item.stock + order.qty, sold: item.sold - order.qty, updatedAt: nowIso });
  const next: OrderDoc = { ...order, status: 'cancelled', cancelReason: how.reason, cancelledAt: nowIso, refundEntryId: entry.id, ...(how.caseId ? { caseId: how.caseId } : {}) };
  await tx.set('orders', next);
  return { order: next, refunded: entry.delta, refundEntryId: entry.id, message: `订单已取消，已退回 ${entry.delta} 积分` };
}
