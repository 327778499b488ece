/**
 * --json is honest on every failure path: stdout is exactly one JSON document, `ok` is true only
 * on exit 0, a failure carries `error` with a catalogued code, a summary and a fix, findings
 * (exit 3) carry `findings`. Missing configuration, bad input files, an unreachable center and
 * HIS, a malformed center URL and bad option values, each through main() as a script would run it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { ERROR_CODES, exitsOf } from '../../src/core/errorCodes.js';
import { main } from '../../src/main.js';

let dir: string;
let deadPort: number;

/** A port nobody listens on: bound, then released. */
async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((res) => srv.listen(0, '127.0.0.1', res));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((res) => srv.close(() => res()));
  return port;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-honest-'));
  deadPort = await freePort();
  // A small seeded HIS (2025-03-03 …), so that reconcile has settlements to ask the center about.
  const seeded = memoryIo({ cwd: dir, env: {} });
  expect(await main(['demo', 'seed', '--out', '.', '--no-center', '--json'], seeded), seeded.err()).toBe(0);
  fs.writeFileSync(
    path.join(dir, 'hisops.yaml'),
    [
      'journal:',
      '  url: sqlite:journal.db',
      'institutions:',
      '  - name: main',
      '    fixmedins_code: H43010000001',
      '    his:',
      '      url: sqlite:his.db',
      '    center:',
      `      url: http://127.0.0.1:${deadPort}`,
      '      timeoutMs: 2000',
      'trace:',
      '  retries: 1',
      '  backoffMs: 10',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(dir, 'empty.csv'), '');
  fs.mkdirSync(path.join(dir, 'broken'));
  fs.writeFileSync(path.join(dir, 'broken', 'hisops.yaml'), 'institutions:\n  - name: main\n   his: [\n');
});

interface Case {
  name: string;
  argv: string[];
  exit: number;
  code?: string;
  cwd?: string;
  env?: Record<string, string>;
}

const cases = (): Case[] => [
  {
    name: 'doctor, configuration file missing',
    argv: ['doctor', '--config', 'nothere.yaml'],
    exit: 2,
    code: 'CONFIG_MISSING',
  },
  { name: 'doctor, center down', argv: ['doctor'], exit: 5, code: 'CENTER_UNREACHABLE' },
  {
    name: 'doctor, malformed center URL',
    argv: ['doctor'],
    env: { HISOPS_CENTER_URL: 'htp//center' },
    exit: 2,
    code: 'CENTER_CONFIG',
  },
  { name: 'config show, YAML syntax error', argv: ['config', 'show'], cwd: 'broken', exit: 2, code: 'CONFIG_INVALID' },
  { name: 'catalog import, empty file', argv: ['catalog', 'import', 'empty.csv'], exit: 2, code: 'FILE_EMPTY' },
  {
    name: 'catalog import, missing file',
    argv: ['catalog', 'import', 'nothere.csv'],
    exit: 2,
    code: 'FILE_UNREADABLE',
  },
  { name: 'mapping import, missing file', argv: ['mapping', 'import', 'nothere.csv'], exit: 2 },
  { name: 'mapping import, empty file', argv: ['mapping', 'import', 'empty.csv'], exit: 2 },
  {
    name: 'mapping check, bad --within',
    argv: ['mapping', 'check', '--within', 'soon'],
    exit: 2,
    code: 'MAPPING_WITHIN',
  },
  {
    name: 'catalog download, center down',
    argv: ['catalog', 'download', '--kind', '1306'],
    exit: 5,
    code: 'CENTER_UNREACHABLE',
  },
  {
    name: 'trace upload, center down',
    argv: ['trace', 'upload', '--apply', '--from', '2025-03-03', '--to', '2025-03-03'],
    exit: 5,
    code: 'TRACE_UPLOAD_INCOMPLETE',
  },
  {
    name: 'settle stuck, malformed center URL',
    argv: ['settle', 'stuck', '--older-than', '0'],
    env: { HISOPS_CENTER_URL: 'http//center' },
    exit: 2,
    code: 'CENTER_CONFIG',
  },
  {
    name: 'reconcile, malformed center URL',
    argv: ['reconcile', '--date', '2025-03-03'],
    env: { HISOPS_CENTER_URL: 'ftp://center' },
    exit: 2,
    code: 'CENTER_CONFIG',
  },
  { name: 'reconcile, center down', argv: ['reconcile', '--date', '2025-03-03'], exit: 5, code: 'CENTER_UNREACHABLE' },
  { name: 'reconcile, bad date', argv: ['reconcile', '--date', 'bogus'], exit: 2, code: 'RECONCILE_DATE' },
  {
    name: 'reconcile, HIS unreachable',
    argv: ['reconcile', '--date', '2025-03-03', '--db', `postgres://u@127.0.0.1:${0}/his`],
    exit: 5,
  },
  {
    name: 'settle stuck, bad duration',
    argv: ['settle', 'stuck', '--older-than', 'soon'],
    exit: 2,
    code: 'STUCK_DURATION',
  },
  { name: 'settle calc, missing bill', argv: ['settle', 'calc', 'nothere.json'], exit: 2, code: 'BILL_UNREADABLE' },
  { name: 'policy check, missing file', argv: ['policy', 'check', 'nothere.yaml'], exit: 2 },
  { name: 'trace check, bad date', argv: ['trace', 'check', '--from', 'bogus', '--to', '2025-03-03'], exit: 2 },
  {
    name: 'schema snapshot, database unreachable',
    argv: ['schema', 'snapshot', 'postgres://u@127.0.0.1:PORT/his'],
    exit: 5,
    code: 'DB_UNREACHABLE',
  },
  {
    name: 'demo seed, unknown size',
    argv: ['demo', 'seed', '--size', 'bogus', '--out', 'seed'],
    exit: 2,
    code: 'USAGE',
  },
  { name: 'unknown command', argv: ['reconcil'], exit: 2, code: 'USAGE' },
  { name: 'center serve, bad port', argv: ['center', 'serve', '--port', 'abc'], exit: 2 },
];

