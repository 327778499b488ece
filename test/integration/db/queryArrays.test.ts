/**
 * queryArrays gives the same values as knex's row objects, in the statement's column order, with
 * the column names even when no row comes back — on SQLite and on the PostgreSQL and MariaDB
 * servers, through the drivers' own array modes.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, queryArrays, type Db } from '../../../src/core/db/index.js';
import { formatDateTime } from '../../../src/core/his/index.js';
import { describeWithServer } from '../../helpers/servers.js';

const TABLE = 'hisops_qa_probe';

function suite(open: () => Promise<Db>): void {
  let db: Db;
  beforeAll(async () => {
    db = await open();
    await db.knex.schema.dropTableIfExists(TABLE);
    await db.knex.schema.createTable(TABLE, (t) => {
      t.string('setl_id', 30);
      t.decimal('medfee_sumamt', 16, 2);
      t.integer('n');
      t.dateTime('setl_time', { useTz: false });
      t.string('memo', 100).nullable();
    });
    await db.knex(TABLE).insert([
      { setl_id: 'S1', medfee_sumamt: '12.30', n: 1, setl_time: '2025-03-04 09:10:11', memo: null },
      { setl_id: 'S2', medfee_sumamt: '-0.05', n: 2, setl_time: '2025-03-04 23:59:59', memo: '平\t中' },
    ]);
  });
  afterAll(async () => {
    await db?.knex.schema.dropTableIfExists(TABLE);
    await db?.close();
  });

  it('reads the rows as arrays with the same values as row objects', async () => {
    const sql = `SELECT setl_id, memo, medfee_sumamt, n, setl_time FROM ${TABLE} WHERE n >= ? ORDER BY n`;
    const a = await queryArrays(db, sql, [1]);
    const raw = (await db.knex.raw(sql, [1])) as unknown;
    const objects = (db.dialect === 'mysql' ? (raw as unknown[])[0] : Array.isArray(raw) ? raw : (raw as { rows: unknown[] }).rows) as Array<Record<string, unknown>>;
    expect(a.columns.map((c) => c.toLowerCase())).toEqual(['setl_id', 'memo', 'medfee_sumamt', 'n', 'setl_time']);
    expect(a.rows).toEqual(objects.map((o) => a.columns.map((c) => o[c])));
    expect(a.rows.map((r) => r[0])).toEqual(['S1', 'S2']);
    expect(a.rows[0]![1]).toBeNull();
  });

  it('gives times without a zone as the text the database prints when asked: the digits a Date would give', async () => {
    const sql = `SELECT setl_time FROM ${TABLE} ORDER BY n`;
    const asText = await queryArrays(db, sql, [], { timesAsText: true });
    const asDriver = await queryArrays(db, sql, []);
    expect(asText.rows.map((r) => String(r[0]).slice(0, 19))).toEqual(['2025-03-04 09:10:11', '2025-03-04 23:59:59']);
    expect(asDriver.rows.map((r) => (r[0] instanceof Date ? formatDateTime(r[0]) : String(r[0]).slice(0, 19)))).toEqual(asText.rows.map((r) => String(r[0]).slice(0, 19)));
  });

  it('names the columns when no row matches', async () => {
    const a = await queryArrays(db, `SELECT setl_id, n FROM ${TABLE} WHERE n > ?`, [99]);
    expect(a.rows).toEqual([]);
    expect(a.columns.map((c) => c.toLowerCase())).toEqual(['setl_id', 'n']);
  });

  it('reports a failing statement as the driver\'s error and keeps the connection usable', async () => {
    await expect(queryArrays(db, `SELECT no_such_column FROM ${TABLE}`, [])).rejects.toThrow();
    expect((await queryArrays(db, `SELECT COUNT(*) AS c FROM ${TABLE}`, [])).rows[0]!.map(Number)).toEqual([2]);
  });
}

describe('queryArrays on SQLite', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-qa-'));
  suite(() => connect(`sqlite:${path.join(dir, 'qa.db')}`, { create: true }));
});
describeWithServer('postgres', 'queryArrays on PostgreSQL', (url) => suite(() => connect(url)));
describeWithServer('mysql', 'queryArrays on MariaDB', (url) => suite(() => connect(url)));
