/**
 * `hisops settle audit` in-process against a small SQLite reference HIS whose recorded splits are
 * the engine's own, one of them tampered: exit codes, the table, --explain, --json, bad dates.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { runCommands } from '../helpers/runCommands.js';
import { buildAuditHis, DAY, POLICY_FILES, tamper, type AuditHis } from '../unit/audit/auditHis.js';

let dir: string;
let his: AuditHis;

/** main() in-process (settle.ts registers the command on the settle group). */
async function run(argv: string[]) {
  const r = await runCommands(memoryIo({ cwd: dir, env: {} }), argv, {});
  return { ...r, json: () => JSON.parse(r.out) };
}

const base = [
  'settle',
  'audit',
  '--from',
  DAY,
  '--to',
  DAY,
  '--hosp-lv',
  '2',
  ...POLICY_FILES.flatMap((p) => ['--policy', p]),
];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-cli-audit-'));
  his = await buildAuditHis(path.join(dir, 'his.db'));
  fs.writeFileSync(
    path.join(dir, 'hisops.yaml'),
    [
      'journal:',
      '  url: sqlite:journal.db',
      'institutions:',
      '  - name: main',
      '    fixmedins_code: H43010000001',
      '    fixmedins_name: 示例医院',
      '    his:',
      '      url: sqlite:his.db',
      '      profile: builtin:reference',
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  await his.close();
});

describe('hisops settle audit', () => {
  it('exits 0 when every recorded split agrees, saying what was skipped and assumed', async () => {
    const r = await run(base);
    expect(r.code).toBe(0);
    expect(r.out).toContain('cancellation 1');
    expect(r.out).toContain('fixed_amount 1');
    expect(r.out).toContain('ytd accumulators=0');
    expect(r.out).toContain('S006'); // no policy for 510: listed as unchecked
    expect(r.out).toContain('POLICY_NOT_FOUND');
  });

  it('under zh-CN names the skip reasons in Chinese', async () => {
    const r = await run([...base, '--lang', 'zh-CN']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/跳过：.*撤销 1/);
    expect(r.out).toMatch(/跳过：.*定额结算 1/);
    expect(r.out).not.toMatch(/cancellation|fixed_amount/);
  });

  it('lists the tampered settlement with field, amounts and difference (exit 3), and explains it', async () => {
    await tamper(his.db);
    const r = await run([...base, '--explain']);
    expect(r.code).toBe(3);
    const row = r.out.split('\n').find((l) => l.includes('S002') && l.includes('hifp_pay') && l.includes('5.00'));
    expect(row).toBeDefined();
    expect(r.out).not.toMatch(/S001\s*│\s*\w+_\w+/);
    expect(r.out).toContain('I2');
    // --explain: the rule of the computed hifp_pay
    expect(r.out.split('\n').filter((l) => l.includes('S002') && l.includes('hifp_pay')).length).toBeGreaterThanOrEqual(
      2,
    );
    // …and the policy line of the clause that decided it
    expect(r.out).toMatch(/policy line: \S+\.yaml:\d+/);
    // the explanation's amount is the policy's, and its header says so (not a bare 'amount' beside the recorded one)
    expect(r.out).toMatch(/setl_id: S002 · field: hifp_pay · policy: \d+\.\d\d · rule:/);

    const j = await run([...base, '--json']);
    expect(j.code).toBe(3);
    const doc = j.json();
    expect(doc.ok).toBe(false); // exit 3: findings need attention
    expect(doc.findings).toBeDefined();
    expect(doc.command).toBe('settle audit');
    expect(doc.data.findings).toHaveLength(1);
    expect(doc.data.findings[0]).toMatchObject({
      setl_id: 'S002',
      differences: [{ field: 'hifp_pay', difference: '5.00' }],
    });
    expect(doc.data.skipped_by_reason).toEqual({ cancellation: 1, fixed_amount: 1 });
    expect(doc.data.recomputed).toBe(3);
  });

  it('--limit caps the recomputations', async () => {
    const doc = (await run([...base, '--limit', '1', '--json'])).json();
    expect(doc.data.recomputed).toBe(1);
    expect(doc.data.not_examined).toBe(3);
  });

  it('refuses bad dates and a backwards range (exit 2)', async () => {
    const bad = await run(['settle', 'audit', '--from', '2024-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--from 2024-02-30');
    const back = await run(['settle', 'audit', '--from', '2024-09-21', '--to', '2024-09-20', '--json']);
    expect(back.code).toBe(2);
    expect(back.json().error.code).toBe('BAD_PERIOD');
    const lim = await run(['settle', 'audit', '--from', DAY, '--limit', '0']);
    expect(lim.code).toBe(2);
  });
});
