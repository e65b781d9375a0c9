/**
 * SQLite adapter of the store port (docs/store.md): one `(id, doc)` table per collection holding JSON,
 * expression indexes generated from the schema, WAL. Transactions run one at a time on a writer
 * connection (`BEGIN IMMEDIATE`) through a promise queue, so an `await` inside a body never lets
 * another request's statements into the open transaction. Reads outside transactions use a
 * separate read-only connection and therefore only ever see committed data.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import Database from 'better-sqlite3';
import { applyPatch, patchOps, splitDoc, type Fields } from '../store/docs';
import { BusyError, DuplicateError, NotFoundError, type Doc, type FindQuery, type Page, type Patch, type Store, type Tx, type Where } from '../store/port';
import { assertCollection, assertId, planFind, planWhere, toPage, type Condition, type Cursor, type FindPlan } from '../store/query';
import { COLLECTIONS, SCHEMA } from '../store/schema';

type Db = Database.Database;
type Stmt = Database.Statement;

interface Row {
  id: string;
  doc: string;
}

/** The JSON expression the indexes are built on; queries must use exactly the same text. */
export function fieldExpr(field: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) throw new Error(`bad field name ${field}`);
  return `json_extract(doc,'$.${field}')`;
}

/** Index name for one schema index of a collection. */
export function indexName(collection: string, fields: ReadonlyArray<string>): string {
  return `ix_${collection}__${fields.join('__')}`;
}

/** DDL for every table and expression index in the schema (idempotent). */
export function schemaSql(): string[] {
  const out: string[] = [];
  for (const collection of COLLECTIONS) {
    out.push(`CREATE TABLE IF NOT EXISTS "${collection}" (id TEXT PRIMARY KEY, doc TEXT NOT NULL)`);
    for (const fields of SCHEMA[collection].indexes as ReadonlyArray<ReadonlyArray<string>>) {
      // `id` last: ties in `ORDER BY field, id` and keyset seeks are then served by the index alone.
      const cols = [...fields.map(fieldExpr), 'id'].join(', ');
      out.push(`CREATE INDEX IF NOT EXISTS "${indexName(collection, fields)}" ON "${collection}" (${cols})`);
    }
  }
  return out;
}

interface WriterStatements {
  get: Stmt;
  insert: Stmt;
  upsert: Stmt;
  update: Stmt;
  remove: Stmt;
}

/** Per-transaction context: lets tx objects refuse use after the transaction ended. */
interface TxContext {
  store: SqliteStore;
  open: boolean;
}

const txContext = new AsyncLocalStorage<TxContext>();

function sqliteCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : '';
}

function mapError(e: unknown): unknown {
  return sqliteCode(e).startsWith('SQLITE_BUSY') || sqliteCode(e).startsWith('SQLITE_LOCKED')
    ? new BusyError(`sqlite busy: ${(e as Error).message}`)
    : e;
}