describe('--json on failure paths', () => {
  it.each(cases().map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const argv = [...c.argv.map((a) => a.replace(':PORT', `:${deadPort}`).replace(':0/', `:${deadPort}/`)), '--json'];
    const io = memoryIo({ cwd: c.cwd ? path.join(dir, c.cwd) : dir, env: c.env ?? {} });
    const exit = await main(argv, io);
    const out = io.out();
    let doc: Record<string, any>;
    try {
      doc = JSON.parse(out);
    } catch {
      throw new Error(`stdout is not one JSON document (exit ${exit}):\n${out}\nstderr:\n${io.err()}`);
    }
    expect({ exit, code: doc.error?.code }, JSON.stringify(doc, null, 2).slice(0, 1500)).toMatchObject({
      exit: c.exit,
      ...(c.code ? { code: c.code } : {}),
    });
    expect(doc.ok).toBe(exit === 0);
    if (exit === 3) expect(doc.findings?.summary).toBeTruthy();
    else if (exit !== 0) {
      expect(doc.error).toMatchObject({
        code: expect.any(String),
        summary: expect.any(String),
        fix: expect.any(String),
      });
      expect(doc.error.code in ERROR_CODES, `${doc.error.code} is in the catalogue`).toBe(true);
      expect(exitsOf(doc.error.code)).toContain(exit);
    }
  });
});

describe('the binary ends on failure paths (cron must not hang)', () => {
  const bin = path.resolve(__dirname, '../../bin/hisops.js');
  const runBin = (argv: string[], env: Record<string, string>) =>
    new Promise<{ code: number | null; signal: string | null; out: string }>((res) => {
      execFile(
        process.execPath,
        [bin, ...argv, '--json'],
        { cwd: dir, env: { ...process.env, ...env }, timeout: 30_000 },
        (err, stdout) => {
          const e = err as (Error & { code?: number; signal?: string }) | null;
          res({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, signal: e?.signal ?? null, out: stdout });
        },
      );
    });

  it.each([
    ['settle stuck', ['settle', 'stuck', '--older-than', '0']],
    ['trace upload', ['trace', 'upload', '--apply', '--from', '2025-03-03', '--to', '2025-03-03']],
    ['catalog download', ['catalog', 'download', '--kind', '1306']],
  ])('%s with a malformed center URL exits 2 and does not hang', async (_n, argv) => {
    const r = await runBin(argv, { HISOPS_CENTER_URL: 'htp//center' });
    expect(r.signal, 'killed by the 30 s timeout: something kept the process alive').toBeNull();
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: { code: 'CENTER_CONFIG' } });
  });
});
