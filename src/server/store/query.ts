/**
 * Query validation, planning and cursors shared by both store adapters, so a query one adapter
 * accepts the other accepts too, and both page the same way (docs/store.md).
 */
import { CursorError, MAX_PAGE, QueryError, type FieldCondition, type FindQuery, type Where } from './port';
import { indexedFields, isCollection } from './collections';

/** Page size when a query does not say. */
export const DEFAULT_PAGE = 20;

/** A scalar a field may be compared with for equality. */
export type Scalar = string | number | boolean | null;

/** Range operator names of the port. */
export type RangeOp = '$gt' | '$gte' | '$lt' | '$lte';

/** One validated condition on one field. */
export type Condition =
  | { field: string; kind: 'eq'; value: Scalar }
  | { field: string; kind: 'range'; ops: Array<{ op: RangeOp; value: string | number }> }
  | { field: string; kind: 'in'; values: Array<string | number> };

/** Where the next page starts: strictly after (`value`, `id`) in the query's order. */
export interface Cursor {
  /** Value of the order field at the last returned doc (null when absent or no order field). */
  value: string | number | boolean | null;
  id: string;
}

/** A validated `find`: order is by `field` (then id) or by id alone when `field` is null. */
export interface FindPlan {
  collection: string;
  where: Condition[];
  field: string | null;
  direction: 'asc' | 'desc';
  limit: number;
  after: Cursor | null;
}

const RANGE_OPS: ReadonlySet<string> = new Set(['$gt', '$gte', '$lt', '$lte']);

/** Throw QueryError unless `collection` is declared in the schema. */
export function assertCollection(collection: string): void {
  if (!isCollection(collection)) {
    throw new QueryError(`unknown collection ${collection}`);
  }
}

/** Validate a document id (non-empty string, ≤ 256 chars) and return it. */
export function assertId(id: unknown): string {
  if (typeof id !== 'string' || id.length === 0 || id.length > 256) {
    throw new QueryError('document id must be a non-empty string of at most 256 characters');
  }
  return id;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isKey(v: unknown): v is string | number {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

function condition(field: string, cond: FieldCondition): Condition {
  if (cond === null || typeof cond === 'string' || typeof cond === 'boolean') {
    return { field, kind: 'eq', value: cond };
  }
  if (typeof cond === 'number') {
    if (!Number.isFinite(cond)) throw new QueryError(`${field}: number must be finite`);
    return { field, kind: 'eq', value: cond };
  }
  const obj: unknown = cond;
  if (!isPlainObject(obj)) throw new QueryError(`${field}: unsupported condition`);
  const keys = Object.keys(cond);
  if (keys.length === 1 && keys[0] === '$in') {
    const values = obj.$in;
    if (!Array.isArray(values) || !values.every(isKey)) {
      throw new QueryError(`${field}: $in takes an array of strings or finite numbers`);
    }
    if (values.length > MAX_PAGE) throw new QueryError(`${field}: $in takes at most ${MAX_PAGE} values`);
    return { field, kind: 'in', values: [...values] };
  }
  if (keys.length === 0) throw new QueryError(`${field}: empty condition`);
  const ops: Array<{ op: RangeOp; value: string | number }> = [];
  for (const key of keys) {
    const value = obj[key];
    if (!RANGE_OPS.has(key)) throw new QueryError(`${field}: unsupported operator ${key}`);
    if (value === undefined) continue;
    if (!isKey(value)) throw new QueryError(`${field}: ${key} takes a string or finite number`);
    ops.push({ op: key as RangeOp, value });
  }
  if (ops.length === 0) throw new QueryError(`${field}: empty condition`);
  return { field, kind: 'range', ops };
}

/** Validate a `where` against the collection's indexed fields; throws QueryError. */
export function planWhere(collection: string, where: Where | undefined): Condition[] {
  assertCollection(collection);
  if (where === undefined) return [];
  if (!isPlainObject(where)) throw new QueryError('where must be an object');
  const allowed = indexedFields(collection);
  const out: Condition[] = [];
  for (const [field, cond] of Object.entries(where)) {
    if (cond === undefined) continue;
    if (!allowed.has(field)) throw new QueryError(`${collection}.${field} is not an indexed field`);
    out.push(condition(field, cond));
  }
  return out;
}

/** Validate a whole `find` query; throws QueryError on anything the port does not allow. */
export function planFind(collection: string, query: FindQuery = {}): FindPlan {
  const where = planWhere(collection, query.where);
  const limit = query.limit ?? DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new QueryError(`limit must be an integer from 1 to ${MAX_PAGE}`);
  }
  let field: string | null = null;
  let direction: 'asc' | 'desc' = 'asc';
  if (query.orderBy !== undefined) {
    field = query.orderBy.field;
    direction = query.orderBy.direction;
    if (!indexedFields(collection).has(field)) {
      throw new QueryError(`${collection}.${field} is not an indexed field`);
    }
    if (direction !== 'asc' && direction !== 'desc') throw new QueryError('direction must be asc or desc');
  }
  const after = query.after == null ? null : decodeCursor(query.after, collection, field, direction);
  return { collection, where, field, direction, limit, after };
}

type CursorJson = [collection: string, field: string | null, direction: 'asc' | 'desc', value: Cursor['value'], id: string];

/** Encode the position after a doc as an opaque cursor (base64url JSON, bound to the query's order). */
export function encodeCursor(plan: FindPlan, doc: Record<string, unknown> & { id: string }): string {
  const raw = plan.field === null ? null : doc[plan.field];
  const value = raw === undefined ? null : raw;
  if (value !== null && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw new QueryError(`cannot page on non-scalar ${plan.field}`);
  }
  const json: CursorJson = [plan.collection, plan.field, plan.direction, value, doc.id];
  return Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
}

/** Decode a cursor made by `encodeCursor` for the same collection and order; throws CursorError. */
export function decodeCursor(
  cursor: string,
  collection: string,
  field: string | null,
  direction: 'asc' | 'desc',
): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError('malformed cursor');
  }
  if (!Array.isArray(parsed) || parsed.length !== 5) throw new CursorError('malformed cursor');
  const [c, f, d, value, id] = parsed as unknown[];
  if (c !== collection || f !== field || d !== direction) {
    throw new CursorError('cursor belongs to a different query');
  }
  if (typeof id !== 'string') throw new CursorError('malformed cursor');
  if (value !== null && typeof value !== 'string' && typeof value !== 'boolean' && !isKey(value)) {
    throw new CursorError('malformed cursor');
  }
  return { value, id };
}

/** Turn the `limit + 1` rows an adapter fetched into a page with the next cursor. */
export function toPage<T extends Record<string, unknown> & { id: string }>(
  plan: FindPlan,
  rows: T[],
): { docs: T[]; next: string | null } {
  if (rows.length <= plan.limit) return { docs: rows, next: null };
  const docs = rows.slice(0, plan.limit);
  return { docs, next: encodeCursor(plan, docs[docs.length - 1]) };
}
