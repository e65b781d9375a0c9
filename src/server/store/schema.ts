/**
 * Collections and their indexed fields, derived from the registry (`collections.ts`): the shape the
 * deploy plan reads (scripts/deploy). Declare collections in the registry, not here.
 */
import { COLLECTIONS, REGISTRY, type CollectionName } from './collections';

export { COLLECTIONS, indexedFields, type CollectionName } from './collections';

/** Every collection's index lists, keyed by name. */
export const SCHEMA = Object.fromEntries(COLLECTIONS.map((c) => [c, { indexes: REGISTRY[c].indexes }])) as { readonly [C in CollectionName]: { readonly indexes: ReadonlyArray<ReadonlyArray<string>> } };
