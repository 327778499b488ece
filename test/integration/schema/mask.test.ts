/**
 * schema clone --mask on real databases: an OpenEMR-like clinic (test/fixtures/mask) and the
 * reference HIS (psn_no embeds the ID number, brdy is the birth date). Each copy is read back
 * and checked by the test itself, not by hisops's own verification: no original identity value
 * anywhere in any text column, flags/subjects/IP addresses kept, no duplicate masked ID numbers
 * or mobiles, masked ID numbers agree with the row's birth date and sex, and a --sample keeps
 * every child's parent. SQLite → SQLite always; MariaDB → PostgreSQL when both servers are set.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../../src/cli/io.js';
import { connect, type Db } from '../../../src/core/db/index.js';
import { seedHis } from '../../../src/core/demo/index.js';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';
import {
  cloneDatabase,
  compileRules,
  introspect,
  isValidIdCard,
  parseJoin,
  type CloneResult,
} from '../../../src/core/schema/index.js';
import { buildProgram } from '../../../src/main.js';
import { buildClinic, clinicPeople, type ClinicPerson } from '../../fixtures/mask/openemrLike.js';
import { describeWithMysql, describeWithPg } from '../../helpers/servers.js';
import { createMysqlDb, createPgDb, tmpSqlite } from './helpers.js';

const clock = () => new Date();
type Row = Record<string, unknown>;

/** Every value of every text column of a database: [table, column, value]. */
async function textValues(db: Db): Promise<Array<[string, string, string]>> {
  const out: Array<[string, string, string]> = [];
  for (const t of (await introspect(db)).model.tables) {
    const cols = t.columns.filter((c) => ['char', 'varchar', 'text'].includes(c.type.base)).map((c) => c.name);
    if (!cols.length) continue;
    for (const r of (await db.knex(t.name).select(cols)) as Row[])
      for (const c of cols) if (r[c] !== null && r[c] !== undefined) out.push([t.name, c, String(r[c])]);
  }
  return out;
}

/** Where an identity of the clinic's people is still in the copy (exact value, or inside longer text for numbers, e-mails and Chinese names). */
function leaks(values: Array<[string, string, string]>, people: ClinicPerson[]): string[] {
  const exact = new Set(people.flatMap((p) => [p.fname, p.lname, p.cnName, p.idNo, p.mobile, p.ss, p.street, p.email]));
  const inside = people.flatMap((p) => [p.cnName, p.idNo, p.mobile, p.ss, p.email, p.street]);
  const found: string[] = [];
  for (const [t, c, v] of values) {
    if (exact.has(v.trim()) || inside.some((x) => v.includes(x))) found.push(`${t}.${c}`);
  }
  return [...new Set(found)];
}

const dateText = (v: unknown) =>
  v instanceof Date
    ? `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`
    : String(v).slice(0, 10);

