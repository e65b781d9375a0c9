import type { GroupKind } from '../../types/groups';

/**
 * The WeChat groups of the local demo community. Their opengids are stand-ins: locally
 * `local:<opengid>` resolves to them (the "从群进入" picker), in WeChat only real cloudIDs do.
 */
export const DEMO_GROUPS: ReadonlyArray<{ opengid: string; name: string; kind: GroupKind; region?: string; topic?: string; capacity: number }> = [
  { opengid: 'demo-big', name: '群运大群', kind: 'big', capacity: 200 },
  { opengid: 'demo-small-read', name: '读书小群', kind: 'small', topic: '读书', capacity: 40 },
  { opengid: 'demo-small-run', name: '晨跑小群', kind: 'small', topic: '运动', capacity: 40 },
  { opengid: 'demo-branch-sh', name: '上海分会', kind: 'branch', region: '上海', capacity: 200 },
];
