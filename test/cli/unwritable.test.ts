/**
 * Read-only folders and full disks under cron: the journal's .hisops/, a reconciliation report and
 * a reject file. Each exits 2 (cannot be written) or 5 (disk full) naming the path, never 1 "a bug",
 * and leaves no empty or partial file behind. The file systems are real tmpfs mounts (root ignores
 * file modes); where mounting is not permitted the mount cases say so and skip.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { startSandbox, type Sandbox } from '../../src/core/center/sandbox/index.js';
import { main } from '../../src/main.js';

let dir: string;
let sb: Sandbox;
const mounts: string[] = [];
let mountProblem: string | undefined;

function mount(target: string, opts: string): void {
  fs.mkdirSync(target, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', target], { stdio: 'pipe' });
  mounts.push(target);
}

/** Fill a small tmpfs to the last byte. */
function fill(target: string): void {
  const fd = fs.openSync(path.join(target, 'filler'), 'w');
  try {
    for (;;) fs.writeSync(fd, Buffer.alloc(4096));
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOSPC') throw e;
  } finally {
    fs.closeSync(fd);
  }
}

async function hisops(argv: string[], o: { cwd?: string; env?: Record<string, string> } = {}) {
  const io = memoryIo({ cwd: o.cwd ?? dir, env: { HISOPS_CENTER_URL: sb.url, ...o.env } });
  const code = await main([...argv, '--json'], io);
  return { code, doc: JSON.parse(io.out()), err: io.err() };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-unwritable-'));
  sb = await startSandbox({ lenientVisits: true });
  const seeded = memoryIo({ cwd: dir, env: {} });
  expect(await main(['demo', 'seed', '--out', '.', '--no-center', '--json'], seeded), seeded.err()).toBe(0);
  fs.writeFileSync(
    path.join(dir, 'hisops.yaml'),
    'journal:\n  url: sqlite:journal.db\ninstitutions:\n  - name: main\n    fixmedins_code: H43010000001\n    his:\n      url: sqlite:his.db\n',
  );
  fs.writeFileSync(path.join(dir, 'plain'), 'a file, not a folder');
  fs.writeFileSync(
    path.join(dir, 'map.csv'),
    '院内编码,项目名称,目录类别,医保编码,开始日期,结束日期\nH1,纱布,301,C0000000000000099999,2024-01-01,\n',
  );
  try {
    mount(path.join(dir, 'ro'), 'ro,size=64k');
    mount(path.join(dir, 'full'), 'size=64k');
    fill(path.join(dir, 'full'));
    fs.mkdirSync(path.join(dir, 'rohome'));
    fs.writeFileSync(
      path.join(dir, 'rohome', 'hisops.yaml'),
      'institutions:\n  - name: main\n    his:\n      url: sqlite:../his.db\n',
    );
    mount(path.join(dir, 'rohome', '.hisops'), 'ro,size=64k');
  } catch (e) {
    mountProblem = `mount -t tmpfs is not permitted here (${(e as Error).message.split('\n')[0]}); the read-only and disk-full cases are skipped`;
    console.warn(mountProblem);
  }
}, 120_000);

afterAll(async () => {
  // Every mount is released even when one is busy (then lazily), so that no test leaves one behind.
  for (const m of mounts.reverse()) {
    try {
      execFileSync('umount', [m], { stdio: 'pipe' });
    } catch {
      execFileSync('umount', ['-l', m], { stdio: 'pipe' });
    }
  }
  await sb.close();
});

