/**
 * Copying a table's rows into the clone: keyset-paged batches (or a sample's rows), converted for
 * the destination dialect and masked on the way, each batch journaled in hisops_schema_clone so a
 * stopped clone resumes without copying a row twice.
 */
import type { Db, Dialect, Knex } from '../db/index.js';
import type { Journal, JournalTable } from '../journal/index.js';
import type { MaskKind } from './mask.js';
import type { Masker } from './masker.js';
import { type Column, nameKey, type Table } from './model.js';

type Row = Record<string, unknown>;

export const CLONE_TABLE: JournalTable = {
  name: 'hisops_schema_clone',
  build: (t) => {
    t.string('clone_id', 40).notNullable();
    t.string('tbl', 200).notNullable();
    t.string('status', 20).notNullable();
    t.bigInteger('rows').notNullable().defaultTo(0);
    t.text('last_key').nullable();
    t.string('updated_at', 30).notNullable();
    t.primary(['clone_id', 'tbl']);
  },
};

/** Parameters a single INSERT may carry, per dialect (SQL Server's limit is 2,100). */
const MAX_PARAMS: Record<Dialect, number> = {
  mysql: 60000,
  postgres: 60000,
  sqlite: 30000,
  oracle: 60000,
  mssql: 2000,
};
/** Rows a single INSERT may carry (SQLite's multi-row insert is a compound SELECT, at most 500 terms). */
const MAX_ROWS: Record<Dialect, number> = { mysql: 5000, postgres: 5000, sqlite: 500, oracle: 1000, mssql: 1000 };

const ZERO_DATE = /^\d{4}-00-|^\d{4}-\d{2}-00|^0000-/;

export async function upsertJournal(
  jk: Knex,
  cloneId: string,
  tbl: string,
  rec: { status: string; rows: number; last_key: string | null; updated_at: string },
): Promise<void> {
  const n = await jk(CLONE_TABLE.name).where({ clone_id: cloneId, tbl }).update(rec);
  if (!n) await jk(CLONE_TABLE.name).insert({ clone_id: cloneId, tbl, ...rec });
}

export interface CopyContext {
  cloneId: string;
  journal: Journal;
  now: () => string;
  batchSize: number;
  total: number;
  resumeFrom?: { status: string; rows: number; last_key: string | null };
  masker?: Masker;
  masked: Array<{ column: string; kind: MaskKind }>;
  warnings: string[];
  progress: (copied: number) => void;
}

/** Rows of a sampled table (chosen by cloneSample.ts), masked and inserted; a resumed run inserts them again. */
export async function copySample(
  from: Dialect,
  dest: Db,
  st: Table,
  dt: Table,
  rows: Row[],
  c: CopyContext,
): Promise<number> {
  const jk = c.journal.knex;
  if (c.resumeFrom) await dest.knex(dt.name).del();
  await upsertJournal(jk, c.cloneId, dt.name, { status: 'copying', rows: 0, last_key: null, updated_at: c.now() });
  const cols = st.columns.filter((x) => !x.generated).map((x) => x.name);
  const destCols = new Map(dt.columns.map((x) => [nameKey(x.name), x]));
  const perInsert = Math.max(
    1,
    Math.min(MAX_ROWS[dest.dialect], Math.floor(MAX_PARAMS[dest.dialect] / Math.max(1, cols.length))),
  );
  const notes = { zeroDates: 0, nulBytes: 0 };
  let copied = 0;
  for (let i = 0; i < rows.length; i += c.batchSize) {
    const part = rows
      .slice(i, i + c.batchSize)
      .map((row) =>
        convertRow(
          c.masker && c.masked.length ? c.masker.maskRow(row, c.masked) : row,
          from,
          dest.dialect,
          destCols,
          notes,
        ),
      );
    for (let j = 0; j < part.length; j += perInsert) await dest.knex(dt.name).insert(part.slice(j, j + perInsert));
    copied += part.length;
    c.progress(copied);
  }
  await upsertJournal(jk, c.cloneId, dt.name, { status: 'done', rows: copied, last_key: null, updated_at: c.now() });
  return copied;
}

