import { settingsFunction } from '../../src/server/functions/settings';
import { cloudMain } from '../../src/server/cloudbase/runtime';

/** Deployed entry of the `settings` cloud function. */
export const main = cloudMain(settingsFunction);
