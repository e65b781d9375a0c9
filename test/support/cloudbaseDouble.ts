/**
 * In-memory double of the wx-server-sdk database surface the CloudBase adapter uses (`CloudDb`),
 * built to be adversarial so bodies that are unsafe on CloudBase fail in tests:
 *
 * - every `runTransaction` body runs at least twice: the first run's writes are always thrown away
 *   as if it had conflicted;
 * - each attempt reads a snapshot taken when it started (plus its own buffered writes), like
 *   CloudBase/MongoDB snapshot isolation; writes are buffered until commit;
 * - writing a document another live attempt has already written fails that operation at once with
 *   the SDK's wrapped conflict error (MongoDB's WriteConflict), which the SDK does NOT retry;
 * - at commit an optimistic check fails the attempt if any document it wrote (or, with
 *   `isolation: 'serializable'`, also read) was committed by someone else after its snapshot;
 *   commits also fail at random (`conflictRate`, seeded PRNG). Failed commits re-run the body, like
 *   the SDK, up to `maxRetries` times, then reject with the SDK's raw conflict error;
 * - every operation yields to the event loop (a network round trip), so concurrent bodies interleave;
 * - the SDK's quirks are kept: `doc.get()` of a missing doc throws, update merges nested objects
 *   (use `command.set` to replace), empty `set`/`update` are rejected, `add` of an existing `_id`
 *   throws the duplicate-key error and aborts the transaction;
 * - a second write (set, update, add or remove) of one document within one attempt throws: write
 *   each document once per body.
 */
import type {
  CloudCollection,
  CloudCommand,
  CloudCondition,
  CloudDb,
  CloudDocRef,
  CloudQuery,
  CloudRawDoc,
  CloudTransaction,
  CloudTxCollection,
} from '../../src/server/cloudbase/cloudbaseStore';
import { seededRandom } from '../../src/core/prng';

/** Options of `createCloudDbDouble`. */
export interface CloudDbDoubleOptions {
  /** PRNG seed for injected conflicts. Default 1. */
  seed?: number;
  /** Probability that a commit which would succeed is failed as a conflict anyway. Default 0.2. */
  conflictRate?: number;
  /** Probability that an attempt's first write fails with a conflict (not retried by the SDK). Default 0. */
  opConflictRate?: number;
  /** Default `retries` of `runTransaction` (the SDK's default is 3). */
  maxRetries?: number;
  /** Which documents the commit check covers: written ones (CloudBase) or read ones too. Default 'snapshot'. */
  isolation?: 'snapshot' | 'serializable';
  /** Like the SDK's `throwOnNotFound` (default true): `doc.get()` of a missing doc throws. */
  throwOnNotFound?: boolean;
  /** Most documents one `get()` returns whatever the limit, silently (older environments: 100). Default 100. */
  queryCap?: number;
}

/** Counters for assertions about what the double did. */
export interface CloudDbDoubleStats {
  /** Calls of `runTransaction`. */
  transactions: number;
  /** Times a transaction body was started. */
  bodyRuns: number;
  /** Attempts that committed. */
  commits: number;
  /** First attempts discarded on purpose. */
  forcedReplays: number;
  /** Commits failed at random. */
  injectedConflicts: number;
  /** Commits failed by the optimistic check (a concurrent commit touched the same documents). */
  validationConflicts: number;
  /** Write operations failed because another live attempt had written the document. */
  writeConflicts: number;
  /** Write operations failed at random (`opConflictRate`). */
  injectedOpConflicts: number;
  /** `add` calls rejected as duplicate keys. */
  duplicateInserts: number;
  /** `runTransaction` calls that gave up with the conflict error after their retries. */
  exhausted: number;
}

/**
 * SDK operations the double served, the way CloudBase bills and times them: every document
 * `get`/`add`/`set`/`update`/`remove` and every query `get`/`count` is one request. Operations of a
 * transaction attempt count when the attempt commits (`reads`/`writes`), else as `discarded*`
 * (the double always replays each body once, which real CloudBase does only on conflict);
 * `transactions` counts committed attempts, each also costing a begin and a commit round trip.
 */
