/**
 * Member facets (issue 16): one document per tag and per profile answer of a member
 * (`memberFacets/<memberId>:<hash of facet>`, facet `tag:<name>` or `profile:<key>=<value>`), so
 * segments and the CSV export can count and list members by tag or profile field with an indexed
 * equality query (arrays on the member document cannot be indexed on both stores). Written in the
 * same transaction as the tag or profile change that makes them.
 */
import { createHash } from 'node:crypto';
import type { MemberDoc } from './model';
import type { Tx } from '../store/port';

/** One facet of one member. */
export interface FacetDoc {
  id: string;
  facet: string;
  memberId: string;
  joinedAt: string;
}

/** The facet key of a tag. */
export function tagFacet(tag: string): string {
  return `tag:${tag}`;
}

/** The facet key of a profile answer (`industry=教育`). */
export function profileFacet(keyValue: string): string {
  return `profile:${keyValue}`;
}

/** Every facet a member has: tags and profile answers (each choice of a multi-choice field). */
export function facetsOf(member: Pick<MemberDoc, 'tags' | 'profile'> | null): string[] {
  if (!member) return [];
  const out = new Set<string>((member.tags ?? []).map(tagFacet));
  for (const [key, value] of Object.entries(member.profile ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) if (v.trim()) out.add(profileFacet(`${key}=${v.trim().slice(0, 20)}`));
  }
  return [...out];
}

function facetId(memberId: string, facet: string): string {
  return `${memberId}:${createHash('sha1').update(facet).digest('hex').slice(0, 16)}`;
}

/** Bring a member's facet documents from `before` to `after` inside the caller's transaction. */
export async function syncFacets(tx: Tx, before: MemberDoc, after: Pick<MemberDoc, 'tags' | 'profile'>): Promise<void> {
  const old = new Set(facetsOf(before));
  const next = new Set(facetsOf(after));
  for (const facet of old) if (!next.has(facet)) await tx.delete('memberFacets', facetId(before.id, facet));
  for (const facet of next) if (!old.has(facet)) await tx.set('memberFacets', { id: facetId(before.id, facet), facet, memberId: before.id, joinedAt: before.joinedAt });
}
