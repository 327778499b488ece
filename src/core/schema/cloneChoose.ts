/**
 * What a clone copies and masks: whether each table is copied whole (named, or small enough),
 * the first rows that show what a column holds, and every original value of the masked columns.
 */
import { type Db, queryEach } from '../db/index.js';
import type { MaskKind } from './mask.js';
import type { ColumnChoice } from './maskChoice.js';
import { isTextColumn } from './maskChoice.js';
import { identityValue, KIND_CODE, type Masker } from './masker.js';
import type { ValueSet } from './maskSet.js';
import { nameKey, type Table } from './model.js';

type Row = Record<string, unknown>;

/** Copy a table's rows? Named tables always; others when they have fewer than maxRows rows. */
export async function decide(
  src: Db,
  t: Table,
  isNamed: boolean,
  maxRows: number,
  estimates: Map<string, number>,
): Promise<{ copy: boolean; total: number; reason: string }> {
  const estimate = estimates.get(nameKey(t.name));
  // Counting a table of millions of rows takes minutes: the server's estimate is enough to skip it.
  const total =
    !isNamed && estimate !== undefined && estimate >= maxRows * 10
      ? estimate
      : Number(((await src.knex(t.name).count({ n: '*' })) as Array<{ n: unknown }>)[0]!.n);
  if (isNamed) return { copy: true, total, reason: 'named with --tables' };
  if (total < maxRows) return { copy: true, total, reason: `${total} rows < ${maxRows}` };
  return { copy: false, total, reason: `${total} rows ≥ ${maxRows} (name it with --tables to copy it)` };
}

export async function estimateRows(db: Db): Promise<Map<string, number>> {
  const m = new Map<string, number>();
  try {
    if (db.dialect === 'mysql') {
      const [rows] = (await db.knex.raw(
        'SELECT TABLE_NAME AS t, TABLE_ROWS AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
      )) as unknown as [Array<{ t: string; n: number | null }>];
      for (const r of rows) if (r.n !== null) m.set(nameKey(r.t), Number(r.n));
    } else if (db.dialect === 'postgres') {
      const res = (await db.knex.raw(
        "SELECT c.relname AS t, c.reltuples::bigint AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'",
      )) as { rows: Array<{ t: string; n: string }> };
      for (const r of res.rows) if (Number(r.n) >= 0) m.set(nameKey(r.t), Number(r.n));
    }
  } catch {
    // estimates are an optimisation only
  }
  return m;
}

/** The first rows of a table's text columns: what the values of each column look like. */
export async function sampleForChoice(src: Db, t: Table): Promise<Row[]> {
  const cols = t.columns.filter((c) => isTextColumn(c) && !c.generated).map((c) => c.name);
  if (!cols.length) return [];
  let q = src.knex(t.name).select(cols).limit(200);
  if (src.dialect === 'mysql') q = q.options({ dateStrings: true });
  return (await q) as Row[];
}

/**
 * Every original value of the masked columns of the tables to be copied (read row by row, kept as
 * hashes); with a masker, what each ID number and phone masks to at the first try is taken.
 */
export async function collectOriginals(
  src: Db,
  tables: Map<string, Table>,
  choices: Map<string, ColumnChoice[]>,
  set: ValueSet,
  masker?: Masker,
): Promise<ValueSet> {
  await eachMaskedValue(src, tables, choices, (kind, v) => {
    const id = identityValue(kind, v);
    if (id !== undefined) set.add(id, KIND_CODE[kind]);
    if (masker && (kind === 'idcard' || kind === 'phone') && v !== null && v !== undefined && v !== '')
      masker.notePlanned(kind, Buffer.isBuffer(v) ? v.toString('utf8') : String(v));
  });
  return set;
}

/** Each value of the masked columns of the tables to be copied, one column list per table, read row by row. */
async function eachMaskedValue(
  src: Db,
  tables: Map<string, Table>,
  choices: Map<string, ColumnChoice[]>,
  fn: (kind: MaskKind, v: unknown) => void,
): Promise<void> {
  for (const [k, list] of choices) {
    const masked = list.filter((c) => c.kind && c.kind !== 'birthdate' && c.kind !== 'tokens' && c.kind !== 'text');
    if (!masked.length) continue;
    const sql = src
      .knex(tables.get(k)!.name)
      .select(masked.map((c) => c.column))
      .toString();
    await queryEach(src, sql, [], (row) => {
      for (let i = 0; i < row.length; i++) fn(masked[i]!.kind!, row[i]);
    });
  }
}
