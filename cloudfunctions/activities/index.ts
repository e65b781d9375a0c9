import { activitiesFunction } from '../../src/server/functions/activities';
import { cloudMain } from '../../src/server/cloudbase/runtime';

/** Deployed entry of the `activities` cloud function. */
export const main = cloudMain(activitiesFunction);
