/**
 * The document-store port (docs/store.md). Shaped like CloudBase so the same domain code is honest on
 * both adapters: single-document operations inside transactions, simple indexed queries outside.
 */

import type { CollectionName, DocOf } from './collections';

export type { CollectionName, DocOf } from './collections';

/** A stored JSON document as the adapters see it; `id` is the document key and is never part of the patch. */
export type Doc = { id: string } & Record<string, unknown>;

/** A numeric increment inside `update`, the only non-literal update operator the port has. */
export interface Increment {
  readonly $inc: number;
}

/** Build an increment for `Tx.update` (e.g. `{ stock: inc(-1) }`). */
export function inc(by: number): Increment {
  return { $inc: by };
}

/** True when a patch value is an increment. */
export function isIncrement(value: unknown): value is Increment {
  return typeof value === 'object' && value !== null && '$inc' in value && Object.keys(value).length === 1;
}

/** Top-level field patch of a document `T`: literal values replace, increments add (never the id). */
export type Patch<T = Record<string, unknown>> = { [K in Exclude<keyof T, 'id'>]?: T[K] | Increment };

/** Condition on one indexed field. */
export type FieldCondition =
  | string
  | number
  | boolean
  | null
  | { $gt?: string | number; $gte?: string | number; $lt?: string | number; $lte?: string | number }
  | { $in: Array<string | number> };

/** Conjunction of field conditions; fields must be declared as indexed in the schema. */
export type Where = Record<string, FieldCondition | undefined>;

/** A page query: one order field (ties broken by id in the same direction), ≤ 100 per page. */
export interface FindQuery {
  where?: Where;
  orderBy?: { field: string; direction: 'asc' | 'desc' };
  limit?: number;
  /** Opaque cursor from a previous page's `next`. */
  after?: string | null;
}

/** A field of collection `C`'s documents: literal query conditions and orders on other names do not compile. */
export type FieldOf<C extends CollectionName> = Exclude<keyof DocOf<C>, number | symbol>;

/** `Where` on collection `C`: only its document fields (the adapters also check they are indexed). */
export type WhereOf<C extends CollectionName> = { [K in FieldOf<C>]?: FieldCondition };

/** `FindQuery` on collection `C`, typed by its document fields. */
export interface FindQueryOf<C extends CollectionName> extends Omit<FindQuery, 'where' | 'orderBy'> {
  where?: WhereOf<C>;
  orderBy?: { field: FieldOf<C>; direction: 'asc' | 'desc' };
}

/** One page of documents plus the cursor of the next page (null at the end). */
export interface Page<T extends { id: string }> {
  docs: T[];
  next: string | null;
}

/** Single-document operations allowed inside a transaction body. */
export interface Tx {
  /** Read one document of a declared collection, or null when absent. */
  get<C extends CollectionName>(collection: C, id: string): Promise<DocOf<C> | null>;
  /** Create a document; throws DuplicateError if the id exists. */
  create<C extends CollectionName>(collection: C, doc: DocOf<C>): Promise<void>;
  /** Create or replace a whole document. */
  set<C extends CollectionName>(collection: C, doc: DocOf<C>): Promise<void>;
  /** Patch top-level fields of an existing document; throws NotFoundError if absent. */
  update<C extends CollectionName>(collection: C, id: string, patch: Patch<DocOf<C>>): Promise<void>;
  /** Delete a document if present. */
  delete(collection: CollectionName, id: string): Promise<void>;
}

/**
 * The store. `transaction` may run `body` more than once (CloudBase retries on conflict), so a body
 * must be safe to re-run and must write every document whose value it checked.
 */
export interface Store {
  transaction<T>(body: (tx: Tx) => Promise<T>): Promise<T>;
  get<C extends CollectionName>(collection: C, id: string): Promise<DocOf<C> | null>;
  find<C extends CollectionName>(collection: C, query?: FindQueryOf<C>): Promise<Page<DocOf<C>>>;
  count<C extends CollectionName>(collection: C, where?: WhereOf<C>): Promise<number>;
  close(): Promise<void>;
}

/**
 * The port as the adapters see it: any collection name (checked at run time by `assertCollection`),
 * documents as plain JSON. Only the store contract suite drives a store this way, to hold both
 * adapters to the same rules whatever the documents hold; app code uses the typed `Store`.
 */
export interface RawStore {
  transaction<T>(body: (tx: RawTx) => Promise<T>): Promise<T>;
  get(collection: string, id: string): Promise<Doc | null>;
  find(collection: string, query?: FindQuery): Promise<Page<Doc>>;
  count(collection: string, where?: Where): Promise<number>;
  close(): Promise<void>;
}

/** `Tx` as the adapters see it (see `RawStore`). */
export interface RawTx {
  get(collection: string, id: string): Promise<Doc | null>;
  create(collection: string, doc: Doc): Promise<void>;
  set(collection: string, doc: Doc): Promise<void>;
  update(collection: string, id: string, patch: Patch): Promise<void>;
  delete(collection: string, id: string): Promise<void>;
}

/** Thrown by `Tx.create` when the id is taken; the deterministic-id idempotency rests on it. */
export class DuplicateError extends Error {
  constructor(
    readonly collection: string,
    readonly id: string,
  ) {
    super(`duplicate ${collection}/${id}`);
    this.name = 'DuplicateError';
  }
}

/** Thrown by `Tx.update` on a missing document. */
export class NotFoundError extends Error {
  constructor(
    readonly collection: string,
    readonly id: string,
  ) {
    super(`missing ${collection}/${id}`);
    this.name = 'NotFoundError';
  }
}

/** Thrown when a transaction could not commit after its retries (mapped to BUSY). */
export class BusyError extends Error {
  constructor(message = 'store busy') {
    super(message);
    this.name = 'BusyError';
  }
}

/** Thrown for a query the port does not allow (unindexed field, page too large). */
export class QueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryError';
  }
}

/** Thrown for a page cursor that is malformed or belongs to another query: the caller's input, not a bug (VALIDATION). */
export class CursorError extends QueryError {
  constructor(message: string) {
    super(message);
    this.name = 'CursorError';
  }
}

/** Largest page a query may ask for, as on CloudBase. */
export const MAX_PAGE = 100;
