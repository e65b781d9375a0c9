import type { ErrorCode } from '../../types/errors';

/**
 * A failure the member should read: carries a wire error code and a short Chinese message.
 * Domain rules throw it; the handler wrapper turns it into the result envelope.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
