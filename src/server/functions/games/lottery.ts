/**
 * Lotteries (抽奖, issue 19) with a fairness check anyone can run: at creation the server keeps a
 * secret random seed and publishes its SHA-256; at the draw it reveals the seed, and the winners
 * follow from the seed and the sorted entry codes by `drawWinners` (src/core/games.ts), which the
 * draw page runs again. Prizes are paid once (ledger key `lottery:<id>:prize:<memberId>`, orders
 * with deterministic ids); item prizes leave stock at creation and return on cancel; entry points
 * of a cancelled draw are refunded once (a reversal of each entry debit).
 */
import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import type { CronRun } from '../../../../types/api';
import type { LotteryEntryRule, LotteryInput, LotteryView } from '../../../../types/games';
import { dayKey } from '../../../core/day';
import { AppError } from '../../../core/errors';
import { drawWinners, entryCode } from '../../../core/games';
import { splitExpired, sumLots } from '../../../core/ledger';
import type { CommunitySettings } from '../../../core/settings';
import { sha256Hex } from '../../../core/sha256';
import { assertCreatorOrOwner } from '../../kernel/access';
import { int, ref, text } from '../../kernel/fields';
import { limitSchema, requestIdSchema, type RouteContext, type Routes } from '../../kernel/handler';
import type { LotteryDoc, LotteryEntryDoc, StoredPrize } from '../../domain/gameRecords';
import { post, reverse } from '../../domain/ledger';
import { withMemberState } from '../../domain/memberState';
import type { OrderDoc } from '../mall/index';
import { DuplicateError, type Store, type Tx } from '../../store/port';
import { scanAll } from '../../store/scan';

/** Most lotteries one cron run draws or finishes. */
export const DRAW_BATCH_LIMIT = 20;

const isoSchema = z.string('请选择时间').check(z.maxLength(40, '请选择时间'), z.refine((v) => Number.isFinite(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v), '请选择时间'));

const prizeSchema = z.union([
  z.strictObject({ kind: z.literal('points'), points: int(1, 100_000, '奖品积分'), winners: int(1, 100, '中奖人数') }),
  z.strictObject({ kind: z.literal('item'), itemId: ref(64, '请选择奖品商品'), winners: int(1, 100, '中奖人数') }),
]);

const entrySchema = z.union([
  z.strictObject({ kind: z.literal('free') }),
  z.strictObject({ kind: z.literal('points'), cost: int(1, 10_000, '参与积分') }),
  z.strictObject({ kind: z.literal('checkins'), days: int(1, 30, '签到天数') }),
]);

const lotterySchema = z
  .strictObject({
    title: text(1, 30, '抽奖标题'),
    prizes: z.array(prizeSchema).check(z.minLength(1, '请至少设置一个奖品'), z.maxLength(5, '最多设置 5 个奖品')),
    entry: entrySchema,
    entryDeadline: isoSchema,
    drawAt: isoSchema,
  })
  .check(
    z.refine((l) => Date.parse(l.drawAt) >= Date.parse(l.entryDeadline), { message: '开奖时间不能早于报名截止时间', path: ['drawAt'] }),
    z.refine((l) => new Set(l.prizes.flatMap((p) => (p.kind === 'item' ? [p.itemId] : []))).size === l.prizes.filter((p) => p.kind === 'item').length, { message: '同一商品只能设为一个奖品', path: ['prizes'] }),
  );

function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 16);
}

/** How an entry rule reads. */
export function entryLabel(rule: LotteryEntryRule): string {
  if (rule.kind === 'points') return `消耗 ${rule.cost} 积分参与`;
  if (rule.kind === 'checkins') return `开始后签到满 ${rule.days} 天可参与`;
  return '免费参与';
}

function prizeLabel(prize: StoredPrize): string {
  return prize.kind === 'points' ? `${prize.points} 积分` : prize.itemTitle;
}

