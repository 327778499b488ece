/**
 * `hisops trace …` in-process: a seeded reference HIS in a temporary folder, the sandbox center on
 * a free port, hisops.yaml pointing at both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/cli/app.js';
import { memoryIo } from '../../src/cli/io.js';
import { registerTrace } from '../../src/commands/trace.js';
import { buildProgram, main } from '../../src/main.js';
import { newRunId } from '../../src/core/journal/journal.js';
import { connect } from '../../src/core/db/index.js';
import { startSandbox, type Sandbox } from '../../src/core/center/sandbox/index.js';
import type { SeedManifest } from '../../src/core/demo/manifest.js';
import { CODE, seededHisFile, tmpDir } from '../integration/trace/helpers.js';

let dir: string;
let sb: Sandbox;
let manifest: SeedManifest;

/** main() once the group is registered there; until then the same frame with the trace group alone. */
async function hisops(argv: string[], opts: { tty?: boolean } = {}) {
  const io = memoryIo({ cwd: dir, env: { CI: 'true' }, tty: opts.tty });
  const registered = (await buildProgram(memoryIo(), [])).program.commands.some((c) => c.name() === 'trace');
  let code: number;
  if (registered) code = await main(argv, io);
  else {
    const app = createApp(io, 'en', argv, newRunId);
    const program = new Command('hisops')
      .option('--config <file>')
      .option('--json')
      .option('--no-color')
      .option('-q, --quiet')
      .option('-v, --verbose')
      .option('-y, --yes')
      .option('--lang <lang>')
      .option('--institution <name>')
      .exitOverride();
    program.configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
    registerTrace(program, app);
    try {
      await program.parseAsync(argv, { from: 'user' });
      code = app.exitCode;
    } catch (e) {
      if (!(e instanceof CommanderError)) throw e;
      code = e.code === 'commander.helpDisplayed' ? 0 : 2;
    }
  }
  const out = io.out();
  return {
    code,
    out,
    err: io.err(),
    json: () => JSON.parse(out) as { ok: boolean; data: any; error?: any; findings?: any },
  };
}

beforeAll(async () => {
  dir = tmpDir('cli');
  manifest = (await seededHisFile(dir)).manifest;
  sb = await startSandbox({ lenientVisits: true, dataFile: ':memory:' });
  fs.writeFileSync(
    path.join(dir, 'hisops.yaml'),
    `journal:
  url: sqlite:journal.db
institutions:
  - name: main
    fixmedins_code: ${CODE}
    fixmedins_name: 示例医院
    his:
      url: sqlite:his.db
    center:
      url: ${sb.url}
      timeoutMs: 5000
trace:
  concurrency: 4
  rate: 0
  backoffMs: 20
  batchSize: 40
`,
  );
});