/** A whole table in primary-key order, from where the journal says the last run stopped. */
export async function copyTable(src: Db, dest: Db, st: Table, dt: Table, c: CopyContext): Promise<number> {
  const jk = c.journal.knex;
  const cols = st.columns.filter((x) => !x.generated).map((x) => x.name);
  const destCols = new Map(dt.columns.map((x) => [nameKey(x.name), x]));
  const key = st.primaryKey?.columns ?? [];
  let copied = 0;
  let last: unknown[] | undefined;
  if (c.resumeFrom && c.resumeFrom.status === 'copying') {
    if (key.length && c.resumeFrom.last_key) {
      last = JSON.parse(c.resumeFrom.last_key) as unknown[];
      copied = Number(c.resumeFrom.rows);
      // Rows inserted after the last journaled batch would be inserted again: remove them first.
      await afterKey(dest.knex(dt.name), key, last).del();
    } else await dest.knex(dt.name).del();
  }
  await upsertJournal(jk, c.cloneId, dt.name, {
    status: 'copying',
    rows: copied,
    last_key: last ? JSON.stringify(last) : null,
    updated_at: c.now(),
  });
  const perInsert = Math.max(
    1,
    Math.min(MAX_ROWS[dest.dialect], Math.floor(MAX_PARAMS[dest.dialect] / Math.max(1, cols.length))),
  );
  const notes = { zeroDates: 0, nulBytes: 0 };
  let offset = 0;
  for (;;) {
    let q = src.knex(st.name).select(cols).limit(c.batchSize);
    if (src.dialect === 'mysql') q = q.options({ dateStrings: true, supportBigNumbers: true, bigNumberStrings: true });
    if (key.length) {
      q = q.orderBy(key);
      if (last) q = afterKey(q, key, last);
    } else
      q = q
        .orderBy(
          cols.filter(
            (n) => !['text', 'blob', 'json', 'other'].includes(st.columns.find((x) => x.name === n)!.type.base),
          ),
        )
        .offset(offset);
    const rows = (await q) as Row[];
    if (!rows.length) break;
    const out = rows.map((row) =>
      convertRow(
        c.masker && c.masked.length ? c.masker.maskRow(row, c.masked) : row,
        src.dialect,
        dest.dialect,
        destCols,
        notes,
      ),
    );
    for (let i = 0; i < out.length; i += perInsert) await dest.knex(dt.name).insert(out.slice(i, i + perInsert));
    copied += rows.length;
    offset += rows.length;
    if (key.length) last = key.map((k) => rows[rows.length - 1]![k]);
    await upsertJournal(jk, c.cloneId, dt.name, {
      status: 'copying',
      rows: copied,
      last_key: last ? JSON.stringify(last) : null,
      updated_at: c.now(),
    });
    c.progress(copied);
    if (rows.length < c.batchSize) break;
  }
  await upsertJournal(jk, c.cloneId, dt.name, { status: 'done', rows: copied, last_key: null, updated_at: c.now() });
  if (notes.zeroDates)
    c.warnings.push(`${dt.name}: ${notes.zeroDates} zero date(s) (0000-00-00) written as NULL or 0001-01-01`);
  if (notes.nulBytes)
    c.warnings.push(
      `${dt.name}: ${notes.nulBytes} value(s) had NUL characters, which ${dest.info.label} cannot store; they were removed`,
    );
  return copied;
}

/** Rows strictly after `last` in key order: (a > x) or (a = x and b > y) … */
function afterKey<T extends Knex.QueryBuilder>(q: T, key: string[], last: unknown[]): T {
  return q.where((w) => {
    for (let i = 0; i < key.length; i++) {
      w.orWhere((x) => {
        for (let j = 0; j < i; j++) x.where(key[j]!, '=', last[j] as never);
        x.where(key[i]!, '>', last[i] as never);
      });
    }
  }) as T;
}

function convertRow(
  row: Row,
  from: Dialect,
  to: Dialect,
  destCols: Map<string, Column>,
  notes: { zeroDates: number; nulBytes: number },
): Row {
  const out: Row = {};
  for (const [k, v0] of Object.entries(row)) {
    let v = v0;
    const col = destCols.get(nameKey(k));
    if (
      col &&
      typeof v === 'string' &&
      from === 'mysql' &&
      to !== 'mysql' &&
      ['date', 'datetime', 'timestamp'].includes(col.type.base) &&
      ZERO_DATE.test(v)
    ) {
      notes.zeroDates++;
      v = col.nullable ? null : col.type.base === 'date' ? '0001-01-01' : '0001-01-01 00:00:00';
    }
    if (to === 'postgres' && typeof v === 'string' && v.includes('\u0000') && col && col.type.base !== 'blob') {
      notes.nulBytes++;
      v = v.replace(/\u0000/g, '');
    }
    if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v) && !(v instanceof Date)) v = JSON.stringify(v);
    if (Buffer.isBuffer(v) && col && col.type.base === 'bit' && to === 'postgres')
      v = [...v]
        .map((b) => b.toString(2).padStart(8, '0'))
        .join('')
        .slice(-(col.type.length ?? 1));
    out[col?.name ?? k] = v;
  }
  return out;
}