/** better-sqlite3 cannot bind booleans; json_extract yields 1/0 for them, so bind the same. */
function bindable(value: string | number | boolean | null): string | number | null {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

function toDoc<T extends Doc>(row: Row | undefined): T | null {
  if (row === undefined) return null;
  return { id: row.id, ...(JSON.parse(row.doc) as Fields) } as T;
}

function whereSql(conds: Condition[], params: unknown[]): string[] {
  const parts: string[] = [];
  for (const c of conds) {
    const expr = fieldExpr(c.field);
    if (c.kind === 'eq') {
      if (c.value === null) {
        parts.push(`${expr} IS NULL`);
      } else {
        parts.push(`${expr} = ?`);
        params.push(bindable(c.value));
      }
    } else if (c.kind === 'in') {
      parts.push(`${expr} IN (SELECT value FROM json_each(?))`);
      params.push(JSON.stringify(c.values));
    } else {
      for (const { op, value } of c.ops) {
        const sym = op === '$gt' ? '>' : op === '$gte' ? '>=' : op === '$lt' ? '<' : '<=';
        parts.push(`${expr} ${sym} ?`);
        params.push(value);
      }
    }
  }
  return parts;
}

/** A store on one SQLite file; see the module comment for the concurrency model. */
export class SqliteStore implements Store {
  private readonly writer: Db;
  private readonly reader: Db;
  private readonly writes = new Map<string, WriterStatements>();
  private readonly reads = new Map<string, Stmt>();
  private readonly queries = new Map<string, Stmt>();
  private readonly readSnapshot: (plan: FindPlan) => Row[];
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  /** Open (creating if needed) the file, its tables and indexes, and both connections. */
  constructor(readonly file: string) {
    this.writer = new Database(file);
    try {
      this.writer.pragma('journal_mode = WAL');
      this.writer.pragma('synchronous = NORMAL');
      this.writer.pragma('busy_timeout = 5000');
      this.writer.exec(schemaSql().join(';\n'));
      this.reader = new Database(file, { readonly: true, fileMustExist: true });
    } catch (e) {
      this.writer.close();
      throw e;
    }
    this.reader.pragma('busy_timeout = 5000');
    for (const c of COLLECTIONS) {
      const t = `"${c}"`;
      this.writes.set(c, {
        get: this.writer.prepare(`SELECT id, doc FROM ${t} WHERE id = ?`),
        insert: this.writer.prepare(`INSERT INTO ${t} (id, doc) VALUES (?, ?)`),
        upsert: this.writer.prepare(
          `INSERT INTO ${t} (id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc`,
        ),
        update: this.writer.prepare(`UPDATE ${t} SET doc = ? WHERE id = ?`),
        remove: this.writer.prepare(`DELETE FROM ${t} WHERE id = ?`),
      });
      this.reads.set(c, this.reader.prepare(`SELECT id, doc FROM ${t} WHERE id = ?`));
    }
    // Several statements of one page read one snapshot.
    this.readSnapshot = this.reader.transaction((plan: FindPlan) => this.findRows(plan));
  }

  /** The writer connection, for benchmarks and maintenance that need raw SQL. */
  rawDb(): Db {
    return this.writer;
  }

  /** Run `body` in a transaction, after every earlier transaction has finished; rethrows body errors. */
  transaction<T>(body: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
    const ctx = txContext.getStore();
    if (ctx !== undefined && ctx.store === this && ctx.open) {
      // Awaiting it would wait for the transaction we are in: a silent deadlock.
      return Promise.reject(new Error('store.transaction called inside a transaction body; use the tx argument'));
    }
    const run = this.queue.then(() => this.runTx(body));
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async runTx<T>(body: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('store is closed');
    try {
      this.writer.exec('BEGIN IMMEDIATE');
    } catch (e) {
      throw mapError(e);
    }
    const ctx: TxContext = { store: this, open: true };
    let result: T;
    try {
      result = await txContext.run(ctx, () => body(new SqliteTx(this.writes, ctx)));
    } catch (e) {
      ctx.open = false;
      this.rollback();
      throw e;
    }
    ctx.open = false;
    try {
      this.writer.exec('COMMIT');
    } catch (e) {
      this.rollback();
      throw mapError(e);
    }
    return result;
  }

  private rollback(): void {
    if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
  }

  /** Read one committed document. */
  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    assertCollection(collection);
    const stmt = this.reads.get(collection);
    if (stmt === undefined) throw new Error(`no statements for ${collection}`);
    return toDoc<T>(stmt.get(assertId(id)) as Row | undefined);
  }

  /** One page of committed documents; see FindQuery. */
  async find<T extends Doc>(collection: string, query?: FindQuery): Promise<Page<T>> {
    const plan = planFind(collection, query);
    const rows = this.readSnapshot(plan);
    return toPage(
      plan,
      rows.map((r) => toDoc<T>(r) as T),
    );
  }

  /** Number of committed documents matching `where`. */
  async count(collection: string, where?: Where): Promise<number> {
    const conds = planWhere(collection, where);
    const params: unknown[] = [];
    const parts = whereSql(conds, params);
    const sql = `SELECT count(*) AS n FROM "${collection}"${parts.length ? ` WHERE ${parts.join(' AND ')}` : ''}`;
    return (this.query(sql).get(...params) as { n: number }).n;
  }

  /** Wait for queued transactions, then close both connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    this.reader.close();
    this.writer.close();
  }

  private query(sql: string): Stmt {
    let stmt = this.queries.get(sql);
    if (stmt === undefined) {
      stmt = this.reader.prepare(sql);
      this.queries.set(sql, stmt);
    }
    return stmt;
  }

  /** EXPLAIN QUERY PLAN details of the statements a `find` runs (to check index use). */
  explainFind(collection: string, query?: FindQuery): string[] {
    const plan = planFind(collection, query);
    const out: string[] = [];
    for (const { sql, params } of this.findStatements(plan)) {
      const rows = this.reader.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params, plan.limit + 1) as Array<{ detail: string }>;
      out.push(...rows.map((r) => r.detail));
    }
    return out;
  }

  /** Rows of one page plus one (to know whether there is a next page). */
  private findRows(plan: FindPlan): Row[] {
    const want = plan.limit + 1;
    const rows: Row[] = [];
    for (const { sql, params } of this.findStatements(plan)) {
      if (rows.length >= want) break;
      rows.push(...(this.query(sql).all(...params, want - rows.length) as Row[]));
    }
    return rows;
  }

  /**
   * The statements of one page, run in order until the page is full (the limit is the last
   * parameter). With an order field the order is: docs whose field is null/absent (by id), then the
   * rest by (field, id) — reversed for desc, as SQLite and CloudBase both sort null first. Each part
   * is a separate query so each can walk an index from the cursor instead of filtering an OR.
   */
  private findStatements(plan: FindPlan): Array<{ sql: string; params: unknown[] }> {
    const t = `"${plan.collection}"`;
    const dir = plan.direction === 'asc' ? 'ASC' : 'DESC';
    const cmp = plan.direction === 'asc' ? '>' : '<';
    const select = (parts: string[], order: string): string =>
      `SELECT id, doc FROM ${t}${parts.length ? ` WHERE ${parts.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`;
    if (plan.field === null) {
      const params: unknown[] = [];
      const parts = whereSql(plan.where, params);
      if (plan.after) {
        parts.push(`id ${cmp} ?`);
        params.push(plan.after.id);
      }
      return [{ sql: select(parts, `id ${dir}`), params }];
    }
    const field = plan.field;
    const expr = fieldExpr(field);
    const nullExcluded = plan.where.some((c) => c.field === field && !(c.kind === 'eq' && c.value === null));
    const segments: Array<'null' | 'value'> = plan.direction === 'asc' ? ['null', 'value'] : ['value', 'null'];
    const start = plan.after ? segments.indexOf(plan.after.value === null ? 'null' : 'value') : 0;
    const out: Array<{ sql: string; params: unknown[] }> = [];
    for (let i = start; i < segments.length; i++) {
      const segment = segments[i];
      if (segment === 'null' && nullExcluded) continue;
      const cursor: Cursor | null = i === start ? plan.after : null;
      const params: unknown[] = [];
      const parts = whereSql(plan.where, params);
      if (segment === 'null') {
        parts.push(`${expr} IS NULL`);
        if (cursor) {
          parts.push(`id ${cmp} ?`);
          params.push(cursor.id);
        }
        out.push({ sql: select(parts, `id ${dir}`), params });
      } else {
        if (cursor && cursor.value !== null) {
          parts.push(`(${expr}, id) ${cmp} (?, ?)`);
          params.push(bindable(cursor.value), cursor.id);
        } else {
          parts.push(`${expr} IS NOT NULL`);
        }
        out.push({ sql: select(parts, `${expr} ${dir}, id ${dir}`), params });
      }
    }
    return out;
  }
}

/** Transaction handle over the writer connection; valid only while its transaction is open. */
class SqliteTx implements Tx {
  constructor(
    private readonly writes: Map<string, WriterStatements>,
    private readonly ctx: TxContext,
  ) {}

  private stmts(collection: string): WriterStatements {
    if (!this.ctx.open) throw new Error('transaction is already finished; use tx only inside its body');
    assertCollection(collection);
    const s = this.writes.get(collection);
    if (s === undefined) throw new Error(`no statements for ${collection}`);
    return s;
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    return toDoc<T>(this.stmts(collection).get.get(assertId(id)) as Row | undefined);
  }

  async create(collection: string, doc: Doc): Promise<void> {
    const s = this.stmts(collection);
    const { id, fields } = splitDoc(doc);
    try {
      s.insert.run(id, JSON.stringify(fields));
    } catch (e) {
      if (sqliteCode(e) === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new DuplicateError(collection, id);
      throw mapError(e);
    }
  }

  async set(collection: string, doc: Doc): Promise<void> {
    const s = this.stmts(collection);
    const { id, fields } = splitDoc(doc);
    s.upsert.run(id, JSON.stringify(fields));
  }

  async update(collection: string, id: string, patch: Patch): Promise<void> {
    const s = this.stmts(collection);
    const ops = patchOps(patch);
    const row = s.get.get(assertId(id)) as Row | undefined;
    if (row === undefined) throw new NotFoundError(collection, id);
    if (ops.length === 0) return;
    s.update.run(JSON.stringify(applyPatch(JSON.parse(row.doc) as Fields, ops)), id);
  }

  async delete(collection: string, id: string): Promise<void> {
    this.stmts(collection).remove.run(assertId(id));
  }
}

/** Open a SQLite-backed store on `file` (created if missing). */
export function openSqliteStore(file: string): SqliteStore {
  return new SqliteStore(file);
}
