/**
 * `hisops profile check` under --lang zh-CN, in-process on a seeded reference HIS (SQLite): the
 * passing profile and a planted break (a status mapped wrongly, a write on a missing column) print
 * no English sentence; the JSON keeps its stable codes; doctor's row for the failing write is Chinese.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { referenceProfilePath } from '../../src/core/his/index.js';
import { main } from '../../src/main.js';
import { seededHisDir, writeHisConfig } from '../helpers/seededHis.js';
import { englishSentences } from '../helpers/englishSentence.js';

let dir: string;
let day: string;
const reference = fs.readFileSync(referenceProfilePath(), 'utf8');

async function run(argv: string[]) {
  const io = memoryIo({ cwd: dir, env: { HISOPS_LANG: 'zh-CN' }, now: () => new Date(2025, 2, 10, 9, 0, 0) });
  const code = await main([...argv, '--lang', 'zh-CN'], io);
  return { code, out: io.out(), err: io.err() };
}

function config(profile: string): void {
  writeHisConfig(dir, profile);
}

beforeAll(async () => {
  ({ dir, day } = await seededHisDir('hisops-profile-zh-'));
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('hisops profile check --lang zh-CN', () => {
  it('passes the reference profile in Chinese words only', async () => {
    config('builtin:reference');
    const r = await run(['profile', 'check', '--date', day]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('配置文件在此 HIS 上符合语句约定');
    expect(englishSentences(r.out + r.err)).toEqual([]);
  }, 60_000);

  it('names a wrongly mapped status, its fix and consequence in Chinese', async () => {
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
    expect(r.out).toContain('his_status 有约定之外的取值');
    expect(r.out).toContain('若不处理');
    expect(r.out).toContain('对账会漏掉');
    expect(englishSentences(r.out + r.err)).toEqual([]);
    const j = JSON.parse((await run(['profile', 'check', '--date', day, '--json'])).out);
    expect(j.data.statements.flatMap((s: { problems: unknown[] }) => s.problems)[0]).toMatchObject({
      check: 'value',
      column: 'his_status',
    });
  }, 60_000);

  it('reports a write on a missing column in Chinese (--no-writes)', async () => {
    fs.writeFileSync(
      path.join(dir, 'nocol.yaml'),
      reference.replace(
        "SET his_status = 'void', void_reason = :reason, updated_at = :now",
        "SET his_status = 'void', void_note = :reason, updated_at = :now",
      ),
    );
    config('nocol.yaml');
    const r = await run(['profile', 'check', '--date', day, '--no-writes']);
    expect(r.code).toBe(3);
    expect(r.out).toContain('语句执行失败');
    expect(r.out).toContain('已由数据库编译');
    expect(englishSentences(r.out + r.err)).toEqual([]);
    const io = memoryIo({ cwd: dir, env: {}, now: () => new Date(2025, 2, 10, 9, 0, 0) });
    await main(['profile', 'check', '--date', day, '--no-writes', '--lang', 'en'], io);
    expect(englishSentences(io.out()).length).toBeGreaterThan(0);
  }, 60_000);

  it("doctor's row for the failing write and its fix are Chinese", async () => {
    config('nocol.yaml');
    const j = JSON.parse((await run(['doctor', '--json'])).out);
    const row = j.data.checks.find((c: { check: string }) => c.check.endsWith(' mark_settlement_void'));
    expect(row).toMatchObject({ ok: false, code: 'PROFILE_PROBE' });
    expect(row.detail).toContain('语句执行失败');
    expect(row.detail).toContain('void_note');
    expect(englishSentences(`${row.detail}\n${row.fix}`)).toEqual([]);
  }, 60_000);
});
