/**
 * CloudBase adapter of the store port (docs/store.md) over the wx-server-sdk database API. Documents
 * are stored with `_id` = our id. Transactions use `db.runTransaction`, which re-runs the body on
 * conflict; conflicts the SDK does not retry itself (reported by a single operation) and conflicts
 * that outlast its retries are retried here with jittered backoff, then surface as BusyError.
 * This file deliberately does not import wx-server-sdk: `CloudDb` is the exact surface it uses.
 */
import { applyPatch, patchOps, splitDoc, type Fields } from '../store/docs';
import { BusyError, DuplicateError, NotFoundError, type Doc, type FindQuery, type Page, type Patch, type Store, type Tx, type Where } from '../store/port';
import { assertCollection, assertId, planFind, planWhere, toPage, type Condition, type Cursor, type FindPlan } from '../store/query';

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

/**
 * Most documents one query may ask for: older CloudBase environments cap a cloud function's
 * `get()` at 100 without an error, so asking more would silently lose the rest of a page.
 */
export const QUERY_CAP = 100;

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

/** What one attempt will leave in one document: its final fields (null: absent) and whether it existed before (null: not looked). */
interface PendingWrite {
  collection: string;
  id: string;
  fields: Fields | null;
  existed: boolean | null;
}

/**
 * Transaction handle over a CloudBase transaction; valid only while its body runs. Writes are
 * buffered (reads see them) and sent when the body returns, one operation per document: how
 * CloudBase treats a second write of one document within a transaction is unproven, so a body
 * that creates, updates and replaces one document still reaches the SDK as a single insert,
 * replace or remove.
 */
class CloudTx implements Tx {
  private open = true;
  /** Documents this attempt read as absent: finding one later means the read went stale. */
  private readonly seenAbsent = new Set<string>();
  private readonly pending = new Map<string, PendingWrite>();
  /** What this attempt read (its snapshot), so an update after a get costs no second round trip. */
  private readonly seen = new Map<string, Fields | null>();

  constructor(private readonly t: CloudTransaction) {}

  /** Called when the body returns or throws. */
  finish(): void {
    this.open = false;
  }

  private coll(collection: string): CloudTxCollection {
    if (!this.open) throw new Error('transaction is already finished; use tx only inside its body');
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

  private async read(c: CloudTxCollection, collection: string, id: string): Promise<Fields | null> {
    const k = `${collection}/${id}`;
    const cached = this.seen.get(k);
    if (cached !== undefined) return cached === null ? null : structuredClone(cached);
    const raw = await this.call(() => getDoc(c.doc(assertId(id))));
    if (raw === null) {
      this.seenAbsent.add(k);
      this.seen.set(k, null);
      return null;
    }
    const { _id, ...fields } = raw;
    if (typeof _id !== 'string') throw new Error('CloudBase document without a string _id');
    this.seen.set(k, structuredClone(fields));
    return fields;
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    const c = this.coll(collection);
    const p = this.pending.get(`${collection}/${id}`);
    if (p) return p.fields === null ? null : ({ id, ...structuredClone(p.fields) } as T);
    const fields = await this.read(c, collection, id);
    return fields === null ? null : ({ id, ...fields } as T);
  }

  async create(collection: string, doc: Doc): Promise<void> {
    const c = this.coll(collection);
    const { id, fields } = splitDoc(doc);
    const k = `${collection}/${id}`;
    const p = this.pending.get(k);
    if (p) {
      if (p.fields !== null) throw new DuplicateError(collection, id);
      this.pending.set(k, { ...p, fields: structuredClone(fields) });
      return;
    }
    // A body that read this id as absent decided on stale data if it exists now: a concurrent
    // commit won the race, so re-run the body (it will then see the document) instead of failing.
    const stale = this.seenAbsent.has(k);
    if ((await this.call(() => getDoc(c.doc(id)))) !== null) {
      if (stale) throw new TxConflict(`${collection}/${id} was created concurrently`);
      throw new DuplicateError(collection, id);
    }
    this.pending.set(k, { collection, id, fields: structuredClone(fields), existed: false });
  }

  async set(collection: string, doc: Doc): Promise<void> {
    this.coll(collection);
    const { id, fields } = splitDoc(doc);
    // The SDK rejects an empty `set`: every stored document has a field besides its id.
    if (Object.keys(fields).length === 0) throw new Error(`${collection}/${id}: a document needs at least one field besides its id`);
    const k = `${collection}/${id}`;
    this.pending.set(k, { collection, id, fields: structuredClone(fields), existed: this.pending.get(k)?.existed ?? null });
  }

  async update(collection: string, id: string, patch: Patch): Promise<void> {
    const c = this.coll(collection);
    const ops = patchOps(patch);
    const k = `${collection}/${id}`;
    const p = this.pending.get(k);
    const base = p ? p.fields : await this.read(c, collection, id);
    if (base === null) throw new NotFoundError(collection, id);
    if (ops.length === 0) return;
    this.pending.set(k, { collection, id, fields: applyPatch(structuredClone(base), ops), existed: p ? p.existed : true });
  }

  async delete(collection: string, id: string): Promise<void> {
    this.coll(collection);
    const k = `${collection}/${assertId(id)}`;
    this.pending.set(k, { collection, id, fields: null, existed: this.pending.get(k)?.existed ?? null });
  }

  /** Send every buffered write to CloudBase, one operation per document (before the body's answer commits). */
  async flush(): Promise<void> {
    for (const w of this.pending.values()) {
      const c = this.coll(w.collection);
      const fields = w.fields;
      if (fields === null) {
        if (w.existed !== false) await this.call(() => c.doc(w.id).remove());
      } else if (w.existed === false) {
        try {
          await c.add({ data: { ...fields, _id: w.id } });
        } catch (e) {
          // Created by someone else after this attempt looked: re-run the body, which will see it.
          if (isConflictError(e) || isDuplicateError(e)) throw new TxConflict(e);
          throw e;
        }
      } else {
        await this.call(() => c.doc(w.id).set({ data: fields }));
      }
    }
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
          const tx = new CloudTx(t);
          try {
            const result = await body(tx);
            await tx.flush();
            return result;
          } finally {
            tx.finish();
          }
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

  /**
   * One page of documents; see FindQuery. Never asks CloudBase for more than QUERY_CAP documents
   * (older environments silently cap a function's query at 100): a page of QUERY_CAP is followed
   * by a one-document probe past its end to learn whether there is more.
   */
  async find<T extends Doc>(collection: string, query?: FindQuery): Promise<Page<T>> {
    const plan = planFind(collection, query);
    const rows = await this.fetch(plan, Math.min(plan.limit + 1, QUERY_CAP));
    if (rows.length === plan.limit && plan.limit + 1 > QUERY_CAP) {
      const last = rows[rows.length - 1];
      const value = plan.field === null ? null : last[plan.field];
      const after = { value: value === undefined ? null : (value as Cursor['value']), id: last._id as string };
      rows.push(...(await this.fetch({ ...plan, after }, 1)));
    }
    return toPage(
      plan,
      rows.map((raw) => fromRaw<T>(raw) as T),
    );
  }

  private async fetch(plan: FindPlan, n: number): Promise<CloudRawDoc[]> {
    const conds = this.conditions(plan.where);
    const cursor = this.cursorCondition(plan);
    if (cursor !== null) conds.push(cursor);
    let q = this.db.collection(plan.collection).where(this.all(conds));
    if (plan.field !== null) q = q.orderBy(plan.field, plan.direction);
    q = q.orderBy('_id', plan.direction).limit(n);
    const res = await q.get();
    return res.data;
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
