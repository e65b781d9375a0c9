import * as z from 'zod/mini';
import type { BoardRow, BoardView } from '../../../../types/games';
import { CONTRIBUTION_KINDS, CONTRIBUTION_LABEL, CONTRIBUTION_WINDOW_DAYS } from '../../../core/entry';
import { dayKey } from '../../../core/day';
import { BOARDS, BOARD_KEYS, livePeriods, ranksOf, type BoardKey } from '../../../core/games';
import { ALL_SCOPE, boardDocId, boardKey } from '../../domain/boards';
import { memberGroupIds } from '../../domain/groupRecords';
import { AppError } from '../../../core/errors';
import { praiseMember, praiseView } from '../../domain/praise';
import { int, ref, text } from '../../kernel/fields';
import { defineFunction, limitSchema, requestIdSchema, type RouteContext } from '../../kernel/handler';
import { cancelLotteryRoute, createLotteryRoute, drawRoute, enterLotteryRoute, lotteriesRoute, lotteryRoute } from './lottery';
import { grabRoute, packetRoute, packetsRoute, sendPacketRoute } from './packets';

/** Rows a board shows above the caller's own rank. */
export const BOARD_TOP = 50;

/** A board's top rows (figure > 0, highest first) and the caller's figure and rank (null without a figure). */
interface Ranked {
  top: Array<{ memberId: string; figure: number }>;
  myFigure: number;
  myRank: number | null;
}

/** A `boardScores` board (copied by `rankBoards`): one ordered index query, one get per live period, one count. */
async function scoreBoard(ctx: RouteContext, board: BoardKey, scope: string, today: string): Promise<Ranked> {
  const periods = livePeriods(BOARDS[board].period, today);
  const keys = periods.map((p) => boardKey(board, scope, p));
  const where = { key: keys.length === 1 ? keys[0] : { $in: keys } };
  const [top, mineDocs] = await Promise.all([
    ctx.store.find('boardScores', { where, orderBy: { field: 'figure', direction: 'desc' }, limit: BOARD_TOP }),
    Promise.all(periods.map((p) => ctx.store.get('boardScores', boardDocId(board, scope, p, ctx.memberId)))),
  ]);
  const mine = mineDocs.find((d) => d && keys.includes(d.key) && d.figure > 0) ?? null;
  const myRank = mine ? (await ctx.store.count('boardScores', { key: where.key, figure: { $gt: mine.figure } })) + 1 : null;
  return { top: top.docs.filter((d) => d.figure > 0), myFigure: mine?.figure ?? 0, myRank };
}

/**
 * The 贡献榜: the stored 30-day figure `contributions.last30` (kept exact for today by the
 * `refreshContributions` job), read like a score board: top rows by its index, the caller's
 * document by id, one count of higher figures for the caller's rank.
 */
async function contributionBoard(ctx: RouteContext): Promise<Ranked> {
  const [top, mine] = await Promise.all([
    ctx.store.find('contributions', { where: { last30: { $gt: 0 } }, orderBy: { field: 'last30', direction: 'desc' }, limit: BOARD_TOP }),
    ctx.store.get('contributions', ctx.memberId),
  ]);
  const myFigure = mine?.last30 ?? 0;
  const myRank = myFigure > 0 ? (await ctx.store.count('contributions', { last30: { $gt: myFigure } })) + 1 : null;
  return { top: top.docs.map((d) => ({ memberId: d.memberId, figure: d.last30 })), myFigure, myRank };
}

/**
 * `games`: points red packets, verifiable lotteries, leaderboards and praise (issue 19).
 * Errors: VALIDATION, NOT_FOUND, FORBIDDEN, CONFLICT, INSUFFICIENT_POINTS, OUT_OF_STOCK, LIMIT_REACHED, BUSY.
 */
