/**
 * SQLite reads on a thread of their own (sqliteReadThread.ts): the rows, their values' types and
 * the column names are those the main connection gives, and a failing query rejects with the
 * driver's message and code. The thread runs from the build only (tests run the sources), so
 * this test runs the built module and is skipped when there is no build.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

type DbModule = typeof import('../../../src/core/db/index.js');
const built = fileURLToPath(new URL('../../../dist/core/db/index.js', import.meta.url));
const worker = fileURLToPath(new URL('../../../dist/core/db/sqliteReadWorker.js', import.meta.url));

describe.skipIf(!fs.existsSync(worker))('SQLite reads on a thread of their own', () => {
  it('give the rows the main connection gives, and its errors', async () => {
    const { connect, queryArrays } = (await import(built)) as DbModule;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-read-thread-'));
    const db = await connect(`sqlite:${path.join(dir, 'his.db')}`, { create: true });
    try {
      await db.knex.raw('CREATE TABLE t (k TEXT, n NUMERIC, r REAL, b BLOB, big INTEGER)');
      await db.knex.raw(
        "INSERT INTO t VALUES ('a', 12.3, 0.1, x'00ff', 9007199254740993), (NULL, 7, NULL, NULL, -1), ('é', '12.30', 1e300, x'', 0)",
      );
      const sql = 'SELECT k, n, r, b, big, k IS NULL AS no_k, SUM(n) OVER () AS s FROM t WHERE big <> ? ORDER BY rowid';
      const here = await queryArrays(db, sql, [42]);
      const there = await queryArrays(db, sql, [42], { onThread: true });
      expect(there).toEqual(here);
      expect(Buffer.isBuffer(there.rows[0]![3])).toBe(true);
      const failing = (onThread: boolean) =>
        queryArrays(db, 'SELECT nope FROM t', [], { onThread }).then(
          () => null,
          (e: { message: string; code?: string }) => ({ message: e.message, code: e.code }),
        );
      expect(await failing(true)).toEqual(await failing(false));
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