async function checkClinicCopy(
  src: Db,
  dest: Db,
  people: ClinicPerson[],
  res: CloneResult,
  opts: { sampled: boolean },
): Promise<void> {
  expect(res.tables.filter((t) => t.status === 'failed').map((t) => `${t.table}: ${t.reason}`)).toEqual([]);
  // nothing of anyone's identity is left, in any column of any table
  expect(leaks(await textValues(dest), people)).toEqual([]);
  expect(res.verification!.findings).toEqual([]);
  expect(res.verification!.originals).toBeGreaterThan(people.length * 5);

  // the flags, subjects and IP addresses are untouched, row for row
  const flags = (db: Db) =>
    db
      .knex('patient_data')
      .orderBy('pid')
      .select('pid', 'hipaa_allowemail', 'hipaa_allowsms', 'city', 'sex') as Promise<Row[]>;
  const destFlags = await flags(dest);
  const srcFlags = new Map((await flags(src)).map((r) => [Number(r.pid), r]));
  expect(destFlags.length).toBeGreaterThan(0);
  for (const r of destFlags) expect(r).toEqual({ ...srcFlags.get(Number(r.pid)), pid: r.pid });
  expect(new Set(destFlags.map((r) => r.hipaa_allowemail))).toEqual(new Set(['YES', 'NO']));
  expect(await dest.knex('onsite_mail').orderBy('id').pluck('email_subject')).toEqual(
    await src.knex('onsite_mail').orderBy('id').pluck('email_subject'),
  );
  const ips = (db: Db) => db.knex('log').orderBy('id').select('id', 'ip_address') as Promise<Row[]>;
  const srcIps = new Map((await ips(src)).map((r) => [Number(r.id), r.ip_address]));
  for (const r of await ips(dest)) expect(r.ip_address).toBe(srcIps.get(Number(r.id)));

  // distinct originals stay distinct
  const pd = (await dest.knex('patient_data').select('pid', 'phone_cell', 'ss', 'DOB')) as Row[];
  expect(new Set(pd.map((r) => r.phone_cell)).size).toBe(pd.length);
  expect(new Set(pd.map((r) => r.ss)).size).toBe(pd.length);
  for (const r of pd) expect(String(r.phone_cell)).toMatch(/^138\d{8}$/);
  const hz = (await dest.knex('hz_info').select('id', 'zjhm', 'cs_rq', 'xb', 'ybbh', 'lxfs', 'bz')) as Row[];
  expect(new Set(hz.map((r) => r.zjhm)).size).toBe(hz.length);
  expect(new Set(hz.map((r) => r.lxfs)).size).toBe(hz.length);
  for (const r of hz) {
    const id = String(r.zjhm);
    // a valid ID number whose birth date is the row's (masked) birth date and whose sex digit fits xb
    expect(isValidIdCard(id)).toBe(true);
    expect(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`).toBe(dateText(r.cs_rq));
    expect(Number(id[16]) % 2).toBe(r.xb === '1' ? 1 : 0);
    // the person number that embeds it embeds the masked one
    expect(r.ybbh).toBe(`110105${id}`);
  }
  // the same person is masked the same way in every table: insurance_data's subscriber is patient_data's patient
  const ins = (await dest
    .knex('insurance_data')
    .select('pid', 'subscriber_phone', 'subscriber_ss', 'subscriber_relationship')) as Row[];
  const byPid = new Map(pd.map((r) => [Number(r.pid), r]));
  for (const r of ins.filter((x) => x.subscriber_relationship === 'self')) {
    const p = byPid.get(Number(r.pid));
    if (p) expect([r.subscriber_phone, r.subscriber_ss]).toEqual([p.phone_cell, p.ss]);
  }

  if (opts.sampled) {
    // every child row's parent was copied with it (foreign keys and the configured join)
    const pids = new Set((await dest.knex('patient_data').pluck('pid')).map(Number));
    const encounters = new Set((await dest.knex('form_encounter').pluck('id')).map(Number));
    expect(pids.size).toBeGreaterThanOrEqual(30);
    expect(pids.size).toBeLessThan(people.length);
    for (const pid of (await dest.knex('insurance_data').pluck('pid')).map(Number)) expect(pids.has(pid)).toBe(true);
    for (const pid of (await dest.knex('form_encounter').pluck('pid')).map(Number)) expect(pids.has(pid)).toBe(true);
    for (const e of (await dest.knex('billing').pluck('encounter')).map(Number)) expect(encounters.has(e)).toBe(true);
    for (const pid of (await dest.knex('log').pluck('patient_id')).map(Number)) expect(pids.has(pid)).toBe(true);
    // and the sampled patients came with their children
    expect(encounters.size).toBe(pids.size * 3);
    expect(Number(((await dest.knex('log').count({ n: '*' })) as Array<{ n: unknown }>)[0]!.n)).toBe(pids.size);
    const by = Object.fromEntries(res.tables.map((t) => [t.table, t]));
    expect(by.patient_data!.status).toBe('sampled');
    expect(by.onsite_mail!.status).toBe('copied');
  }
}

function choicesOf(res: CloneResult): Record<string, { kind?: string; by?: string; skip?: string; detail?: string }> {
  return Object.fromEntries(res.tables.flatMap((t) => (t.columns ?? []).map((c) => [`${t.table}.${c.column}`, c])));
}

describe('masked clone on SQLite', () => {
  const cleanups: Array<() => void | Promise<void>> = [];
  const people = clinicPeople(600);
  let src: Db;
  let journal: Journal;
  // SQLite keeps no column comments: the Chinese table's name columns are named by rules here
  const rules = compileRules([
    { table: 'hz_info', column: 'xingming', kind: 'name' },
    { table: 'hz_info', column: 'jjlx', kind: 'name' },
    { table: 'hz_info', column: 'jzdz', kind: 'address' },
    { table: 'hz_info', column: 'cs_rq', kind: 'birthdate' },
  ]);

  beforeAll(async () => {
    const s = tmpSqlite();
    cleanups.push(s.cleanup);
    src = await connect(s.url);
    await buildClinic(src, people);
    const j = tmpSqlite();
    cleanups.push(j.cleanup);
    journal = await openJournal(j.url);
  }, 60_000);
  afterAll(async () => {
    await src?.close();
    await journal?.close();
    for (const c of cleanups.reverse()) await c();
  });

  it('masks every identity of the OpenEMR-like clinic and keeps flags, subjects and IP addresses', async () => {
    const d = tmpSqlite();
    cleanups.push(d.cleanup);
    const dest = await connect(d.url);
    try {
      const res = await cloneDatabase(src, dest, { journal, clock, mask: { rules, key: 'sqlite-key' } });
      const c = choicesOf(res);
      expect(c['insurance_data.subscriber_fname']).toMatchObject({ kind: 'name', by: 'name' });
      expect(c['insurance_data.subscriber_lname']).toMatchObject({ kind: 'name', by: 'name' });
      expect(c['insurance_data.subscriber_ss']).toMatchObject({ kind: 'idcard' });
      expect(c['insurance_data.subscriber_street']).toMatchObject({ kind: 'address' });
      expect(c['insurance_data.subscriber_DOB']).toMatchObject({ kind: 'birthdate' });
      expect(c['patient_data.hipaa_allowemail']).toMatchObject({ skip: 'not-personal' });
      expect(c['onsite_mail.email_subject']).toMatchObject({ skip: 'not-personal' });
      expect(c['log.ip_address']).toMatchObject({ skip: 'not-personal' });
      expect(c['log.comments']).toMatchObject({ kind: 'tokens', by: 'values' });
      expect(c['hz_info.zjhm']).toMatchObject({ kind: 'idcard', by: 'values' });
      expect(c['hz_info.ybbh']).toMatchObject({ kind: 'idcard', by: 'values' });
      await checkClinicCopy(src, dest, people, res, { sampled: false });
    } finally {
      await dest.close();
    }
  }, 120_000);

  it('--sample copies a consistent sample of the big tables: parents, their children, a configured join', async () => {
    const d = tmpSqlite();
    cleanups.push(d.cleanup);
    const dest = await connect(d.url);
    try {
      const res = await cloneDatabase(src, dest, {
        journal,
        clock,
        maxRows: 500,
        sample: 40,
        joins: [parseJoin('log.patient_id=patient_data.pid')],
        mask: { rules, key: 'sqlite-key' },
      });
      await checkClinicCopy(src, dest, people, res, { sampled: true });
    } finally {
      await dest.close();
    }
  }, 120_000);

  it('fails the clone naming table, column and count, never the value, when an original is left in a column nobody recognised', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-mask-leak-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const db = await connect(`sqlite:${path.join(dir, 'his.db')}`, { create: true });
    await db.knex.raw('CREATE TABLE patient (id integer PRIMARY KEY, xm varchar(20), sfzh varchar(18))');
    await db.knex.raw('CREATE TABLE nurse_note (id integer PRIMARY KEY, note varchar(200))');
    await db.knex('patient').insert(people.slice(0, 300).map((p, i) => ({ id: i + 1, xm: p.cnName, sfzh: p.idNo })));
    // the first 200 rows (what the column choice samples) say nothing; row 260 names a patient
    const victim = people
      .slice(0, 300)
      .find((p, i) => i > 100 && people.slice(0, 300).filter((q) => q.cnName === p.cnName).length === 1)!;
    await db.knex('nurse_note').insert(
      Array.from({ length: 300 }, (_, i) => ({
        id: i + 1,
        note: i === 259 ? `陪护：${victim.cnName}，已告知` : '巡视正常',
      })),
    );
    await db.close();
    const io = memoryIo({
      cwd: dir,
      env: { HISOPS_MASK_KEY: 'k', HISOPS_JOURNAL_URL: `sqlite:${path.join(dir, 'journal.db')}` },
    });
    const argv = ['--json', 'schema', 'clone', 'sqlite:his.db', 'sqlite:copy.db', '--mask', '--apply', '--yes'];
    const { program, app } = await buildProgram(io, argv);
    await program.parseAsync(argv, { from: 'user' });
    expect(app.exitCode).toBe(2);
    const env = JSON.parse(io.out());
    expect(env.error.code).toBe('CLONE_LEAK');
    expect(env.error.summary).toMatch(/nurse_note\.note \(1 value\(s\), name\)/);
    expect(env.data.verification.findings).toEqual([
      { table: 'nurse_note', column: 'note', values: 1, kinds: ['name'] },
    ]);
    expect(io.out() + io.err()).not.toContain(victim.cnName);
    // in Chinese too
    const zh = memoryIo({
      cwd: dir,
      env: { HISOPS_MASK_KEY: 'k', HISOPS_JOURNAL_URL: `sqlite:${path.join(dir, 'journal2.db')}` },
    });
    const argv2 = [
      '--lang',
      'zh-CN',
      'schema',
      'clone',
      'sqlite:his.db',
      'sqlite:copy2.db',
      '--mask',
      '--apply',
      '--yes',
    ];
    const p2 = await buildProgram(zh, argv2);
    await p2.program.parseAsync(argv2, { from: 'user' });
    expect(p2.app.exitCode, zh.out() + zh.err()).toBe(2);
    expect(zh.out()).toMatch(/✗ 副本中仍有脱敏列的原始值/);
    expect(zh.out()).toMatch(/nurse_note\s*│\s*note\s*│\s*1\s/);
    expect(zh.out() + zh.err()).not.toContain(victim.cnName);
  }, 120_000);

  it('the dry run with --sample counts the sampled tables in its closing line, in both languages; an unconfirmed --apply creates no copy', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-clone-dry-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const his = await connect(`sqlite:${path.join(dir, 'his.db')}`, { create: true });
    try {
      await seedHis({ db: his, size: 'small', seed: 3, days: 3 });
    } finally {
      await his.close();
    }
    for (const [lang, line] of [
      [
        'en',
        /^\d+ table\(s\) over --max-rows 500 would get a sample of 50 rows each, with the rows related to them\.$/m,
      ],
      ['zh-CN', /^另有 \d+ 张表超过 --max-rows 500，将各取 50 行样本及与之关联的行。$/m],
    ] as const) {
      const io = memoryIo({
        cwd: dir,
        env: { HISOPS_MASK_KEY: 'k', HISOPS_JOURNAL_URL: `sqlite:${path.join(dir, 'journal.db')}` },
      });
      const argv = [
        '--lang',
        lang,
        'schema',
        'clone',
        'sqlite:his.db',
        'sqlite:copy.db',
        '--mask',
        '--max-rows',
        '500',
        '--sample',
        '50',
      ];
      const { program, app } = await buildProgram(io, argv);
      await program.parseAsync(argv, { from: 'user' });
      expect(app.exitCode ?? 0, io.out() + io.err()).toBe(0);
      expect(io.out()).toMatch(line);
    }
    expect(fs.existsSync(path.join(dir, 'copy.db'))).toBe(false);
    // --apply where nobody can confirm (cron): refused, and no empty copy file left behind
    const io = memoryIo({
      cwd: dir,
      env: { HISOPS_MASK_KEY: 'k', HISOPS_JOURNAL_URL: `sqlite:${path.join(dir, 'journal.db')}` },
    });
    const argv = ['--json', 'schema', 'clone', 'sqlite:his.db', 'sqlite:copy.db', '--mask', '--apply'];
    const { program, app } = await buildProgram(io, argv);
    await program.parseAsync(argv, { from: 'user' });
    expect(JSON.parse(io.out()).error.code).toBe('NEEDS_CONFIRMATION');
    expect(app.exitCode).not.toBe(0);
    expect(fs.existsSync(path.join(dir, 'copy.db'))).toBe(false);
  }, 120_000);

  it('the reference HIS: psn_no, certno, psn_name and brdy masked consistently, nothing original left', async () => {
    const s = tmpSqlite();
    cleanups.push(s.cleanup);
    const his = await connect(s.url);
    const d = tmpSqlite();
    cleanups.push(d.cleanup);
    const dest = await connect(d.url);
    try {
      await seedHis({ db: his, size: 'small', seed: 5 });
      const res = await cloneDatabase(his, dest, { journal, clock, mask: { rules: compileRules(), key: 'his-key' } });
      const c = choicesOf(res);
      for (const t of ['his_visit', 'his_settlement', 'his_fee_detail', 'his_center_log', 'his_dispense'])
        expect(c[`${t}.psn_no`]!.kind, t).toBe('idcard');
      expect(c['his_settlement.brdy']).toMatchObject({ kind: 'birthdate' });
      expect(res.verification!.findings).toEqual([]);
      const orig = (await his.knex('his_settlement').select('psn_no', 'certno', 'psn_name')) as Row[];
      const exact = new Set(
        orig.flatMap((r) =>
          [r.psn_no, r.certno, r.psn_name].filter((x): x is string => typeof x === 'string' && x.length > 1),
        ),
      );
      const ids = orig.map((r) => r.certno).filter((x): x is string => typeof x === 'string' && x.length === 18);
      for (const [t, col, v] of await textValues(dest)) {
        expect(exact.has(v), `${t}.${col}`).toBe(false);
        if (v.length >= 18)
          expect(
            ids.some((id) => v.includes(id)),
            `${t}.${col}`,
          ).toBe(false);
      }
      const rows = (await dest
        .knex('his_settlement')
        .whereNotNull('certno')
        .select('psn_no', 'certno', 'brdy')) as Row[];
      expect(rows.length).toBeGreaterThan(100);
      for (const r of rows) {
        const id = String(r.certno);
        expect(isValidIdCard(id)).toBe(true);
        expect(String(r.psn_no).endsWith(id)).toBe(true);
        if (r.brdy) expect(dateText(r.brdy)).toBe(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`);
      }
      // distinct persons stay distinct
      const srcDistinct = new Set(orig.map((r) => r.certno)).size;
      expect(new Set(((await dest.knex('his_settlement').select('certno')) as Row[]).map((r) => r.certno)).size).toBe(
        srcDistinct,
      );
    } finally {
      await his.close();
      await dest.close();
    }
  }, 180_000);
});

