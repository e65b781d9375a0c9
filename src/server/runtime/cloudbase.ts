import cloud from 'wx-server-sdk';
import type { Result } from '../../../types/errors';
import { invoke, type FunctionDef } from '../handler';
import { cloudbaseStore, type CloudDb } from '../store/cloudbase';
import { ownerOpenidsFromEnv } from './owners';

/**
 * The `main` export of a deployed cloud function: CloudBase store, identity from
 * `cloud.getWXContext()` only, and the shared wrapper.
 */
export function cloudMain(def: FunctionDef): (event: unknown, context: unknown) => Promise<Result<unknown>> {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  const store = cloudbaseStore(cloud.database() as unknown as CloudDb);
  const owners = ownerOpenidsFromEnv(process.env.QUNYUN_OWNER_OPENIDS);
  return async (event) => {
    const { OPENID } = cloud.getWXContext();
    return invoke(def, event, { store, openid: OPENID, now: new Date(), ownerOpenids: owners });
  };
}