describe('an unwritable journal folder', () => {
  it('a journal path under a file exits 2 naming the path', async () => {
    const r = await hisops(['mapping', 'import', 'map.csv'], {
      env: { HISOPS_JOURNAL_URL: 'sqlite:plain/journal.db' },
    });
    expect(r.code).toBe(2);
    expect(r.doc).toMatchObject({
      ok: false,
      error: { code: 'FILE_NOT_WRITABLE', details: { path: path.join(dir, 'plain', 'journal.db') } },
    });
    expect(r.doc.error.summary).toContain(path.join(dir, 'plain', 'journal.db'));
  });

  it('a read-only .hisops/ exits 2 naming the journal', async (t) => {
    if (mountProblem) t.skip();
    const r = await hisops(['mapping', 'import', '../map.csv'], { cwd: path.join(dir, 'rohome') });
    expect(r.code).toBe(2);
    expect(r.doc.error.summary).toContain(path.join(dir, 'rohome', '.hisops', 'journal.db'));
    expect(r.doc.error.details.errno).toBe('EROFS');
  });

  it('a full disk under the journal exits 5 naming the path', async (t) => {
    if (mountProblem) t.skip();
    const r = await hisops(['mapping', 'import', 'map.csv'], { env: { HISOPS_JOURNAL_URL: 'sqlite:full/journal.db' } });
    expect(r.code).toBe(5);
    expect(r.doc).toMatchObject({ ok: false, error: { code: 'FILE_WRITE_FAILED' } });
    expect(r.doc.error.summary).toContain(path.join(dir, 'full', 'journal.db'));
  });
});

describe('hisops init', () => {
  it('into a folder under a file exits 2 naming the path', async () => {
    const r = await hisops(['init', '--yes', '--dir', 'plain/site']);
    expect(r.code).toBe(2);
    expect(r.doc.error.summary).toContain(path.join(dir, 'plain', 'site', 'hisops.yaml'));
  });

  it('into a read-only folder exits 2 and leaves nothing', async (t) => {
    if (mountProblem) t.skip();
    const r = await hisops(['init', '--yes', '--dir', path.join(dir, 'ro')]);
    expect(r.code).toBe(2);
    expect(r.doc).toMatchObject({ ok: false, error: { code: 'FILE_NOT_WRITABLE' } });
    expect(fs.readdirSync(path.join(dir, 'ro'))).toEqual([]);
  });
});

describe('report and reject files', () => {
  it('reconcile --report into a read-only folder exits 2 naming the report, and leaves no file', async (t) => {
    if (mountProblem) t.skip();
    const report = path.join(dir, 'ro', 'recon.html');
    const r = await hisops(['reconcile', '--date', '2025-03-03', '--report', report]);
    expect(r.code).toBe(2);
    expect(r.doc).toMatchObject({ ok: false, error: { code: 'FILE_NOT_WRITABLE', details: { path: report } } });
    expect(fs.readdirSync(path.join(dir, 'ro'))).toEqual([]);
  });

  it('reconcile --report on a full disk exits 5 and leaves no empty report', async (t) => {
    if (mountProblem) t.skip();
    const report = path.join(dir, 'full', 'recon.html');
    const r = await hisops(['reconcile', '--date', '2025-03-03', '--report', report]);
    expect(r.code).toBe(5);
    expect(r.doc).toMatchObject({ ok: false, error: { code: 'FILE_WRITE_FAILED', details: { path: report } } });
    expect(fs.readdirSync(path.join(dir, 'full'))).toEqual(['filler']);
  });

  it('reconcile --report under a file exits 2 naming the path', async () => {
    const report = path.join(dir, 'plain', 'recon.csv');
    const r = await hisops(['reconcile', '--date', '2025-03-03', '--report', report]);
    expect(r.code).toBe(2);
    expect(r.doc.error.summary).toContain(report);
  });

  it('mapping import --skip-invalid with a reject file on a read-only folder exits 2 naming it', async (t) => {
    if (mountProblem) t.skip();
    const rejects = path.join(dir, 'ro', 'rejects.csv');
    const r = await hisops(['mapping', 'import', 'map.csv', '--skip-invalid', '--reject-file', rejects]);
    expect(r.code).toBe(2);
    expect(r.doc).toMatchObject({ ok: false, error: { code: 'FILE_NOT_WRITABLE', details: { path: rejects } } });
    expect(fs.readdirSync(path.join(dir, 'ro'))).toEqual([]);
  });
});
