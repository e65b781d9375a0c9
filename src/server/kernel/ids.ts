import { createHash, randomBytes } from 'node:crypto';
import { encodeInviteCode } from '../../core/inviteCode';

/** The member id for a WeChat openid: stable, so first login is idempotent, and not the openid itself. */
export function memberIdFor(openid: string): string {
  return `m_${createHash('sha256').update(`qunyun:${openid}`).digest('hex').slice(0, 24)}`;
}

/** A fresh random invite code (uniqueness is enforced by creating `invites/<code>`). */
export function randomInviteCode(): string {
  return encodeInviteCode(randomBytes(8));
}
