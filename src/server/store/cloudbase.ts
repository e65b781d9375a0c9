/**
 * CloudBase adapter of the store port (docs/store.md) over the wx-server-sdk database API. Documents
 * are stored with `_id` = our id. Transactions use `db.runTransaction`, which re-runs the body on
 * conflict; conflicts the SDK does not retry itself (reported by a single operation) and conflicts
 * that outlast its retries are retried here with jittered backoff, then surface as BusyError.
 * This file deliberately does not import wx-server-sdk: `CloudDb` is the exact surface it uses.
 */
import { patchOps, splitDoc } from './docs';
import {
  BusyError,
  DuplicateError,
  NotFoundError,
  type Doc,
  type FindQuery,
  type Page,
  type Patch,
  type Store,
  type Tx,
  type Where,
} from './port';
import { assertCollection, assertId, planFind, planWhere, toPage, type Condition, type FindPlan } from './query';

/** A raw CloudBase document (with `_id`). */
export type CloudRawDoc = Record<string, unknown>;

/** An opaque query/update command built by `db.command`. */
export type CloudCommandValue = object;

/** A query condition: a field→value/command object or a logic command (`_.and`/`_.or`). */
export type CloudCondition = Record<string, unknown> | CloudCommandValue;

/** The `db.command` operators this adapter uses. */
export interface CloudCommand {
  eq(value: unknown): CloudCommandValue;
  neq(value: unknown): CloudCommandValue;
  gt(value: unknown): CloudCommandValue;
  gte(value: unknown): CloudCommandValue;
  lt(value: unknown): CloudCommandValue;
  lte(value: unknown): CloudCommandValue;
  in(values: unknown[]): CloudCommandValue;
  and(conditions: CloudCondition[]): CloudCommandValue;
  or(conditions: CloudCondition[]): CloudCommandValue;
  inc(by: number): CloudCommandValue;
  set(value: unknown): CloudCommandValue;
}

/** `collection.doc(id)` inside or outside a transaction. */
export interface CloudDocRef {
  get(): Promise<{ data: CloudRawDoc | null }>;
  set(options: { data: Record<string, unknown> }): Promise<unknown>;
  update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<unknown>;
}

/** A query chain (`where/orderBy/limit/get/count`). */
export interface CloudQuery {
  where(condition: CloudCondition): CloudQuery;
  orderBy(field: string, direction: 'asc' | 'desc'): CloudQuery;
  limit(n: number): CloudQuery;
  get(): Promise<{ data: CloudRawDoc[] }>;
  count(): Promise<{ total: number }>;
}

/** `db.collection(name)` outside transactions. */
export interface CloudCollection extends CloudQuery {
  doc(id: string): CloudDocRef;
}

/** `t.collection(name)` inside a transaction: single documents and `add` only. */
export interface CloudTxCollection {
  doc(id: string): CloudDocRef;
  add(options: { data: CloudRawDoc }): Promise<unknown>;
}

/** The transaction object handed to a `runTransaction` body. */
export interface CloudTransaction {
  collection(name: string): CloudTxCollection;
}

/** The part of `cloud.database()` this adapter uses. */
export interface CloudDb {
  command: CloudCommand;
  collection(name: string): CloudCollection;
  runTransaction<T>(body: (t: CloudTransaction) => Promise<T>, retries?: number): Promise<T>;
}

/** Tuning of the adapter's own retry loop around `runTransaction`. */
export interface CloudbaseStoreOptions {
  /** `retries` passed to `db.runTransaction` (the SDK's own conflict retries). Default 3. */
  sdkRetries?: number;
  /** Calls of `runTransaction` before giving up with BusyError. Default 6. */
  maxAttempts?: number;
  /** Backoff before attempt n+1 is random in [0, min(baseBackoffMs · 2^n, maxBackoffMs)). Default 10. */
  baseBackoffMs?: number;
  /** Cap of one backoff. Default 500. */
  maxBackoffMs?: number;
  /** Random source for the backoff jitter. Default Math.random. */
  random?: () => number;
}

/** The SDK's error code for a transaction conflict (as thrown after its own retries). */
export const CONFLICT_CODE = 'DATABASE_TRANSACTION_CONFLICT';

function errorText(e: unknown): string {
  if (typeof e === 'string') return e;
  if (typeof e !== 'object' || e === null) return String(e);
  const parts: string[] = [];
  for (const key of ['code', 'errCode', 'errMsg', 'message'] as const) {
    const v = (e as Record<string, unknown>)[key];
    if (typeof v === 'string' || typeof v === 'number') parts.push(String(v));
  }
  return parts.join(' ');
}

/** True for the SDK's transaction-conflict errors (raw `{ code }` or wrapped `{ errCode, errMsg }`). */
export function isConflictError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const rec = e as Record<string, unknown>;
  if (rec.code === CONFLICT_CODE) return true;
  // Only SDK-shaped errors are inspected by text: domain errors may carry words like CONFLICT.
  if (typeof rec.errCode !== 'number' && typeof rec.code !== 'string') return false;
  return /TransactionConflict|transaction conflict|Transaction is conflict|TransactionBusy|WriteConflict/i.test(
    errorText(e),
  );
}

