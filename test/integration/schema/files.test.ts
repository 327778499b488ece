/**
 * Snapshot and script files are written whole or not at all: a path that is a folder, a folder
 * that is read-only or a disk that is full ends with exit 2 or 5 naming the path, and leaves no
 * file (not even an empty one) behind. Read-only and full disks are small tmpfs mounts, made
 * where mounting is allowed (root in a container that may mount); elsewhere those cases are
 * skipped with a note.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../../src/cli/io.js';
import { registerSchema } from '../../../src/commands/schema.js';
import { connect } from '../../../src/core/db/index.js';
import { buildProgram } from '../../../src/main.js';

let dir: string;
const mounts: string[] = [];

async function run(argv: string[]) {
  const io = memoryIo({ cwd: dir, env: { CI: '1' } });
  const { program, app } = await buildProgram(io, argv);
  if (!program.commands.some((c) => c.name() === 'schema')) registerSchema(program, app);
  await program.parseAsync(argv, { from: 'user' });
  return { code: app.exitCode, out: io.out(), err: io.err() };
}

/** A tmpfs at a new folder, or the reason it cannot be made here. */
function tryMount(name: string, opts: string): { dir?: string; why?: string } {
  const at = path.join(dir, name);
  fs.mkdirSync(at);
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', at], { encoding: 'utf8' });
  if (r.status !== 0) return { why: `cannot mount a tmpfs here (${(r.stderr || r.error?.message || '').trim()})` };
  mounts.push(at);
  return { dir: at };
}

const filesIn = (d: string) => fs.readdirSync(d);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-schema-files-'));
  // Big enough that its snapshot (≈ 200 kB) cannot fit on a 64 kB disk.
  const db = await connect(`sqlite:${path.join(dir, 'his.db')}`, { create: true });
  for (let t = 0; t < 40; t++)
    await db.knex.raw(
      `CREATE TABLE t${t} (id integer PRIMARY KEY, ${Array.from({ length: 30 }, (_, c) => `c${c} varchar(${10 + c}) DEFAULT 'x'`).join(', ')})`,
    );
  await db.close();
  fs.mkdirSync(path.join(dir, 'afolder'));
  fs.writeFileSync(path.join(dir, 'afile.txt'), 'x');
});

afterAll(() => {
  for (const m of mounts.reverse()) spawnSync('umount', [m]);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('schema files', () => {
  it('snapshot of sqlite:<a folder> exits 2 naming the path', async () => {
    const r = await run(['schema', 'snapshot', 'sqlite:afolder']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(path.join(dir, 'afolder'));
    expect(r.err).toMatch(/is a folder, not a SQLite database file/);
    expect(filesIn(path.join(dir, 'afolder'))).toEqual([]);
  });

  it('snapshot -o <a folder> and -o <file>/<name> exit 2 naming the path, leaving nothing', async () => {
    const a = await run(['schema', 'snapshot', 'sqlite:his.db', '-o', 'afolder']);
    expect(a.code).toBe(2);
    expect(a.err).toContain(path.join(dir, 'afolder'));
    expect(filesIn(path.join(dir, 'afolder'))).toEqual([]);
    const b = await run(['schema', 'snapshot', 'sqlite:his.db', '-o', 'afile.txt/s.json']);
    expect(b.code).toBe(2);
    expect(b.err).toContain(path.join(dir, 'afile.txt', 's.json'));
    const c = await run(['schema', 'snapshot', 'sqlite:his.db', '-o', 'nofolder/s.json']);
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/folder does not exist/);
    expect(fs.existsSync(path.join(dir, 'nofolder'))).toBe(false);
  });

  it('snapshot and sync script into a read-only folder exit 2 naming the path; nothing is left', async (ctx) => {
    const m = tryMount('ro', 'ro,size=64k');
    if (!m.dir) {
      process.stderr.write(`read-only case skipped: ${m.why}\n`);
      ctx.skip();
      return;
    }
    const s = await run(['schema', 'snapshot', 'sqlite:his.db', '-o', path.join(m.dir, 's.json')]);
    expect(s.code).toBe(2);
    expect(s.err).toContain(path.join(m.dir, 's.json'));
    expect(s.err).toMatch(/read-only/);
    const y = await run(['schema', 'sync', 'sqlite:his.db', 'sqlite:his.db', '-o', path.join(m.dir, 'up.sql')]);
    expect(y.code).toBe(2);
    expect(y.err).toContain(path.join(m.dir, 'up.sql'));
    expect(filesIn(m.dir)).toEqual([]);
  });

  it('a snapshot on a full disk exits 5 naming the path and leaves no file, not even an empty one', async (ctx) => {
    const m = tryMount('full', 'size=64k');
    if (!m.dir) {
      process.stderr.write(`disk-full case skipped: ${m.why}\n`);
      ctx.skip();
      return;
    }
    const s = await run(['schema', 'snapshot', 'sqlite:his.db', '-o', path.join(m.dir, 's.json')]);
    expect(s.code).toBe(5);
    expect(s.err).toContain(path.join(m.dir, 's.json'));
    expect(s.err).toMatch(/disk is full/);
    expect(filesIn(m.dir)).toEqual([]);
    // and a snapshot that fits is written whole
    const ok = await run([
      'schema',
      'snapshot',
      'sqlite:his.db',
      '--include',
      't1',
      '-o',
      path.join(m.dir, 'small.json'),
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(m.dir, 'small.json'), 'utf8')).tables).toHaveLength(1);
    expect(filesIn(m.dir)).toEqual(['small.json']);
  });
});
