/**
 * Read a live HIS schema for `profile draft`: tables and columns with their comments, through the
 * schema module's introspection (MySQL/MariaDB, PostgreSQL and Oracle keep comments in the
 * catalog). SQLite has no comments; a column's trailing "-- 注释" in its CREATE TABLE text is
 * taken as one, since SQLite keeps that text as it was written.
 */
import type { Db } from '../../db/index.js';
import type { DraftTable } from './matchSchema.js';

/** Trailing `-- comment` of each column line in a CREATE TABLE text. */
export function sqliteColumnComments(ddl: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of ddl.split(/\r?\n/)) {
    const m = /^\s*"?([A-Za-z_][\w$]*)"?\s+[^-]*?--\s*(.+?)\s*$/.exec(line);
    if (m && !/^(CONSTRAINT|PRIMARY|UNIQUE|FOREIGN|CHECK)$/i.test(m[1]!)) out.set(m[1]!.toLowerCase(), m[2]!);
  }
  return out;
}

export async function readDraftSchema(db: Db): Promise<DraftTable[]> {
  // Loaded here, not at the top: core/his is loaded by every job that reads the HIS, and the
  // schema module (introspection for every dialect) only by this one.
  const { introspect } = await import('../../schema/index.js');
  const { model } = await introspect(db, {});
  const ddl = new Map<string, string>();
  if (db.dialect === 'sqlite') {
    const rows = (await db.knex.raw(`SELECT name, sql FROM sqlite_master WHERE type = 'table'`)) as Array<{
      name: string;
      sql: string | null;
    }>;
    for (const r of rows) if (r.sql) ddl.set(r.name.toLowerCase(), r.sql);
  }
  return model.tables
    .filter((t) => !t.name.toLowerCase().startsWith('hisops_'))
    .map((t) => {
      const comments = sqliteColumnComments(ddl.get(t.name.toLowerCase()) ?? '');
      return {
        name: t.name,
        ...(t.comment ? { comment: t.comment } : {}),
        columns: t.columns.map((c) => {
          const comment = c.comment ?? comments.get(c.name.toLowerCase());
          return { name: c.name, ...(comment ? { comment } : {}) };
        }),
      };
    });
}
