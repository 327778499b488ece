import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  connect,
  isNativeSqlite,
  sqliteInsert,
  sqliteUpdate,
  withSqlite,
  withSqliteGrouped,
  type Db,
} from '../../../src/core/db/index.js';

describe('SQLite statements on the connection (sqliteNative)', () => {
  let dir: string;
  let db: Db;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-native-'));
    db = await connect(`sqlite:${path.join(dir, 'j.db')}`, { create: true });
    await db.knex.raw('CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT, n INTEGER)');
  });
  afterEach(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const rows = async () =>
    (await db.knex('t').select('k', 'v', 'n').orderBy('k')) as Array<{ k: string; v: string | null; n: number | null }>;

  it('applies to better-sqlite3 only', () => {
    expect(isNativeSqlite(db.knex)).toBe(true);
  });

  it('inserts and updates rows as knex would (undefined is NULL, booleans are numbers)', async () => {
    await withSqlite(db.knex, (conn) => {
      sqliteInsert(conn, 't', { k: 'a', v: undefined, n: true });
      sqliteInsert(conn, 't', { k: 'b', v: 'x', n: 2 });
    });
    const changed = await withSqlite(db.knex, (conn) => sqliteUpdate(conn, 't', { v: 'y' }, { k: 'b' }));
    expect(changed).toBe(1);
    expect(await rows()).toEqual([
      { k: 'a', v: null, n: 1 },
      { k: 'b', v: 'y', n: 2 },
    ]);
  });

  it('rolls a transaction back whole when its function throws', async () => {
    await expect(
      withSqlite(
        db.knex,
        (conn) => {
          sqliteInsert(conn, 't', { k: 'a', v: '1', n: 1 });
          sqliteInsert(conn, 't', { k: 'a', v: '2', n: 2 });
        },
        { transaction: true },
      ),
    ).rejects.toThrow(/UNIQUE/);
    expect(await rows()).toEqual([]);
  });

  it('commits the writes of one turn together; a failing one is undone alone and only its caller sees the error', async () => {
    const seen: string[] = [];
    const a = withSqliteGrouped(db.knex, (conn) => sqliteInsert(conn, 't', { k: 'a', v: '1', n: 1 })).then(() =>
      seen.push('a'),
    );
    // Inserts its row, then fails: the row must not stay.
    const bad = withSqliteGrouped(db.knex, (conn) => {
      sqliteInsert(conn, 't', { k: 'c', v: 'half', n: 0 });
      sqliteInsert(conn, 't', { k: 'a', v: 'dup', n: 0 });
    });
    const b = withSqliteGrouped(db.knex, (conn) => sqliteInsert(conn, 't', { k: 'b', v: '2', n: 2 })).then(() =>
      seen.push('b'),
    );
    await expect(bad).rejects.toThrow(/UNIQUE/);
    await Promise.all([a, b]);
    expect(seen).toEqual(['a', 'b']);
    expect(await rows()).toEqual([
      { k: 'a', v: '1', n: 1 },
      { k: 'b', v: '2', n: 2 },
    ]);
  });

  it('resolves a grouped write only once it is committed (another connection sees it)', async () => {
    const other = await connect(`sqlite:${path.join(dir, 'j.db')}`);
    try {
      await withSqliteGrouped(db.knex, (conn) => sqliteInsert(conn, 't', { k: 'z', v: 'v', n: 9 }));
      expect(await other.knex('t').where({ k: 'z' }).first()).toMatchObject({ v: 'v', n: 9 });
    } finally {
      await other.close();
    }
  });
});
