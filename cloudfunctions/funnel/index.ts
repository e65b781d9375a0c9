import { funnelFunction } from '../../src/server/functions/funnel';
import { cloudMain } from '../../src/server/runtime/cloudbase';

/** Deployed entry of the `funnel` cloud function (owner panel). */
export const main = cloudMain(funnelFunction);
