/**
 * The second native baseline of bench/catalog.ts: native tools doing what hisops does from the
 * same download, as a shell pipeline,
 *
 *   unzip -p 1306.zip | iconv -f GBK -t UTF-8 | cut -f<the stored columns' positions>
 *     | sed -E <Java-style date-times to dates> | psql -c "\copy table (columns) FROM pstdin"
 *
 * (and `sqlite3 .import /dev/stdin` in place of psql). The generated file has no header line, so
 * no `tail -n +2`. `cut` keeps the fields in file order, so the columns are named in that order.
 * It stores the twelve columns that come straight from a cell (the first of a kind's name, spec,
 * maker, approval number and unit fields, the code, dates, vali_flag, rid and versions), with the
 * center's `null` cells as NULL and the dates cut to the day as hisops stores them; it checks
 * nothing and computes no fingerprint. `sqlite3 .import` cannot name columns, so that pipeline
 * imports into a temporary table and copies the columns across with INSERT … SELECT.
 *
 * `checksumSql` covers those twelve columns and the row count, for comparing any table with
 * hisops's. It reads NULL as an empty text: `sqlite3 .import` of the strict baseline's exported
 * columns stores an empty text where hisops stores NULL, and nothing else differs.
 */
import { KINDS, type CatalogKind } from '../src/core/catalog/index.js';

/** Stored column ← the documented column feeding it, in file order. */
export function cutColumns(kind: CatalogKind): Array<{ stored: string; position: number }> {
  const k = KINDS[kind];
  const from: Array<[string, string]> = [
    ['med_list_codg', 'med_list_codg'],
    ['begndate', k.beginField],
    ['enddate', k.endField],
    ['vali_flag', 'vali_flag'],
    ['hilist_name', k.nameFields[0]!],
    ['hilist_spec', k.specFields[0]!],
    ['prodentp_name', k.entpFields[0]!],
    ['aprvno', k.aprvFields[0]!],
    ['prcunt', k.unitFields[0]!],
    ['rid', 'rid'],
    ['ver', 'ver'],
    ['ver_name', 'ver_name'],
  ];
  return from
    .map(([stored, doc]) => ({ stored, position: k.columns.indexOf(doc) + 1 }))
    .filter((c) => c.position > 0)
    .sort((a, b) => a.position - b.position);
}

/** SQL giving the row count and a digest of the columns the pipeline stores, ordered by the key. */
export function checksumSql(dialect: 'sqlite' | 'postgres', kind: CatalogKind, table: string): string {
  const row = cutColumns(kind)
    .map(({ stored: c }) => `coalesce(${c}, '')`)
    .join(` || '|' || `);
  const inner = `SELECT ${row} AS r FROM ${table} ORDER BY med_list_codg, begndate`;
  return dialect === 'postgres'
    ? `SELECT count(*) || ' ' || md5(string_agg(r, E'\\n')) FROM (${inner}) s`
    : `SELECT count(*) || ' ' || hex(sha3(group_concat(r, char(10)))) FROM (${inner})`;
}

/** The shell text up to the loader: unzip, decode, cut, dates to days. Arguments: $1 the ZIP. */
function front(kind: CatalogKind): string {
  const fields = cutColumns(kind)
    .map((c) => c.position)
    .join(',');
  return (
    `unzip -p "$1" | iconv -f GBK -t UTF-8 | cut -f${fields}` + ` | sed -E 's/ [0-9]{2}:[0-9]{2}:[0-9]{2}(\\t|$)/\\1/g'`
  );
}

/** argv of the PostgreSQL pipeline (bash -o pipefail, so a failing tool fails the run). */
export function pgPipeline(kind: CatalogKind, zip: string, url: string, table: string): [string, string[]] {
  const cols = cutColumns(kind)
    .map((c) => c.stored)
    .join(', ');
  const copy = `\\copy ${table} (${cols}) FROM pstdin WITH (NULL 'null')`;
  return [
    'bash',
    ['-o', 'pipefail', '-c', `${front(kind)} | psql "$2" -v ON_ERROR_STOP=1 -q -c "$3"`, 'sh', zip, url, copy],
  ];
}

/** argv of the SQLite pipeline: .import into a temporary table, then the columns across. */
export function sqlitePipeline(kind: CatalogKind, zip: string, file: string, table: string): [string, string[]] {
  const cols = cutColumns(kind).map((c) => c.stored);
  const tmp = `${table}_cut`;
  const create = `CREATE TEMP TABLE ${tmp} (${cols.join(', ')});`;
  const insert = `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.map((c) => `nullif(${c}, 'null')`).join(', ')} FROM ${tmp};`;
  return [
    'bash',
    [
      '-o',
      'pipefail',
      '-c',
      `${front(kind)} | sqlite3 "$2" "$3" '.mode tabs' ".import /dev/stdin $4" "$5"`,
      'sh',
      zip,
      file,
      create,
      tmp,
      insert,
    ],
  ];
}
