/**
 * Points red packets (积分红包, issue 19), built to flash-sale standard: the shares are fixed at
 * sending from a PRNG seeded by the packet id, so a replayed or retried body always pays the same
 * amounts; each grab is one transaction that writes the packet (the next share), the member's
 * grab record (`<packetId>:<memberId>`, so once per member) and the member's ledger credit; the
 * expiry job returns what is left exactly once.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import type { PacketAudience, PacketView } from '../../../../types/games';
import { dayKey } from '../../../core/day';
import { AppError } from '../../../core/errors';
import { PACKET_MAX_COUNT, PACKET_MAX_TOTAL, luckiestIndex, packetProblem, seedOf, splitPacket } from '../../../core/games';
import { splitExpired, sumLots } from '../../../core/ledger';
import { effectiveTier, meetsTier, tierName, type TierKey } from '../../../core/tiers';
import type { CommunitySettings } from '../../../core/settings';
import { assertTextAllowed } from '../../domain/contentCheck';
import type { PacketDoc, PacketGrabDoc } from '../../domain/gameRecords';
import { post } from '../../domain/ledger';
import { memberGroupIds } from '../../domain/groupRecords';
import { refreshLiveCard } from '../../domain/liveCards';
import { withMemberState } from '../../domain/memberState';
import type { AccountDoc } from '../../domain/model';
import { choice, int, ref, text } from '../../kernel/fields';
import { limitSchema, requestIdSchema, type RouteContext, type Routes } from '../../kernel/handler';
import type { Store, Tx } from '../../store/port';
import { scanAll } from '../../store/scan';

/** Greeting when the sender leaves it empty. */
export const DEFAULT_GREETING = '恭喜发财，大吉大利';
/** Hours a packet stays open unless the sender says otherwise. */
export const DEFAULT_PACKET_HOURS = 24;
/** The answer of a grab after the last share is gone (the benchmark counts it). */
export const PACKET_EMPTY = '红包已抢完';

const HOUR = 3_600_000;

function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 16);
}

const audienceSchema = z.union([
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('tier'), tier: choice(['silver', 'gold', 'diamond'], '请选择可领取的等级') }),
  z.strictObject({ kind: z.literal('group'), groupId: ref(40, '请选择一个群') }),
]);

function spendable(account: AccountDoc | null, nowIso: string): number {
  if (!account) return 0;
  return account.balance - sumLots(splitExpired(account.lots ?? [], nowIso).expired);
}

/** The month budget left for hosts' and owners' packets. */
async function budgetLeft(store: Pick<Store, 'get'> | Tx, settings: CommunitySettings, month: string): Promise<number> {
  const doc = await store.get('packetBudget', month);
  return settings.games.packetMonthlyBudget - (doc?.spent ?? 0);
}

/** Why the caller cannot grab `packet` now, as [code, sentence]; null when they can. `groups`: the caller's groups (seen or joined). Does not look at their own grab. */
function grabRefusal(ctx: RouteContext, packet: PacketDoc, groups: readonly string[]): [ 'OUT_OF_STOCK' | 'CONFLICT' | 'FORBIDDEN', string ] | null {
  if (packet.state === 'finished' || packet.claimed >= packet.count) return ['OUT_OF_STOCK', PACKET_EMPTY];
  if (packet.state === 'expired' || packet.expiresAt <= ctx.now.toISOString()) return ['CONFLICT', '红包已过期，下次早点来'];
  if (packet.source === 'budget' && packet.senderId === ctx.memberId) return ['FORBIDDEN', '不能领取自己用社群预算发出的红包'];
  if (packet.audience.kind === 'tier') {
    const tier = effectiveTier(ctx.member, ctx.now.toISOString(), ctx.settings.tiers.table, ctx.settings.vip);
    if (!meetsTier(tier, packet.audience.tier as TierKey)) return ['FORBIDDEN', `这个红包仅限${tierName(packet.audience.tier as TierKey)}及以上会员领取`];
  }
  if (packet.audience.kind === 'group' && !groups.includes(packet.audience.groupId)) return ['FORBIDDEN', `这个红包只发给「${packet.audience.name}」的群友，请从这个群的群聊卡片进入后再抢`];
  return null;
}

/** A packet as the caller sees it; `grabs` in grab order (empty for list rows). */
export function packetView(ctx: RouteContext, packet: PacketDoc, grabs: PacketGrabDoc[], mine: number | null, groups: readonly string[]): PacketView {
  const closed = packet.state !== 'open';
  const best = closed ? luckiestIndex(grabs.map((g) => g.amount)) : -1;
  const refusal = mine === null ? grabRefusal(ctx, packet, groups) : null;
  return {
    id: packet.id,
    senderName: packet.senderName,
    source: packet.source,
    kind: packet.kind,
    greeting: packet.greeting,
    total: packet.total,
    count: packet.count,
    audience: packet.audience,
    claimedCount: packet.claimed,
    claimedPoints: packet.claimedPoints,
    state: packet.state,
    createdAt: packet.createdAt,
    expiresAt: packet.expiresAt,
    refunded: packet.refunded,
    grabs: grabs.map((g, i) => ({ name: g.name, amount: g.amount, at: g.at, luckiest: i === best && packet.kind === 'lucky', isMe: g.memberId === ctx.memberId })),
    mine,
    canGrab: mine === null && refusal === null,
    blockedBy: mine !== null ? null : (refusal?.[1] ?? null),
  };
}

