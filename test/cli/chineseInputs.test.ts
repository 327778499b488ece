/**
 * Under --lang zh-CN the problems of a user's own files read in Chinese (issue #17): a bad policy
 * file, a catalog file with bad rows, a bad HIS profile, and `settle calc --explain --lines`.
 * Each run fails on an English sentence left in the output (field names, codes and paths excepted).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { memoryIo } from '../../src/cli/io.js';
import { englishSentences } from '../helpers/englishSentence.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function hisops(argv: string[], cwd: string): Promise<Run> {
  const io = memoryIo({ cwd, env: {} });
  const code = await main([...argv, '--lang', 'zh-CN'], io);
  return { code, out: io.out(), err: io.err() };
}

function expectChinese(r: Run, what: string): void {
  const text = `${r.out}\n${r.err}`;
  expect(text, what).toMatch(/[\u4e00-\u9fff]/);
  expect(englishSentences(text), `${what}\n${text}`).toEqual([]);
}

const bill = path.resolve(__dirname, '../../templates/demo/bill-employee-inpatient.json');

describe('the problems of input files under --lang zh-CN', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-zh-inputs-'));
  });
  afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

  it('a policy file with many problems', async () => {
    fs.writeFileSync(
      path.join(cwd, 'bad-policy.yaml'),
      'name: x\nversion: 1\ninsutype: [31]\neffective: {from: 2024-13-01}\nlevels: [a, a]\nitems:\n  b_class:\n    default_selfpay_prop: 85%\ninpatient:\n  deductible: abc\nbogus: 1\n',
    );
    const r = await hisops(['settle', 'calc', bill, '--policy', 'bad-policy.yaml'], cwd);
    expect(r.code).toBe(2);
    expect(r.err).toContain('校验不通过');
    expect(r.err).toContain('不是险种代码');
    expectChinese(r, 'bad policy');
  });

  it('a bill file with bad lines', async () => {
    const good = JSON.parse(fs.readFileSync(bill, 'utf8')) as { lines: Array<Record<string, unknown>> };
    good.lines[0]!.cnt = '-2';
    good.lines[1]!.chrgitm_lv = '09';
    good.lines[2]!.pric = 'abc';
    fs.writeFileSync(path.join(cwd, 'bad-bill.json'), JSON.stringify(good, null, 2));
    const r = await hisops(['settle', 'calc', 'bad-bill.json'], cwd);
    expect(r.code).toBe(2);
    expect(r.err).toContain('费用单');
    expectChinese(r, 'bad bill');
  });

  it('a catalog file with bad rows', async () => {
    fs.writeFileSync(
      path.join(cwd, 'bad-catalog.csv'),
      'med_list_codg,begndate,enddate\nXA01,2024-13-01,\n,2024-01-01,\n',
    );
    const r = await hisops(['catalog', 'import', 'bad-catalog.csv', '--kind', 'drugs', '--db', 'sqlite:cat.db'], cwd);
    expect(r.code).toBe(2);
    expect(r.out + r.err).toContain('不是日期');
    expectChinese(r, 'catalog import with bad rows');
  });

  it('a mapping file with rejected rows', async () => {
    fs.writeFileSync(
      path.join(cwd, 'bad-mappings.csv'),
      '院内编码,项目名称,目录类别,医保编码,开始日期,结束日期\nA 1,x,999,,2024-13-01,\n',
    );
    const r = await hisops(['mapping', 'import', 'bad-mappings.csv', '--db', 'sqlite:cat.db'], cwd);
    expect(r.out + r.err).toContain('不是日期');
    expectChinese(r, 'mapping import with rejected rows');
  });

  it('a HIS profile with bad statements', async () => {
    fs.writeFileSync(
      path.join(cwd, 'broken.yaml'),
      'statment: 1\nstatements:\n  no_such_statement:\n    sql: select 1\n  settlement_by_setl_id:\n    sqll: select ?\n',
    );
    fs.writeFileSync(
      path.join(cwd, 'hisops.yaml'),
      'institutions:\n  - name: a\n    fixmedins_code: H43010000001\n    his:\n      url: sqlite:his.db\n      profile: broken.yaml\n',
    );
    const r = await hisops(['profile', 'check'], cwd);
    expect(r.code).not.toBe(0);
    expect(r.out + r.err).toContain('未知的语句');
    expectChinese(r, 'bad profile');
  });

  it('settle calc --explain --lines: the fee-line rules too', async () => {
    const r = await hisops(['settle', 'calc', bill, '--explain', '--lines'], cwd);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('全自费');
    expect(r.out).toContain('乙类先行自付');
    expectChinese(r, 'settle calc --explain --lines');
  });
});
