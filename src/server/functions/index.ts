import type { FunctionDef } from '../kernel/handler';
import { campaignFunction } from './campaign';
import { checkinFunction } from './checkin';
import { cronFunction } from './cron';
import { mallFunction } from './mall';
import { referralFunction } from './referral';
import { funnelFunction } from './funnel/funnelPanel';
import { activitiesFunction } from './activities';
import { lessonsFunction } from './lessons';
import { memberFunction } from './member';
import { pointsFunction } from './points';
import { settingsFunction } from './settings';
import { vipFunction } from './vip';
import { gamesFunction } from './games';
import { supportFunction } from './support';
import { postsFunction } from './posts';
import { sopFunction } from './sop';
import { groupFunction } from './group';

/** Every cloud function, by name: what the local gateway serves and the bundler deploys. */
export const FUNCTIONS: Record<string, FunctionDef> = {
  member: memberFunction as unknown as FunctionDef,
  checkin: checkinFunction as unknown as FunctionDef,
  points: pointsFunction as unknown as FunctionDef,
  cron: cronFunction as unknown as FunctionDef,
  mall: mallFunction as unknown as FunctionDef,
  referral: referralFunction as unknown as FunctionDef,
  funnel: funnelFunction as unknown as FunctionDef,
  lessons: lessonsFunction as unknown as FunctionDef,
  activities: activitiesFunction as unknown as FunctionDef,
  settings: settingsFunction as unknown as FunctionDef,
  campaign: campaignFunction as unknown as FunctionDef,
  vip: vipFunction as unknown as FunctionDef,
  games: gamesFunction as unknown as FunctionDef,
  support: supportFunction as unknown as FunctionDef,
  posts: postsFunction as unknown as FunctionDef,
  sop: sopFunction as unknown as FunctionDef,
  group: groupFunction as unknown as FunctionDef,
};
