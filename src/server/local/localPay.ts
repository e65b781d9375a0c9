import { AppError } from '../../core/errors';
import { simulatePayment } from '../domain/payment';
import { loadSettings } from '../domain/settingsStore';
import type { Store } from '../store/port';

/**
 * `/api/_local/pay?order=VO…`: WeChat Pay's success callback, simulated (local mode only; the
 * gateway refuses local routes otherwise). VALIDATION when the order number is missing or malformed.
 */
export function localPayRoute(store: Store): (url: URL) => Promise<{ paid: boolean }> {
  return async (url) => {
    const order = url.searchParams.get('order') ?? '';
    if (!/^VO[0-9a-f]{24}$/.test(order)) throw new AppError('VALIDATION', '请提供要支付的订单号');
    return simulatePayment(store, order, new Date(), await loadSettings(store));
  };
}
