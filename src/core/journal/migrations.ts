/**
 * Journal migrations: how a table created by an earlier release reaches the shape the code
 * declares now. Each `JournalTable` may carry an ordered list of migrations; `hisops_journal_migrations`
 * records which of them a database has (one row per table and migration id). A table that does
 * not exist yet is created in its current shape and all its migrations are recorded as applied; a
 * table that exists without rows here is the previous release's shape, so every migration runs.
 *
 * Migrations are idempotent (widening a column to its width again, adding a column that is there
 * already, changes nothing), so a run killed between a migration and its record only repeats it.
 */
import type { Db, Dialect, Knex } from '../db/index.js';

export interface JournalMigration {
  /** Unique within its table and never reused; sorted as text, so `001-…`, `002-…`. */
  id: string;
  up(db: Db): Promise<void>;
}

export const MIGRATIONS_TABLE = 'hisops_journal_migrations';

export function buildMigrationsTable(t: Knex.CreateTableBuilder): void {
  t.string('table_name', 100).notNullable();
  t.string('migration_id', 100).notNullable();
  t.string('applied_at', 30).notNullable();
  t.string('run_id', 40).nullable();
  t.primary(['table_name', 'migration_id']);
}

export interface WidenColumn {
  name: string;
  length: number;
  nullable: boolean;
}

/**
 * How each dialect widens a varchar column in place. SQLite does not enforce a declared varchar
 * length (a 32-character value fits a varchar(30) column), so nothing needs to change there, and
 * rewriting a large journal table only to change a declared type would cost minutes. PostgreSQL
 * widens a varchar without rewriting the table; MySQL/MariaDB must restate the nullability.
 */
const WIDEN: Record<Dialect, ((c: WidenColumn) => string) | null> = {
  sqlite: null,
  postgres: (c) => `ALTER TABLE ?? ALTER COLUMN ?? TYPE varchar(${c.length})`,
  mysql: (c) => `ALTER TABLE ?? MODIFY ?? varchar(${c.length}) ${c.nullable ? 'NULL' : 'NOT NULL'}`,
  oracle: (c) => `ALTER TABLE ?? MODIFY (?? VARCHAR2(${c.length}))`,
  mssql: (c) => `ALTER TABLE ?? ALTER COLUMN ?? nvarchar(${c.length}) ${c.nullable ? 'NULL' : 'NOT NULL'}`,
};

/** A migration that widens varchar columns (values a center sends longer than the protocol says). */
export function widenColumns(id: string, table: string, columns: readonly WidenColumn[]): JournalMigration {
  return {
    id,
    async up(db) {
      const sql = WIDEN[db.dialect];
      if (!sql) return;
      // Identifiers go through knex (??) so they are quoted exactly as knex quoted them at CREATE TABLE.
      for (const c of columns) await db.knex.raw(sql(c), [table, c.name]);
    },
  };
}

/** A migration that adds columns (nullable, so the rows already there stay valid). */
export function addColumns(
  id: string,
  table: string,
  columns: ReadonlyArray<{ name: string; add: (t: Knex.AlterTableBuilder) => void }>,
): JournalMigration {
  return {
    id,
    async up(db) {
      for (const c of columns) {
        if (await db.knex.schema.hasColumn(table, c.name)) continue;
        await db.knex.schema.alterTable(table, (t) => c.add(t));
      }
    },
  };
}
