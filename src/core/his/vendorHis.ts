/**
 * Make a vendor-style HIS (vendorSchema.ts) out of a seeded reference HIS in the same database:
 * create the vendor tables, copy every row with INSERT … SELECT (status words become digits, the
 * hospital code goes into YYBM), add a second hospital's copy of the settlements, log, mappings
 * and dispensing, and drop the reference tables. The demo seeder stays the one source of rows
 * and planted anomalies; the ids (setl_id, msgid, disp_id …) are the same in both shapes, so the
 * seed manifest describes the vendor HIS too.
 */
import fs from 'node:fs';
import { classifyDbError, type Db } from '../db/index.js';
import { inputError } from '../errors.js';
import { splitSqlScript } from './splitSqlScript.js';
import { vendorSchemaPath } from './templatesDir.js';
import {
  REFERENCE_TABLES_TO_DROP,
  VENDOR_DIALECTS,
  vendorCopyStatements,
  vendorOtherTenantStatements,
} from './vendorSchema.js';

/** The second hospital whose rows share the vendor tables (never read by the vendor profile). */
export const OTHER_TENANT = 'H43010000099';

export async function loadVendorSchema(db: Db): Promise<{ file: string; statements: number }> {
  if (!VENDOR_DIALECTS.includes(db.dialect)) {
    throw inputError(
      'HIS_VENDOR_DIALECT',
      `There is no vendor-style HIS schema for ${db.info.label}`,
      `Use SQLite, PostgreSQL or MySQL/MariaDB for the vendor-style HIS (${VENDOR_DIALECTS.join(', ')}).`,
    ).zh(
      `${db.info.label} 没有厂商风格 HIS 的表结构`,
      `请使用 SQLite、PostgreSQL 或 MySQL/MariaDB（${VENDOR_DIALECTS.join(', ')}）。`,
    );
  }
  const file = vendorSchemaPath(db.dialect);
  const statements = splitSqlScript(fs.readFileSync(file, 'utf8'));
  for (const sql of statements) await run(db, sql);
  return { file, statements: statements.length };
}

async function run(db: Db, sql: string): Promise<void> {
  try {
    await db.knex.raw(sql);
  } catch (e) {
    throw classifyDbError(e, db.target);
  }
}

/** Reshape a seeded reference HIS into the vendor HIS of hospital `fixmedins_code` (one transaction per step). */
export async function convertToVendor(db: Db, fixmedins_code: string): Promise<{ statements: number }> {
  await loadVendorSchema(db);
  const copies = [
    ...vendorCopyStatements(fixmedins_code),
    ...vendorOtherTenantStatements(fixmedins_code, OTHER_TENANT),
  ];
  await db.knex.transaction(async (trx) => {
    for (const sql of copies) await trx.raw(sql);
  });
  for (const t of REFERENCE_TABLES_TO_DROP) await run(db, `DROP TABLE ${t}`);
  return { statements: copies.length };
}
