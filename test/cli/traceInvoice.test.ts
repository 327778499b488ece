/**
 * `hisops trace import-invoice` on the demo's supplier file: `hisops demo seed` books three supplier
 * invoices as stock-in without codes and writes supplier-codes.csv (GBK) with three planted
 * problems; the import finds exactly those, writes the rest with --apply, and writes nothing the
 * second time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { memoryIo } from '../../src/cli/io.js';
import { connect } from '../../src/core/db/index.js';
import type { SeedManifest } from '../../src/core/demo/manifest.js';

let cwd: string;
let manifest: SeedManifest;

async function hisops(argv: string[]) {
  const io = memoryIo({ cwd, env: { CI: 'true' } });
  const code = await main(argv, io);
  return {
    code,
    out: io.out(),
    err: io.err(),
    json: () => JSON.parse(io.out()) as { ok: boolean; runId: string; data: any; findings?: any; error?: any },
  };
}

beforeAll(async () => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-invoice-cli-'));
  const seeded = await hisops(['demo', 'seed', '--out', '.', '--no-center', '--days', '3', '--json']);
  expect(seeded.code).toBe(0);
  manifest = JSON.parse(fs.readFileSync(path.join(cwd, 'seed.json'), 'utf8')) as SeedManifest;
  fs.writeFileSync(
    path.join(cwd, 'hisops.yaml'),
    `journal:
  url: sqlite:journal.db
institutions:
  - name: main
    fixmedins_code: ${manifest.institution.fixmedins_code}
    fixmedins_name: 示例医院
    his:
      url: sqlite:his.db
`,
  );
}, 120_000);

afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

describe('hisops trace import-invoice', () => {
  it('finds exactly the planted problems of the demo supplier file, with file:line, and exits 3 without writing', async () => {
    const planted = manifest.anomalies.filter((a) => a.job === 'invoice');
    expect(planted.map((a) => a.kind).sort()).toEqual([
      'invoice_code_missing',
      'invoice_code_on_two_invoices',
      'invoice_code_other_drug',
    ]);
    const r = await hisops(['trace', 'import-invoice', 'supplier-codes.csv', '--json']);
    expect(r.code).toBe(3);
    const doc = r.json();
    const findings = doc.data.findings as Array<{
      kind: string;
      file: string;
      line: number;
      invc_no: string;
      drug_trac_codg: string | null;
      stock_id: string | null;
    }>;
    const twice = planted.find((a) => a.kind === 'invoice_code_on_two_invoices')!;
    const other = planted.find((a) => a.kind === 'invoice_code_other_drug')!;
    const missing = planted.find((a) => a.kind === 'invoice_code_missing')!;
    const got = findings.map((f) => `${f.kind}|${f.invc_no}|${f.drug_trac_codg ?? f.stock_id}`).sort();
    const want = [
      ...(twice.keys.invc_no as string[]).map((inv) => `code_on_two_invoices|${inv}|${twice.keys.drug_trac_codg}`),
      `code_other_drug|${other.keys.invc_no}|${other.keys.drug_trac_codg}`,
      `codes_short|${missing.keys.invc_no}|${missing.keys.stock_id}`,
    ].sort();
    expect(got).toEqual(want);
    for (const f of findings) {
      expect(f.file).toBe('supplier-codes.csv');
      expect(f.line).toBeGreaterThan(1);
    }
    expect(doc.findings).toMatchObject({ count: 4 });
    expect(doc.data.written).toBe(0);
    const db = await connect(`sqlite:${path.join(cwd, 'his.db')}`);
    try {
      const ids = (doc.data.lines as Array<{ stock_id: string }>).map((l) => l.stock_id);
      expect(ids).toHaveLength(4);
      expect(await db.knex('his_stock_trac').whereIn('stock_id', ids).count({ n: '*' })).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
  });

  it('--apply writes every other code into its stock-in record; a second run writes nothing and finds the same', async () => {
    const r = await hisops(['trace', 'import-invoice', '.', '--apply', '--json']);
    expect(r.code).toBe(3);
    const doc = r.json();
    // 28 codes listed: two copies of the code on two invoices and the code of another drug are held back.
    expect(doc.data.rows).toBe(28);
    expect(doc.data.written).toBe(25);
    const db = await connect(`sqlite:${path.join(cwd, 'his.db')}`);
    try {
      const rows = (await db
        .knex('his_stock_trac')
        .whereIn(
          'stock_id',
          (doc.data.lines as Array<{ stock_id: string }>).map((l) => l.stock_id),
        )
        .orderBy(['stock_id', 'trac_seq'])) as Array<{ stock_id: string; trac_seq: number; drug_trac_codg: string }>;
      expect(rows).toHaveLength(25);
      const held = [
        manifest.anomalies.find((a) => a.kind === 'invoice_code_other_drug')!.keys.drug_trac_codg,
        manifest.anomalies.find((a) => a.kind === 'invoice_code_on_two_invoices')!.keys.drug_trac_codg,
      ];
      expect(rows.filter((x) => held.includes(x.drug_trac_codg))).toEqual([]);
    } finally {
      await db.close();
    }
    // The journal says which run wrote each code, from which line of which file.
    const journal = await connect(`sqlite:${path.join(cwd, 'journal.db')}`);
    try {
      const logged = (await journal
        .knex('hisops_trace_invoice_codes')
        .select('drug_trac_codg', 'file', 'line', 'run_id')) as Array<{
        drug_trac_codg: string;
        file: string;
        line: number;
        run_id: string;
      }>;
      expect(logged).toHaveLength(25);
      expect(new Set(logged.map((l) => l.run_id))).toEqual(new Set([doc.runId]));
      expect(logged.every((l) => l.file === 'supplier-codes.csv' && l.line > 1)).toBe(true);
    } finally {
      await journal.close();
    }
    const again = await hisops(['trace', 'import-invoice', 'supplier-codes.csv', '--apply', '--json']);
    expect(again.code).toBe(3);
    expect(again.json().data).toMatchObject({ written: 0, already: 25 });
    expect(again.json().data.findings).toHaveLength(4);
    // The codes written are the stock-in's now: trace check of that day finds nothing wrong.
    const day = manifest.anomalies.find((a) => a.job === 'invoice')!.day!;
    const check = await hisops(['trace', 'check', '--from', day, '--to', day, '--kind', 'stock-in', '--json']);
    expect(check.json().data).toMatchObject({ records: 4, codes: 25 });
    expect(check.code).toBe(0);
  });

  it('speaks Chinese under --lang zh-CN, and refuses a list without a code column', async () => {
    const r = await hisops(['trace', 'import-invoice', 'supplier-codes.csv', '--lang', 'zh-CN']);
    expect(r.code).toBe(3);
    expect(r.out).toContain('一码两票');
    expect(r.out).toContain('缺少追溯码');
    expect(r.out).toContain('处理办法');
    fs.writeFileSync(path.join(cwd, 'bad.csv'), '发票号,药品编码\nFP1,YP1\n');
    const bad = await hisops(['trace', 'import-invoice', 'bad.csv', '--lang', 'zh-CN']);
    expect(bad.code).toBe(2);
    expect(bad.err + bad.out).toContain('表头中没有追溯码列');
  });

  it('refuses an xlsx that is not one (alone or in a folder) instead of reading it as an empty list', async () => {
    fs.mkdirSync(path.join(cwd, 'lists'), { recursive: true });
    fs.copyFileSync(path.join(cwd, 'supplier-codes.csv'), path.join(cwd, 'lists', 'a.csv'));
    fs.writeFileSync(path.join(cwd, 'lists', 'broken.xlsx'), 'not a zip at all');
    const alone = await hisops(['trace', 'import-invoice', 'lists/broken.xlsx', '--json']);
    expect(alone.code).toBe(2);
    expect(alone.json().error).toMatchObject({ code: 'TRACE_INVOICE_FILE' });
    expect(alone.json().error.summary).toContain('broken.xlsx');
    const folder = await hisops(['trace', 'import-invoice', 'lists', '--apply']);
    expect(folder.code).toBe(2);
    expect(folder.err).toContain('broken.xlsx');
    fs.rmSync(path.join(cwd, 'lists'), { recursive: true });
  });

  it('says a list without codes holds none, rather than that the HIS has them all', async () => {
    fs.writeFileSync(path.join(cwd, 'empty.csv'), '发票号,追溯码\n');
    const r = await hisops(['trace', 'import-invoice', 'empty.csv']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('hold no codes');
    expect(r.out).not.toContain('already in the HIS.');
  });
});
