import { checkinFunction } from '../../src/server/functions/checkin';
import { cloudMain } from '../../src/server/runtime/cloudbase';

/** Deployed entry of the `checkin` cloud function. */
export const main = cloudMain(checkinFunction);