/** The lottery as the caller sees it (the seed only once drawn). */
export function lotteryView(ctx: Pick<RouteContext, 'memberId'>, doc: LotteryDoc, mine: LotteryEntryDoc | null, blockedBy: string | null): LotteryView {
  const revealed = doc.state === 'drawing' || doc.state === 'drawn';
  return {
    id: doc.id,
    title: doc.title,
    hostName: doc.hostName,
    prizes: doc.prizes.map((p) => ({ label: prizeLabel(p), winners: p.winners })),
    entry: doc.entry,
    entryLabel: entryLabel(doc.entry),
    entryDeadline: doc.entryDeadline,
    drawAt: doc.drawAt,
    state: doc.state === 'cancelling' ? 'cancelled' : doc.state,
    entries: doc.entries,
    seedHash: doc.seedHash,
    seed: revealed ? doc.seed : null,
    entryCodes: revealed ? doc.entryCodes : [],
    winners: revealed ? doc.winners.map((w) => ({ code: w.code, name: w.name, prize: prizeLabel(doc.prizes[w.prize]), isMe: w.memberId === ctx.memberId })) : [],
    myCode: mine?.code ?? null,
    blockedBy: mine ? null : blockedBy,
    createdAt: doc.createdAt,
  };
}

/** Check-in days of a member from `startDay` on (the check-in entry rule). */
async function checkinDaysSince(store: Store, memberId: string, startDay: string): Promise<number> {
  return store.count('checkins', { memberId, day: { $gte: startDay } });
}

/** Why the caller cannot enter now, as a sentence; null when they can. */
async function entryRefusal(ctx: RouteContext, doc: LotteryDoc): Promise<string | null> {
  if (doc.state !== 'open') return '抽奖已结束';
  if (ctx.now.toISOString() >= doc.entryDeadline) return '报名已截止';
  if (doc.entry.kind === 'points') {
    const account = await ctx.store.get('accounts', ctx.memberId);
    const have = account ? account.balance - sumLots(splitExpired(account.lots ?? [], ctx.now.toISOString()).expired) : 0;
    if (have < doc.entry.cost) return `参与需要 ${doc.entry.cost} 积分，你有 ${have} 积分`;
  }
  if (doc.entry.kind === 'checkins') {
    const days = await checkinDaysSince(ctx.store, ctx.memberId, doc.startDay);
    if (days < doc.entry.days) return `抽奖开始后签到满 ${doc.entry.days} 天才能参与，你已签到 ${days} 天`;
  }
  return null;
}

async function loadLottery(store: Pick<Store, 'get'> | Tx, id: string): Promise<LotteryDoc> {
  const doc = await store.get('lotteries', id);
  if (!doc) throw new AppError('NOT_FOUND', '抽奖不存在');
  return doc;
}

/** Pay one winner's prize once: points through the ledger, an item as a placed order. */
async function payPrize(store: Store, lottery: LotteryDoc, winner: LotteryDoc['winners'][number], now: Date, settings: CommunitySettings): Promise<void> {
  const prize = lottery.prizes[winner.prize];
  try {
    await store.transaction(async (tx) => {
      if (prize.kind === 'points') {
        await post(tx, winner.memberId, [{ key: `lottery:${lottery.id}:prize:${winner.memberId}`, delta: prize.points, reason: 'lottery', ref: lottery.id, note: `抽奖中奖 · ${lottery.title}` }], now, settings);
        return;
      }
      const nowIso = now.toISOString();
      const order: OrderDoc = {
        id: `O${shortHash(`lottery:${lottery.id}:${winner.memberId}`)}`,
        memberId: winner.memberId,
        memberName: winner.name,
        itemId: prize.itemId,
        itemTitle: prize.itemTitle,
        kind: 'coupon',
        qty: 1,
        pointsPrice: 0,
        totalPoints: 0,
        status: 'placed',
        address: null,
        fulfilment: null,
        cancelReason: null,
        createdAt: nowIso,
        fulfilledAt: null,
        completedAt: null,
        cancelledAt: null,
        periodKey: 'ever',
        limitPeriod: 'ever',
        ledgerEntryId: null,
        refundEntryId: null,
      };
      const item = await tx.get('items', prize.itemId);
      await tx.create('orders', { ...order, kind: item?.kind ?? 'coupon' });
    });
  } catch (error) {
    // Paid by an earlier or concurrent run: the deterministic id says so.
    if (!(error instanceof DuplicateError)) throw error;
  }
}

/**
 * Draw a lottery and pay its prizes, resumable: fixes the winners once (state `drawing`, seed
 * revealed), pays each prize once, then marks it `drawn`. Run again on a `drawing` lottery it
 * finishes the payouts. Errors: NOT_FOUND, CONFLICT (cancelled, before the deadline), BUSY (an
 * entry landed during the draw; try again).
 */
