import { mallFunction } from '../../src/server/functions/mall';
import { cloudMain } from '../../src/server/cloudbase/runtime';

/** Deployed entry of the `mall` cloud function. */
export const main = cloudMain(mallFunction);
