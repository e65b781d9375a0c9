/**
 * One contract for the store port (docs/store.md), run against the SQLite adapter on a real file and
 * against the CloudBase adapter over the adversarial SDK double. Plus adapter-specific checks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cloudbaseStore } from '../src/server/cloudbase/cloudbaseStore';
import {
  BusyError,
  DuplicateError,
  inc,
  NotFoundError,
  QueryError,
  type Doc,
  type FindQuery,
  type RawStore as Store,
  type RawTx as Tx,
} from '../src/server/store/port';
import { openSqliteStore, type SqliteStore } from '../src/server/local/sqliteStore';
import { createCloudDbDouble, type CloudDbDouble, type CloudDbDoubleOptions } from './support/cloudbaseDouble';

/** A store under test plus, for replaying adapters, how many times bodies have run so far. */
interface StoreHarness {
  store: Store;
  bodyRuns?: () => number;
  dispose(): Promise<void>;
}

type Member = Doc & { role?: string; joinedAt?: number; joinDay?: string; channel?: string; name?: string };

class InsufficientFunds extends Error {}

/** A promise plus its resolver, to hold a transaction body open at a chosen point. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Let timers and I/O callbacks run, so concurrent bodies interleave for real. */
function macrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function seedMembers(store: Store, docs: Member[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 50) {
    const chunk = docs.slice(i, i + 50);
    await store.transaction(async (tx) => {
      for (const d of chunk) await tx.set('members', d);
    });
  }
}

async function pageAll(store: Store, collection: string, query: FindQuery): Promise<{ ids: string[]; pages: number[] }> {
  const ids: string[] = [];
  const pages: number[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page: { docs: Doc[]; next: string | null } = await store.find(collection, { ...query, after });
    ids.push(...page.docs.map((d) => d.id));
    pages.push(page.docs.length);
    if (page.next === null) return { ids, pages };
    after = page.next;
  }
  throw new Error('pagination did not terminate');
}

const pad = (i: number): string => String(i).padStart(4, '0');

