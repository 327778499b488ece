import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { memoryIo } from '../../src/cli/io.js';

const root = path.resolve(__dirname, '../..');
const golden = path.join(root, 'test/golden/rules');

async function run(argv: string[], cwd = root) {
  const io = memoryIo({ cwd, env: {} });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('hisops settle calc', () => {
  it('splits the golden bill exactly as worked by hand, in the JSON envelope', async () => {
    const expected = JSON.parse(fs.readFileSync(path.join(golden, 'employee-inpatient.expected.json'), 'utf8'));
    const r = await run(['settle', 'calc', path.join(golden, 'employee-inpatient.bill.json'), '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.ok).toBe(true);
    expect(doc.command).toBe('settle calc');
    for (const [k, v] of Object.entries(expected.setlinfo)) expect(doc.data.setlinfo[k], k).toBe(v);
    expect(doc.data.explanation.length).toBeGreaterThan(10);
  });

  it('prints the explanation table with the national field names and their Chinese names', async () => {
    const r = await run(['settle', 'calc', path.join(golden, 'resident-child.bill.csv'), '--explain']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('hifp_pay 统筹基金');
    expect(r.out).toContain('psn_cash_pay');
    expect(r.out).toMatch(/resident/);
  });

  it('names file, line and field for a bad bill (exit 2)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-bill-'));
    const bill = JSON.parse(fs.readFileSync(path.join(golden, 'employee-inpatient.bill.json'), 'utf8'));
    bill.lines[1].chrgitm_lv = '07';
    const f = path.join(dir, 'bad.json');
    fs.writeFileSync(f, JSON.stringify(bill, null, 2));
    const r = await run(['settle', 'calc', f], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.json:\d+/);
    expect(r.err).toContain('chrgitm_lv');
    const j = await run(['settle', 'calc', f, '--json'], dir);
    const doc = JSON.parse(j.out);
    expect(doc.ok).toBe(false);
    expect(doc.error.details.issues[0]).toMatchObject({ field: expect.stringContaining('chrgitm_lv') });
  });

  it('says when the bill file cannot be read', async () => {
    const r = await run(['settle', 'calc', 'no-such-bill.json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no-such-bill.json');
  });
});

describe('settle calc with the carried state', () => {
  it('a second interim settlement takes the first --json state whole; a kept mutual-aid balance is exit 2 naming person.mulaid_balc', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-state-'));
    const bill = (extra: object, lines: object[]) => ({
      insutype: '310',
      hosp_lv: '3',
      setl_time: '2024-09-20',
      person: { age: 50, acct_balc: '100.00', mulaid_balc: '350.00' },
      visit: { type: 'inpatient', acct_used_flag: true, interim_no: 1 },
      lines,
      ...extra,
    });
    const l = (sn: string, pric: string) => ({
      feedetl_sn: sn,
      med_list_codg: 'X1',
      chrgitm_lv: '01',
      cnt: 1,
      pric,
      fee_ocur_time: '2024-09-19',
    });
    fs.writeFileSync(path.join(dir, 'first.json'), JSON.stringify(bill({}, [l('1', '2000.00')])));
    const first = await run(['settle', 'calc', 'first.json', '--json'], dir);
    expect(first.code).toBe(0);
    const state = JSON.parse(first.out).data.state;
    expect(state.stay.settlements).toBe(1);
    // The whole state, person balances left to it:
    const second = {
      ...bill({ state }, [l('2', '500.00')]),
      person: { age: 50 },
      visit: { type: 'inpatient', acct_used_flag: true, interim_no: 2 },
    };
    fs.writeFileSync(path.join(dir, 'second.json'), JSON.stringify(second));
    const ok = await run(['settle', 'calc', 'second.json', '--json'], dir);
    expect(ok.code).toBe(0);
    expect(Number(JSON.parse(ok.out).data.setlinfo.psn_cash_pay)).toBeGreaterThanOrEqual(0);
    // The docs' older form with the first mutual-aid balance kept:
    const old = bill({}, [l('2', '500.00')]) as Record<string, any>;
    old.person = { age: 50, acct_balc: state.acct_balc, mulaid_balc: '350.00', ytd: state.accumulators };
    old.visit = { type: 'inpatient', acct_used_flag: true, interim_no: 2, carry: state.stay };
    fs.writeFileSync(path.join(dir, 'old.json'), JSON.stringify(old));
    const bad = await run(['settle', 'calc', 'old.json'], dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('person.mulaid_balc');
    expect(bad.err).not.toMatch(/bug in the rules engine/);
    const zh = await run(['settle', 'calc', 'old.json', '--lang', 'zh-CN'], dir);
    expect(zh.code).toBe(2);
    expect(zh.err).toMatch(/person\.mulaid_balc 与此前第 1 次中途结算不衔接/);
  });
});

describe('settle calc --explain on a terminal', () => {
  for (const lang of ['en', 'zh-CN']) {
    it(`has a policy column with the deciding clause's file:line and fits the terminal width (${lang})`, async () => {
      const io = memoryIo({ cwd: root, env: {}, tty: true });
      const code = await main(
        [
          'settle',
          'calc',
          path.join(golden, 'employee-inpatient.bill.json'),
          '--explain',
          '--lang',
          lang,
          '--no-color',
        ],
        io,
      );
      expect(code).toBe(0);
      const out = io.out();
      const tpl = fs.readFileSync(path.join(root, 'templates/policies/employee.yaml'), 'utf8').split('\n');
      const ceiling = tpl.findIndex((l) => /^\s+ceiling: 150000/.test(l)) + 1;
      expect(out).toContain(lang === 'en' ? '│ policy' : '│ 政策条款');
      // hifp_pay hit the annual ceiling in this bill: the ceiling line decided it
      const hifpRow = out.split('\n').findIndex((l) => l.includes('hifp_pay'));
      expect(out.split('\n')[hifpRow]).toContain(`employee.yaml:${ceiling}`);
      const { displayWidth } = await import('../../src/cli/output.js');
      for (const l of out.split('\n').filter((x) => /^[│┌├└]/.test(x)))
        expect(displayWidth(l), l).toBeLessThanOrEqual(120);
      // nothing cut off: wrapped, never truncated with an ellipsis
      expect(out).not.toMatch(/…\s*│/);
    });
  }
});

describe('hisops policy', () => {
  it('checks the shipped policies', async () => {
    const r = await run([
      'policy',
      'check',
      'templates/policies/employee.yaml',
      'templates/policies/resident.yaml',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.data.policies.map((p: { insutype: string }) => p.insutype).sort()).toEqual(['310', '390']);
  });

  it('rejects a policy with a ratio above 1, naming the line (exit 2)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-pol-'));
    const text = fs.readFileSync(path.join(root, 'templates/policies/resident.yaml'), 'utf8');
    const lines = text.split('\n');
    const i = lines.findIndex(
      (l) =>
        /^\s+by_level: \{.*0\.\d+/.test(l) &&
        /ratio/.test(lines.slice(Math.max(0, lines.indexOf(l) - 3), lines.indexOf(l)).join('\n')),
    );
    expect(i).toBeGreaterThan(0);
    lines[i] = lines[i]!.replace(/0\.(\d+)/, '1.$1');
    fs.writeFileSync(path.join(dir, 'p.yaml'), lines.join('\n'));
    const r = await run(['policy', 'check', 'p.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`p.yaml:${i + 1}`);
  });

  it('explains a gap between two versions with a fix that, applied, checks clean (exit 3, then 0)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-pol-'));
    const text = fs.readFileSync(path.join(root, 'templates/policies/employee.yaml'), 'utf8');
    fs.writeFileSync(
      path.join(dir, 'old.yaml'),
      text.replace('effective: { from: 2024-01-01 }', 'effective: { from: 2023-01-01, to: 2023-11-30 }'),
    );
    fs.writeFileSync(path.join(dir, 'new.yaml'), text);
    const r = await run(['policy', 'check', 'old.yaml', 'new.yaml', '--lang', 'zh-CN'], dir);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/old\.yaml:\d+ 险种 310 在 2023-12-01 至 2023-12-31 没有政策/);
    const fix = /effective\.to: (\d{4}-\d{2}-\d{2})/.exec(r.out)![1]!;
    fs.writeFileSync(
      path.join(dir, 'old.yaml'),
      text.replace('effective: { from: 2024-01-01 }', `effective: { from: 2023-01-01, to: ${fix} }`),
    );
    const again = await run(['policy', 'check', 'old.yaml', 'new.yaml', '--json'], dir);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out).data.gaps).toEqual([]);
  });

  it('shows the policy in force on a date, with where each setting comes from', async () => {
    const r = await run(['policy', 'show', '--insutype', '390', '--on', '2026-11-23', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.data.policy.insutype).toContain('390');
    expect(doc.data.settings.some((s: { source: string }) => /resident\.yaml:\d+/.test(s.source))).toBe(true);
    const bad = await run(['policy', 'show', '--on', '23/11/2026']);
    expect(bad.code).toBe(2);
  });
});
