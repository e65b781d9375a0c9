import * as z from 'zod/mini';
import type { CronJob } from '../../../../types/api';
import { defineFunction } from '../../kernel/handler';
import { recomputeFunnelRoute } from '../funnel/funnelPanel';
import { JOBS } from '../../domain/jobs';

/** `cron`: scheduled maintenance (points expiry…). The timer runs every job; an owner may run one now. */
export const cronFunction = defineFunction('cron', {
  run: {
    access: 'owner',
    schema: z.strictObject({ job: z.enum(Object.keys(JOBS) as [CronJob, ...CronJob[]]) }),
    async handle(ctx, params) {
      return JOBS[params.job](ctx.store, ctx.now, ctx.settings, ctx.messaging);
    },
  },
  recomputeFunnel: recomputeFunnelRoute,
});
