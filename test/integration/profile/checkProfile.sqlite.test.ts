/**
 * `profile check` at the core: the reference profile passes on the seeded reference HIS; planted
 * contract breaks are named by statement, column and value.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../../src/core/db/index.js';
import { seedHis, type SeedManifest } from '../../../src/core/demo/index.js';
import {
  checkProfile,
  loadProfile,
  parseProfile,
  referenceProfilePath,
  type Profile,
} from '../../../src/core/his/index.js';

let dir: string;
let db: Db;
let profile: Profile;
let manifest: SeedManifest;
const reference = fs.readFileSync(referenceProfilePath(), 'utf8');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-pcheck-'));
  db = await connect(`sqlite:${path.join(dir, 'his.db')}`, { create: true });
  profile = await loadProfile(referenceProfilePath());
  manifest = (await seedHis({ db, size: 'small', seed: 5, out: dir })).manifest;
}, 60_000);

afterAll(async () => {
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('profile check on the reference HIS (SQLite)', () => {
  it('passes, with rows and samples for the reads and every write run and rolled back', async () => {
    const before = await db.knex('his_settlement').count({ n: '*' });
    const r = await checkProfile(db, profile, { date: manifest.startDate, writes: 'run' });
    expect(
      r.statements.flatMap((s) =>
        s.problems.map((p) => `${p.statement}.${p.column}: ${p.message} ${p.values?.join(',')} ×${p.rows}`),
      ),
    ).toEqual([]);
    expect(r.errors).toBe(0);
    const setl = r.statements.find((s) => s.name === 'settlements_in_period')!;
    expect(setl.rows).toBeGreaterThan(100);
    expect(setl.sample).toHaveLength(3);
    // Patients' identity numbers and names are masked in samples.
    expect(String(setl.sample[0]!.certno)).toMatch(/^\d{6}\*+\w{4}$/);
    expect(String(setl.sample[0]!.psn_name)).toMatch(/^.\*+$/);
    const voided = r.statements.find((s) => s.name === 'mark_settlement_void')!;
    expect(voided.affected).toBe(1);
    expect(r.statements.find((s) => s.name === 'insert_settlement')!.affected).toBe(1);
    expect(await db.knex('his_settlement').count({ n: '*' })).toEqual(before);
  }, 60_000);

  /** The reference profile with one text replaced (it must occur). */
  const planted = (from: string | RegExp, to: string) => {
    const text = reference.replace(from, to);
    expect(text).not.toBe(reference);
    return parseProfile(text, 'planted.yaml');
  };
  const problems = async (p: Profile, writes: 'run' | 'prepare' = 'run', date = manifest.startDate) =>
    (await checkProfile(db, p, { date, writes })).statements.flatMap((s) => s.problems);

  it('names statement, column and value for a status mapped to values outside the contract', async () => {
    const p = planted(
      /s\.init_setl_id, s\.msgid, s\.infno, s\.his_status\n/,
      "s.init_setl_id, s.msgid, s.infno, CASE s.his_status WHEN 'settled' THEN 'S' ELSE s.his_status END AS his_status\n",
    );
    const found = (await problems(p)).filter((x) => x.statement === 'settlements_for_reconcile');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ column: 'his_status', check: 'value', severity: 'error' });
    expect(found[0]!.values).toContain('"S"');
    expect(found[0]!.fix).toContain('settled (the center answered; the row counts)');
    expect(found[0]!.consequence).toContain('nothing to reconcile');
  }, 30_000);

  it('finds a log status mapped wrongly', async () => {
    const p = planted(
      'l.request_time, l.response_time, l.log_status, l.infcode, l.err_msg',
      "l.request_time, l.response_time, CASE l.log_status WHEN 'answered' THEN '1' ELSE l.log_status END AS log_status, l.infcode, l.err_msg",
    );
    const found = (await problems(p)).find((x) => x.statement === 'center_log_by_msgid');
    expect(found).toMatchObject({ column: 'log_status', values: ['"1"'] });
    expect(found!.consequence).toContain('void a settlement the center holds');
  }, 30_000);

  it('finds refund amounts with the wrong sign', async () => {
    const [{ day }] = (await db.knex.raw(
      "SELECT substr(setl_time, 1, 10) AS day FROM his_settlement WHERE refd_setl_flag = '1' ORDER BY setl_time LIMIT 1",
    )) as [{ day: string }];
    const p = planted(
      /(settlements_for_reconcile:[\s\S]*?)s\.in_area_flag, s\.setl_time, s\.medfee_sumamt, s\.fund_pay_sumamt,\n\s*s\.acct_pay, s\.psn_cash_pay,/,
      '$1s.in_area_flag, s.setl_time, ABS(s.medfee_sumamt) AS medfee_sumamt, ABS(s.fund_pay_sumamt) AS fund_pay_sumamt, ABS(s.acct_pay) AS acct_pay, ABS(s.psn_cash_pay) AS psn_cash_pay,',
    );
    const found = (await problems(p, 'run', day!)).filter(
      (x) => x.statement === 'settlements_for_reconcile' && x.check === 'sign',
    );
    expect(found.map((x) => x.column)).toContain('medfee_sumamt');
    expect(found.map((x) => x.column)).toContain('fund_pay_sumamt');
    expect(found.find((x) => x.column === 'medfee_sumamt')?.message).toContain('positive on a cancellation row');
  }, 30_000);

  it('fails a write naming a missing column, run or only prepared', async () => {
    const p = planted(
      "SET his_status = 'void', void_reason = :reason, updated_at = :now",
      "SET his_status = 'void', void_reasn = :reason, updated_at = :now",
    );
    for (const mode of ['run', 'prepare'] as const) {
      const found = (await problems(p, mode)).filter((x) => x.statement === 'mark_settlement_void');
      expect(found, mode).toHaveLength(1);
      expect(found[0]!.check).toBe('failed');
      expect(found[0]!.message).toContain('void_reasn');
    }
  }, 30_000);

  it('reads a write back: a void that leaves another status is a problem', async () => {
    const p = planted(
      "SET his_status = 'void', void_reason = :reason, updated_at = :now",
      "SET his_status = 'V', void_reason = :reason, updated_at = :now",
    );
    const found = (await problems(p)).filter((x) => x.statement === 'mark_settlement_void');
    expect(found).toMatchObject([{ check: 'effect', column: 'his_status', values: ['"V"'] }]);
  }, 30_000);

  it('finds one row per setl_id broken by a join', async () => {
    const p = planted(
      /FROM his_settlement s\n(\s*)WHERE s\.setl_time >= :from AND s\.setl_time < :to\n(\s*)ORDER BY s\.setl_time, s\.his_setl_no/,
      'FROM his_settlement s JOIN his_fee_detail f ON f.setl_id = s.setl_id\n$1WHERE s.setl_time >= :from AND s.setl_time < :to\n$2ORDER BY s.setl_time, s.his_setl_no',
    );
    const found = (await problems(p)).filter((x) => x.statement === 'settlements_in_period' && x.check === 'unique');
    expect(found.map((x) => x.column)).toContain('setl_id');
  }, 30_000);
});
