import type { FunctionDef } from '../handler';
import { checkinFunction } from './checkin';
import { memberFunction } from './member';
import { pointsFunction } from './points';

/** Every cloud function, by name: what the local gateway serves and the bundler deploys. */
export const FUNCTIONS: Record<string, FunctionDef> = {
  member: memberFunction as unknown as FunctionDef,
  checkin: checkinFunction as unknown as FunctionDef,
  points: pointsFunction as unknown as FunctionDef,
};