export interface CloudDbOps {
  /** Document and query reads: in committed attempts plus outside transactions. */
  reads: number;
  /** Document writes: in committed attempts plus outside transactions. */
  writes: number;
  /** Committed transaction attempts (each one begin + one commit request on CloudBase). */
  transactions: number;
  /** Reads and writes of attempts that did not commit (forced replays and conflicts). */
  discardedReads: number;
  discardedWrites: number;
}

/** The double: a `CloudDb` plus counters and direct access for seeding and inspection. */
export interface CloudDbDouble extends CloudDb {
  readonly stats: CloudDbDoubleStats;
  /** Billed SDK operations (see CloudDbOps); reset by assigning zeros. */
  readonly ops: CloudDbOps;
  /** Insert or replace committed documents directly (bypassing transactions). */
  seed(collection: string, docs: CloudRawDoc[]): void;
  /** All committed documents of a collection, sorted by `_id`. */
  dump(collection: string): CloudRawDoc[];
}

/** The raw error the SDK's `runTransaction` rejects with when conflicts outlast its retries. */
export interface RawConflictError {
  code: 'DATABASE_TRANSACTION_CONFLICT';
  message: string;
  requestId: string;
}

type CmdOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'and' | 'or' | 'inc' | 'set';

/** A command built by `db.command`. */
class Cmd {
  constructor(
    readonly op: CmdOp,
    readonly arg: unknown,
  ) {}
}

const CONFLICT_MSG = '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others.';

/** An error shaped like wx-server-sdk's wrapped errors (`Error` with errCode and errMsg). */
function sdkError(api: string, errCode: number, detail: string): Error & { errCode: number; errMsg: string } {
  const codeText: Record<number, string> = { [-1]: '', [-501001]: 'resource system error', [-501007]: 'invalid parameters', [-502001]: 'database request fail' };
  const message = errCode === -1 ? `${api}:fail ${detail}` : `${api}:fail ${errCode} ${codeText[errCode] ?? ''}. ${detail}`;
  return Object.assign(new Error(message), { errCode, errMsg: message });
}

function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Cmd);
}

/** MongoDB BSON type order, for sorting and type-bracketed comparisons. */
function typeRank(v: unknown): number {
  if (v === null || v === undefined) return 1;
  if (typeof v === 'number') return 2;
  if (typeof v === 'string') return 3;
  if (Array.isArray(v)) return 5;
  if (typeof v === 'object') return 4;
  if (typeof v === 'boolean') return 8;
  return 10;
}

