import Taro from '@tarojs/taro';
import type { ErrorCode, Result } from '../../types/errors';
import type { ActionName, FunctionName, ParamsOf, ResultOf } from '../../types/api';
import { localHeaders } from './identity';

/** A failed call as the UI handles it: branch on `code`, show `message` (already Chinese). */
export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

const NETWORK_MESSAGE = '网络不太稳定，请稍后再试';

async function transport(name: FunctionName, data: Record<string, unknown>): Promise<Result<unknown>> {
  if (process.env.TARO_ENV === 'h5') {
    const response = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...localHeaders() },
      body: JSON.stringify(data),
    });
    return (await response.json()) as Result<unknown>;
  }
  const response = await Taro.cloud.callFunction({ name, data });
  return response.result as Result<unknown>;
}

/**
 * Call one cloud-function action with typed params and result (wx.cloud on weapp, the local
 * gateway over HTTP on h5). Throws ApiFailure with the server's code, or INTERNAL on network loss.
 */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  name: F,
  action: A,
  params: ParamsOf<F, A>,
): Promise<ResultOf<F, A>> {
  let result: Result<unknown>;
  try {
    result = await transport(name, { ...(params as object), action });
  } catch {
    throw new ApiFailure('INTERNAL', NETWORK_MESSAGE);
  }
  if (!result || typeof result !== 'object' || !('ok' in result)) throw new ApiFailure('INTERNAL', NETWORK_MESSAGE);
  if (!result.ok) throw new ApiFailure(result.error.code, result.error.message);
  return result.data as ResultOf<F, A>;
}

/** A fresh idempotency key for one user intent (one tap); reuse it when retrying that intent. */
export function newRequestId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