/** True for the SDK's duplicate-key error on insert. */
export function isDuplicateError(e: unknown): boolean {
  return /duplicate key|E11000|duplicate/i.test(errorText(e));
}

function isNotFoundError(e: unknown): boolean {
  return /does not exist/i.test(errorText(e));
}

/** Marks an SDK conflict raised by one operation inside a body, so the whole transaction is retried. */
class TxConflict extends Error {
  constructor(reason: unknown) {
    super(`transaction conflict: ${errorText(reason)}`, { cause: reason });
    this.name = 'TxConflict';
  }
}

function fromRaw<T extends Doc>(raw: CloudRawDoc | null | undefined): T | null {
  if (raw === null || raw === undefined) return null;
  const { _id, ...fields } = raw;
  if (typeof _id !== 'string') throw new Error('CloudBase document without a string _id');
  return { id: _id, ...fields } as T;
}

async function getDoc(ref: CloudDocRef): Promise<CloudRawDoc | null> {
  try {
    const res = await ref.get();
    return res.data ?? null;
  } catch (e) {
    // wx-server-sdk throws on a missing document unless throwOnNotFound is false.
    if (isNotFoundError(e)) return null;
    throw e;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Transaction handle over a CloudBase transaction; valid only while its body runs. */
class CloudTx implements Tx {
  private open = true;
  /** Set after a failed insert: CloudBase aborts the transaction, so nothing else may run in it. */
  poisoned = false;
  /** Documents this attempt read as absent: finding one later means the read went stale. */
  private readonly seenAbsent = new Set<string>();

  constructor(
    private readonly t: CloudTransaction,
    private readonly _: CloudCommand,
  ) {}

  /** Called when the body returns or throws. */
  finish(): void {
    this.open = false;
  }

  private coll(collection: string): CloudTxCollection {
    if (!this.open) throw new Error('transaction is already finished; use tx only inside its body');
    if (this.poisoned) throw new TxConflict('transaction aborted by a failed insert');
    assertCollection(collection);
    return this.t.collection(collection);
  }

  private async call<R>(op: () => Promise<R>): Promise<R> {
    try {
      return await op();
    } catch (e) {
      if (isConflictError(e)) throw new TxConflict(e);
      throw e;
    }
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    const ref = this.coll(collection).doc(assertId(id));
    const found = fromRaw<T>(await this.call(() => getDoc(ref)));
    if (found === null) this.seenAbsent.add(`${collection}/${id}`);
    return found;
  }

  async create(collection: string, doc: Doc): Promise<void> {
    const c = this.coll(collection);
    const { id, fields } = splitDoc(doc);
    // A body that read this id as absent decided on stale data if it exists now: a concurrent
    // commit won the race, so re-run the body (it will then see the document) instead of failing.
    const stale = this.seenAbsent.has(`${collection}/${id}`);
    // Look first: a failed insert aborts a CloudBase transaction, a read does not.
    if ((await this.call(() => getDoc(c.doc(id)))) !== null) {
      if (stale) throw new TxConflict(`${collection}/${id} was created concurrently`);
      throw new DuplicateError(collection, id);
    }
    try {
      await c.add({ data: { ...fields, _id: id } });
    } catch (e) {
      if (isConflictError(e)) throw new TxConflict(e);
      if (isDuplicateError(e)) {
        this.poisoned = true;
        if (stale) throw new TxConflict(`${collection}/${id} was created concurrently`);
        throw new DuplicateError(collection, id);
      }
      throw e;
    }
  }

  async set(collection: string, doc: Doc): Promise<void> {
    const c = this.coll(collection);
    const { id, fields } = splitDoc(doc);
    if (Object.keys(fields).length === 0) {
      // The SDK rejects an empty `set`; replace by remove + insert in the same transaction.
      await this.call(() => c.doc(id).remove());
      await this.call(() => c.add({ data: { _id: id } }));
      return;
    }
    await this.call(() => c.doc(id).set({ data: fields }));
  }

  async update(collection: string, id: string, patch: Patch): Promise<void> {
    const c = this.coll(collection);
    const ref = c.doc(assertId(id));
    const data: Record<string, unknown> = {};
    for (const op of patchOps(patch)) {
      if (op.kind === 'inc') data[op.field] = this._.inc(op.by);
      // A plain object in an SDK update is merged field by field; the port replaces the field.
      else data[op.field] = isPlainObject(op.value) || Array.isArray(op.value) ? this._.set(op.value) : op.value;
    }
    if (Object.keys(data).length === 0) {
      if ((await this.call(() => getDoc(ref))) === null) throw new NotFoundError(collection, id);
      return;
    }
    const res = await this.call(() => ref.update({ data }));
    // `updated` may be 0 for a no-op update of an existing doc, so look before calling it missing.
    if (!(res.stats.updated > 0) && (await this.call(() => getDoc(ref))) === null) {
      throw new NotFoundError(collection, id);
    }
  }

  async delete(collection: string, id: string): Promise<void> {
    const ref = this.coll(collection).doc(assertId(id));
    await this.call(() => ref.remove());
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Store over a CloudBase database (`cloud.database()` or a test double). */
export class CloudbaseStore implements Store {
  private readonly sdkRetries: number;
  private readonly maxAttempts: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly random: () => number;

  /** Wrap `db`; see CloudbaseStoreOptions for the retry tuning. */
  constructor(
    private readonly db: CloudDb,
    options: CloudbaseStoreOptions = {},
  ) {
    this.sdkRetries = options.sdkRetries ?? 3;
    this.maxAttempts = options.maxAttempts ?? 6;
    this.baseBackoffMs = options.baseBackoffMs ?? 10;
    this.maxBackoffMs = options.maxBackoffMs ?? 500;
    this.random = options.random ?? Math.random;
  }

  /** Run `body` in a CloudBase transaction; it may run several times, so it must be re-runnable. */
  async transaction<T>(body: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.runTransaction(async (t) => {
          const tx = new CloudTx(t, this.db.command);
          let result: T;
          try {
            result = await body(tx);
          } finally {
            tx.finish();
          }
          // The body swallowed a DuplicateError from a failed insert; the SDK transaction is dead.
          if (tx.poisoned) throw new TxConflict('transaction aborted by a failed insert');
          return result;
        }, this.sdkRetries);
      } catch (e) {
        if (!(e instanceof TxConflict) && !isConflictError(e)) throw e;
        if (attempt >= this.maxAttempts) {
          throw new BusyError(`transaction kept conflicting after ${attempt} attempts`);
        }
        await sleep(Math.floor(this.random() * Math.min(this.baseBackoffMs * 2 ** attempt, this.maxBackoffMs)));
      }
    }
  }

  /** Read one committed document. */
  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    assertCollection(collection);
    return fromRaw<T>(await getDoc(this.db.collection(collection).doc(assertId(id))));
  }

  /** One page of documents; see FindQuery. */
  async find<T extends Doc>(collection: string, query?: FindQuery): Promise<Page<T>> {
    const plan = planFind(collection, query);
    const conds = this.conditions(plan.where);
    const cursor = this.cursorCondition(plan);
    if (cursor !== null) conds.push(cursor);
    let q = this.db.collection(collection).where(this.all(conds));
    if (plan.field !== null) q = q.orderBy(plan.field, plan.direction);
    q = q.orderBy('_id', plan.direction).limit(plan.limit + 1);
    const res = await q.get();
    return toPage(
      plan,
      res.data.map((raw) => fromRaw<T>(raw) as T),
    );
  }

  /** Number of documents matching `where`. */
  async count(collection: string, where?: Where): Promise<number> {
    const conds = this.conditions(planWhere(collection, where));
    const res = await this.db.collection(collection).where(this.all(conds)).count();
    return res.total;
  }

  /** Nothing to release: the SDK owns its connections. */
  async close(): Promise<void> {}

  private all(conds: CloudCondition[]): CloudCondition {
    if (conds.length === 0) return {};
    return conds.length === 1 ? conds[0] : this.db.command.and(conds);
  }

  private conditions(where: Condition[]): CloudCondition[] {
    const _ = this.db.command;
    const out: CloudCondition[] = [];
    for (const c of where) {
      if (c.kind === 'eq') out.push({ [c.field]: c.value === null ? null : _.eq(c.value) });
      else if (c.kind === 'in') out.push({ [c.field]: _.in(c.values) });
      else {
        for (const { op, value } of c.ops) {
          const cmd = op === '$gt' ? _.gt(value) : op === '$gte' ? _.gte(value) : op === '$lt' ? _.lt(value) : _.lte(value);
          out.push({ [c.field]: cmd });
        }
      }
    }
    return out;
  }

  /**
   * "Strictly after the cursor" in (field, _id) order, where null/absent field values sort first
   * (as in MongoDB and SQLite): asc runs null-by-id then value-by-(value, id); desc the reverse.
   */
  private cursorCondition(plan: FindPlan): CloudCondition | null {
    const after = plan.after;
    if (after === null) return null;
    const _ = this.db.command;
    const asc = plan.direction === 'asc';
    const beyond = (v: unknown): CloudCommandValue => (asc ? _.gt(v) : _.lt(v));
    if (plan.field === null) return { _id: beyond(after.id) };
    const f = plan.field;
    if (after.value === null) {
      const sameNull = { [f]: null, _id: beyond(after.id) };
      return asc ? _.or([sameNull, { [f]: _.neq(null) }]) : sameNull;
    }
    const branches: CloudCondition[] = [{ [f]: beyond(after.value) }, { [f]: _.eq(after.value), _id: beyond(after.id) }];
    if (!asc) branches.push({ [f]: null });
    return _.or(branches);
  }
}

/** Store over a CloudBase database (`cloud.database()` or a test double). */
export function cloudbaseStore(db: CloudDb, options?: CloudbaseStoreOptions): Store {
  return new CloudbaseStore(db, options);
}
