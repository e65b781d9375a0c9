/** The closed set of error codes every cloud function may answer with (docs/architecture.md, contract). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INSUFFICIENT_POINTS'
  | 'OUT_OF_STOCK'
  | 'LIMIT_REACHED'
  | 'RATE_LIMITED'
  | 'BUSY'
  | 'INTERNAL';

/** A failure as the client sees it: a code to branch on and a short Chinese sentence to show. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  /** RATE_LIMITED only: seconds until the budget resets. */
  retryAfterSeconds?: number;
}

/** The envelope of every cloud-function answer; never throws across the wire. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError };
