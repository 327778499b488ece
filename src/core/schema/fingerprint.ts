/**
 * A schema's fingerprint: sha256 over the same normalised keys comparison uses, in a fixed order.
 * Two databases with the same fingerprint diff as equal; a plan records the fingerprint of the
 * database it was made against and `apply` refuses to run when it has moved on.
 */
import { checkKey, columnKeys, fkKey, indexKey, pkKey, sequenceKey, type CompareContext } from './compare.js';
import crypto from 'node:crypto';
import { nameKey, type SchemaModel } from './model.js';

export function fingerprint(model: SchemaModel): string {
  const ctx: CompareContext = { dialects: [model.source.dialect] };
  const hash = crypto.createHash('sha256');
  const lines = { push: (l: string) => hash.update(l + '\n') };
  // Sort by precomputed keys: big schemas have 100,000 columns.
  const sorted = <T extends { name: string }>(xs: readonly T[]) =>
    xs
      .map((x) => [nameKey(x.name), x] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map((p) => p[1]);
  for (const t of sorted(model.tables)) {
    lines.push(`T ${nameKey(t.name)} ${t.options?.engine?.toLowerCase() ?? ''} ${t.options?.charset ?? ''}/${t.options?.collation ?? ''} ${JSON.stringify(t.comment ?? '')}`);
    for (const c of sorted(t.columns)) lines.push(`C ${nameKey(c.name)} ${JSON.stringify(columnKeys(c, t))}`);
    lines.push(`P ${pkKey(t.primaryKey)}`);
    for (const i of [...t.indexes].sort((a, b) => (indexKey(a) + a.name < indexKey(b) + b.name ? -1 : 1))) lines.push(`I ${i.generatedName ? '' : nameKey(i.name)} ${indexKey(i)}`);
    for (const k of t.foreignKeys.map((f) => fkKey(f, ctx)).sort()) lines.push(`F ${k}`);
    for (const k of t.checks.map(checkKey).sort()) lines.push(`K ${k}`);
  }
  for (const v of sorted(model.views)) lines.push(`V ${nameKey(v.name)} ${v.digest}`);
  for (const r of [...model.routines].sort((a, b) => (`${a.kind}:${nameKey(a.name)}` < `${b.kind}:${nameKey(b.name)}` ? -1 : 1))) lines.push(`R ${r.kind}:${nameKey(r.name)} ${r.digest}`);
  for (const s of sorted(model.sequences)) lines.push(`S ${nameKey(s.name)} ${sequenceKey(s)}`);
  for (const o of [...model.others].sort((a, b) => (`${a.kind}:${a.name}` < `${b.kind}:${b.name}` ? -1 : 1))) lines.push(`O ${o.kind}:${nameKey(o.name)} ${o.digest ?? ''}`);
  return hash.digest('hex');
}

/** Short form for headers and messages. */
export function shortFingerprint(fp: string): string {
  return fp.slice(0, 16);
}
