import { pointsFunction } from '../../src/server/functions/points';
import { cloudMain } from '../../src/server/cloudbase/runtime';

/** Deployed entry of the `points` cloud function. */
export const main = cloudMain(pointsFunction);
