import { mallFunction } from '../../src/server/functions/mall';
import { cloudMain } from '../../src/server/runtime/cloudbase';

/** Deployed entry of the `mall` cloud function. */
export const main = cloudMain(mallFunction);
