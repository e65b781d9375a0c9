/**
 * The one place WeChat Pay's configuration is read. Both payment functions take it from here:
 * `vip` creates orders with it (and each order records its merchant), and `vipPay` confirms an
 * order with the merchant that order was created with, so the variables are set on `vip` only.
 */

/** WeChat Pay settings of one deployment. */
export interface PayConfig {
  /** Sub-merchant id (`QUNYUN_PAY_SUB_MCH_ID`); empty when WeChat Pay is not set up. */
  subMchId: string;
  /** Cloud environment WeChat Pay calls back into (`QUNYUN_CLOUD_ENV`, else the runtime's `TCB_ENV`). */
  envId: string;
}

/**
 * Read the payment configuration from a function's environment variables. The names are read
 * literally from `process.env` (when `env` is it), so the deploy plan sees which function reads them.
 */
export function payConfigFromEnv(env: Record<string, string | undefined> = process.env): PayConfig {
  const fromProcess = env === process.env;
  const subMchId = fromProcess ? process.env.QUNYUN_PAY_SUB_MCH_ID : env.QUNYUN_PAY_SUB_MCH_ID;
  const cloudEnv = fromProcess ? process.env.QUNYUN_CLOUD_ENV : env.QUNYUN_CLOUD_ENV;
  return { subMchId: (subMchId ?? '').trim(), envId: cloudEnv ?? env.TCB_ENV ?? '' };
}

/**
 * The merchant to confirm an order with: the one recorded on the order at creation, else this
 * function's own configuration (orders created before orders recorded it).
 */
export function merchantOf(order: { subMchId?: string | null } | null, config: PayConfig): string {
  return order?.subMchId || config.subMchId;
}
