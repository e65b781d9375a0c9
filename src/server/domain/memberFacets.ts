/**
 * Member facets (issue 16): one document per tag and per profile answer of a member
 * (`memberFacets/<memberId>:<hash of facet>`, facet `tag:<name>` or `profile:<key>=<value>`), so
 * segments and the CSV export can count and list members by tag or profile field with an indexed
 * equality query (arrays on the member document cannot be indexed on both stores). Written in the
 * same transaction as the tag or profile change that makes them.
 */
import { createHash } from 'node:crypto';
import type { CronRun } from '../../../types/api';
import type { MemberDoc } from './model';
import type { Store, Tx } from '../store/port';

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

/** The `backfillFacets` job's progress (`facetBackfill/cursor`): the members page to read next, or done. */
export interface FacetBackfillDoc {
  id: string;
  /** The store cursor of the next members page (by `joinedAt`), null before the first run. */
  after: string | null;
  done: boolean;
  members: number;
  updatedAt: string;
}

/** Most members one `backfillFacets` run reads; the next run continues where it stopped. */
export const BACKFILL_BATCH_LIMIT = 1_000;

/**
 * The one-off cron job for tags and profiles saved before facets existed: walks the members by
 * `joinedAt` (at most `BACKFILL_BATCH_LIMIT` a run, resuming from `facetBackfill/cursor`) and
 * writes the facet documents of every member with tags or profile answers, so segments, the CSV
 * export and the funnel breakdown count them. Later changes keep facets in step as they happen, so
 * once the walk reaches the end the job only reads its cursor. Each member is one transaction that
 * re-reads and rewrites the member (a tag or profile change meanwhile conflicts and wins) and
 * sets its facets (ids derived from the facet: running twice writes the same documents).
 * `accounts` counts the members given facets.
 */
export async function backfillFacets(store: Store, now: Date): Promise<CronRun> {
  const cursor = await store.get('facetBackfill', 'cursor');
  if (cursor?.done) return { job: 'backfillFacets', accounts: 0, points: 0 };
  let after = cursor?.after ?? null;
  let read = 0;
  let written = 0;
  let done = false;
  while (read < BACKFILL_BATCH_LIMIT) {
    const page: { docs: MemberDoc[]; next: string | null } = await store.find('members', { orderBy: { field: 'joinedAt', direction: 'asc' }, limit: 100, after });
    for (const seen of page.docs) {
      read += 1;
      if (facetsOf(seen).length === 0) continue;
      written += await store.transaction(async (tx) => {
        const member = await tx.get('members', seen.id);
        const facets = facetsOf(member);
        if (!member || facets.length === 0) return 0;
        await tx.update('members', member.id, { facetsAt: now.toISOString() });
        for (const facet of facets) await tx.set('memberFacets', { id: facetId(member.id, facet), facet, memberId: member.id, joinedAt: member.joinedAt });
        return 1;
      });
    }
    after = page.next;
    if (!after) {
      done = true;
      break;
    }
  }
  await store.transaction((tx) => tx.set('facetBackfill', { id: 'cursor', after, done, members: (cursor?.members ?? 0) + read, updatedAt: now.toISOString() }));
  return { job: 'backfillFacets', accounts: written, points: 0 };
}
