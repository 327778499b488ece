/**
 * SqliteThread: the same SELECTs on a worker thread give the same rows, errors and columns as on the
 * caller's connection. Needs the build (dist/): the worker runs the compiled sqliteThreadWorker.js.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Db from '../../../src/core/db/index.js';

// The built module (the worker is its compiled sibling), typed as the source.
const built = (await import(new URL('../../../dist/core/db/index.js', import.meta.url).href)) as typeof Db;

describe('SELECTs on the SQLite thread (SqliteThread)', () => {
  let dir: string;
  let db: Db.Db;
  let thread: Db.SqliteThread;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-thread-'));
    db = await built.connect(`sqlite:${path.join(dir, 'h.db')}`, { create: true });
    await db.knex.raw('CREATE TABLE t (k TEXT, n INTEGER, r NUMERIC(16,2), b BLOB, x)');
    // Generated values of every storage class, nulls and odd text among them.
    const words = ['a', 'B', '中心', '', ' x ', 'null', '\t', '12.30'];
    for (let i = 0; i < 400; i++) {
      await db.knex.raw('INSERT INTO t VALUES (?, ?, ?, ?, ?)', [
        i % 9 === 0 ? null : `${words[i % words.length]}${i}`,
        i % 7 === 0 ? null : i * 104729 - 2 ** 40,
        i % 5 === 0 ? null : (i * 37) / 100,
        i % 4 === 0 ? null : Buffer.from([i % 256, 0, 255]),
        i % 3 === 0 ? `t${i}` : i % 3 === 1 ? i / 7 : null,
      ]);
    }
    thread = built.SqliteThread.start(db)!;
  });
  afterAll(async () => {
    await thread?.close();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const QUERIES: Array<[string, Array<string | number>]> = [
    ['SELECT * FROM t', []],
    ['SELECT k, n, r, b, x FROM t WHERE n > ? AND k IS NOT NULL ORDER BY k', [0]],
    ['SELECT k IS NULL AS no_k, COUNT(*) AS c, SUM(round(r * 100)) AS s, MIN(b) AS mb FROM t GROUP BY 1', []],
    ['SELECT * FROM t WHERE k = ?', ['none']],
  ];

  it('runs on the thread', async () => {
    const got = await thread.all('SELECT COUNT(*) AS c FROM t', []);
    expect(got).toEqual({ columns: ['c'], rows: [[400]] });
  });

  it('gives the rows and columns the caller connection gives (bytes as Buffers)', async () => {
    for (const [sql, binds] of QUERIES) {
      const here = await built.queryArrays(db, sql, binds);
      const there = await built.queryArrays(db, sql, binds, { thread });
      expect(there).toEqual(here);
      for (const [i, row] of there.rows.entries())
        for (const [k, v] of row.entries())
          if (v instanceof Uint8Array) expect(Buffer.isBuffer(v), `${i}.${k}`).toBe(true);
    }
  });

  it('fails as the caller connection fails', async () => {
    for (const sql of ['SELECT nope FROM t', 'DELETE FROM t']) {
      const here = await built.queryArrays(db, sql, []).catch((e: Error) => e);
      const there = await built.queryArrays(db, sql, [], { thread }).catch((e: Error) => e);
      expect(there).toBeInstanceOf(Error);
      expect((there as Error).message).toBe((here as Error).message);
      expect((there as { code?: unknown }).code).toBe((here as { code?: unknown }).code);
    }
  });

  it('leaves the query to the caller connection once the thread is gone', async () => {
    const other = built.SqliteThread.start(db)!;
    await other.close();
    const sql = QUERIES[1]!;
    expect(await built.queryArrays(db, sql[0], sql[1], { thread: other })).toEqual(
      await built.queryArrays(db, sql[0], sql[1]),
    );
  });
});
