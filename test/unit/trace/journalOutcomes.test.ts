/**
 * On SQLite the trace journal writes outcomes on SQLite's own connection, the records that share
 * an outcome by one statement over pieces of their keys (64, 32 … 1). Checked here against the
 * knex path (what other databases run) on a journal of the same records: the same rows after
 * outcomes of every kind — with and without msgid, groups of 1 to 130 records, a record named
 * twice, records of another institution and keys that are not in the journal.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';
import { writeOutcomesKnex, writeOutcomesNative, type Outcomes } from '../../../src/core/trace/traceOutcomeWrites.js';
import { TRACE_UPLOADS_TABLE, TraceJournal, type Outcome } from '../../../src/core/trace/index.js';
import { withSqliteGrouped } from '../../../src/core/db/index.js';

const CODE = 'H43011100001';
const OTHER = 'H43011100002';

async function journalWithRecords(dir: string, name: string): Promise<Journal> {
  const journal = await openJournal(`sqlite:${path.join(dir, name)}`);
  await new TraceJournal(journal, CODE).ensure();
  const rows: Record<string, unknown>[] = [];
  for (const code of [CODE, OTHER])
    for (let i = 0; i < 300; i++)
      rows.push({
        fixmedins_code: code,
        record_key: `disp:R${i}`,
        kind: 'sale',
        record_id: `R${i}`,
        day: '2026-01-05',
        op_time: '2026-01-05 08:00:00',
        code_cnt: 1,
        status: 'sending',
        msgid: i % 2 ? `OLD${i}` : null,
        attempts: 1,
        created_at: 'c',
        updated_at: 'u',
        accepted_at: i % 3 ? null : 'earlier',
      });
  await journal.knex.batchInsert(TRACE_UPLOADS_TABLE.name, rows, 50);
  return journal;
}

/** Outcomes of several answers, as TraceJournal.outcomes gathers them (a record's last one counts). */
function outcomes(): Outcomes {
  const last = new Map<string, { o: Outcome; at: string }>();
  const put = (from: number, n: number, o: Omit<Outcome, 'record_key'>, at: string) => {
    for (let i = from; i < from + n; i++) last.set(`disp:R${i}`, { o: { record_key: `disp:R${i}`, ...o }, at });
  };
  put(0, 130, { status: 'accepted', reason: null, message: null, msgid: 'M1' }, '2026-01-05T01:00:00.000Z');
  put(130, 50, { status: 'accepted', reason: null, message: null, msgid: 'M2' }, '2026-01-05T01:00:00.001Z');
  put(180, 7, { status: 'rejected', reason: 'center_sold_before', message: '已销售', msgid: 'M3' }, 'a');
  put(187, 1, { status: 'rejected', reason: 'center_changed', message: '内容不同', msgid: 'M3' }, 'a');
  put(188, 33, { status: 'retry', reason: 'not_sent', message: 'down' }, 'b');
  put(221, 5, { status: 'unknown', reason: 'timeout', message: 'no answer', msgid: null }, 'b');
  put(226, 3, { status: 'unknown', reason: 'timeout', message: 'no answer' }, 'b');
  // Named again by a later answer: the later outcome stands.
  put(5, 2, { status: 'rejected', reason: 'center_rejected', message: 'no', msgid: 'M4' }, 'c');
  put(900, 2, { status: 'accepted', msgid: 'M5' }, 'd');
  return last;
}

const dump = async (j: Journal) =>
  j.knex(TRACE_UPLOADS_TABLE.name).select('*').orderBy(['fixmedins_code', 'record_key']) as Promise<unknown[]>;

describe('trace journal outcome writes on SQLite', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-tj-outcomes-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('give the rows the knex path gives', async () => {
    const native = await journalWithRecords(dir, 'native.db');
    const viaKnex = await journalWithRecords(dir, 'knex.db');
    try {
      await withSqliteGrouped(native.knex, (conn) => writeOutcomesNative(conn, CODE, outcomes()));
      await writeOutcomesKnex(viaKnex.knex, CODE, outcomes());
      const rows = (await dump(native)) as Array<Record<string, unknown>>;
      expect(rows).toEqual(await dump(viaKnex));
      // The outcomes were written at all (not both paths doing nothing), and only for CODE.
      const byKey = new Map(rows.filter((r) => r.fixmedins_code === CODE).map((r) => [r.record_key, r]));
      expect(byKey.get('disp:R0')).toMatchObject({
        status: 'accepted',
        msgid: 'M1',
        accepted_at: '2026-01-05T01:00:00.000Z',
      });
      expect(byKey.get('disp:R6')).toMatchObject({ status: 'rejected', reason: 'center_rejected', msgid: 'M4' });
      expect(byKey.get('disp:R129')).toMatchObject({ status: 'accepted', msgid: 'M1' });
      expect(byKey.get('disp:R187')).toMatchObject({ status: 'rejected', reason: 'center_changed', msgid: 'M3' });
      expect(byKey.get('disp:R189')).toMatchObject({ status: 'retry', msgid: 'OLD189', updated_at: 'b' });
      expect(byKey.get('disp:R221')).toMatchObject({ status: 'unknown', msgid: null, accepted_at: null });
      expect(byKey.get('disp:R227')).toMatchObject({ status: 'unknown', msgid: 'OLD227' });
      expect(byKey.get('disp:R240')).toMatchObject({ status: 'sending', updated_at: 'u' });
      expect(rows.filter((r) => r.fixmedins_code === OTHER).every((r) => r.status === 'sending')).toBe(true);
    } finally {
      await native.close();
      await viaKnex.close();
    }
  });
});