function compare(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 1) return 0;
  if (ra === 2 || ra === 3 || ra === 8) {
    const x = a as number | string | boolean;
    const y = b as number | string | boolean;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function equals(fieldValue: unknown, v: unknown): boolean {
  if (v === null) return fieldValue === null || fieldValue === undefined;
  if (typeof v === 'object') return JSON.stringify(fieldValue) === JSON.stringify(v);
  return fieldValue === v;
}

function fieldOf(doc: CloudRawDoc, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function matchValue(fieldValue: unknown, v: unknown): boolean {
  if (!(v instanceof Cmd)) return equals(fieldValue, v);
  switch (v.op) {
    case 'eq':
      return equals(fieldValue, v.arg);
    case 'neq':
      return !equals(fieldValue, v.arg);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      // MongoDB compares within one type only: { $gt: 5 } never matches a string or null.
      if (typeRank(fieldValue) !== typeRank(v.arg) || typeRank(v.arg) === 1) return false;
      const c = compare(fieldValue, v.arg);
      return v.op === 'gt' ? c > 0 : v.op === 'gte' ? c >= 0 : v.op === 'lt' ? c < 0 : c <= 0;
    }
    case 'in':
      if (!Array.isArray(v.arg)) throw sdkError('collection.where', -501007, '$in needs an array');
      return v.arg.some((x) => equals(fieldValue, x));
    default:
      throw sdkError('collection.where', -501007, `operator ${v.op} is not a query operator`);
  }
}

function matches(doc: CloudRawDoc, cond: unknown): boolean {
  if (cond instanceof Cmd) {
    if (!Array.isArray(cond.arg)) throw sdkError('collection.where', -501007, `${cond.op} needs an array`);
    if (cond.op === 'and') return cond.arg.every((c) => matches(doc, c));
    if (cond.op === 'or') return cond.arg.some((c) => matches(doc, c));
    throw sdkError('collection.where', -501007, `operator ${cond.op} cannot be a whole condition`);
  }
  if (!isPlainObject(cond)) throw sdkError('collection.where', -501007, 'query must be an object');
  return Object.entries(cond).every(([k, v]) => v === undefined || matchValue(fieldOf(doc, k), v));
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

function hasCommand(v: unknown): boolean {
  if (v instanceof Cmd) return true;
  if (isPlainObject(v)) return Object.values(v).some(hasCommand);
  return false;
}

/** Apply an SDK update payload: nested plain objects merge (as the SDK flattens them to paths). */
function applyUpdate(target: Record<string, unknown>, data: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined) continue;
    if (v instanceof Cmd) {
      if (v.op === 'set') target[k] = clone(v.arg);
      else if (v.op === 'inc') {
        const cur = target[k];
        if (cur !== undefined && typeof cur !== 'number') {
          throw sdkError('document.update', -502001, `Cannot apply $inc to a value of non-numeric type. {_id: ...} has the field '${k}' of non-numeric type ${typeof cur}`);
        }
        target[k] = (cur ?? 0) + (v.arg as number);
      } else throw sdkError('document.update', -501007, `operator ${v.op} is not an update operator`);
    } else if (isPlainObject(v)) {
      const cur = target[k];
      const sub = isPlainObject(cur) ? cur : {};
      applyUpdate(sub, v);
      target[k] = sub;
    } else {
      target[k] = clone(v);
    }
  }
}

interface Version {
  seq: number;
  doc: CloudRawDoc | null;
}

const key = (collection: string, id: string): string => `${collection}\u0000${id}`;

/** Committed state with per-document version history (for snapshot reads). */
class Engine {
  seq = 0;
  readonly docs = new Map<string, Map<string, Version[]>>();
  /** startSeq of every live attempt, counted, so old versions can be pruned. */
  readonly live = new Map<number, number>();

  private versions(collection: string, id: string): Version[] | undefined {
    return this.docs.get(collection)?.get(id);
  }

  latest(collection: string, id: string): CloudRawDoc | null {
    const vs = this.versions(collection, id);
    return vs === undefined ? null : vs[vs.length - 1].doc;
  }

  lastSeq(collection: string, id: string): number {
    const vs = this.versions(collection, id);
    return vs === undefined ? 0 : vs[vs.length - 1].seq;
  }

  at(collection: string, id: string, seq: number): CloudRawDoc | null {
    const vs = this.versions(collection, id);
    if (vs === undefined) return null;
    for (let i = vs.length - 1; i >= 0; i--) if (vs[i].seq <= seq) return vs[i].doc;
    return null;
  }

  all(collection: string): CloudRawDoc[] {
    const out: CloudRawDoc[] = [];
    for (const vs of this.docs.get(collection)?.values() ?? []) {
      const d = vs[vs.length - 1].doc;
      if (d !== null) out.push(d);
    }
    return out;
  }

  commit(writes: Map<string, { collection: string; id: string; doc: CloudRawDoc | null }>): void {
    const seq = ++this.seq;
    const oldest = this.live.size === 0 ? seq : Math.min(...this.live.keys());
    for (const { collection, id, doc } of writes.values()) {
      let coll = this.docs.get(collection);
      if (coll === undefined) this.docs.set(collection, (coll = new Map()));
      const vs = coll.get(id) ?? [];
      vs.push({ seq, doc: doc === null ? null : clone(doc) });
      // Keep the newest version visible to the oldest live snapshot, and everything after it.
      let keepFrom = 0;
      for (let i = 0; i < vs.length; i++) if (vs[i].seq <= oldest) keepFrom = i;
      coll.set(id, vs.slice(keepFrom));
    }
  }
}

