import Taro from '@tarojs/taro';

/** The part of `wx.cloud` that initialisation needs (`DYNAMIC_CURRENT_ENV` where the base library has it). */
export interface ClientCloud {
  init(options: { env?: unknown; traceUser?: boolean }): void;
  DYNAMIC_CURRENT_ENV?: unknown;
}

/**
 * Options for `wx.cloud.init`: the environment id built in (QUNYUN_CLOUD_ENV) when there is one,
 * otherwise `wx.cloud.DYNAMIC_CURRENT_ENV` (the environment this mini-program runs against), and
 * `traceUser` so visits show in the console's user list. Never `env: undefined`.
 */
export function cloudInitOptions(builtEnv: string, cloud: ClientCloud): { env?: unknown; traceUser: true } {
  if (builtEnv.trim() !== '') return { env: builtEnv.trim(), traceUser: true };
  if (cloud.DYNAMIC_CURRENT_ENV !== undefined) return { env: cloud.DYNAMIC_CURRENT_ENV, traceUser: true };
  return { traceUser: true };
}

/** Initialise `wx.cloud` once at launch on weapp (see cloudInitOptions); `builtEnv` is QUNYUN_CLOUD_ENV. */
export function initCloud(builtEnv: string): void {
  const cloud = Taro.cloud as unknown as ClientCloud;
  cloud.init(cloudInitOptions(builtEnv, cloud));
}