afterAll(async () => {
  await sb?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const window = () => ['--from', manifest.startDate, '--to', manifest.endDate];

describe('hisops trace', () => {
  it('check: lists every planted finding with its fix and exits 3', async () => {
    const r = await hisops(['trace', 'check', ...window()]);
    expect(r.code).toBe(3);
    for (const k of ['bad_length', 'bad_chars', 'duplicate_in_record', 'sold_again', 'return_never_sold', 'no_mapping'])
      expect(r.out).toContain(k);
    expect(r.out).toContain('What to do');
    expect(r.out).toMatch(/6 finding\(s\) in 6 record\(s\)/);
    const j = await hisops(['trace', 'check', ...window(), '--json']);
    expect(j.code).toBe(3);
    const doc = j.json();
    expect(doc.ok).toBe(false);
    expect(doc.findings).toMatchObject({ count: 6 });
    expect(doc.data.findings).toHaveLength(6);
    expect(doc.data.findings[0]).toHaveProperty('fix');
    expect(sb.stats().requests).toBe(0);
  });

  it('check: a day with no records is said plainly and exits 0', async () => {
    const r = await hisops(['trace', 'check', '--from', '2024-01-01', '--to', '2024-01-01']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('No dispensing or stock records from 2024-01-01 to 2024-01-01');
  });

  it('upload: a day with no records is said plainly, exits 0 and sends nothing', async () => {
    const r = await hisops(['trace', 'upload', '--from', '2024-01-01', '--to', '2024-01-01', '--apply']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('No dispensing or stock records from 2024-01-01 to 2024-01-01: nothing to upload.');
    expect(sb.stats().requests).toBe(0);
  });

  it('check <file>: codes from a scanner dump, and a clean file', async () => {
    fs.writeFileSync(path.join(dir, 'scan.txt'), '83025403161264649612\n83025403161264649612\n8302540316AB64649612\n');
    const r = await hisops(['trace', 'check', 'scan.txt']);
    expect(r.code).toBe(3);
    expect(r.out).toContain('duplicate_in_batch');
    expect(r.out).toContain('bad_chars');
    const j = (await hisops(['trace', 'check', 'scan.txt', '--json'])).json();
    expect(
      j.data.findings.map((f: { kind: string; line: number; message: string }) => [f.kind, f.line, f.message]),
    ).toEqual([
      ['duplicate_in_batch', 2, '83025403161264649612 is on line 1 and again on line 2'],
      ['bad_chars', 3, 'not all digits: letters AB at position 11, 12 (20 characters)'],
    ]);
    fs.writeFileSync(path.join(dir, 'ok.txt'), '83025403161264649612\n');
    const ok = await hisops(['trace', 'check', 'ok.txt']);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('All 1 records pass every check.');
  });

  it('refuses bad input with exit 2 and the fix', async () => {
    const kind = await hisops(['trace', 'upload', '--kind', 'sales']);
    expect(kind.code).toBe(2);
    expect(kind.err).toMatch(/--kind sales is not a kind of record/);
    const date = await hisops(['trace', 'check', '--from', '2025-02-30']);
    expect(date.code).toBe(2);
    expect(date.err).toMatch(/not a date/);
    const rate = await hisops(['trace', 'upload', '--rate', 'lots', '--json']);
    expect(rate.code).toBe(2);
    expect(rate.json().error.code).toBe('TRACE_SETTING');
    const both = await hisops(['trace', 'check', 'scan.txt', '--from', '2025-03-03']);
    expect(both.code).toBe(2);
    const missing = await hisops(['trace', 'check', 'nope.csv']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.csv');
  });

  it('upload without --apply shows the plan and sends nothing, and writes nothing: no table in the HIS or the journal', async () => {
    const objects = async (file: string) => {
      if (!fs.existsSync(path.join(dir, file))) return [];
      const db = await connect(`sqlite:${path.join(dir, file)}`);
      try {
        return (
          (await db.knex.raw(`SELECT type, name FROM sqlite_master ORDER BY name`)) as Array<{
            type: string;
            name: string;
          }>
        ).map((o) => `${o.type} ${o.name}`);
      } finally {
        await db.close();
      }
    };
    const his = await objects('his.db');
    const journal = await objects('journal.db');
    const r = await hisops(['trace', 'upload', ...window()]);
    expect(r.code).toBe(3); // the planted findings
    expect(r.out).toContain('Would send:');
    expect(r.out).toContain('3505A');
    expect(r.out).toContain('Dry run');
    expect(sb.stats().requests).toBe(0);
    expect(await objects('his.db')).toEqual(his);
    expect(await objects('journal.db')).toEqual(journal);
  });

  it('upload --apply sends, prints the summary table, and status and retry report on it', async () => {
    const r = await hisops(['trace', 'upload', ...window(), '--apply'], { tty: true });
    expect(r.code).toBe(3);
    // A progress bar per day on a terminal, on stderr.
    expect(r.err).toMatch(new RegExp(`${manifest.startDate} \\(1/3\\) \\d+/\\d+ records 100%`));
    expect(r.out).toMatch(/Uploaded: \d+ record\(s\) accepted \(\d+ codes\), 0 rejected, 0 to retry/);
    expect(r.out).toMatch(/run \d{8}-\d{6}-[0-9a-f]{6}/);
    expect(sb.ledger.countTraceCodes({ fixmedins_code: CODE })).toBeGreaterThan(2000);

    const again = await hisops(['trace', 'upload', ...window(), '--apply', '--json'], { tty: true });
    const doc = again.json();
    expect(doc.data.requests.sent).toBe(0);
    expect(again.err).not.toContain('%'); // never a progress bar with --json

    const st = await hisops(['trace', 'status']);
    expect(st.code).toBe(3); // held records need attention
    expect(st.out).toContain('sold_again 重复销售');
    const sj = (await hisops(['trace', 'status', ...window(), '--json'])).json();
    expect(sj.data.totals.held).toBe(6);
    expect(sj.data.totals.new).toBe(0);
    expect(sj.data.hisRead).toBe(true);

    const retry = await hisops(['trace', 'retry', '--apply']);
    expect(retry.code).toBe(0);
    expect(retry.out).toContain('No rejected records: nothing to retry.');
  });

  it('has help with examples for every subcommand', async () => {
    for (const sub of ['check', 'upload', 'status', 'retry']) {
      const r = await hisops(['trace', sub, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toContain('Examples:');
    }
  });
});
