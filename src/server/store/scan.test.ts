import type { Doc, FindQuery, Page, Store } from './port';
import { scan, scanAll, scanPages } from './scan';

/** A store over an id-sorted array whose `find` records every query and refuses pages over 100, as CloudBase does. */
function arrayStore(count: number) {
  const docs: Doc[] = Array.from({ length: count }, (_, i) => ({ id: `d${String(i).padStart(4, '0')}`, n: i }));
  const queries: FindQuery[] = [];
  const store: Store = {
    async transaction() {
      throw new Error('not used');
    },
    async get() {
      return null;
    },
    async find<T extends Doc>(_collection: string, query: FindQuery = {}): Promise<Page<T>> {
      queries.push(query);
      const limit = query.limit ?? 20;
      if (limit > 100) throw new Error(`limit ${limit} over 100`);
      const rest = docs.filter((d) => !query.after || d.id > query.after);
      const page = rest.slice(0, limit);
      return { docs: page as T[], next: rest.length > limit ? page[page.length - 1].id : null };
    },
    async count() {
      return docs.length;
    },
    async close() {},
  };
  return { store, docs, queries };
}

describe('scan', () => {
  it('reads every document once, in order, never more than 100 a page', async () => {
    const { store, queries } = arrayStore(250);
    const seen = await scanAll(store, 'checkinStats', { pageSize: 500 });
    expect(seen.map((d) => d.n)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(queries.map((q) => q.limit)).toEqual([100, 100, 100]);
  });

  it('stops at max without reading further pages', async () => {
    const { store, queries } = arrayStore(1000);
    const seen: Doc[] = [];
    for await (const doc of scan(store, 'checkinStats', { pageSize: 30, max: 45 })) seen.push(doc);
    expect(seen).toHaveLength(45);
    expect(queries).toHaveLength(2);
  });

  it('reads the next page only after the caller has handled this one', async () => {
    const { store, queries } = arrayStore(120);
    const pages: number[] = [];
    for await (const page of scanPages(store, 'checkinStats')) {
      pages.push(page.length);
      expect(queries).toHaveLength(pages.length);
    }
    expect(pages).toEqual([100, 20]);
  });

  it('yields nothing for an empty collection', async () => {
    const { store } = arrayStore(0);
    expect(await scanAll(store, 'checkinStats')).toEqual([]);
  });
});
