import { sopFunction } from '../../src/server/functions/sop';
import { cloudMain } from '../../src/server/cloudbase/runtime';

/** Deployed entry of the `sop` cloud function (the operations calendar). */
export const main = cloudMain(sopFunction);
