export type * from './errors';
export type * from './domain';
export type * from './api';
export type * from './lessons';
export type * from './activities';
export type * from './groups';