type GameRoutes = Routes<'games'>;

/** `games.sendPacket`: members pay from their balance, hosts and owners from the month's budget. */
export const sendPacketRoute: GameRoutes['sendPacket'] = {
  access: 'member',
  limits: [{ name: 'packets', max: 20, per: 'day' }],
  schema: z.strictObject({
    requestId: requestIdSchema,
    total: int(1, PACKET_MAX_TOTAL, '红包总积分'),
    count: int(1, PACKET_MAX_COUNT, '红包个数'),
    kind: choice(['lucky', 'equal'], '请选择红包类型'),
    greeting: text(0, 30, '祝福语'),
    audience: z.optional(audienceSchema),
    expiresInHours: z.optional(int(1, 72, '有效时长（小时）')),
  }),
  async handle(ctx, params) {
    const problem = packetProblem(params.total, params.count, params.kind);
    if (problem) throw new AppError('VALIDATION', problem);
    const greeting = params.greeting || DEFAULT_GREETING;
    await assertTextAllowed(ctx.contentCheck, greeting, ctx.openid, 'social');
    const id = `P${shortHash(`${ctx.memberId}:${params.requestId}`)}`;
    // Fixed here, from the packet id: every run of the body below writes the same shares.
    const shares = splitPacket(params.total, params.count, params.kind, seedOf(id));
    const nowIso = ctx.now.toISOString();
    const month = dayKey(ctx.now, ctx.settings.timezone).slice(0, 7);
    const source = ctx.role === 'member' ? ('balance' as const) : ('budget' as const);
    const wanted = params.audience;
    const group = wanted?.kind === 'group' ? await ctx.store.get('groups', wanted.groupId) : null;
    if (wanted?.kind === 'group' && !group) throw new AppError('VALIDATION', '找不到这个群，请重新选择红包的领取范围');
    const audience: PacketAudience = wanted?.kind === 'group' && group ? { kind: 'group', groupId: group.id, name: group.name } : ((wanted ?? { kind: 'all' }) as PacketAudience);
    return ctx.write((tx) => withMemberState(tx, ctx.memberId, async (state) => {
      if (audience.kind === 'group' && ctx.role === 'member' && !memberGroupIds(state.account).includes(audience.groupId)) {
        throw new AppError('FORBIDDEN', '只能给自己所在的群发红包，请先从这个群的群聊卡片进入');
      }
      let balance: number | null = null;
      let left: number | null = null;
      if (source === 'budget') {
        left = await budgetLeft(tx, ctx.settings, month);
        if (params.total > left) throw new AppError('LIMIT_REACHED', `本月红包预算还剩 ${Math.max(0, left)} 积分，请减少总积分`);
        await tx.set('packetBudget', { id: month, spent: ctx.settings.games.packetMonthlyBudget - left + params.total });
        left -= params.total;
      } else {
        const have = spendable(state.account, nowIso);
        if (have < params.total) throw new AppError('INSUFFICIENT_POINTS', `积分不足：你有 ${have} 积分，红包总额 ${params.total}`);
        ({ balance } = await post(tx, ctx.memberId, [{ key: `packet:${id}:send`, delta: -params.total, reason: 'red_packet', ref: id, note: `发红包 · ${greeting}`, transfer: true }], ctx.now, ctx.settings));
      }
      const packet: PacketDoc = {
        id,
        senderId: ctx.memberId,
        senderName: ctx.member?.nickname ?? '',
        source,
        kind: params.kind,
        greeting,
        total: params.total,
        count: params.count,
        audience,
        groupId: audience.kind === 'group' ? audience.groupId : null,
        shares,
        claimed: 0,
        claimedPoints: 0,
        state: 'open',
        budgetMonth: month,
        createdAt: nowIso,
        expiresAt: new Date(ctx.now.getTime() + (params.expiresInHours ?? DEFAULT_PACKET_HOURS) * HOUR).toISOString(),
        refunded: null,
        refundedAt: null,
      };
      await tx.create('packets', packet);
      return { packet: packetView(ctx, packet, [], null, memberGroupIds(state.account)), balance, budgetLeft: left };
    }));
  },
};