/** One run of a transaction body. */
class Attempt {
  readonly writes = new Map<string, { collection: string; id: string; doc: CloudRawDoc | null }>();
  readonly reads = new Set<string>();
  readonly locked = new Set<string>();
  abortedBy: Error | null = null;
  done = false;
  /** SDK requests this attempt made (for `CloudDbOps`). */
  opReads = 0;
  opWrites = 0;

  constructor(
    readonly double: Double,
    readonly startSeq: number,
    /** Injected: this attempt's first write fails with a conflict. */
    private failFirstWrite: boolean,
  ) {}

  view(collection: string, id: string): CloudRawDoc | null {
    const w = this.writes.get(key(collection, id));
    if (w !== undefined) return w.doc;
    return this.double.engine.at(collection, id, this.startSeq);
  }

  async before(api: string, write: boolean, collection: string, id: string): Promise<void> {
    if (write) this.opWrites++;
    else this.opReads++;
    await tick();
    if (this.done) throw sdkError(api, -502001, 'transaction is already committed or aborted');
    if (this.abortedBy !== null) throw sdkError(api, -502001, `transaction has been aborted: ${this.abortedBy.message}`);
    if (!write) return;
    const k = key(collection, id);
    // How CloudBase treats a second write of one document in a transaction is unproven: refuse it,
    // so a body that does this fails in tests (merge the writes instead).
    if (this.writes.has(k)) throw new Error(`${api}: ${collection}/${id} is written twice in one transaction`);
    const holder = this.double.locks.get(k);
    const d = this.double;
    if ((holder !== undefined && holder !== this) || this.failFirstWrite) {
      if (holder !== undefined && holder !== this) d.stats.writeConflicts++;
      else d.stats.injectedOpConflicts++;
      this.failFirstWrite = false;
      // MongoDB's WriteConflict, reported by the operation; the SDK does not retry these.
      throw sdkError(api, -501001, CONFLICT_MSG);
    }
    d.locks.set(k, this);
    this.locked.add(k);
  }

  buffer(collection: string, id: string, doc: CloudRawDoc | null): void {
    this.writes.set(key(collection, id), { collection, id, doc });
  }

  release(): void {
    this.done = true;
    for (const k of this.locked) if (this.double.locks.get(k) === this) this.double.locks.delete(k);
    const n = this.double.engine.live.get(this.startSeq) ?? 0;
    if (n <= 1) this.double.engine.live.delete(this.startSeq);
    else this.double.engine.live.set(this.startSeq, n - 1);
  }

  /** True when no document in the checked set was committed by someone else after the snapshot. */
  valid(isolation: 'snapshot' | 'serializable'): boolean {
    const checked = new Set(this.writes.keys());
    if (isolation === 'serializable') for (const k of this.reads) checked.add(k);
    for (const k of checked) {
      const [collection, id] = k.split('\u0000');
      if (this.double.engine.lastSeq(collection, id) > this.startSeq) return false;
    }
    return true;
  }
}

class TxDocRef implements CloudDocRef {
  constructor(
    private readonly a: Attempt,
    private readonly collection: string,
    private readonly id: string,
  ) {}

  async get(): Promise<{ data: CloudRawDoc | null }> {
    await this.a.before('document.get', false, this.collection, this.id);
    this.a.reads.add(key(this.collection, this.id));
    const doc = this.a.view(this.collection, this.id);
    if (doc === null && this.a.double.throwOnNotFound) {
      throw sdkError('document.get', -1, `document with _id ${this.id} does not exist`);
    }
    return { data: doc === null ? null : clone(doc) };
  }

  async set(options: { data: Record<string, unknown> }): Promise<unknown> {
    checkSetData('document.set', options.data);
    await this.a.before('document.set', true, this.collection, this.id);
    this.a.buffer(this.collection, this.id, { ...clone(options.data), _id: this.id });
    return { _id: this.id, stats: { updated: 1 } };
  }