describeWithMysql('masked clone from MariaDB', () => {
  describeWithPg('into PostgreSQL', () => {
    const cleanups: Array<() => void | Promise<void>> = [];
    const people = clinicPeople(800, 11);
    afterAll(async () => {
      for (const c of cleanups.reverse()) await c();
    });

    it('chooses the Chinese columns by their comments, masks everything, samples with the closure', async () => {
      const m = await createMysqlDb('utf8mb4');
      cleanups.push(m.drop);
      const pg = await createPgDb();
      cleanups.push(pg.drop);
      const j = tmpSqlite();
      cleanups.push(j.cleanup);
      const journal = await openJournal(j.url);
      const src = await connect(m.url);
      const dest = await connect(pg.url);
      try {
        await buildClinic(src, people);
        const res = await cloneDatabase(src, dest, {
          journal,
          clock,
          maxRows: 700,
          sample: 50,
          joins: [parseJoin('log.patient_id=patient_data.pid')],
          mask: { rules: compileRules(), key: 'server-key' },
        });
        expect(res.tables.filter((t) => t.status === 'failed')).toEqual([]);
        const c = choicesOf(res);
        expect(c['hz_info.xingming']).toMatchObject({ kind: 'name', by: 'comment', detail: '姓名' });
        expect(c['hz_info.jzdz']).toMatchObject({ kind: 'address', by: 'comment' });
        expect(c['hz_info.jjlx']).toMatchObject({ kind: 'name', by: 'comment' });
        expect(c['hz_info.cs_rq']).toMatchObject({ kind: 'birthdate', by: 'comment' });
        expect(c['hz_info.xb']!.kind).toBeUndefined();
        await checkClinicCopy(src, dest, people, res, { sampled: true });
      } finally {
        await src.close();
        await dest.close();
        await journal.close();
      }
    }, 240_000);
  });
});