export const gamesFunction = defineFunction('games', {
  sendPacket: sendPacketRoute,
  grab: grabRoute,
  packet: packetRoute,
  packets: packetsRoute,
  createLottery: createLotteryRoute,
  enterLottery: enterLotteryRoute,
  draw: drawRoute,
  cancelLottery: cancelLotteryRoute,
  lottery: lotteryRoute,
  lotteries: lotteriesRoute,
  boards: {
    access: 'member',
    schema: z.strictObject({ board: z.enum(BOARD_KEYS as [BoardKey, ...BoardKey[]], '请选择榜单'), groupId: z.optional(ref(64, '请选择群')) }),
    async handle(ctx, params) {
      const board = params.board as BoardKey;
      const def = BOARDS[board];
      if (def.period === 'last30' && params.groupId) throw new AppError('VALIDATION', '贡献榜按全社群统计，请在排行榜页查看');
      const scope = params.groupId ?? ALL_SCOPE;
      if (params.groupId) {
        // A group board ranks the group's members (figures written in the member's group scopes); members see their own groups'.
        const [group, account] = await Promise.all([ctx.store.get('groups', params.groupId), ctx.store.get('accounts', ctx.memberId)]);
        if (!group) throw new AppError('VALIDATION', '找不到这个群，请重新选择');
        if (ctx.role === 'member' && !memberGroupIds(account).includes(group.id)) throw new AppError('FORBIDDEN', '只有这个群的成员能看群排行榜，请从群聊卡片进入');
      }
      const today = dayKey(ctx.now, ctx.settings.timezone);
      const month = today.slice(0, 7);
      // Precomputed figures: the top rows by index, the caller's own row by id and one count.
      const ranked = def.period === 'last30' ? await contributionBoard(ctx) : await scoreBoard(ctx, board, scope, today);
      const ids = ranked.top.map((d) => d.memberId);
      const [members, praised, recent] = await Promise.all([
        Promise.all(ids.map((id) => ctx.store.get('members', id))),
        ids.length > 0 ? ctx.store.find('boardScores', { where: { key: boardKey('praiseMonth', scope, month), memberId: { $in: ids } }, limit: 100 }) : Promise.resolve({ docs: [] as Array<{ memberId: string; figure: number }>, next: null }),
        ctx.store.find('praise', { orderBy: { field: 'createdAt', direction: 'desc' }, limit: 5 }),
      ]);
      const praiseOf = new Map(praised.docs.map((d) => [d.memberId, d.figure]));
      const ranks = ranksOf(ranked.top.map((d) => d.figure));
      const rows: BoardRow[] = ranked.top.map((d, i) => ({
        rank: ranks[i],
        name: members[i]?.nickname ?? '已注销成员',
        figure: d.figure,
        praised: praiseOf.get(d.memberId) ?? 0,
        isMe: d.memberId === ctx.memberId,
      }));
      const view: BoardView = {
        board,
        title: def.title,
        unit: def.unit,
        rows,
        me: { rank: ranked.myRank, figure: ranked.myFigure, name: ctx.member?.nickname ?? '' },
        recentPraise: recent.docs.map(praiseView),
      };
      if (def.period === 'last30') {
        const weights = ctx.settings.entry.contributionWeights;
        view.explain = { windowDays: CONTRIBUTION_WINDOW_DAYS, weights: CONTRIBUTION_KINDS.filter((k) => weights[k] > 0).map((k) => ({ label: CONTRIBUTION_LABEL[k], points: weights[k] })) };
      }
      return view;
    },
  },
  praise: {
    access: 'host',
    limits: [{ name: 'praise', max: 100, per: 'day' }],
    schema: z.strictObject({
      requestId: requestIdSchema,
      memberId: ref(64, '请选择要表扬的成员'),
      text: text(1, 100, '表扬内容'),
      points: z.optional(int(0, 1000, '表扬积分')),
      groupId: z.optional(ref(64, '请选择群')),
    }),
    async handle(ctx, params) {
      return praiseMember(ctx, params);
    },
  },
  praises: {
    access: 'member',
    schema: z.strictObject({ memberId: z.optional(ref(64, '请选择成员')), limit: z.optional(limitSchema) }),
    async handle(ctx, params) {
      const page = await ctx.store.find('praise', { where: { memberId: params.memberId ?? ctx.memberId }, orderBy: { field: 'createdAt', direction: 'desc' }, limit: params.limit ?? 20 });
      return { praises: page.docs.map(praiseView) };
    },
  },
});
