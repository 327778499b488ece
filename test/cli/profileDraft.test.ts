/**
 * hisops profile draft on live schemas: the vendor-style HIS (pinyin names, Chinese comments,
 * digit codes, a hospital code) and the reference HIS give a profile with nothing left to decide
 * whose every read statement runs; a HIS without most tables gives `unsupported` statements and
 * TODOs (exit 3); an existing file is not overwritten unasked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { memoryIo } from '../../src/cli/io.js';
import { connect } from '../../src/core/db/index.js';
import { loadProfile, probeProfile } from '../../src/core/his/index.js';

const env = { HISOPS_FIXMEDINS_CODE: 'H43010000001' };

async function seeded(cwd: string, shape: string): Promise<string> {
  const io = memoryIo({ cwd, env });
  expect(
    await main(['demo', 'seed', '--his-schema', shape, '--days', '2', '--no-center', '--out', shape, '--json'], io),
    io.err(),
  ).toBe(0);
  return `sqlite:${path.join(cwd, shape, 'his.db')}`;
}

describe('hisops profile draft', () => {
  it('drafts a complete profile of the vendor-style and the reference HIS, written with -o and not overwritten unasked', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-draft-'));
    for (const shape of ['vendor', 'reference']) {
      const url = await seeded(cwd, shape);
      const io = memoryIo({ cwd, env });
      const code = await main(
        ['profile', 'draft', '--his', url, '-o', `${shape}.yaml`, '--date', '2025-03-03', '--json'],
        io,
      );
      const doc = JSON.parse(io.out());
      expect(doc.data.check).toMatchObject({ date: '2025-03-03', errors: 0, problems: [] });
      expect(doc.data.todos).toBe(0);
      expect(code).toBe(0);
      const roles = Object.fromEntries(doc.data.tables.map((t: { role: string; table: string }) => [t.role, t.table]));
      if (shape === 'vendor') {
        expect(roles).toMatchObject({
          settlement: 'YB_JSXX',
          fee: 'YB_JSMX',
          log: 'YB_JYRZ',
          mapping: 'YB_MLDZ',
          dispense_trace: 'YP_ZSM',
          stock_trace: 'YP_ZSM',
        });
        const text = fs.readFileSync(path.join(cwd, 'vendor.yaml'), 'utf8');
        expect(text).toContain("CASE s.JSZT WHEN '0' THEN 'pending'");
        expect(text).toContain('s.YYBM = :fixmedins_code');
        expect(text).toContain("t.YWLX = '2'");
        expect(text).toMatch(/# confidence: high — YB_JSXX\n {2}settlements_in_period:/);
      } else
        expect(roles).toMatchObject({
          settlement: 'his_settlement',
          log: 'his_center_log',
          dispense_trace: 'his_dispense_trac',
        });
      const db = await connect(url);
      try {
        const profile = await loadProfile(path.join(cwd, `${shape}.yaml`), {
          binds: { fixmedins_code: 'H43010000001' },
        });
        expect((await probeProfile(db, profile)).filter((p) => !p.ok)).toEqual([]);
      } finally {
        await db.close();
      }
    }
    const again = memoryIo({ cwd, env });
    expect(
      await main(
        ['profile', 'draft', '--his', `sqlite:${path.join(cwd, 'vendor', 'his.db')}`, '-o', 'vendor.yaml'],
        again,
      ),
    ).toBe(2);
    expect(again.err()).toContain('PROFILE_DRAFT_EXISTS');
  }, 60_000);

  it('says what it could not find: unsupported statements and TODOs, exit 3', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-draft-thin-'));
    const db = await connect(`sqlite:${path.join(cwd, 'thin.db')}`, { create: true });
    await db.knex.raw(`CREATE TABLE SF_JS (JSID varchar(30), -- 结算ID
  YLFZE numeric(12,2), -- 医疗费总额
  JJZFZE numeric(12,2), -- 基金支付总额
  JSSJ datetime, -- 结算时间
  BWID varchar(30), -- 报文ID
  ZT varchar(2) -- 状态
)`);
    await db.close();
    const io = memoryIo({ cwd, env });
    expect(
      await main(['profile', 'draft', '--his', `sqlite:${path.join(cwd, 'thin.db')}`, '--json'], io),
      io.out(),
    ).toBe(3);
    const doc = JSON.parse(io.out());
    expect(doc.findings.summary).toMatch(/TODO/);
    expect(doc.data.unsupported).toContain('dispensing_for_upload');
    expect(doc.data.profile).toContain('unsupported: no table found for dispensing');
    expect(doc.data.profile).toContain('NULL AS acct_pay');
    expect(doc.data.tables.find((t: { role: string }) => t.role === 'settlement').table).toBe('SF_JS');
  }, 30_000);
});