  async update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }> {
    checkUpdateData(options.data);
    await this.a.before('document.update', true, this.collection, this.id);
    this.a.reads.add(key(this.collection, this.id));
    const cur = this.a.view(this.collection, this.id);
    if (cur === null) return { stats: { updated: 0 } };
    const next = clone(cur);
    applyUpdate(next, options.data);
    // Like MongoDB's nModified: an update that changes nothing reports 0.
    const changed = JSON.stringify(next) !== JSON.stringify(cur);
    this.a.buffer(this.collection, this.id, next);
    return { stats: { updated: changed ? 1 : 0 } };
  }

  async remove(): Promise<unknown> {
    await this.a.before('document.remove', true, this.collection, this.id);
    const existed = this.a.view(this.collection, this.id) !== null;
    this.a.buffer(this.collection, this.id, null);
    return { stats: { removed: existed ? 1 : 0 } };
  }
}

function checkSetData(api: string, data: Record<string, unknown>): void {
  if (!isPlainObject(data) || Object.keys(data).length === 0) {
    throw sdkError(api, -1, 'options.data should not be empty object');
  }
  if ('_id' in data) throw sdkError(api, -501007, '不能更新_id的值');
  if (hasCommand(data)) throw sdkError(api, -502001, 'update operator complicit');
}

function checkUpdateData(data: Record<string, unknown>): void {
  if (!isPlainObject(data) || Object.keys(data).length === 0) {
    throw sdkError('document.update', -1, 'options.data should not be empty object');
  }
  if ('_id' in data) throw sdkError('document.update', -501007, '不能更新_id的值');
}

class TxCollection implements CloudTxCollection {
  constructor(
    private readonly a: Attempt,
    private readonly name: string,
  ) {}

  doc(id: string): CloudDocRef {
    return new TxDocRef(this.a, this.name, id);
  }

  async add(options: { data: CloudRawDoc }): Promise<unknown> {
    const data = clone(options.data);
    const id = typeof data._id === 'string' ? data._id : `auto-${++this.a.double.autoId}`;
    await this.a.before('collection.add', true, this.name, id);
    const d = this.a.double;
    const k = key(this.name, id);
    const buffered = this.a.writes.get(k);
    const exists = buffered !== undefined ? buffered.doc !== null : this.a.view(this.name, id) !== null || d.engine.latest(this.name, id) !== null;
    if (exists) {
      d.stats.duplicateInserts++;
      const err = sdkError(
        'collection.add',
        -502001,
        `[FailedOperation] E11000 duplicate key error collection: qunyun.${this.name} index: _id_ dup key: { _id: "${id}" }`,
      );
      // A failed write aborts a MongoDB transaction.
      this.a.abortedBy = err;
      throw err;
    }
    this.a.buffer(this.name, id, { ...data, _id: id });
    return { _id: id };
  }
}

interface Spec {
  where: CloudCondition;
  order: Array<{ field: string; direction: 'asc' | 'desc' }>;
  limit: number | null;
}

class Query implements CloudQuery {
  constructor(
    protected readonly double: Double,
    protected readonly name: string,
    private readonly spec: Spec = { where: {}, order: [], limit: null },
  ) {}

  where(condition: CloudCondition): CloudQuery {
    if (typeof condition !== 'object' || condition === null) throw new Error('查询参数必须为对象');
    return new Query(this.double, this.name, { ...this.spec, where: condition });
  }

  orderBy(field: string, direction: 'asc' | 'desc'): CloudQuery {
    if (direction !== 'asc' && direction !== 'desc') throw new Error('"direction" must be asc or desc');
    return new Query(this.double, this.name, { ...this.spec, order: [...this.spec.order, { field, direction }] });
  }

  limit(n: number): CloudQuery {
    if (!Number.isInteger(n) || n < 1) throw new Error('limit must be a positive integer');
    return new Query(this.double, this.name, { ...this.spec, limit: n });
  }

