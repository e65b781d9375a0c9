import { COLLECTIONS, REGISTRY, indexedFields } from '../src/server/store/collections';
import type { MemberDoc } from '../src/server/domain/model';
import type { Store, Tx } from '../src/server/store/port';
import { SCHEMA } from '../src/server/store/schema';
import { openSqliteStore } from '../src/server/local/sqliteStore';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Compile-time checks only (never called): `npm run typecheck` fails if the port stops being typed by the registry. */
async function typeChecks(store: Store, tx: Tx): Promise<void> {
  const member: MemberDoc | null = await tx.get('members', 'm1');
  // @ts-expect-error get returns the registered type: a member has no numeric `delta` (that is a ledger entry).
  const delta: number | undefined = (await store.get('members', 'm1'))?.delta;
  // @ts-expect-error unknown collection: a name the registry does not declare does not compile.
  await tx.get('memberz', 'm1');
  // @ts-expect-error unknown collection: find is checked the same way.
  await store.find('nope', {});
  // @ts-expect-error create accepts only the collection's document type (a check-in needs memberId, day and at).
  await tx.create('checkins', { id: 'c1' });
  // @ts-expect-error a query names fields of the collection's documents: a misspelled field does not compile.
  await store.find('members', { where: { joinday: '2026-01-01' } });
  // @ts-expect-error orders are checked the same way.
  await store.find('ledger', { orderBy: { field: 'createdOn', direction: 'asc' } });
  // @ts-expect-error count is checked the same way.
  await store.count('checkins', { dy: '2026-01-01' });
  // @ts-expect-error the member document declares every field it carries: no index signature lets a typo through.
  const tierTypo: unknown = member?.teir;
  // @ts-expect-error the account declares its carried fields (streak, growth, funnel, tier, redeemed, rate) and nothing else.
  const balanceTypo: unknown = (await tx.get('accounts', 'm1'))?.balanse;
  void member;
  void delta;
  void tierTypo;
  void balanceTypo;
}
void typeChecks;

describe('collection registry', () => {
  it('is the schema the deploy plan reads: same collections, same indexes', () => {
    expect(Object.keys(SCHEMA)).toEqual(COLLECTIONS);
    for (const c of COLLECTIONS) expect(SCHEMA[c].indexes).toEqual(REGISTRY[c].indexes);
    expect(indexedFields('checkins')).toEqual(new Set(['memberId', 'day']));
  });

  it('gives every collection an id scheme', () => {
    for (const c of COLLECTIONS) expect(REGISTRY[c].id.length).toBeGreaterThan(0);
  });

  it('is what the SQLite adapter builds its expression indexes from', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qunyun-registry-'));
    const store = openSqliteStore(path.join(dir, 'store.db'));
    const plan = store.explainFind('checkins', { where: { memberId: 'm1' }, orderBy: { field: 'day', direction: 'asc' } }).join(' ');
    expect(plan).toMatch(/ix_checkins__memberId__day/);
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
