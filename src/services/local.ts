import type { Persona } from '../../types/api';

export type { Persona };

/** Personas of the seeded demo community (local mode only; the gateway refuses otherwise). */
export async function fetchPersonas(): Promise<Persona[]> {
  const response = await fetch('/api/_local/personas');
  if (!response.ok) return [];
  const body = (await response.json()) as { personas: Persona[] };
  return body.personas;
}

/** A never-seen openid, so a person can try the app as a brand-new member. */
export function newMemberOpenid(): string {
  return `local-new-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
