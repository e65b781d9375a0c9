import { MAX_PAGE, type CollectionName, type DocOf, type FindQueryOf, type Store, type WhereOf } from './port';

/** What `scan` reads: the query of `Store.find` without the cursor, plus a page size and a cap. */
export interface ScanQuery<C extends CollectionName = CollectionName> {
  where?: WhereOf<C>;
  orderBy?: FindQueryOf<C>['orderBy'];
  /** Documents per read, 1–100 (default 100): never more than CloudBase serves. */
  pageSize?: number;
  /** Yield at most this many documents (default: all). */
  max?: number;
}

/**
 * The one way to read every matching document: page after page through `Store.find` with a
 * bounded page size, yielding one page at a time. The next page is read only after the caller has
 * handled this one, so a job may change the documents it was given (e.g. move them out of the
 * query's range) before the cursor moves on. Throws QueryError for an unindexed query.
 */
export async function* scanPages<C extends CollectionName>(store: Store, collection: C, query: ScanQuery<C> = {}): AsyncGenerator<Array<DocOf<C>>> {
  const max = query.max ?? Infinity;
  const limit = Math.max(1, Math.min(MAX_PAGE, Math.floor(query.pageSize ?? MAX_PAGE), max));
  let seen = 0;
  let after: string | null = null;
  do {
    const page: { docs: Array<DocOf<C>>; next: string | null } = await store.find(collection, { where: query.where, orderBy: query.orderBy, limit, after });
    const docs = page.docs.length > max - seen ? page.docs.slice(0, max - seen) : page.docs;
    seen += docs.length;
    if (docs.length > 0) yield docs;
    after = page.next;
  } while (after && seen < max);
}

/** `scanPages`, one document at a time (same paging, same order). */
export async function* scan<C extends CollectionName>(store: Store, collection: C, query: ScanQuery<C> = {}): AsyncGenerator<DocOf<C>> {
  for await (const page of scanPages(store, collection, query)) yield* page;
}

/** Every document `scan` yields, in an array (reports that need them all at once; cap with `max`). */
export async function scanAll<C extends CollectionName>(store: Store, collection: C, query: ScanQuery<C> = {}): Promise<Array<DocOf<C>>> {
  const out: Array<DocOf<C>> = [];
  for await (const page of scanPages(store, collection, query)) out.push(...page);
  return out;
}
