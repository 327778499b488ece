/**
 * hisops profile draft under --lang zh-CN: the drafted profile's comments, TODOs and unsupported
 * reasons and the lines around it are Chinese (no English sentence), for the vendor-style HIS and
 * a HIS missing most tables; the SQL is the same as the English draft's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { memoryIo } from '../../src/cli/io.js';
import { connect } from '../../src/core/db/index.js';
import { englishSentences } from '../helpers/englishSentence.js';

const env = { HISOPS_FIXMEDINS_CODE: 'H43010000001' };
const sqlOf = (t: string) =>
  t
    .split('\n')
    .filter((l) => !/^\s*#/.test(l) && !/unsupported:/.test(l))
    .join('\n');

async function draft(cwd: string, url: string, lang: string, out: string[] = []) {
  const io = memoryIo({ cwd, env });
  const code = await main(['profile', 'draft', '--his', url, '--date', '2025-03-03', '--lang', lang, ...out], io);
  return { code, out: io.out(), err: io.err() };
}

describe('hisops profile draft --lang zh-CN', () => {
  it('drafts the vendor-style HIS with Chinese comments and the same SQL', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-draft-zh-'));
    const io = memoryIo({ cwd, env });
    expect(
      await main(
        ['demo', 'seed', '--his-schema', 'vendor', '--days', '2', '--no-center', '--out', 'vendor', '--json'],
        io,
      ),
      io.err(),
    ).toBe(0);
    const url = `sqlite:${path.join(cwd, 'vendor', 'his.db')}`;
    const zh = await draft(cwd, url, 'zh-CN');
    expect(zh.code, zh.err).toBe(0);
    expect(zh.out).toContain('# 找到的表：');
    expect(zh.out).toMatch(/# 可信度：高 — YB_JSXX\n {2}settlements_in_period:/);
    expect(englishSentences(zh.out + zh.err)).toEqual([]);
    await draft(cwd, url, 'zh-CN', ['-o', 'zh.yaml']);
    await draft(cwd, url, 'en', ['-o', 'en.yaml']);
    const read = (f: string) => fs.readFileSync(path.join(cwd, f), 'utf8');
    expect(read('zh.yaml')).not.toBe(read('en.yaml'));
    expect(sqlOf(read('zh.yaml'))).toBe(sqlOf(read('en.yaml')));
  }, 60_000);

  it('says in Chinese what it could not find (TODOs, unsupported statements)', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-draft-zh-thin-'));
    const db = await connect(`sqlite:${path.join(cwd, 'thin.db')}`, { create: true });
    await db.knex.raw(`CREATE TABLE SF_JS (JSID varchar(30), -- 结算ID
  YLFZE numeric(12,2), -- 医疗费总额
  JSSJ datetime, -- 结算时间
  BWID varchar(30), -- 报文ID
  ZT varchar(2) -- 状态
)`);
    await db.close();
    const r = await draft(cwd, `sqlite:${path.join(cwd, 'thin.db')}`, 'zh-CN');
    expect(r.code).toBe(3);
    expect(r.out).toContain('unsupported: 没有找到发药、追溯码、目录对照的表');
    expect(r.out).toContain('TODO acct_pay：在 SF_JS 中没有找到对应的列');
    expect(englishSentences(r.out + r.err)).toEqual([]);
  }, 30_000);
});
