/**
 * On SQLite the trace journal reads records and code history on SQLite's own connection, with SQL
 * written out by hand. These are checked here against the same reads built with knex (what other
 * databases run) over a journal with sales and returns in every state, codes shared between
 * records and movements at the same second.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';
import { TraceJournal } from '../../../src/core/trace/index.js';

const CODE = 'H43011100001';
const STATUSES = ['accepted', 'sending', 'unknown', 'rejected', 'retry', 'held'];

describe('trace journal reads on SQLite', () => {
  let dir: string;
  let journal: Journal;
  let tj: TraceJournal;
  const codes: string[] = [];
  const keys: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-tj-reads-'));
    journal = await openJournal(`sqlite:${path.join(dir, 'journal.db')}`);
    tj = new TraceJournal(journal, CODE);
    await tj.ensure();
    const uploads: Record<string, unknown>[] = [];
    const codeRows: Record<string, unknown>[] = [];
    for (let i = 0; i < 900; i++) {
      const key = `disp:R${i}`;
      const kind = i % 5 === 4 ? 'return' : 'sale';
      const op_time = `2026-01-0${1 + (i % 7)} 08:00:0${i % 3}`;
      keys.push(key);
      uploads.push({
        fixmedins_code: i % 11 === 0 ? 'H43011100002' : CODE,
        record_key: key,
        kind,
        record_id: `R${i}`,
        day: op_time.slice(0, 10),
        op_time,
        code_cnt: 2,
        status: STATUSES[i % STATUSES.length],
        trdn_flag: i % 4 === 0 ? '1' : '0',
        attempts: 1,
        created_at: 'x',
        updated_at: 'x',
      });
      for (let s = 1; s <= 2; s++) {
        const c = `830000${String((i * 7 + s) % 500).padStart(14, '0')}`;
        codes.push(c);
        codeRows.push({ fixmedins_code: CODE, record_key: key, seq: s, drug_trac_codg: c, kind, op_time });
      }
    }
    await journal.knex.batchInsert('hisops_trace_uploads', uploads, 100);
    await journal.knex.batchInsert('hisops_trace_upload_codes', codeRows, 100);
  });

  afterAll(async () => {
    await journal.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('history gives the rows, in the order, of the query knex builds', async () => {
    const asked = [...new Set(codes)].concat(['not-a-code']);
    const before = '2026-01-05 08:00:01';
    const viaKnex: unknown[] = [];
    for (let i = 0; i < asked.length; i += 400)
      viaKnex.push(
        ...(await journal.knex
          .from(
            journal.knex.raw('?? as c indexed by ??', ['hisops_trace_upload_codes', 'hisops_trace_upload_codes_code']),
          )
          .join('hisops_trace_uploads as u', function () {
            this.on('u.fixmedins_code', '=', 'c.fixmedins_code').andOn('u.record_key', '=', 'c.record_key');
          })
          .where('c.fixmedins_code', CODE)
          .whereIn('c.drug_trac_codg', asked.slice(i, i + 400))
          .whereIn('c.kind', ['sale', 'return'])
          .where('c.op_time', '<', before)
          .whereIn('u.status', ['accepted', 'sending', 'unknown'])
          .select('c.drug_trac_codg', 'c.kind', 'u.record_id', 'c.op_time', 'u.trdn_flag')),
      );
    const got = await tj.history(asked, before);
    expect(got.length).toBeGreaterThan(100);
    expect(got).toEqual(viaKnex);
  });

  it('known gives every row of the records asked, as knex reads them', async () => {
    const asked = keys.filter((_, i) => i % 2 === 0).concat(['disp:none']);
    const viaKnex = new Map<string, unknown>();
    for (let i = 0; i < asked.length; i += 400)
      for (const r of (await journal
        .knex('hisops_trace_uploads')
        .where({ fixmedins_code: CODE })
        .whereIn('record_key', asked.slice(i, i + 400))) as Array<{ record_key: string }>)
        viaKnex.set(r.record_key, r);
    const got = await tj.known(asked);
    expect(got.size).toBe(viaKnex.size);
    expect(got.size).toBeGreaterThan(300);
    for (const [k, v] of got) expect(v.row).toEqual(viaKnex.get(k));
  });
});
