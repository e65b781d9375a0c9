import { activitiesFunction } from '../../src/server/functions/activities';
import { cloudMain } from '../../src/server/runtime/cloudbase';

/** Deployed entry of the `activities` cloud function. */
export const main = cloudMain(activitiesFunction);
