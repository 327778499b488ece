/**
 * Atomic writes: the target holds the old content or the whole new one; failures remove the
 * temporary file, name the path, and exit 2 (cannot be written) or 5 (disk full). Read-only and
 * full file systems are real mounts (tmpfs), since root ignores file modes; where mounting is not
 * permitted those tests say so and skip.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RejectWriter } from '../../../src/core/catalog/rejectFile.js';
import { isHisopsError, type HisopsError } from '../../../src/core/errors.js';
import {
  checkWritableDir,
  openAtomicWriter,
  writeFileAtomic,
  writeFileAtomicSync,
} from '../../../src/core/files/index.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-atomic-'));
const full = path.join(dir, 'full');
const ro = path.join(dir, 'ro');
let mounted: string[] = [];
let mountProblem: string | undefined;

function mount(target: string, opts: string): void {
  fs.mkdirSync(target, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', target], { stdio: 'pipe' });
  mounted.push(target);
}

beforeAll(() => {
  try {
    mount(full, 'size=64k');
    mount(ro, 'ro,size=64k');
  } catch (e) {
    mountProblem = `mount -t tmpfs is not permitted here (${(e as Error).message.split('\n')[0]}); the read-only and disk-full cases are skipped`;
    console.warn(mountProblem);
  }
});

afterAll(() => {
  // Every mount is released even when one is busy (then lazily), so that no test leaves one behind.
  for (const m of mounted.reverse()) {
    try {
      execFileSync('umount', [m], { stdio: 'pipe' });
    } catch {
      execFileSync('umount', ['-l', m], { stdio: 'pipe' });
    }
  }
  mounted = [];
});

async function failure(p: Promise<unknown> | (() => unknown)): Promise<HisopsError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (isHisopsError(e)) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

const leftovers = (d: string) => fs.readdirSync(d).filter((f) => f.endsWith('.tmp'));

describe('writeFileAtomic', () => {
  it('writes the whole content and replaces an existing file, leaving no temporary file', async () => {
    const f = path.join(dir, 'sub', 'report.html');
    await writeFileAtomic(f, 'old');
    await writeFileAtomic(f, 'new content');
    expect(fs.readFileSync(f, 'utf8')).toBe('new content');
    writeFileAtomicSync(f, 'sync content');
    expect(fs.readFileSync(f, 'utf8')).toBe('sync content');
    expect(leftovers(path.dirname(f))).toEqual([]);
  });

  it('shows nothing at the target until commit, and nothing at all after abort', async () => {
    const f = path.join(dir, 'streamed.csv');
    const w = await openAtomicWriter(f);
    await w.write('a,b\n');
    expect(fs.existsSync(f)).toBe(false);
    await w.abort();
    expect(fs.existsSync(f)).toBe(false);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a path under a file (ENOTDIR) is exit 2 naming the path', async () => {
    const file = path.join(dir, 'plain');
    fs.writeFileSync(file, 'x');
    const target = path.join(file, 'report.csv');
    for (const e of [
      await failure(writeFileAtomic(target, 'x', 'the report')),
      await failure(() => writeFileAtomicSync(target, 'x', 'the report')),
    ]) {
      expect(e.exit).toBe(2);
      expect(e.code).toBe('FILE_NOT_WRITABLE');
      expect(e.summary).toContain(target);
      expect(e.details['path']).toBe(target);
    }
  });

  it('a read-only file system (EROFS) is exit 2 naming the path, and leaves no file', async (t) => {
    if (mountProblem) t.skip();
    const target = path.join(ro, 'report.csv');
    const e = await failure(writeFileAtomic(target, 'x', 'the report'));
    expect(e.exit).toBe(2);
    expect(e.summary).toContain(target);
    expect(e.details['errno']).toBe('EROFS');
    expect(fs.readdirSync(ro)).toEqual([]);
    const probe = await failure(() =>
      checkWritableDir(path.join(ro, '.hisops'), path.join(ro, '.hisops', 'journal.db'), 'the journal'),
    );
    expect(probe.exit).toBe(2);
    expect(probe.summary).toContain(path.join(ro, '.hisops', 'journal.db'));
  });

  it('a full disk (ENOSPC) is exit 5 naming the path; the old file survives and no temporary file is left', async (t) => {
    if (mountProblem) t.skip();
    const target = path.join(full, 'report.html');
    await writeFileAtomic(target, 'the previous report');
    const e = await failure(writeFileAtomic(target, 'x'.repeat(200 * 1024), 'the report'));
    expect(e.exit).toBe(5);
    expect(e.code).toBe('FILE_WRITE_FAILED');
    expect(e.summary).toContain(target);
    expect(fs.readFileSync(target, 'utf8')).toBe('the previous report');
    expect(fs.readdirSync(full)).toEqual(['report.html']);
    const s = await failure(() => writeFileAtomicSync(path.join(full, 'seed.json'), 'y'.repeat(200 * 1024)));
    expect(s.exit).toBe(5);
    expect(fs.readdirSync(full)).toEqual(['report.html']);
  });

  it('a reject file that cannot be completed is never left half-written', async (t) => {
    if (mountProblem) t.skip();
    const target = path.join(full, 'rejects.csv');
    const w = new RejectWriter(target);
    const problem = {
      code: 'BAD_DATE' as const,
      file: 'a.csv',
      line: 2,
      message: 'not a date',
      fix: 'write yyyy-MM-dd',
    };
    const e = await failure(
      (async () => {
        for (let i = 0; i < 5000; i++) await w.add([{ ...problem, line: i + 2 }], ['x'.repeat(40)]);
        await w.close();
      })(),
    );
    expect(e.exit).toBe(5);
    expect(e.summary).toContain(target);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(full).filter((f) => f !== 'report.html')).toEqual([]);
  });
});
