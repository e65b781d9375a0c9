import * as z from 'zod/mini';
import { AppError } from '../../core/errors';
import { cursorSchema, defineFunction, limitSchema } from '../handler';
import type { AccountDoc, LedgerDoc } from '../model';
import { ledgerView } from '../views';

/** `points`: the member's balance and ledger history. */
export const pointsFunction = defineFunction('points', {
  balance: {
    access: 'member',
    schema: z.strictObject({}),
    async handle(ctx) {
      const account = await ctx.store.get<AccountDoc>('accounts', ctx.memberId);
      if (!account) throw new AppError('NOT_FOUND', '积分账户不存在');
      return { balance: account.balance, lifetimeEarned: account.lifetimeEarned };
    },
  },
  history: {
    access: 'member',
    schema: z.strictObject({ limit: z.optional(limitSchema), after: z.optional(cursorSchema) }),
    async handle(ctx, params) {
      const page = await ctx.store.find<LedgerDoc>('ledger', {
        where: { memberId: ctx.memberId },
        orderBy: { field: 'createdAt', direction: 'desc' },
        limit: params.limit ?? 20,
        after: params.after ?? null,
      });
      return { entries: page.docs.map(ledgerView), next: page.next };
    },
  },
});
