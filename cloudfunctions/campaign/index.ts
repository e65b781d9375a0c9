import { campaignFunction } from '../../src/server/functions/campaign';
import { cloudMain } from '../../src/server/runtime/cloudbase';

/** Deployed entry of the `campaign` cloud function. */
export const main = cloudMain(campaignFunction);