/** The port contract: every adapter must pass all of it. */
export function describeStoreContract(name: string, makeStore: () => Promise<StoreHarness> | StoreHarness): void {
  describe(`store contract: ${name}`, () => {
    let h: StoreHarness;
    let store: Store;
    beforeEach(async () => {
      h = await makeStore();
      store = h.store;
    });
    afterEach(async () => {
      await h.dispose();
    });

    describe('documents', () => {
      it('a created document reads back with its id and fields, inside and outside transactions', async () => {
        const inside = await store.transaction(async (tx) => {
          await tx.create('members', { id: 'm1', name: '小明', joinedAt: 5, tags: ['a'], profile: { city: '杭州' } });
          return tx.get('members', 'm1');
        });
        expect(inside).toEqual({ id: 'm1', name: '小明', joinedAt: 5, tags: ['a'], profile: { city: '杭州' } });
        expect(await store.get('members', 'm1')).toEqual(inside);
        expect(await store.get('members', 'nobody')).toBeNull();
        expect(await store.transaction((tx) => tx.get('members', 'nobody'))).toBeNull();
      });

      it('a transaction returns what its body returns', async () => {
        await expect(store.transaction(async () => ({ ok: 42 }))).resolves.toEqual({ ok: 42 });
      });

      it('set creates a missing document and replaces an existing one entirely', async () => {
        await store.transaction((tx) => tx.set('members', { id: 'm1', name: 'a', role: 'member', joinedAt: 1 }));
        await store.transaction((tx) => tx.set('members', { id: 'm1', name: 'b' }));
        expect(await store.get('members', 'm1')).toEqual({ id: 'm1', name: 'b' });
        await store.transaction((tx) => tx.set('members', { id: 'm1', role: 'host' }));
        expect(await store.get('members', 'm1')).toEqual({ id: 'm1', role: 'host' });
      });

      it('update changes only the named fields, adds increments, and replaces nested objects whole', async () => {
        await store.transaction((tx) =>
          tx.create('accounts', { id: 'a1', balance: 10, owner: 'x', profile: { city: '杭州', zip: '310000' } }),
        );
        await store.transaction((tx) =>
          tx.update('accounts', 'a1', { balance: inc(-3), earned: inc(7), owner: 'y', profile: { city: '上海' } }),
        );
        expect(await store.get('accounts', 'a1')).toEqual({
          id: 'a1',
          balance: 7,
          earned: 7,
          owner: 'y',
          profile: { city: '上海' },
        });
      });

      it('an update that changes nothing still succeeds on an existing document', async () => {
        await store.transaction((tx) => tx.create('accounts', { id: 'a1', balance: 10 }));
        await store.transaction((tx) => tx.update('accounts', 'a1', { balance: 10 }));
        await store.transaction((tx) => tx.update('accounts', 'a1', {}));
        expect(await store.get('accounts', 'a1')).toEqual({ id: 'a1', balance: 10 });
      });

      it('updating a missing document throws NotFoundError and creates nothing', async () => {
        const err = await store.transaction((tx) => tx.update('accounts', 'ghost', { balance: inc(5) })).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(NotFoundError);
        expect(err).toMatchObject({ collection: 'accounts', id: 'ghost' });
        await expect(store.transaction((tx) => tx.update('accounts', 'ghost', {}))).rejects.toBeInstanceOf(NotFoundError);
        expect(await store.get('accounts', 'ghost')).toBeNull();
      });

      it('delete removes a document, and deleting a missing one is harmless', async () => {
        await store.transaction((tx) => tx.create('accounts', { id: 'a1', balance: 1 }));
        await store.transaction(async (tx) => {
          await tx.delete('accounts', 'a1');
          await tx.delete('accounts', 'never-existed');
        });
        expect(await store.get('accounts', 'a1')).toBeNull();
        await store.transaction((tx) => tx.create('accounts', { id: 'a1', balance: 2 }));
        expect(await store.get('accounts', 'a1')).toEqual({ id: 'a1', balance: 2 });
      });

      it('a body reads its own earlier writes', async () => {
        await store.transaction(async (tx) => {
          await tx.create('accounts', { id: 'a1', balance: 1 });
          await tx.create('accounts', { id: 'a3', balance: 3 });
        });
        const seen = await store.transaction(async (tx) => {
          await tx.update('accounts', 'a1', { balance: inc(1) });
          await tx.create('accounts', { id: 'a2', balance: 5 });
          await tx.delete('accounts', 'a3');
          return [await tx.get('accounts', 'a1'), await tx.get('accounts', 'a2'), await tx.get('accounts', 'a3')];
        });
        expect(seen).toEqual([{ id: 'a1', balance: 2 }, { id: 'a2', balance: 5 }, null]);
      });

      it('creating an id that is taken throws DuplicateError and keeps the first document', async () => {
        await store.transaction((tx) => tx.create('checkins', { id: 'checkin:m1:2024-05-01', points: 10 }));
        const err = await store
          .transaction(async (tx) => {
            await tx.create('accounts', { id: 'side-effect', balance: 1 });
            await tx.create('checkins', { id: 'checkin:m1:2024-05-01', points: 999 });
          })
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DuplicateError);
        expect(err).toMatchObject({ collection: 'checkins', id: 'checkin:m1:2024-05-01' });
        expect(await store.get('checkins', 'checkin:m1:2024-05-01')).toEqual({ id: 'checkin:m1:2024-05-01', points: 10 });
        expect(await store.get('accounts', 'side-effect')).toBeNull();
      });

      it('a body that catches DuplicateError (an idempotent replay) still commits its other writes', async () => {
        await store.transaction((tx) => tx.create('ledger', { id: 'req-1', memberId: 'm1', amount: 5 }));
        const outcome = await store.transaction(async (tx) => {
          await tx.set('requests', { id: 'seen-req-1', at: 1 });
          try {
            await tx.create('ledger', { id: 'req-1', memberId: 'm1', amount: 5 });
            return 'applied';
          } catch (e) {
            if (e instanceof DuplicateError) return 'replay';
            throw e;
          }
        });
        expect(outcome).toBe('replay');
        expect(await store.get('requests', 'seen-req-1')).toEqual({ id: 'seen-req-1', at: 1 });
        expect(await store.count('ledger')).toBe(1);
      });

      it('a body that throws rolls back every write it made and the error reaches the caller', async () => {
        await store.transaction(async (tx) => {
          await tx.create('accounts', { id: 'keep', balance: 100 });
          await tx.create('accounts', { id: 'doomed', balance: 1 });
        });
        const boom = new Error('boom');
        await expect(
          store.transaction(async (tx) => {
            await tx.update('accounts', 'keep', { balance: inc(-50) });
            await tx.create('accounts', { id: 'new', balance: 1 });
            await tx.delete('accounts', 'doomed');
            await tx.set('settings', { id: 'global', x: 1 });
            throw boom;
          }),
        ).rejects.toBe(boom);
        expect(await store.get('accounts', 'keep')).toEqual({ id: 'keep', balance: 100 });
        expect(await store.get('accounts', 'doomed')).toEqual({ id: 'doomed', balance: 1 });
        expect(await store.get('accounts', 'new')).toBeNull();
        expect(await store.get('settings', 'global')).toBeNull();
      });

      it('unknown collections are refused rather than silently created', async () => {
        await expect(store.get('nope', 'x')).rejects.toBeInstanceOf(QueryError);
        await expect(store.transaction((tx) => tx.set('nope', { id: 'x' }))).rejects.toBeInstanceOf(QueryError);
        await expect(store.find('nope')).rejects.toBeInstanceOf(QueryError);
        await expect(store.count('nope')).rejects.toBeInstanceOf(QueryError);
      });
    });

    describe('find and count', () => {
      const members: Member[] = [
        { id: 'm01', role: 'member', joinedAt: 100, joinDay: '2024-05-01', channel: 'poster' },
        { id: 'm02', role: 'host', joinedAt: 200, joinDay: '2024-05-02', channel: 'invite' },
        { id: 'm03', role: 'member', joinedAt: 200, joinDay: '2024-05-02', channel: 'poster' },
        { id: 'm04', role: 'owner', joinedAt: 300, joinDay: '2024-05-03', channel: 'invite' },
        { id: 'm05', role: 'member', joinedAt: 400, joinDay: '2024-05-04', channel: 'search' },
        { id: 'm06', role: 'member', joinedAt: 200, joinDay: '2024-05-02', channel: 'poster' },
      ];

      it('filters by equality, range and in on indexed fields', async () => {
        await seedMembers(store, members);
        expect(ids((await store.find('members', { where: { role: 'member' } })).docs)).toEqual(['m01', 'm03', 'm05', 'm06']);
        expect(ids((await store.find('members', { where: { joinedAt: { $gte: 200, $lt: 400 } } })).docs)).toEqual([
          'm02',
          'm03',
          'm04',
          'm06',
        ]);
        expect(ids((await store.find('members', { where: { joinedAt: { $gt: 200 } } })).docs)).toEqual(['m04', 'm05']);
        expect(ids((await store.find('members', { where: { joinedAt: { $lte: 100 } } })).docs)).toEqual(['m01']);
        expect(ids((await store.find('members', { where: { channel: { $in: ['invite', 'search'] } } })).docs)).toEqual([
          'm02',
          'm04',
          'm05',
        ]);
        expect(
          ids((await store.find('members', { where: { role: 'member', joinDay: { $gte: '2024-05-02' }, channel: 'poster' } })).docs),
        ).toEqual(['m03', 'm06']);
        expect((await store.find('members', { where: { role: 'nobody' } })).docs).toEqual([]);
        expect((await store.find('members', { where: { channel: { $in: [] } } })).docs).toEqual([]);
      });

      it('returns whole documents with their ids', async () => {
        await seedMembers(store, members);
        const page = await store.find('members', { where: { role: 'owner' } });
        expect(page).toEqual({ docs: [members[3]], next: null });
      });

      it('orders ascending and descending, breaking ties by id in the same direction', async () => {
        await seedMembers(store, members);
        const asc = await store.find('members', { orderBy: { field: 'joinedAt', direction: 'asc' } });
        expect(ids(asc.docs)).toEqual(['m01', 'm02', 'm03', 'm06', 'm04', 'm05']);
        const desc = await store.find('members', { orderBy: { field: 'joinedAt', direction: 'desc' } });
        expect(ids(desc.docs)).toEqual(['m05', 'm04', 'm06', 'm03', 'm02', 'm01']);
        const filtered = await store.find('members', {
          where: { role: 'member' },
          orderBy: { field: 'joinedAt', direction: 'desc' },
        });
        expect(ids(filtered.docs)).toEqual(['m05', 'm06', 'm03', 'm01']);
      });

      it('without orderBy, documents come in id order', async () => {
        await seedMembers(store, [...members].reverse());
        expect(ids((await store.find('members')).docs)).toEqual(['m01', 'm02', 'm03', 'm04', 'm05', 'm06']);
      });

      it('pages of 100 over 250 docs (many tied values) return every doc exactly once, in order', async () => {
        const docs: Member[] = [];
        for (let i = 0; i < 250; i++) {
          docs.push({ id: `u${pad((i * 37) % 250)}`, role: i % 3 === 0 ? 'host' : 'member', joinedAt: i % 17, channel: 'c' });
        }
        await seedMembers(store, docs);
        const byOrder = (dir: 1 | -1) => (a: Member, b: Member) =>
          dir * ((a.joinedAt ?? 0) - (b.joinedAt ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        for (const direction of ['asc', 'desc'] as const) {
          const { ids: got, pages } = await pageAll(store, 'members', {
            orderBy: { field: 'joinedAt', direction },
            limit: 100,
          });
          expect(pages).toEqual([100, 100, 50]);
          expect(got).toEqual([...docs].sort(byOrder(direction === 'asc' ? 1 : -1)).map((d) => d.id));
        }
        const { ids: byId, pages: idPages } = await pageAll(store, 'members', { limit: 100 });
        expect(idPages).toEqual([100, 100, 50]);
        expect(byId).toEqual(docs.map((d) => d.id).sort());
        const hosts = docs.filter((d) => d.role === 'host').sort(byOrder(-1));
        const { ids: hostIds } = await pageAll(store, 'members', {
          where: { role: 'host' },
          orderBy: { field: 'joinedAt', direction: 'desc' },
          limit: 7,
        });
        expect(hostIds).toEqual(hosts.map((d) => d.id));
      });

      it('a last page that is exactly full says there is no next page', async () => {
        await store.transaction(async (tx) => {
          for (let i = 0; i < 40; i++) await tx.set('ledger', { id: `e${pad(i)}`, memberId: 'm1', seq: i });
        });
        const first = await store.find('ledger', { where: { memberId: 'm1' }, orderBy: { field: 'seq', direction: 'desc' }, limit: 20 });
        expect(first.next).not.toBeNull();
        const second = await store.find('ledger', {
          where: { memberId: 'm1' },
          orderBy: { field: 'seq', direction: 'desc' },
          limit: 20,
          after: first.next,
        });
        expect(second.docs).toHaveLength(20);
        expect(second.docs[19].id).toBe('e0000');
        expect(second.next).toBeNull();
      });

      it('docs missing the order field are still paged: first when ascending, last when descending', async () => {
        const docs: Member[] = [];
        for (let i = 0; i < 30; i++) docs.push(i % 4 === 0 ? { id: `x${pad(i)}`, role: 'member' } : { id: `x${pad(i)}`, role: 'member', joinedAt: i % 5 });
        await seedMembers(store, docs);
        const missing = docs.filter((d) => d.joinedAt === undefined).map((d) => d.id);
        const present = docs.filter((d) => d.joinedAt !== undefined);
        const asc = await pageAll(store, 'members', { orderBy: { field: 'joinedAt', direction: 'asc' }, limit: 4 });
        const presentAsc = [...present].sort((a, b) => (a.joinedAt ?? 0) - (b.joinedAt ?? 0) || (a.id < b.id ? -1 : 1));
        expect(asc.ids).toEqual([...missing, ...presentAsc.map((d) => d.id)]);
        const desc = await pageAll(store, 'members', { orderBy: { field: 'joinedAt', direction: 'desc' }, limit: 3 });
        expect(desc.ids).toEqual([...presentAsc.map((d) => d.id).reverse(), ...[...missing].reverse()]);
      });

      it('the default page size is 20', async () => {
        await seedMembers(store, Array.from({ length: 25 }, (_, i) => ({ id: `d${pad(i)}`, joinedAt: i })));
        const page = await store.find('members');
        expect(page.docs).toHaveLength(20);
        expect(page.next).not.toBeNull();
      });

      it('refuses page sizes over 100 and other bad limits', async () => {
        for (const limit of [101, 1000, 0, -1, 2.5]) {
          await expect(store.find('members', { limit })).rejects.toBeInstanceOf(QueryError);
        }
        await expect(store.find('members', { limit: 100 })).resolves.toEqual({ docs: [], next: null });
      });

      it('refuses filtering or ordering on a field without an index', async () => {
        await expect(store.find('members', { where: { name: 'x' } })).rejects.toBeInstanceOf(QueryError);
        await expect(store.find('members', { orderBy: { field: 'name', direction: 'asc' } })).rejects.toBeInstanceOf(QueryError);
        await expect(store.find('members', { where: { id: 'm1' } })).rejects.toBeInstanceOf(QueryError);
        await expect(store.find('accounts', { where: { balance: { $gt: 0 } } })).rejects.toBeInstanceOf(QueryError);
        await expect(store.count('members', { name: 'x' })).rejects.toBeInstanceOf(QueryError);
        await expect(
          store.find('members', { where: { joinedAt: { $regex: 'x' } as unknown as { $gt: number } } }),
        ).rejects.toBeInstanceOf(QueryError);
      });

      it('refuses a cursor that is garbage or belongs to another query', async () => {
        await seedMembers(store, members);
        const { next } = await store.find('members', { orderBy: { field: 'joinedAt', direction: 'asc' }, limit: 2 });
        expect(next).not.toBeNull();
        await expect(store.find('members', { orderBy: { field: 'joinedAt', direction: 'desc' }, after: next })).rejects.toBeInstanceOf(
          QueryError,
        );
        await expect(store.find('members', { after: next })).rejects.toBeInstanceOf(QueryError);
        await expect(store.find('members', { after: 'not a cursor!' })).rejects.toBeInstanceOf(QueryError);
      });

      it('count counts all documents or those matching where', async () => {
        await seedMembers(store, members);
        expect(await store.count('members')).toBe(6);
        expect(await store.count('members', { role: 'member' })).toBe(4);
        expect(await store.count('members', { joinedAt: { $gte: 200 }, channel: { $in: ['poster', 'invite'] } })).toBe(4);
        expect(await store.count('accounts')).toBe(0);
      });
    });

    describe('isolation and concurrency', () => {
      it('reads outside a transaction never see the writes of a transaction still in progress', async () => {
        await store.transaction(async (tx) => {
          await tx.create('accounts', { id: 'a1', balance: 100 });
          await tx.create('members', { id: 'old', role: 'member', joinedAt: 1 });
        });
        const written = gate();
        const release = gate();
        const running = store.transaction(async (tx) => {
          await tx.update('accounts', 'a1', { balance: inc(-60) });
          await tx.create('accounts', { id: 'a2', balance: 60 });
          await tx.create('members', { id: 'new', role: 'member', joinedAt: 2 });
          await tx.delete('members', 'old');
          written.open();
          await release.promise;
        });
        await written.promise;
        try {
          expect(await store.get('accounts', 'a1')).toEqual({ id: 'a1', balance: 100 });
          expect(await store.get('accounts', 'a2')).toBeNull();
          expect(await store.get('members', 'old')).not.toBeNull();
          expect(ids((await store.find('members', { where: { role: 'member' } })).docs)).toEqual(['old']);
          expect(await store.count('members')).toBe(1);
        } finally {
          release.open();
          await running;
        }
        expect(await store.get('accounts', 'a1')).toEqual({ id: 'a1', balance: 40 });
        expect(await store.get('accounts', 'a2')).toEqual({ id: 'a2', balance: 60 });
        expect(ids((await store.find('members')).docs)).toEqual(['new']);
      });

      it('200 concurrent read-then-write increments of one counter all count (no lost updates)', async () => {
        await store.transaction((tx) => tx.create('checkinStats', { id: 'counter', value: 0 }));
        const runsBefore = h.bodyRuns?.() ?? 0;
        await Promise.all(
          Array.from({ length: 200 }, () =>
            store.transaction(async (tx) => {
              const doc = await tx.get('checkinStats', 'counter');
              if (doc === null) throw new Error('counter vanished');
              await macrotask();
              await tx.update('checkinStats', 'counter', { value: (doc.value as number) + 1 });
            }),
          ),
        );
        expect(await store.get('checkinStats', 'counter')).toEqual({ id: 'counter', value: 200 });
        if (h.bodyRuns) expect(h.bodyRuns() - runsBefore).toBeGreaterThan(200);
      });

      it('concurrent withdrawals that check the balance first never overdraw an account', async () => {
        const accounts = 20;
        await store.transaction(async (tx) => {
          for (let i = 0; i < accounts; i++) await tx.create('accounts', { id: `acc${i}`, balance: 100 });
        });
        const withdraw = (id: string, amount: number) => async (tx: Tx) => {
          const acc = await tx.get('accounts', id);
          if (acc === null) throw new Error('no account');
          await macrotask();
          if ((acc.balance as number) < amount) throw new InsufficientFunds(`balance ${(acc.balance as number)} < ${amount}`);
          await tx.update('accounts', id, { balance: (acc.balance as number) - amount });
          return (acc.balance as number) - amount;
        };
        const results = await Promise.allSettled(
          Array.from({ length: accounts }, (_, i) => [
            store.transaction(withdraw(`acc${i}`, 70)),
            store.transaction(withdraw(`acc${i}`, 70)),
          ]).flat(),
        );
        for (let i = 0; i < accounts; i++) {
          const pair = results.slice(2 * i, 2 * i + 2);
          expect(pair.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
          const rejected = pair.find((r) => r.status === 'rejected');
          expect(rejected && rejected.status === 'rejected' && rejected.reason).toBeInstanceOf(InsufficientFunds);
          expect(await store.get('accounts', `acc${i}`)).toEqual({ id: `acc${i}`, balance: 30 });
        }
      });

      it('100 concurrent creates of one id: exactly one succeeds, the other 99 get DuplicateError', async () => {
        const results = await Promise.allSettled(
          Array.from({ length: 100 }, (_, i) =>
            store.transaction(async (tx) => {
              await tx.create('checkins', { id: 'checkin:m1:2024-06-01', by: i });
              await tx.update('checkinStats', 'm1', { total: inc(1) }).catch(async (e: unknown) => {
                if (!(e instanceof NotFoundError)) throw e;
                await tx.create('checkinStats', { id: 'm1', total: 1 });
              });
              return i;
            }),
          ),
        );
        const ok = results.filter((r): r is PromiseFulfilledResult<number> => r.status === 'fulfilled');
        const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(ok).toHaveLength(1);
        expect(failed).toHaveLength(99);
        for (const f of failed) expect(f.reason).toBeInstanceOf(DuplicateError);
        expect(await store.get('checkins', 'checkin:m1:2024-06-01')).toEqual({ id: 'checkin:m1:2024-06-01', by: ok[0].value });
        expect(await store.get('checkinStats', 'm1')).toEqual({ id: 'm1', total: 1 });
      });
    });
  });
}

function ids(docs: Doc[]): string[] {
  return docs.map((d) => d.id);
}

const tempDirs: string[] = [];
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qunyun-store-'));
  tempDirs.push(dir);
  return path.join(dir, 'store.db');
}
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describeStoreContract('SQLite', () => {
  const store = openSqliteStore(tempFile());
  return { store, dispose: () => store.close() };
});

/**
 * The contention tests (200 writers on one document) are far beyond what the production retry
 * budget is for; give the adapter a budget that lets them finish on a loaded 2-core machine (an unlucky writer lost 60 rounds in a row there), so they test correctness.
 */
const HIGH_CONTENTION = { maxAttempts: 400, baseBackoffMs: 2, maxBackoffMs: 60 };

describeStoreContract('CloudBase over the replaying SDK double', () => {
  const db = createCloudDbDouble({ seed: 7, conflictRate: 0.2, opConflictRate: 0.05 });
  const store = cloudbaseStore(db, HIGH_CONTENTION);
  return { store, bodyRuns: () => db.stats.bodyRuns, dispose: () => store.close() };
});

describe('SQLite adapter specifics', () => {
  let store: SqliteStore;
  let file: string;
  beforeEach(() => {
    file = tempFile();
    store = openSqliteStore(file);
  });
  afterEach(async () => {
    await store.close();
  });

  it('runs transactions one at a time: a body awaiting I/O keeps every other transaction out', async () => {
    const log: string[] = [];
    const body = (name: string) => async (tx: Tx) => {
      log.push(`${name} start`);
      await tx.set('settings', { id: name });
      await new Promise((r) => setTimeout(r, 5));
      await macrotask();
      log.push(`${name} end`);
    };
    await Promise.all([store.transaction(body('a')), store.transaction(body('b')), store.transaction(body('c'))]);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('a failed transaction does not block the queue', async () => {
    const failing = store.transaction(async () => {
      throw new Error('nope');
    });
    const next = store.transaction(async (tx) => tx.set('settings', { id: 'after' }));
    await expect(failing).rejects.toThrow('nope');
    await next;
    expect(await store.get('settings', 'after')).toEqual({ id: 'after' });
  });

  it('calling store.transaction inside a body fails fast instead of deadlocking', async () => {
    await expect(store.transaction(() => store.transaction(async () => 1))).rejects.toThrow(/inside a transaction body/);
  });

  it('using tx after its transaction has ended throws instead of writing outside a transaction', async () => {
    let leaked: Tx | null = null;
    await store.transaction(async (tx) => {
      leaked = tx;
    });
    await expect((leaked as unknown as Tx).set('settings', { id: 'late' })).rejects.toThrow(/already finished/);
    expect(await store.get('settings', 'late')).toBeNull();
  });

  it('committed data survives closing and reopening the file', async () => {
    await (store as unknown as Store).transaction((tx) => tx.create('members', { id: 'm1', role: 'owner', joinedAt: 1 }));
    await store.close();
    store = openSqliteStore(file);
    expect(await store.get('members', 'm1')).toEqual({ id: 'm1', role: 'owner', joinedAt: 1 });
    expect(await store.count('members', { role: 'owner' })).toBe(1);
  });

  it('uses WAL and exposes the writer connection for raw SQL', () => {
    const db = store.rawDb();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
  });

  it('serves indexed queries from the expression indexes, walking them in order instead of sorting', async () => {
    await (store as unknown as Store).transaction(async (tx) => {
      for (let i = 0; i < 30; i++) await tx.set('ledger', { id: `e${pad(i)}`, memberId: 'm1', seq: i % 7 });
    });
    const ledgerQuery: FindQuery = { where: { memberId: 'm1' }, orderBy: { field: 'seq', direction: 'desc' }, limit: 10 };
    const { next } = await store.find('ledger', ledgerQuery);
    expect(next).not.toBeNull();
    const ordered: Array<[string, FindQuery]> = [
      ['members', { where: { role: 'member' }, orderBy: { field: 'joinedAt', direction: 'desc' } }],
      ['members', { where: { channel: 'c' }, orderBy: { field: 'joinedAt', direction: 'asc' } }],
      ['members', { orderBy: { field: 'joinedAt', direction: 'asc' } }],
      ['members', { where: { joinedAt: { $gte: 10, $lt: 20 } }, orderBy: { field: 'joinedAt', direction: 'asc' } }],
      ['ledger', { ...ledgerQuery, after: next }],
      ['checkins', { where: { memberId: 'm1', day: { $gte: '2024-01-01' } }, orderBy: { field: 'day', direction: 'asc' } }],
    ];
    for (const [collection, query] of ordered) {
      const plan = store.explainFind(collection, query).join(' | ');
      expect(plan).toMatch(/USING (COVERING )?INDEX ix_/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
      expect(plan).not.toMatch(new RegExp(`SCAN ${collection}(?! USING)`));
    }
    // `in` over several values merges index ranges, so SQLite sorts the (small) result.
    expect(store.explainFind('members', { where: { joinDay: { $in: ['a', 'b'] } } }).join(' | ')).toMatch(
      /SEARCH members USING INDEX ix_members__joinDay/,
    );
  });
});

describe('CloudBase adapter over the SDK double', () => {
  function setup(options: CloudDbDoubleOptions = {}): { db: CloudDbDouble; store: Store } {
    const db = createCloudDbDouble({ seed: 11, ...options });
    return { db, store: cloudbaseStore(db, HIGH_CONTENTION) };
  }

  it('re-runs a create-if-absent body whose read went stale instead of failing it with a duplicate', async () => {
    const { store } = setup({ conflictRate: 0 });
    const id = 'm1:2026-11-24';
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let attempts = 0;
    // A reads the id as absent, then waits while B creates it and commits; only then does A create.
    const a = store.transaction(async (tx) => {
      attempts++;
      if (await tx.get('activity', id)) return 'already';
      await gate;
      await tx.create('activity', { id, by: 'a' });
      return 'created';
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.transaction((tx) => tx.create('activity', { id, by: 'b' }));
    release();
    expect(await a).toBe('already');
    expect(attempts).toBeGreaterThan(1);
    expect(await store.get('activity', id)).toEqual({ id, by: 'b' });
  });

  it('runs every transaction body at least twice and still commits each write once', async () => {
    const { db, store } = setup({ conflictRate: 0.2 });
    let runs = 0;
    for (let i = 0; i < 10; i++) {
      await store.transaction(async (tx) => {
        runs++;
        await tx.update('checkinStats', 'c', { n: inc(1) }).catch(async (e: unknown) => {
          if (!(e instanceof NotFoundError)) throw e;
          await tx.create('checkinStats', { id: 'c', n: 1 });
        });
      });
    }
    expect(runs).toBeGreaterThanOrEqual(20);
    expect(db.stats.forcedReplays).toBe(10);
    expect(db.stats.commits).toBe(10);
    expect(await store.get('checkinStats', 'c')).toEqual({ id: 'c', n: 10 });
  });

  it('pages through 260 docs on a database that caps every query at 100, seeing each doc exactly once', async () => {
    // Older CloudBase environments return at most 100 documents per query without an error.
    const { db, store } = setup({ queryCap: 100, conflictRate: 0 });
    const asked: number[] = [];
    // Record every `limit(n)` along the query chains the adapter builds.
    const spy = <T extends object>(target: T): T =>
      new Proxy(target, {
        get(t, key) {
          const value: unknown = Reflect.get(t, key);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (key === 'limit') asked.push(args[0] as number);
            const out: unknown = value.apply(t, args);
            return typeof out === 'object' && out !== null && !(out instanceof Promise) ? spy(out) : out;
          };
        },
      });
    const collection = db.collection.bind(db);
    db.collection = (name) => spy(collection(name));
    db.seed('members', Array.from({ length: 260 }, (_, i) => ({ _id: `p${pad((i * 53) % 260)}`, joinedAt: i % 9 })));
    const all = db.dump('members').map((d) => d._id as string);
    for (const query of [{ limit: 100 }, { limit: 100, orderBy: { field: 'joinedAt', direction: 'desc' } }, { limit: 99 }, { limit: 65 }] as FindQuery[]) {
      const { ids: got, pages } = await pageAll(store, 'members', query);
      expect([...got].sort()).toEqual(all);
      expect(new Set(got).size).toBe(260);
      expect(pages.every((n) => n > 0)).toBe(true);
      expect(pages.reduce((a, b) => a + b, 0)).toBe(260);
    }
    expect(Math.max(...asked)).toBe(100);
    // An exactly full last page of 100 ends the scan (the probe past it finds nothing).
    db.seed('ledger', Array.from({ length: 200 }, (_, i) => ({ _id: `l${pad(i)}`, memberId: 'm1', seq: i })));
    expect((await pageAll(store, 'ledger', { where: { memberId: 'm1' }, orderBy: { field: 'seq', direction: 'asc' }, limit: 100 })).pages).toEqual([100, 100]);
  });

  it('stores our id as _id and never returns _id', async () => {
    const { db, store } = setup();
    await store.transaction((tx) => tx.create('members', { id: 'm1', role: 'host', joinedAt: 3 }));
    expect(db.dump('members')).toEqual([{ _id: 'm1', role: 'host', joinedAt: 3 }]);
    expect(await store.get('members', 'm1')).toEqual({ id: 'm1', role: 'host', joinedAt: 3 });
    expect((await store.find('members')).docs).toEqual([{ id: 'm1', role: 'host', joinedAt: 3 }]);
  });

  it('the double refuses a second SDK write of one document within one transaction', async () => {
    const { db } = setup({ conflictRate: 0 });
    db.seed('accounts', [{ _id: 'a1', balance: 1 }]);
    const twice = db.runTransaction(async (t) => {
      await t.collection('accounts').doc('a1').update({ data: { balance: 2 } });
      await t.collection('accounts').doc('a1').set({ data: { balance: 5 } });
    });
    await expect(twice).rejects.toThrow('accounts/a1 is written twice in one transaction');
    expect(db.dump('accounts')).toEqual([{ _id: 'a1', balance: 1 }]);
  });

  it('sends each document to the SDK once per body however often the body writes it', async () => {
    const { db, store } = setup({ conflictRate: 0 });
    await store.transaction((tx) => tx.create('accounts', { id: 'a1', balance: 1 }));
    const seen = await store.transaction(async (tx) => {
      await tx.update('accounts', 'a1', { balance: inc(1) });
      await tx.set('accounts', { id: 'a1', balance: 5, lots: [] });
      await tx.update('accounts', 'a1', { balance: inc(2) });
      await tx.create('accounts', { id: 'a2', balance: 2 });
      await tx.update('accounts', 'a2', { balance: inc(3), seq: inc(1) });
      await tx.create('accounts', { id: 'a3', balance: 3 });
      await tx.delete('accounts', 'a3');
      return [await tx.get('accounts', 'a1'), await tx.get('accounts', 'a2'), await tx.get('accounts', 'a3')];
    });
    expect(seen).toEqual([{ id: 'a1', balance: 7, lots: [] }, { id: 'a2', balance: 5, seq: 1 }, null]);
    expect(db.dump('accounts')).toEqual([{ _id: 'a1', balance: 7, lots: [] }, { _id: 'a2', balance: 5, seq: 1 }]);
    await expect(store.transaction((tx) => tx.set('accounts', { id: 'a4' }))).rejects.toThrow('at least one field');
  });

  it('operation-level conflicts, which the SDK does not retry, are retried by the adapter', async () => {
    const { db, store } = setup({ opConflictRate: 0.4, conflictRate: 0 });
    db.seed('checkinStats', [{ _id: 'c', n: 0 }]);
    await Promise.all(Array.from({ length: 30 }, () => store.transaction((tx) => tx.update('checkinStats', 'c', { n: inc(1) }))));
    expect(db.stats.injectedOpConflicts).toBeGreaterThan(0);
    expect(await store.get('checkinStats', 'c')).toEqual({ id: 'c', n: 30 });
  });

  it('a transaction that keeps conflicting fails with BusyError and writes nothing', async () => {
    const db = createCloudDbDouble({ conflictRate: 1 });
    const store = cloudbaseStore(db); // production retry budget
    await expect(store.transaction((tx) => tx.set('settings', { id: 'x', v: 1 }))).rejects.toBeInstanceOf(BusyError);
    expect(db.stats.exhausted).toBeGreaterThan(0);
    expect(db.dump('settings')).toEqual([]);
  });

  it.each(['returns', 'keeps writing'] as const)(
    'a body that swallows DuplicateError from a racing insert and %s is re-run, not committed on a dead transaction',
    async (afterCatch) => {
      const { db, store } = setup({ conflictRate: 0 });
      let run = 0;
      const result = await store.transaction(async (tx) => {
        run++;
        await tx.get('settings', 'anything'); // snapshot taken
        // Another request commits the same id after our snapshot, on the run that matters.
        if (run === 2) db.seed('ledger', [{ _id: 'req-9', amount: 1 }]);
        if (afterCatch === 'returns') await tx.set('requests', { id: 'req-9', outcome: 'pending' });
        try {
          await tx.create('ledger', { id: 'req-9', amount: 2 });
        } catch (e) {
          if (!(e instanceof DuplicateError)) throw e;
          if (afterCatch === 'returns') return 'replay';
          await tx.set('requests', { id: 'req-9', outcome: 'replay' });
          return 'replay';
        }
        return 'applied';
      });
      expect(result).toBe('replay');
      expect(db.stats.duplicateInserts).toBeGreaterThan(0);
      expect(run).toBeGreaterThanOrEqual(3);
      expect(db.dump('ledger')).toEqual([{ _id: 'req-9', amount: 1 }]);
      expect(db.dump('requests')).toEqual([{ _id: 'req-9', outcome: afterCatch === 'returns' ? 'pending' : 'replay' }]);
    },
  );

  describe('write skew (why a body must write every document it checked)', () => {
    // Two hosts on duty; each request takes itself off duty if the other is still on.
    const offDuty = (me: string, other: string, touchOther: boolean) => async (tx: Tx) => {
      const mine = await tx.get('settings', me);
      const theirs = await tx.get('settings', other);
      await macrotask();
      if (!mine?.on || !theirs?.on) return false;
      if (touchOther) await tx.update('settings', other, { on: true }); // write what we checked
      await tx.update('settings', me, { on: false });
      return true;
    };
    async function run(isolation: 'snapshot' | 'serializable', touchOther: boolean): Promise<number> {
      const { db, store } = setup({ conflictRate: 0, isolation });
      db.seed('settings', [
        { _id: 'a', on: true },
        { _id: 'b', on: true },
      ]);
      await Promise.all([store.transaction(offDuty('a', 'b', touchOther)), store.transaction(offDuty('b', 'a', touchOther))]);
      return db.dump('settings').filter((d) => d.on === true).length;
    }

    it('like CloudBase, the double lets a body that only reads the checked document write-skew', async () => {
      expect(await run('snapshot', false)).toBe(0);
    });

    it('writing the checked document too keeps at least one host on duty', async () => {
      expect(await run('snapshot', true)).toBe(1);
    });

    it('in serializable mode the commit check also covers reads', async () => {
      expect(await run('serializable', false)).toBe(1);
    });
  });
});
