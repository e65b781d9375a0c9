import type { Role } from '../../types/domain';

const RANK: Record<Role, number> = { member: 0, host: 1, owner: 2 };

/** True when `role` carries at least the rights of `required` (owner ⊇ host ⊇ member). */
export function hasRole(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

/** Chinese label of a role, as the UI shows it. */
export const ROLE_LABEL: Record<Role, string> = { member: '会员', host: '讲师', owner: '群主' };
