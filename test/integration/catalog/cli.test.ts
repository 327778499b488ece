/**
 * The catalog and mapping commands in-process: dry runs and --apply, exit codes, the JSON
 * envelope, human tables in English and Chinese, and the center commands against the sandbox.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/cli/app.js';
import { memoryIo } from '../../../src/cli/io.js';
import { newRunId } from '../../../src/core/journal/index.js';
import { registerCatalog } from '../../../src/commands/catalog.js';
import { catalogVersions, startSandbox, type Sandbox } from '../../../src/core/center/sandbox/index.js';
import { KINDS, sampleCode } from '../../../src/core/catalog/index.js';
import { centerZip, csv, row, tmpDir, writeFile } from '../../fixtures/catalog/make.js';

const C = KINDS['1306'].columns;
let dir: string;
let sb: Sandbox;
const NOW = () => new Date('2025-03-15T02:00:00Z');

/** The frame main() builds, with only the catalog groups registered. */
async function hisops(argv: string[], env: Record<string, string> = {}) {
  const io = memoryIo({ cwd: dir, env: { HISOPS_CENTER_URL: sb.url, ...env }, now: NOW });
  const lang = argv.includes('zh-CN') ? 'zh-CN' : 'en';
  const app = createApp(io, lang, argv, newRunId);
  const program = new Command('hisops')
    .option('--config <file>')
    .option('--json')
    .option('--no-color')
    .option('-q, --quiet')
    .option('-v, --verbose')
    .option('-y, --yes')
    .option('--lang <lang>')
    .option('--institution <name>')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  registerCatalog(program, app);
  let code: number;
  try {
    await program.parseAsync(argv, { from: 'user' });
    code = app.exitCode;
  } catch (e) {
    code = (e as { code?: string }).code === 'commander.helpDisplayed' ? 0 : 2;
  }
  return { code, out: io.out(), err: io.err() };
}

beforeAll(async () => {
  dir = tmpDir('hisops-catalog-cli-');
  sb = await startSandbox({ lenientVisits: true, dataFile: path.join(dir, 'center.db') });
});
afterAll(async () => {
  await sb.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('hisops catalog / mapping', () => {
  it('catalog import: a dry run prints counts and samples and exits 0; --json is one document', async () => {
    await centerZip(
      dir,
      '1306.zip',
      Array.from({ length: 5 }, (_, n) => row('1306', n, {}, C)),
      'gbk',
    );
    const r = await hisops(['catalog', 'import', '1306.zip']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1306 medical consumables/);
    expect(r.out).toMatch(/Dry run: nothing was written/);
    const j = await hisops(['catalog', 'import', '1306.zip', '--json']);
    const doc = JSON.parse(j.out);
    expect(doc).toMatchObject({
      ok: true,
      command: 'catalog import',
      data: { applied: false, kinds: [{ kind: '1306', added: 5 }] },
    });
  });

  it('catalog import --apply writes; a bad file exits 2 listing file, line, column and fix', async () => {
    const a = await hisops(['catalog', 'import', '1306.zip', '--apply']);
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/Imported in one transaction/);
    await centerZip(dir, 'bad.zip', [row('1306', 9, { begndate: '2024-02-30' }, C)], 'gbk');
    const b = await hisops(['catalog', 'import', 'bad.zip', '--kind', '1306', '--apply']);
    expect(b.code).toBe(2);
    expect(b.out).toMatch(/bad\.zip!data\.txt:1/);
    expect(b.out).toMatch(/begndate \(col 47\)/);
    expect(b.out).toMatch(/Nothing was written/);
  });

  it('mapping import: rejected rows exit 2 with reasons; --skip-invalid writes the rest and exits 3', async () => {
    writeFile(
      dir,
      'map.csv',
      csv([
        ['院内编码', '项目名称', '目录类别', '医保编码', '开始日期', '结束日期'],
        ['H1', '注射器', '医用耗材', sampleCode('1306', 0), '2024-01-01', ''],
        ['H2', '纱布', '301', 'C0000000000000099999', '2024-01-01', ''],
      ]),
    );
    const a = await hisops(['mapping', 'import', 'map.csv']);
    expect(a.code).toBe(2);
    expect(a.out).toMatch(/UNKNOWN_NATIONAL_CODE/);
    const b = await hisops(['mapping', 'import', 'map.csv', '--apply', '--skip-invalid']);
    expect(b.code).toBe(3);
    expect(b.out).toMatch(/Written in one transaction/);
    expect(fs.existsSync(path.join(dir, 'map.csv.rejects.csv'))).toBe(true);
  });

  it('mapping lookup shows the code and the catalog of the day, in Chinese too', async () => {
    const r = await hisops(['mapping', 'lookup', 'H1', '--on', '2025-01-01']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(sampleCode('1306', 0));
    expect(r.out).toMatch(/valid/);
    const z = await hisops(['--lang', 'zh-CN', 'mapping', 'lookup', 'H1', '--on', '2023-01-01']);
    expect(z.out).toMatch(/没有有效对照/);
  });

  it('mapping check exits 3 when something needs attention, 0 when not', async () => {
    const ok = await hisops(['mapping', 'check', '--no-his', '--on', '2025-01-01', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).data.attention).toBe(false);
    writeFile(
      dir,
      'map2.csv',
      csv([
        ['fixmedins_hilist_id', 'fixmedins_hilist_name', 'list_type', 'med_list_codg', 'begndate', 'enddate'],
        ['H3', '导尿管', '301', sampleCode('1306', 1), '2024-01-01', '2025-01-10'],
      ]),
    );
    expect((await hisops(['mapping', 'import', 'map2.csv', '--apply'])).code).toBe(0);
    const soon = await hisops(['mapping', 'check', '--no-his', '--on', '2025-01-01']);
    expect(soon.code).toBe(3);
    expect(soon.out).toMatch(/ending within 30 days/);
    expect(soon.out).toMatch(/H3/);
  });

  it('mapping upload: dry run plans, --apply sends to the center and reports each verdict', async () => {
    const plan = await hisops(['mapping', 'upload']);
    expect(plan.code).toBe(0);
    expect(plan.out).toMatch(/2 row\(s\) to send/);
    const run = await hisops(['mapping', 'upload', '--apply', '--json']);
    const doc = JSON.parse(run.out);
    expect(run.code).toBe(0);
    expect(doc.data.counts).toMatchObject({ accepted: 2, rejected: 0 });
    const again = await hisops(['mapping', 'upload']);
    expect(again.out).toMatch(/Nothing to send/);
  });

  it("catalog download --apply pages through the sandbox's versions and imports them", async () => {
    const r = await hisops(['catalog', 'download', '--kind', '1302', '--apply', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.data.pages).toHaveLength(catalogVersions('1302').length);
    expect(doc.data.imported.kinds[0]).toMatchObject({ kind: '1302', added: 18 });
  });

  it('--help of each command ends with examples', async () => {
    for (const cmd of [
      ['catalog', 'import'],
      ['catalog', 'download'],
      ['mapping', 'import'],
      ['mapping', 'check'],
      ['mapping', 'lookup'],
      ['mapping', 'upload'],
    ]) {
      const r = await hisops([...cmd, '--help']);
      expect(r.out).toMatch(/Examples:\n\s+\$ hisops/);
    }
  });
});
