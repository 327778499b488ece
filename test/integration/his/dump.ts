/**
 * A canonical dump of the reference HIS tables: every row of every table, sorted,
 * with values in canonical form (money with two decimals, decimals without trailing zeros, times
 * as text), so dumps from SQLite, PostgreSQL and MariaDB compare byte for byte.
 */
import crypto from 'node:crypto';
import type { Db } from '../../../src/core/db/index.js';
import { normalizeValue, REFERENCE_TABLES, type ColumnKind } from '../../../src/core/his/index.js';

const KIND: Record<string, ColumnKind> = {
  text: 'text',
  money: 'money',
  dec: 'decimal',
  int: 'int',
  datetime: 'datetime',
  date: 'date',
  clob: 'text',
};

export async function dumpTables(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of REFERENCE_TABLES) {
    const rows = (await db.knex(t.name).select('*')) as Array<Record<string, unknown>>;
    // Sorted here rather than by the database, whose text collation may differ per server.
    out[t.name] = rows
      .map((r) => {
        const lower: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(r)) lower[k.toLowerCase()] = v;
        return JSON.stringify(t.columns.map((c) => normalizeValue(KIND[c.type.t]!, lower[c.name])));
      })
      .sort();
  }
  return out;
}

export function digest(dump: Record<string, string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [t, rows] of Object.entries(dump))
    out[t] = crypto.createHash('sha256').update(rows.join('\n')).digest('hex').slice(0, 16);
  return out;
}