export async function drawLottery(store: Store, lotteryId: string, now: Date, settings: CommunitySettings): Promise<LotteryDoc> {
  let doc = await loadLottery(store, lotteryId);
  if (doc.state === 'cancelled' || doc.state === 'cancelling') throw new AppError('CONFLICT', '抽奖已取消');
  if (doc.state === 'open') {
    if (now.toISOString() < doc.entryDeadline) throw new AppError('CONFLICT', '报名截止后才能开奖');
    const entries = await scanAll(store, 'lotteryEntries', { where: { lotteryId }, orderBy: { field: 'code', direction: 'asc' } });
    doc = await store.transaction(async (tx) => {
      const current = await loadLottery(tx, lotteryId);
      if (current.state !== 'open') return current;
      // The entry count is written with every entry: a mismatch means one landed after the read.
      if (current.entries !== entries.length) throw new AppError('BUSY', '正在开奖，请稍后再试');
      const codes = entries.map((e) => e.code);
      const byCode = new Map(entries.map((e) => [e.code, e]));
      const prizeOf: number[] = current.prizes.flatMap((p, i) => Array.from({ length: p.winners }, () => i));
      const winners = drawWinners(current.seed, codes, prizeOf.length).map((code, i) => ({ code, memberId: byCode.get(code)!.memberId, name: byCode.get(code)!.name, prize: prizeOf[i] }));
      const next: LotteryDoc = { ...current, state: 'drawing', winners, entryCodes: [...codes].sort(), drawnAt: now.toISOString() };
      await tx.set('lotteries', next);
      return next;
    });
  }
  if (doc.state === 'drawing') {
    for (const winner of doc.winners) await payPrize(store, doc, winner, now, settings);
    doc = await store.transaction(async (tx) => {
      const current = await loadLottery(tx, lotteryId);
      if (current.state !== 'drawing') return current;
      const next: LotteryDoc = { ...current, state: 'drawn' };
      await tx.set('lotteries', next);
      return next;
    });
  }
  return doc;
}

/** Finish a cancel: refund each paid entry once (a reversal of its debit), then mark it `cancelled`. Answers the points refunded by this run. */
async function finishCancel(store: Store, lotteryId: string, now: Date, settings: CommunitySettings): Promise<number> {
  const doc = await loadLottery(store, lotteryId);
  if (doc.state !== 'cancelling') return 0;
  let refunded = 0;
  const entries = await scanAll(store, 'lotteryEntries', { where: { lotteryId }, orderBy: { field: 'code', direction: 'asc' } });
  for (const entry of entries) {
    if (entry.paid <= 0) continue;
    try {
      await store.transaction((tx) => reverse(tx, `lottery:${lotteryId}:entry:${entry.memberId}`, { reason: 'refund', note: `抽奖取消退回 · ${doc.title}`, by: null, ref: lotteryId }, now, settings));
      refunded += entry.paid;
    } catch (error) {
      // Refunded by an earlier or concurrent run.
      if (!(error instanceof AppError && error.code === 'CONFLICT') && !(error instanceof DuplicateError)) throw error;
    }
  }
  await store.transaction(async (tx) => {
    const current = await loadLottery(tx, lotteryId);
    if (current.state === 'cancelling') await tx.set('lotteries', { ...current, state: 'cancelled' });
  });
  return refunded;
}

/** The cron job: draw due lotteries and finish interrupted draws and cancels (bounded per run). */
export async function drawLotteries(store: Store, now: Date, settings: CommunitySettings): Promise<CronRun> {
  let lotteries = 0;
  let points = 0;
  const due = await store.find('lotteries', { where: { state: 'open', drawAt: { $lte: now.toISOString() } }, orderBy: { field: 'drawAt', direction: 'asc' }, limit: DRAW_BATCH_LIMIT });
  const stuck = await store.find('lotteries', { where: { state: { $in: ['drawing', 'cancelling'] } }, orderBy: { field: 'drawAt', direction: 'asc' }, limit: DRAW_BATCH_LIMIT });
  for (const doc of [...due.docs, ...stuck.docs]) {
    if (doc.state === 'cancelling') points += await finishCancel(store, doc.id, now, settings);
    else await drawLottery(store, doc.id, now, settings);
    lotteries += 1;
  }
  return { job: 'drawLotteries', accounts: lotteries, points };
}

type GameRoutes = Routes<'games'>;

