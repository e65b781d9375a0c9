/** Document and patch helpers shared by the store adapters. */
import { isIncrement, type Doc, type Patch } from './port';
import { assertId } from './query';

/** A document without its id, as adapters store it. */
export type Fields = Record<string, unknown>;

/** Split a port document into its id and remaining fields (undefined fields dropped). */
export function splitDoc(doc: Doc): { id: string; fields: Fields } {
  if (typeof doc !== 'object' || doc === null) throw new TypeError('document must be an object');
  const id = assertId(doc.id);
  const fields: Fields = {};
  for (const [key, value] of Object.entries(doc)) {
    if (key === 'id' || value === undefined) continue;
    fields[key] = value;
  }
  return { id, fields };
}

/** One validated patch entry: a literal replacement or a numeric increment. */
export type PatchOp = { field: string; kind: 'set'; value: unknown } | { field: string; kind: 'inc'; by: number };

/** Validate a patch (no `id`, finite increments) into its entries; undefined values are skipped. */
export function patchOps(patch: Patch): PatchOp[] {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new TypeError('patch must be an object');
  }
  const ops: PatchOp[] = [];
  for (const [field, value] of Object.entries(patch)) {
    if (field === 'id' || field === '_id') throw new TypeError('patch may not change the document id');
    if (value === undefined) continue;
    if (isIncrement(value)) {
      if (typeof value.$inc !== 'number' || !Number.isFinite(value.$inc)) {
        throw new TypeError(`${field}: increment must be a finite number`);
      }
      ops.push({ field, kind: 'inc', by: value.$inc });
    } else {
      ops.push({ field, kind: 'set', value });
    }
  }
  return ops;
}

/** Apply patch entries to stored fields in place (a missing field counts as 0 and a non-number throws, as on CloudBase). */
export function applyPatch(fields: Fields, ops: PatchOp[]): Fields {
  for (const op of ops) {
    if (op.kind === 'set') {
      fields[op.field] = op.value;
      continue;
    }
    const current = fields[op.field];
    if (current !== undefined && typeof current !== 'number') {
      throw new TypeError(`cannot increment non-numeric field ${op.field}`);
    }
    fields[op.field] = (typeof current === 'number' ? current : 0) + op.by;
  }
  return fields;
}
