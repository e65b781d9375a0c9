import { AppError } from '../../core/errors';
import type { RouteContext } from './handler';

/**
 * Separation of duties: hosts act only on what they created (lessons, activities, campaigns);
 * owners act on everything. Throws FORBIDDEN with `message` otherwise.
 */
export function assertCreatorOrOwner(ctx: Pick<RouteContext, 'role' | 'memberId'>, creatorId: string, message: string): void {
  if (ctx.role !== 'owner' && creatorId !== ctx.memberId) throw new AppError('FORBIDDEN', message);
}

/** Separation of duties: nobody moves points or status for themselves. Throws FORBIDDEN with `message`. */
export function assertNotSelf(ctx: Pick<RouteContext, 'memberId'>, memberId: string, message: string): void {
  if (memberId === ctx.memberId) throw new AppError('FORBIDDEN', message);
}