/** `games.createLottery` (host): publish the seed hash; item prizes leave stock now. */
export const createLotteryRoute: GameRoutes['createLottery'] = {
  access: 'host',
  schema: z.strictObject({ requestId: requestIdSchema, lottery: lotterySchema }),
  async handle(ctx, params) {
    const input = params.lottery as LotteryInput;
    const nowIso = ctx.now.toISOString();
    const entryDeadline = new Date(input.entryDeadline).toISOString();
    if (entryDeadline <= nowIso) throw new AppError('VALIDATION', '报名截止时间需晚于现在');
    const id = `L${shortHash(`${ctx.memberId}:${params.requestId}`)}`;
    // Drawn outside the body, so a retried body keeps the same secret.
    const seed = randomBytes(32).toString('hex');
    return ctx.write(async (tx) => {
      const prizes: StoredPrize[] = [];
      for (const prize of input.prizes) {
        if (prize.kind === 'points') {
          prizes.push(prize);
          continue;
        }
        const item = await tx.get('items', prize.itemId);
        if (!item) throw new AppError('NOT_FOUND', '奖品商品不存在');
        if (item.kind === 'virtual') throw new AppError('VALIDATION', `「${item.title}」是虚拟商品，请改用积分奖品`);
        if (item.stock < prize.winners) throw new AppError('OUT_OF_STOCK', `「${item.title}」库存只剩 ${item.stock} 件，请减少中奖人数`);
        await tx.set('items', { ...item, stock: item.stock - prize.winners, updatedAt: nowIso });
        await tx.create('itemStockLog', { id: `${item.id}:${params.requestId}`, itemId: item.id, at: nowIso, by: ctx.memberId, from: item.stock, to: item.stock - prize.winners });
        prizes.push({ kind: 'item', itemId: item.id, itemTitle: item.title, winners: prize.winners });
      }
      const doc: LotteryDoc = {
        id,
        title: input.title,
        hostId: ctx.memberId,
        hostName: ctx.member?.nickname ?? '',
        prizes,
        entry: input.entry,
        startDay: dayKey(ctx.now, ctx.settings.timezone),
        entryDeadline,
        drawAt: new Date(input.drawAt).toISOString(),
        state: 'open',
        entries: 0,
        seed,
        seedHash: sha256Hex(seed),
        entryCodes: [],
        winners: [],
        createdAt: nowIso,
        drawnAt: null,
      };
      await tx.create('lotteries', doc);
      return { lottery: lotteryView(ctx, doc, null, null) };
    });
  },
};

/** `games.enterLottery`: once per member, paying the entry points if any. */
export const enterLotteryRoute: GameRoutes['enterLottery'] = {
  access: 'member',
  schema: z.strictObject({ requestId: requestIdSchema, lotteryId: ref(64, '抽奖不存在') }),
  async handle(ctx, params) {
    const prior = await ctx.prior<{ lottery: LotteryView; balance: number }>();
    if (prior) return prior;
    const snapshot = await loadLottery(ctx.store, params.lotteryId);
    const checkins = snapshot.entry.kind === 'checkins' ? await checkinDaysSince(ctx.store, ctx.memberId, snapshot.startDay) : 0;
    return ctx.write((tx) => withMemberState(tx, ctx.memberId, async (state) => {
      const doc = await loadLottery(tx, params.lotteryId);
      if (doc.state !== 'open') throw new AppError('CONFLICT', '抽奖已结束');
      if (ctx.now.toISOString() >= doc.entryDeadline) throw new AppError('CONFLICT', '报名已截止');
      const entryId = `${doc.id}:${ctx.memberId}`;
      if (await tx.get('lotteryEntries', entryId)) throw new AppError('CONFLICT', '你已经参加过这个抽奖了');
      if (doc.entry.kind === 'checkins' && checkins < doc.entry.days) throw new AppError('LIMIT_REACHED', `抽奖开始后签到满 ${doc.entry.days} 天才能参与，你已签到 ${checkins} 天`);
      const cost = doc.entry.kind === 'points' ? doc.entry.cost : 0;
      let balance = state.account.balance;
      if (cost > 0) {
        const have = state.account.balance - sumLots(splitExpired(state.account.lots ?? [], ctx.now.toISOString()).expired);
        if (have < cost) throw new AppError('INSUFFICIENT_POINTS', `参与需要 ${cost} 积分，你有 ${have} 积分`);
        ({ balance } = await post(tx, ctx.memberId, [{ key: `lottery:${doc.id}:entry:${ctx.memberId}`, delta: -cost, reason: 'lottery', ref: doc.id, note: `参加抽奖 · ${doc.title}` }], ctx.now, ctx.settings));
      }
      const entry: LotteryEntryDoc = { id: entryId, lotteryId: doc.id, memberId: ctx.memberId, name: ctx.member?.nickname ?? '', code: entryCode(doc.id, ctx.memberId), paid: cost, at: ctx.now.toISOString() };
      await tx.create('lotteryEntries', entry);
      const next: LotteryDoc = { ...doc, entries: doc.entries + 1 };
      await tx.set('lotteries', next);
      return { lottery: lotteryView(ctx, next, entry, null), balance };
    }));
  },
};

