/**
 * A schema's fingerprint: sha256 over the same normalised keys comparison uses, in a fixed order.
 * Two databases with the same fingerprint diff as equal; a plan records the fingerprint of the
 * database it was made against and `apply` refuses to run when it has moved on.
 *
 * The same lines, grouped per object (a table with its columns, keys, indexes and constraints; a
 * view; a routine; a sequence; another object), give each object its own digest: `objectDigests`.
 * A journaled apply keys every step to those (see state.ts).
 */
import { checkKey, columnKeys, fkKey, indexKey, pkKey, sequenceKey, type CompareContext } from './compare.js';
import crypto from 'node:crypto';
import {
  nameKey,
  type OtherObject,
  type Routine,
  type SchemaModel,
  type Sequence,
  type Table,
  type View,
} from './model.js';

const sorted = <T extends { name: string }>(xs: readonly T[]) =>
  // Sort by precomputed keys: big schemas have 100,000 columns.
  xs
    .map((x) => [nameKey(x.name), x] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map((p) => p[1]);

function tableLines(t: Table, ctx: CompareContext, push: (l: string) => void): void {
  push(
    `T ${nameKey(t.name)} ${t.options?.engine?.toLowerCase() ?? ''} ${t.options?.charset ?? ''}/${t.options?.collation ?? ''} ${JSON.stringify(t.comment ?? '')}`,
  );
  for (const c of sorted(t.columns)) push(`C ${nameKey(c.name)} ${JSON.stringify(columnKeys(c, t))}`);
  push(`P ${pkKey(t.primaryKey)}`);
  for (const i of [...t.indexes].sort((a, b) => (indexKey(a) + a.name < indexKey(b) + b.name ? -1 : 1)))
    push(`I ${i.generatedName ? '' : nameKey(i.name)} ${indexKey(i)}`);
  for (const k of t.foreignKeys.map((f) => fkKey(f, ctx)).sort()) push(`F ${k}`);
  for (const k of t.checks.map(checkKey).sort()) push(`K ${k}`);
}

const viewLine = (v: View) => `V ${nameKey(v.name)} ${v.digest}`;
const routineLine = (r: Routine) => `R ${r.kind}:${nameKey(r.name)} ${r.digest}`;
const sequenceLine = (s: Sequence) => `S ${nameKey(s.name)} ${sequenceKey(s)}`;
const otherLine = (o: OtherObject) => `O ${o.kind}:${nameKey(o.name)} ${o.digest ?? ''}`;
const routineOrder = (a: Routine, b: Routine) =>
  `${a.kind}:${nameKey(a.name)}` < `${b.kind}:${nameKey(b.name)}` ? -1 : 1;
const otherOrder = (a: OtherObject, b: OtherObject) => (`${a.kind}:${a.name}` < `${b.kind}:${b.name}` ? -1 : 1);

/**
 * Fingerprints known without recomputing: those of snapshot files whose seal proves the stored
 * fingerprint was computed over exactly the objects read (snapshotFile.ts). Keyed by the model's
 * object lists, so a model rebuilt around the same lists (a new `source`, a filter that kept
 * everything) still hits, and any list replaced or filtered misses. Models read from files are
 * not edited in place.
 */
const known = new WeakMap<
  object,
  { views: unknown; sequences: unknown; routines: unknown; others: unknown; dialect: string; fp: string }
>();

export function rememberFingerprint(model: SchemaModel, fp: string): void {
  known.set(model.tables, {
    views: model.views,
    sequences: model.sequences,
    routines: model.routines,
    others: model.others,
    dialect: model.source.dialect,
    fp,
  });
}

export function fingerprint(model: SchemaModel): string {
  const k = known.get(model.tables);
  if (
    k &&
    k.views === model.views &&
    k.sequences === model.sequences &&
    k.routines === model.routines &&
    k.others === model.others &&
    k.dialect === model.source.dialect
  )
    return k.fp;
  const ctx: CompareContext = { dialects: [model.source.dialect] };
  const hash = crypto.createHash('sha256');
  const push = (l: string) => hash.update(l + '\n');
  for (const t of sorted(model.tables)) tableLines(t, ctx, push);
  for (const v of sorted(model.views)) push(viewLine(v));
  for (const r of [...model.routines].sort(routineOrder)) push(routineLine(r));
  for (const s of sorted(model.sequences)) push(sequenceLine(s));
  for (const o of [...model.others].sort(otherOrder)) push(otherLine(o));
  return hash.digest('hex');
}

/** The key naming one object in `objectDigests` (and in a statement's list of objects it changes). */
export const objectKey = {
  table: (name: string) => `table:${nameKey(name)}`,
  view: (name: string) => `view:${nameKey(name)}`,
  routine: (kind: string, name: string) => `routine:${kind}:${nameKey(name)}`,
  sequence: (name: string) => `sequence:${nameKey(name)}`,
  other: (kind: string, name: string) => `other:${kind}:${nameKey(name)}`,
};

const short = (lines: string[]) => crypto.createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 24);

/** One digest per object of the model, from the lines the fingerprint is made of. */
export function objectDigests(model: SchemaModel): Map<string, string> {
  const ctx: CompareContext = { dialects: [model.source.dialect] };
  const out = new Map<string, string>();
  for (const t of model.tables) {
    const lines: string[] = [];
    tableLines(t, ctx, (l) => lines.push(l));
    out.set(objectKey.table(t.name), short(lines));
  }
  for (const v of model.views) out.set(objectKey.view(v.name), short([viewLine(v)]));
  for (const r of model.routines) out.set(objectKey.routine(r.kind, r.name), short([routineLine(r)]));
  for (const s of model.sequences) out.set(objectKey.sequence(s.name), short([sequenceLine(s)]));
  for (const o of model.others) out.set(objectKey.other(o.kind, o.name), short([otherLine(o)]));
  return out;
}

/** Short form for headers and messages. */
export function shortFingerprint(fp: string): string {
  return fp.slice(0, 16);
}
