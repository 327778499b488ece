/**
 * queryArrays gives the same values as knex's row objects, in the statement's column order, with
 * the column names even when no row comes back — on SQLite and on the PostgreSQL and MariaDB
 * servers, through the drivers' own array modes.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, queryArrays, queryEach, type Db } from '../../../src/core/db/index.js';
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
      t.boolean('flag').nullable();
      t.date('day').nullable();
      t.bigInteger('big').nullable();
      t.float('ratio').nullable();
    });
    await db.knex(TABLE).insert([
      {
        setl_id: 'S1',
        medfee_sumamt: '12.30',
        n: 1,
        setl_time: '2025-03-04 09:10:11',
        memo: null,
        flag: true,
        day: '2025-03-04',
        big: '9007199254740993',
        ratio: 0.5,
      },
      {
        setl_id: 'S2',
        medfee_sumamt: '-0.05',
        n: 2,
        setl_time: '2025-03-04 23:59:59',
        memo: '平\t中',
        flag: false,
        day: null,
        big: null,
        ratio: null,
      },
      // Text the COPY format must escape: a backslash, the null marker as text, line breaks, an empty string.
      {
        setl_id: 'S3',
        medfee_sumamt: '0.00',
        n: 3,
        setl_time: '2025-03-05 00:00:00',
        memo: 'a\\b \\N\r\n\v\b\f end',
        flag: null,
        day: null,
        big: '-1',
        ratio: -2.25,
      },
      {
        setl_id: 'S4',
        medfee_sumamt: '1.00',
        n: 4,
        setl_time: '2025-03-05 00:00:01',
        memo: '\\N',
        flag: null,
        day: null,
        big: null,
        ratio: null,
      },
      {
        setl_id: 'S5',
        medfee_sumamt: '1.00',
        n: 5,
        setl_time: '2025-03-05 00:00:02',
        memo: '',
        flag: null,
        day: null,
        big: null,
        ratio: null,
      },
      // A backslash at a value's end, beside nulls (COPY writes it doubled: not a null marker).
      {
        setl_id: 'S6',
        medfee_sumamt: '1.00',
        n: 6,
        setl_time: '2025-03-05 00:00:03',
        memo: 'end\\',
        flag: null,
        day: null,
        big: null,
        ratio: null,
      },
    ]);
  });
  afterAll(async () => {
    await db?.knex.schema.dropTableIfExists(TABLE);
    await db?.close();
  });

  const objectsOf = async (sql: string, binds: unknown[]) => {
    const raw = (await db.knex.raw(sql, binds as never)) as unknown;
    return (
      db.dialect === 'mysql' ? (raw as unknown[])[0] : Array.isArray(raw) ? raw : (raw as { rows: unknown[] }).rows
    ) as Array<Record<string, unknown>>;
  };

  it('reads the rows as arrays with the same values as row objects', async () => {
    const sql = `SELECT setl_id, memo, medfee_sumamt, n, setl_time, flag, day, big, ratio FROM ${TABLE} WHERE n >= ? ORDER BY n`;
    const a = await queryArrays(db, sql, [1]);
    const objects = await objectsOf(sql, [1]);
    expect(a.columns.map((c) => c.toLowerCase())).toEqual([
      'setl_id',
      'memo',
      'medfee_sumamt',
      'n',
      'setl_time',
      'flag',
      'day',
      'big',
      'ratio',
    ]);
    expect(a.rows).toEqual(objects.map((o) => a.columns.map((c) => o[c])));
    expect(a.rows.map((r) => r[0])).toEqual(['S1', 'S2', 'S3', 'S4', 'S5', 'S6']);
    expect(a.rows[0]![1]).toBeNull();
    expect(a.rows.slice(1).map((r) => r[1])).toEqual(['平\t中', 'a\\b \\N\r\n\v\b\f end', '\\N', '', 'end\\']);
  });

  it('puts every kind of binding where the statement has it, quotes and backslashes included', async () => {
    const sql = `SELECT setl_id, n FROM ${TABLE} WHERE (setl_id = ? OR memo = ? OR memo = ?) AND n >= ? AND medfee_sumamt > ? AND (n <> ? OR n IS NOT NULL) ORDER BY n`;
    const binds = ["S1' OR '1'='1", '\\N', '平\t中', 1, '-1.5', null];
    const a = await queryArrays(db, sql, binds as never);
    expect(a.rows).toEqual((await objectsOf(sql, binds)).map((o) => [o.setl_id, o.n]));
    expect(a.rows.map((r) => r[0])).toEqual(['S2', 'S4']);
  });

  it('reads a statement that ends in a semicolon or a comment', async () => {
    expect((await queryArrays(db, `SELECT setl_id FROM ${TABLE} WHERE n = ? ;`, [3])).rows).toEqual([['S3']]);
    expect((await queryArrays(db, `SELECT setl_id FROM ${TABLE} WHERE n = ? -- the third`, [3])).rows).toEqual([
      ['S3'],
    ]);
  });

  it('gives times without a zone as the text the database prints when asked: the digits a Date would give', async () => {
    const sql = `SELECT setl_time FROM ${TABLE} ORDER BY n`;
    const asText = await queryArrays(db, sql, [], { timesAsText: true });
    const asDriver = await queryArrays(db, sql, []);
    expect(asText.rows.map((r) => String(r[0]).slice(0, 19))).toEqual([
      '2025-03-04 09:10:11',
      '2025-03-04 23:59:59',
      '2025-03-05 00:00:00',
      '2025-03-05 00:00:01',
      '2025-03-05 00:00:02',
      '2025-03-05 00:00:03',
    ]);
    expect(asDriver.rows.map((r) => (r[0] instanceof Date ? formatDateTime(r[0]) : String(r[0]).slice(0, 19)))).toEqual(
      asText.rows.map((r) => String(r[0]).slice(0, 19)),
    );
  });

  it('names the columns when no row matches', async () => {
    const a = await queryArrays(db, `SELECT setl_id, n FROM ${TABLE} WHERE n > ?`, [99]);
    expect(a.rows).toEqual([]);
    expect(a.columns.map((c) => c.toLowerCase())).toEqual(['setl_id', 'n']);
  });

  it('hands each row over as it comes, and an error thrown for a row is the rejection, the connection still usable', async () => {
    const seen: unknown[] = [];
    const columns = await queryEach(db, `SELECT setl_id, n FROM ${TABLE} ORDER BY n`, [], (v, cols) =>
      seen.push([...cols, ...v]),
    );
    expect(columns.map((c) => c.toLowerCase())).toEqual(['setl_id', 'n']);
    expect(seen.map((r) => (r as unknown[]).slice(2))).toEqual(
      (await queryArrays(db, `SELECT setl_id, n FROM ${TABLE} ORDER BY n`, [])).rows,
    );
    const stop = new Error('stop at S2');
    let after = 0;
    await expect(
      queryEach(db, `SELECT setl_id FROM ${TABLE} ORDER BY n`, [], (v) => {
        if (v[0] === 'S2') throw stop;
        if (v[0] !== 'S1') after++;
      }),
    ).rejects.toBe(stop);
    expect(after).toBe(0);
    expect((await queryArrays(db, `SELECT COUNT(*) AS c FROM ${TABLE}`, [])).rows[0]!.map(Number)).toEqual([6]);
  });

  it("reports a failing statement as the driver's error and keeps the connection usable", async () => {
    await expect(queryArrays(db, `SELECT no_such_column FROM ${TABLE}`, [])).rejects.toThrow();
    expect((await queryArrays(db, `SELECT COUNT(*) AS c FROM ${TABLE}`, [])).rows[0]!.map(Number)).toEqual([6]);
  });
}

describe('queryArrays on SQLite', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-qa-'));
  suite(() => connect(`sqlite:${path.join(dir, 'qa.db')}`, { create: true }));
});
describeWithServer('postgres', 'queryArrays on PostgreSQL', (url) => suite(() => connect(url)));
describeWithServer('mysql', 'queryArrays on MariaDB', (url) => suite(() => connect(url)));

describeWithServer('postgres', 'queryEach on PostgreSQL without parallel workers (serialPlan)', (url) => {
  let db: Db;
  // One connection: what the query leaves set would be seen by the next one.
  beforeAll(async () => void (db = await connect(url, { poolMax: 1 })));
  afterAll(async () => db?.close());
  const setting = "SELECT current_setting('max_parallel_workers_per_gather') AS w";

  it('plans that query alone without them, and the connection keeps its own setting', async () => {
    const own = (await queryArrays(db, setting, [])).rows[0]![0];
    expect(own).not.toBe('0');
    const got: unknown[] = [];
    await queryEach(db, setting, [], (v) => void got.push(v[0]), { serialPlan: true });
    expect(got).toEqual(['0']);
    expect((await queryArrays(db, setting, [])).rows[0]![0]).toBe(own);
    const plain: unknown[] = [];
    await queryEach(db, setting, [], (v) => void plain.push(v[0]));
    expect(plain).toEqual([own]);
  });
});

describeWithServer('postgres', 'queryEach on PostgreSQL hands a long answer over in slices', (url) => {
  let db: Db;
  beforeAll(async () => void (db = await connect(url, { poolMax: 1 })));
  afterAll(async () => db?.close());

  it('lets the event loop turn every few milliseconds: rows that arrived meanwhile wait, other I/O does not', async () => {
    // Rows handed over between two turns of the event loop (counted by a callback that runs once a turn).
    let thisTurn = 0;
    let most = 0;
    let done = false;
    const turn = () => {
      most = Math.max(most, thisTurn);
      thisTurn = 0;
      if (!done) setImmediate(turn);
    };
    setImmediate(turn);
    let n = 0;
    let work = 0;
    await queryEach(db, "SELECT g, repeat('x', 40) AS pad FROM generate_series(1, 200000) g", [], () => {
      n++;
      thisTurn++;
      // A reader's work on the row.
      for (let i = 0; i < 200; i++) work += i;
    });
    done = true;
    most = Math.max(most, thisTurn);
    expect(n).toBe(200_000);
    expect(work).toBeGreaterThan(0);
    // A readable socket read whole in one turn gave up to 32 chunks of 64 KB: about 40,000 of these rows.
    expect(most).toBeLessThan(15_000);
  });
});
