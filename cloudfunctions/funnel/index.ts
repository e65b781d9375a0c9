import { funnelFunction } from '../../src/server/functions/funnel/funnelPanel';
import { cloudMain } from '../../src/server/cloudbase/runtime';

/** Deployed entry of the `funnel` cloud function (owner panel). */
export const main = cloudMain(funnelFunction);
