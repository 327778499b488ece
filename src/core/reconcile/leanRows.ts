/**
 * The hot read of the run: `settlements_for_reconcile` for one day, a few tens of thousands of
 * rows, a million in a month. The profile runner normalises every value of every row (money to
 * two-decimal text through Decimal), which costs several times the query itself at that volume;
 * here the statement is prepared by the runner (same SQL, same binds, same checks) and the rows are
 * only given lower-case keys and text times — readHisRow parses the amounts exactly from whatever
 * the driver returns (number or text) and refuses anything that is not an amount.
 */
import { classifyDbError, type Db } from '../db/index.js';
import { externalError } from '../errors.js';
import { formatDateTime, prepareStatement, type Binds, type Profile, type Row } from '../his/index.js';

/** What knex.raw hands back per driver (the same shapes the HIS runner reads). */
function rowsOf(dialect: Db['dialect'], raw: unknown): Record<string, unknown>[] {
  if (Array.isArray(raw)) return (dialect === 'mysql' ? (Array.isArray(raw[0]) ? raw[0] : []) : raw) as Record<string, unknown>[];
  const rows = (raw as { rows?: unknown } | undefined)?.rows;
  return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
}

export async function leanRows(db: Db, profile: Profile, name: string, binds: Binds): Promise<Row[]> {
  const { sql, values, variant } = prepareStatement(profile, name, db, binds);
  let raw: unknown;
  try {
    raw = await db.knex.raw(sql, values);
  } catch (e) {
    const c = classifyDbError(e, db.target);
    if (c.code !== 'DB_FAILED') throw c;
    throw externalError(
      'PROFILE_STATEMENT_FAILED',
      `Statement "${name}" (${profile.file}:${variant.line}) failed on ${db.info.label}`,
      'Check its SQL against your HIS tables and columns, then run hisops doctor (it runs every read statement).',
      c.why,
      { statement: name, file: profile.file, line: variant.line },
    );
  }
  const rows = rowsOf(db.dialect, raw);
  // Most drivers already give the lower-case aliases: then the rows are used as they are (only
  // times are turned into text), which halves what a large day allocates.
  const lower = rows.length === 0 || Object.keys(rows[0]!).every((k) => k === k.toLowerCase());
  if (lower) {
    for (const r of rows) for (const k in r) if (r[k] instanceof Date) r[k] = formatDateTime(r[k] as Date);
    return rows as Row[];
  }
  return rows.map((r) => {
    const row: Row = {};
    for (const k in r) {
      const v = r[k];
      row[k.toLowerCase()] = v instanceof Date ? formatDateTime(v) : v;
    }
    return row;
  });
}