/** `games.grab`: one share per member; "红包已抢完" once every share is taken. */
export const grabRoute: GameRoutes['grab'] = {
  access: 'member',
  schema: z.strictObject({ requestId: requestIdSchema, packetId: ref(64, '红包不存在') }),
  async handle(ctx, params) {
    const prior = await ctx.prior<{ amount: number; balance: number; already: boolean }>();
    if (prior) return prior;
    const grabId = `${params.packetId}:${ctx.memberId}`;
    // Refuse from committed state first, so an emptied packet's rush never queues for the writer;
    // a member who already grabbed hears their amount, not "抢完".
    const [mine, snapshot, account] = await Promise.all([ctx.store.get('packetGrabs', grabId), ctx.store.get('packets', params.packetId), ctx.store.get('accounts', ctx.memberId)]);
    if (!snapshot) throw new AppError('NOT_FOUND', '红包不存在');
    if (mine) return { amount: mine.amount, balance: spendable(account, ctx.now.toISOString()), already: true };
    const early = grabRefusal(ctx, snapshot, memberGroupIds(account));
    if (early) throw new AppError(early[0], early[1]);
    let pushed: { claimed: number; count: number } | null = null;
    const answer = await ctx.write((tx) => withMemberState(tx, ctx.memberId, async (state) => {
      pushed = null;
      const packet = await tx.get('packets', params.packetId);
      if (!packet) throw new AppError('NOT_FOUND', '红包不存在');
      const grabbed = await tx.get('packetGrabs', grabId);
      if (grabbed) return { amount: grabbed.amount, balance: spendable(state.account, ctx.now.toISOString()), already: true };
      const refusal = grabRefusal(ctx, packet, memberGroupIds(state.account));
      if (refusal) throw new AppError(refusal[0], refusal[1]);
      const index = packet.claimed;
      const amount = packet.shares[index];
      await tx.create('packetGrabs', { id: grabId, packetId: packet.id, memberId: ctx.memberId, name: ctx.member?.nickname ?? '', index, amount, at: ctx.now.toISOString() });
      const claimed = index + 1;
      await tx.set('packets', { ...packet, claimed, claimedPoints: packet.claimedPoints + amount, state: claimed >= packet.count ? 'finished' : 'open' });
      const { balance } = await post(tx, ctx.memberId, [{ key: `packet:${packet.id}:grab:${ctx.memberId}`, delta: amount, reason: 'red_packet', ref: packet.id, note: `抢红包 · ${packet.senderName}`, transfer: packet.source === 'balance' }], ctx.now, ctx.settings);
      pushed = { claimed, count: packet.count };
      return { amount, balance, already: false };
    }));
    // After the commit: the packet's live card, if it was shared into a group, shows "已抢 n/m" (throttled; errors swallowed).
    const done = pushed as { claimed: number; count: number } | null;
    if (done) await refreshLiveCard(ctx.store, ctx.platform, params.packetId, done.claimed, done.count, done.claimed >= done.count, ctx.now, 'packet');
    return answer;
  },
};

/** `games.packet`: the packet page — every grab, and 手气最佳 once it is closed. */
export const packetRoute: GameRoutes['packet'] = {
  access: 'member',
  schema: z.strictObject({ packetId: ref(64, '红包不存在') }),
  async handle(ctx, params) {
    const packet = await ctx.store.get('packets', params.packetId);
    if (!packet) throw new AppError('NOT_FOUND', '红包不存在');
    const [grabs, account] = await Promise.all([scanAll(ctx.store, 'packetGrabs', { where: { packetId: packet.id }, orderBy: { field: 'index', direction: 'asc' } }), ctx.store.get('accounts', ctx.memberId)]);
    const mine = grabs.find((g) => g.memberId === ctx.memberId)?.amount ?? null;
    return { packet: packetView(ctx, packet, grabs, mine, memberGroupIds(account)) };
  },
};

/** `games.packets`: the newest packets, and the month's budget for hosts and owners. */
export const packetsRoute: GameRoutes['packets'] = {
  access: 'member',
  schema: z.strictObject({ limit: z.optional(limitSchema) }),
  async handle(ctx, params) {
    const page = await ctx.store.find('packets', { orderBy: { field: 'createdAt', direction: 'desc' }, limit: params.limit ?? 20 });
    const [mine, account] = await Promise.all([Promise.all(page.docs.map((p) => ctx.store.get('packetGrabs', `${p.id}:${ctx.memberId}`))), ctx.store.get('accounts', ctx.memberId)]);
    const packets = page.docs.map((p, i) => packetView(ctx, p, [], mine[i]?.amount ?? null, memberGroupIds(account)));
    const month = dayKey(ctx.now, ctx.settings.timezone).slice(0, 7);
    const budget = ctx.role === 'member' ? null : { monthly: ctx.settings.games.packetMonthlyBudget, left: Math.max(0, await budgetLeft(ctx.store, ctx.settings, month)) };
    return { packets, budget };
  },
};