  private matching(): CloudRawDoc[] {
    return this.double.engine.all(this.name).filter((d) => matches(d, this.spec.where));
  }

  async get(): Promise<{ data: CloudRawDoc[] }> {
    this.double.ops.reads++;
    await tick();
    // Server-side SDK: default page 100, at most 1000.
    if ((this.spec.limit ?? 100) > 1000) throw sdkError('collection.get', -501007, 'limit must be at most 1000');
    // Older CloudBase environments cap a function's query without an error.
    const limit = Math.min(this.spec.limit ?? 100, this.double.queryCap);
    const docs = this.matching();
    docs.sort((a, b) => {
      for (const { field, direction } of this.spec.order) {
        const c = compare(fieldOf(a, field), fieldOf(b, field));
        if (c !== 0) return direction === 'asc' ? c : -c;
      }
      return 0;
    });
    return { data: docs.slice(0, limit).map(clone) };
  }

  async count(): Promise<{ total: number }> {
    this.double.ops.reads++;
    await tick();
    return { total: this.matching().length };
  }
}

class DirectDocRef implements CloudDocRef {
  constructor(
    private readonly double: Double,
    private readonly collection: string,
    private readonly id: string,
  ) {}

  async get(): Promise<{ data: CloudRawDoc | null }> {
    this.double.ops.reads++;
    await tick();
    const doc = this.double.engine.latest(this.collection, this.id);
    if (doc === null && this.double.throwOnNotFound) {
      throw sdkError('document.get', -1, `document with _id ${this.id} does not exist`);
    }
    return { data: doc === null ? null : clone(doc) };
  }

  private write(doc: CloudRawDoc | null): void {
    this.double.ops.writes++;
    this.double.engine.commit(new Map([[key(this.collection, this.id), { collection: this.collection, id: this.id, doc }]]));
  }

  async set(options: { data: Record<string, unknown> }): Promise<unknown> {
    checkSetData('document.set', options.data);
    await tick();
    this.write({ ...clone(options.data), _id: this.id });
    return { _id: this.id };
  }

  async update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }> {
    checkUpdateData(options.data);
    await tick();
    const cur = this.double.engine.latest(this.collection, this.id);
    if (cur === null) return { stats: { updated: 0 } };
    const next = clone(cur);
    applyUpdate(next, options.data);
    this.write(next);
    return { stats: { updated: JSON.stringify(next) === JSON.stringify(cur) ? 0 : 1 } };
  }

  async remove(): Promise<unknown> {
    await tick();
    const existed = this.double.engine.latest(this.collection, this.id) !== null;
    this.write(null);
    return { stats: { removed: existed ? 1 : 0 } };
  }
}

class Collection extends Query implements CloudCollection {
  doc(id: string): CloudDocRef {
    return new DirectDocRef(this.double, this.name, id);
  }
}

const command: CloudCommand = {
  eq: (v) => new Cmd('eq', v),
  neq: (v) => new Cmd('neq', v),
  gt: (v) => new Cmd('gt', v),
  gte: (v) => new Cmd('gte', v),
  lt: (v) => new Cmd('lt', v),
  lte: (v) => new Cmd('lte', v),
  in: (vs) => new Cmd('in', vs),
  and: (cs) => new Cmd('and', cs),
  or: (cs) => new Cmd('or', cs),
  inc: (n) => new Cmd('inc', n),
  set: (v) => new Cmd('set', v),
};

class Double implements CloudDbDouble {
  readonly engine = new Engine();
  readonly locks = new Map<string, Attempt>();
  readonly stats: CloudDbDoubleStats = {
    transactions: 0,
    bodyRuns: 0,
    commits: 0,
    forcedReplays: 0,
    injectedConflicts: 0,
    validationConflicts: 0,
    writeConflicts: 0,
    injectedOpConflicts: 0,
    duplicateInserts: 0,
    exhausted: 0,
  };
  readonly ops: CloudDbOps = { reads: 0, writes: 0, transactions: 0, discardedReads: 0, discardedWrites: 0 };
  readonly command: CloudCommand = command;
  readonly random: () => number;
  readonly conflictRate: number;
  readonly opConflictRate: number;
  readonly maxRetries: number;
  readonly isolation: 'snapshot' | 'serializable';
  readonly throwOnNotFound: boolean;
  readonly queryCap: number;
  autoId = 0;
  private requests = 0;

