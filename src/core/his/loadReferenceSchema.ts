/**
 * Create the reference HIS tables in a database by running the shipped
 * `templates/sql/reference-his.<dialect>.sql`. Safe to run twice: the files use IF NOT EXISTS
 * where the dialect has it, and on Oracle "name is already used" (ORA-00955) counts as done.
 */
import fs from 'node:fs';
import { classifyDbError, type Db } from '../db/index.js';
import { inputError } from '../errors.js';
import { REFERENCE_DIALECTS } from './referenceSchema.js';
import { splitSqlScript } from './splitSqlScript.js';
import { referenceSchemaPath } from './templatesDir.js';

export interface LoadSchemaResult {
  file: string;
  statements: number;
}

/** Dialect errors that mean "this object exists already". */
const ALREADY_THERE: Record<string, RegExp> = {
  oracle: /ORA-00955|ORA-01408/,
};

export async function loadReferenceSchema(db: Db): Promise<LoadSchemaResult> {
  if (!REFERENCE_DIALECTS.includes(db.dialect)) {
    throw inputError(
      'HIS_REFERENCE_DIALECT',
      `There is no reference HIS schema for ${db.info.label}`,
      `Use SQLite, PostgreSQL, MySQL/MariaDB or Oracle for the reference HIS (${REFERENCE_DIALECTS.join(', ')}).`,
    ).zh(
      `没有适用于 ${db.info.label} 的参考 HIS 结构`,
      `参考 HIS 请使用 SQLite、PostgreSQL、MySQL/MariaDB 或 Oracle（${REFERENCE_DIALECTS.join('、')}）。`,
    );
  }
  const file = referenceSchemaPath(db.dialect);
  const statements = splitSqlScript(fs.readFileSync(file, 'utf8'));
  for (const sql of statements) {
    try {
      await db.knex.raw(sql);
    } catch (e) {
      const ok = ALREADY_THERE[db.dialect];
      if (ok && ok.test(String((e as Error).message))) continue;
      throw classifyDbError(e, db.target);
    }
  }
  return { file, statements: statements.length };
}