/** `games.draw` (host): reveal the seed and pay the winners; the cron job draws when due. */
export const drawRoute: GameRoutes['draw'] = {
  access: 'host',
  schema: z.strictObject({ requestId: requestIdSchema, lotteryId: ref(64, '抽奖不存在') }),
  async handle(ctx, params) {
    const snapshot = await loadLottery(ctx.store, params.lotteryId);
    assertCreatorOrOwner(ctx, snapshot.hostId, '只有发起人或群主可以开奖');
    const doc = await drawLottery(ctx.store, params.lotteryId, ctx.now, ctx.settings);
    const mine = await ctx.store.get('lotteryEntries', `${doc.id}:${ctx.memberId}`);
    return { lottery: lotteryView(ctx, doc, mine, null) };
  },
};

/** `games.cancelLottery` (creator or owner): item stock back now, entry points refunded once. */
export const cancelLotteryRoute: GameRoutes['cancelLottery'] = {
  access: 'host',
  schema: z.strictObject({ requestId: requestIdSchema, lotteryId: ref(64, '抽奖不存在') }),
  async handle(ctx, params) {
    const snapshot = await loadLottery(ctx.store, params.lotteryId);
    assertCreatorOrOwner(ctx, snapshot.hostId, '只有发起人或群主可以取消抽奖');
    const refunded = await ctx.once(async () => {
      await ctx.store.transaction(async (tx) => {
        const doc = await loadLottery(tx, params.lotteryId);
        if (doc.state === 'cancelling' || doc.state === 'cancelled') return;
        if (doc.state !== 'open') throw new AppError('CONFLICT', '已经开奖，不能取消');
        const nowIso = ctx.now.toISOString();
        for (const prize of doc.prizes) {
          if (prize.kind !== 'item') continue;
          const item = await tx.get('items', prize.itemId);
          if (item) await tx.set('items', { ...item, stock: item.stock + prize.winners, updatedAt: nowIso });
        }
        await tx.set('lotteries', { ...doc, state: 'cancelling' });
      });
      return finishCancel(ctx.store, params.lotteryId, ctx.now, ctx.settings);
    });
    const doc = await loadLottery(ctx.store, params.lotteryId);
    return { lottery: lotteryView(ctx, doc, await ctx.store.get('lotteryEntries', `${doc.id}:${ctx.memberId}`), null), refunded };
  },
};

/** `games.lottery`: the draw page — seed hash, then seed, entry codes and winners. */
export const lotteryRoute: GameRoutes['lottery'] = {
  access: 'member',
  schema: z.strictObject({ lotteryId: ref(64, '抽奖不存在') }),
  async handle(ctx, params) {
    const doc = await loadLottery(ctx.store, params.lotteryId);
    const mine = await ctx.store.get('lotteryEntries', `${doc.id}:${ctx.memberId}`);
    return { lottery: lotteryView(ctx, doc, mine, mine ? null : await entryRefusal(ctx, doc)) };
  },
};

/** `games.lotteries`: the newest lotteries. */
export const lotteriesRoute: GameRoutes['lotteries'] = {
  access: 'member',
  schema: z.strictObject({ limit: z.optional(limitSchema) }),
  async handle(ctx, params) {
    const page = await ctx.store.find('lotteries', { orderBy: { field: 'createdAt', direction: 'desc' }, limit: params.limit ?? 20 });
    const mine = await Promise.all(page.docs.map((d) => ctx.store.get('lotteryEntries', `${d.id}:${ctx.memberId}`)));
    return { lotteries: page.docs.map((d, i) => lotteryView(ctx, d, mine[i], null)) };
  },
};