  constructor(options: CloudDbDoubleOptions) {
    this.random = seededRandom(options.seed ?? 1);
    this.conflictRate = options.conflictRate ?? 0.2;
    this.opConflictRate = options.opConflictRate ?? 0;
    this.maxRetries = options.maxRetries ?? 3;
    this.isolation = options.isolation ?? 'snapshot';
    this.throwOnNotFound = options.throwOnNotFound ?? true;
    this.queryCap = options.queryCap ?? 100;
  }

  collection(name: string): CloudCollection {
    return new Collection(this, name);
  }

  async runTransaction<T>(body: (t: CloudTransaction) => Promise<T>, retries?: number): Promise<T> {
    this.stats.transactions++;
    let left = retries ?? this.maxRetries;
    for (let run = 0; ; run++) {
      const a = new Attempt(this, this.engine.seq, this.random() < this.opConflictRate);
      this.engine.live.set(a.startSeq, (this.engine.live.get(a.startSeq) ?? 0) + 1);
      const t: CloudTransaction = { collection: (name) => new TxCollection(a, name) };
      this.stats.bodyRuns++;
      let result: T;
      try {
        result = await body(t);
      } catch (e) {
        a.release();
        this.discard(a);
        // Like the SDK: a raw conflict thrown by the body is retried, anything else rolls back.
        if (isRawConflict(e) && left-- > 0) continue;
        throw e;
      }
      await tick();
      let failure: 'forced' | 'injected' | 'validation' | null = null;
      if (a.abortedBy !== null) {
        a.release();
        this.discard(a);
        throw sdkError('transaction.commit', -502001, `transaction has been aborted: ${a.abortedBy.message}`);
      }
      if (run === 0) failure = 'forced';
      else if (!a.valid(this.isolation)) failure = 'validation';
      else if (this.random() < this.conflictRate) failure = 'injected';
      if (failure === null) {
        this.engine.commit(a.writes);
        a.release();
        this.ops.reads += a.opReads;
        this.ops.writes += a.opWrites;
        this.ops.transactions++;
        this.stats.commits++;
        return result;
      }
      a.release();
      this.discard(a);
      if (failure === 'forced') {
        this.stats.forcedReplays++;
        continue; // does not use up a retry
      }
      if (failure === 'validation') this.stats.validationConflicts++;
      else this.stats.injectedConflicts++;
      if (left-- <= 0) {
        this.stats.exhausted++;
        const err: RawConflictError = { code: 'DATABASE_TRANSACTION_CONFLICT', message: CONFLICT_MSG, requestId: `req-${++this.requests}` };
        throw err;
      }
    }
  }

  private discard(a: Attempt): void {
    this.ops.discardedReads += a.opReads;
    this.ops.discardedWrites += a.opWrites;
  }

  seed(collection: string, docs: CloudRawDoc[]): void {
    const writes = new Map<string, { collection: string; id: string; doc: CloudRawDoc | null }>();
    for (const doc of docs) {
      if (typeof doc._id !== 'string') throw new Error('seed docs need a string _id');
      writes.set(key(collection, doc._id), { collection, id: doc._id, doc });
    }
    this.engine.commit(writes);
  }

  dump(collection: string): CloudRawDoc[] {
    return this.engine
      .all(collection)
      .map(clone)
      .sort((a, b) => compare(a._id, b._id));
  }
}

function isRawConflict(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'DATABASE_TRANSACTION_CONFLICT';
}

/** Create an adversarial in-memory CloudBase database double (see the module comment). */
export function createCloudDbDouble(options: CloudDbDoubleOptions = {}): CloudDbDouble {
  return new Double(options);
}
