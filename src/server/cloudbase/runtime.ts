import cloud from 'wx-server-sdk';
import type { Result } from '../../../types/errors';
import { invoke, type FunctionDef, type Platform, type RuntimePorts } from '../kernel/handler';
import { cloudbaseStore, type CloudDb } from './cloudbaseStore';
import { ownerOpenidsFromEnv } from '../kernel/owners';

/**
 * `Platform.riskRank` through `cloud.openapi.riskControl.getUserRiskRank`. Only the entries that
 * pass it to `cloudMain` ship it, so only their config.json must grant the call.
 */
export const wechatRiskRank: Pick<Platform, 'riskRank'> = {
  async riskRank(openid) {
    // WeChat requires the caller's source IP (client_ip); without it every call errors.
    const { APPID, CLIENTIP } = cloud.getWXContext();
    if (!CLIENTIP) {
      console.error('[risk] no CLIENTIP in the WeChat context; treating as low risk');
      return 'low';
    }
    try {
      const { riskRank } = await cloud.openapi.riskControl.getUserRiskRank({ appid: APPID ?? '', openid, scene: 1, clientIp: CLIENTIP });
      // Ranks 0–4; 3 and 4 are WeChat's high-risk levels.
      return riskRank >= 3 ? 'high' : 'low';
    } catch (error) {
      console.error('[risk] getUserRiskRank failed; treating as low risk', error);
      return 'low';
    }
  },
};

/** `Platform.miniCode` through `cloud.openapi.wxacode.getUnlimited` plus a storage upload (see wechatRiskRank). */
export const wechatMiniCode: Pick<Platform, 'miniCode'> = {
  async miniCode(scene, page) {
    const { buffer } = await cloud.openapi.wxacode.getUnlimited({ scene, page, checkPath: false });
    const { fileID } = await cloud.uploadFile({ cloudPath: `posters/${scene.replace(/[^\w=-]/g, '_')}.png`, fileContent: buffer });
    return fileID;
  },
};

/**
 * The `main` export of a deployed cloud function: CloudBase store, identity from
 * `cloud.getWXContext()` only, and the shared wrapper. `ports` are the outside capabilities this
 * function is granted (its config.json permissions); the rest are the local stand-ins.
 */
export function cloudMain(def: FunctionDef, ports: Partial<RuntimePorts> = {}): (event: unknown, context: unknown) => Promise<Result<unknown>> {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  const store = cloudbaseStore(cloud.database() as unknown as CloudDb);
  const owners = ownerOpenidsFromEnv(process.env.QUNYUN_OWNER_OPENIDS);
  return async (event) => {
    const { OPENID, CLIENTIP } = cloud.getWXContext();
    return invoke(def, event, { ...ports, store, openid: OPENID, now: new Date(), ownerOpenids: owners, clientIp: CLIENTIP ?? null });
  };
}

/** True for a CloudBase timer-trigger event (it carries no caller identity). */
export function isTimerEvent(event: unknown): boolean {
  return typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer';
}

