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

/** Read the payment configuration from a function's environment variables. */
export function payConfigFromEnv(env: Record<string, string | undefined>): PayConfig {
  return { subMchId: (env.QUNYUN_PAY_SUB_MCH_ID ?? '').trim(), envId: env.QUNYUN_CLOUD_ENV ?? env.TCB_ENV ?? '' };
}

/**
 * The merchant to confirm an order with: the one recorded on the order at creation, else this
 * function's own configuration (orders created before orders recorded it).
 */
export function merchantOf(order: { subMchId?: string | null } | null, config: PayConfig): string {
  return order?.subMchId || config.subMchId;
}
