/**
 * `hisops profile check` in-process on a seeded reference HIS (SQLite): exit 0 and the JSON
 * envelope on the reference profile; exit 3 naming statement, column and value on a planted break;
 * institution binds from hisops.yaml; a job on an unsupported statement says the HIS lacks it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { referenceProfilePath } from '../../src/core/his/index.js';
import { main } from '../../src/main.js';
import { seededHisDir, writeHisConfig } from '../helpers/seededHis.js';

let dir: string;
let day: string;
const reference = fs.readFileSync(referenceProfilePath(), 'utf8');

async function run(argv: string[]) {
  const io = memoryIo({ cwd: dir, env: { HISOPS_LANG: 'en' }, now: () => new Date(2025, 2, 10, 9, 0, 0) });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

function config(profile: string, binds = ''): void {
  writeHisConfig(dir, profile, binds);
}

beforeAll(async () => {
  ({ dir, day } = await seededHisDir('hisops-profile-cli-'));
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('hisops profile check', () => {
  it('passes the reference profile: exit 0, every statement listed, samples, writes rolled back', async () => {
    config('builtin:reference');
    const r = await run(['profile', 'check', '--date', day]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('settlements_for_reconcile');
    expect(r.out).toContain('1 row(s) changed, rolled back');
    expect(r.out).toContain('Sample rows');
    expect(r.out).toContain('The profile keeps the statement contract on this HIS');
    const j = JSON.parse((await run(['profile', 'check', '--date', day, '--json'])).out);
    expect(j.ok).toBe(true);
    expect(j.data.statements.find((s: { name: string }) => s.name === 'settlements_in_period').sample).toHaveLength(3);
  }, 60_000);

  it('exits 3 on a status mapped wrongly, naming statement, column, value and fix (JSON too)', async () => {
    fs.writeFileSync(
      path.join(dir, 'wrong.yaml'),
      reference.replace(
        /s\.init_setl_id, s\.msgid, s\.infno, s\.his_status\n/,
        "s.init_setl_id, s.msgid, s.infno, CASE s.his_status WHEN 'settled' THEN '1' ELSE s.his_status END AS his_status\n",
      ),
    );
    config('wrong.yaml');
    const r = await run(['profile', 'check', '--date', day]);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/settlements_for_reconcile\s.*his_status\s.*"1"/);
    const j = JSON.parse((await run(['profile', 'check', '--date', day, '--json'])).out);
    expect(j.ok).toBe(false);
    expect(j.findings.count).toBe(1);
    const p = j.data.statements.flatMap((s: { problems: unknown[] }) => s.problems)[0];
    expect(p).toMatchObject({
      statement: 'settlements_for_reconcile',
      column: 'his_status',
      values: ['"1"'],
      check: 'value',
    });
  }, 60_000);

  it('with --no-writes still finds a missing column in a write', async () => {
    fs.writeFileSync(
      path.join(dir, 'nocol.yaml'),
      reference.replace(
        "SET his_status = 'void', void_reason = :reason, updated_at = :now",
        "SET his_status = 'void', void_note = :reason, updated_at = :now",
      ),
    );
    config('nocol.yaml');
    const j = JSON.parse((await run(['profile', 'check', '--date', day, '--no-writes', '--json'])).out);
    expect(j.findings.count).toBe(1);
    const st = j.data.statements.find((s: { name: string }) => s.name === 'mark_settlement_void');
    expect(st.status).toBe('problems');
    expect(st.problems[0].message).toContain('void_note');
    expect(j.data.statements.find((s: { name: string }) => s.name === 'complete_settlement').status).toBe('prepared');
  }, 60_000);

  it('binds institution values from hisops.yaml and asks for a missing one', async () => {
    const text = reference
      .replace('statements:\n', 'binds:\n  hosp_id: the HIS code of the hospital\nstatements:\n')
      .replace(
        'WHERE l.msgid = :msgid\n',
        "WHERE l.msgid = :msgid AND :hosp_id = '0007' AND :fixmedins_code = 'H43010000001'\n",
      );
    fs.writeFileSync(path.join(dir, 'tenant.yaml'), text);
    config('tenant.yaml');
    const missing = await run(['profile', 'check', '--date', day]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('PROFILE_INSTITUTION_BIND');
    expect(missing.err).toContain('hosp_id');
    config('tenant.yaml', '    binds:\n      hosp_id: "0007"\n');
    const j = JSON.parse((await run(['profile', 'check', '--date', day, '--json'])).out);
    expect(j.ok).toBe(true);
    expect(j.data.statements.find((s: { name: string }) => s.name === 'center_log_by_msgid').rows).toBe(1);
  }, 60_000);

  it("a job reads with the institution's bind value from hisops.yaml (trace check)", async () => {
    const text = reference
      .replace('statements:\n', 'binds:\n  hosp_id: the HIS code of the hospital\nstatements:\n')
      .replaceAll(
        'WHERE d.sel_retn_time >= :from AND d.sel_retn_time < :to',
        "WHERE d.sel_retn_time >= :from AND d.sel_retn_time < :to AND :hosp_id = '0007'",
      );
    fs.writeFileSync(path.join(dir, 'tenant2.yaml'), text);
    const records = async (value: string) => {
      config('tenant2.yaml', `    binds:\n      hosp_id: "${value}"\n`);
      const r = await run(['trace', 'check', '--from', day, '--to', day, '--kind', 'sale', '--json']);
      return JSON.parse(r.out).data.records as number;
    };
    expect(await records('0007')).toBeGreaterThan(10);
    expect(await records('0008')).toBe(0);
  }, 60_000);

  it('lists an unsupported statement, and the job that needs it says this HIS does not provide it (exit 2)', async () => {
    const lines = reference.split('\n');
    const start = lines.findIndex((l) => l === '  dispensing_for_upload:');
    let end = start + 1;
    while (end < lines.length && !/^ {2}\S/.test(lines[end]!)) end++;
    const text = [
      ...lines.slice(0, start),
      '  dispensing_for_upload:',
      '    unsupported: this HIS keeps no traceability codes',
      '',
      ...lines.slice(end),
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'notrace.yaml'), text);
    config('notrace.yaml');
    const j = JSON.parse((await run(['profile', 'check', '--date', day, '--json'])).out);
    expect(j.ok).toBe(true);
    expect(j.data.statements.find((s: { name: string }) => s.name === 'dispensing_for_upload')).toMatchObject({
      status: 'unsupported',
      unsupported: 'this HIS keeps no traceability codes',
    });
    const t = await run(['trace', 'check', '--from', day, '--to', day, '--json']);
    expect(t.code).toBe(2);
    const env = JSON.parse(t.out);
    expect(env.error.code).toBe('PROFILE_UNSUPPORTED');
    expect(env.error.summary).toContain('This HIS does not provide dispensing_for_upload');
  }, 60_000);

  it('doctor fails a write with a missing column in its own row, and passes the reference profile', async () => {
    config('nocol.yaml');
    const j = JSON.parse((await run(['doctor', '--json'])).out);
    const rows = j.data.checks.filter((c: { check: string }) => c.check.startsWith('profile statement'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      check: 'profile statement mark_settlement_void',
      ok: false,
      code: 'PROFILE_PROBE',
    });
    expect(rows[0].detail).toContain('void_note');
    expect(j.error.code).toBe('PROFILE_PROBE');
    config('builtin:reference');
    const ok = JSON.parse((await run(['doctor', '--json'])).out);
    expect(ok.data.checks.find((c: { check: string }) => c.check === 'profile statements')).toMatchObject({ ok: true });
  }, 60_000);
});
