/**
 * A store wrapper that counts port operations (issue 13): every `get`/`create`/`set`/`update`/
 * `delete` of the run of a transaction body that committed, and reads outside transactions. Used by
 * `bench/cloudbase-ops` and the operation-budget tests, on either store.
 */
import type { Store, Tx } from '../../src/server/store/port';

/** Port operations, counted for the committed run of each transaction body. */
export interface PortCount {
  txReads: number;
  txWrites: number;
  outsideReads: number;
  transactions: number;
}

/** A fresh zero count. */
export function zero(): PortCount {
  return { txReads: 0, txWrites: 0, outsideReads: 0, transactions: 0 };
}

/** Wrap a store so every port operation is counted; only the last (committing) run of a body counts. */
export function countingStore(inner: Store): { store: Store; count: PortCount } {
  const count = zero();
  const store: Store = {
    async transaction<T>(body: (tx: Tx) => Promise<T>): Promise<T> {
      let run = { reads: 0, writes: 0 };
      const result = await inner.transaction(async (tx) => {
        run = { reads: 0, writes: 0 };
        const counted: Tx = {
          get: (c, id) => {
            run.reads += 1;
            return tx.get(c, id);
          },
          create: (c, doc) => {
            run.writes += 1;
            return tx.create(c, doc);
          },
          set: (c, doc) => {
            run.writes += 1;
            return tx.set(c, doc);
          },
          update: (c, id, patch) => {
            run.writes += 1;
            return tx.update(c, id, patch);
          },
          delete: (c, id) => {
            run.writes += 1;
            return tx.delete(c, id);
          },
        };
        return body(counted);
      });
      count.txReads += run.reads;
      count.txWrites += run.writes;
      count.transactions += 1;
      return result;
    },
    get: (c, id) => {
      count.outsideReads += 1;
      return inner.get(c, id);
    },
    find: (c, q) => {
      count.outsideReads += 1;
      return inner.find(c, q);
    },
    count: (c, where) => {
      count.outsideReads += 1;
      return inner.count(c, where);
    },
    close: () => inner.close(),
  };
  return { store, count };
}

