import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import {
  MsgidAllocator,
  MSGID_RE,
  MSGID_BLOCK_SIZE,
  MSGID_BLOCKS_PER_SECOND,
  MSGID_FIRST_SEQ,
  MSGID_OWN_SEQS,
  CENTER_MSGID_BLOCKS_TABLE,
} from '../../../src/core/center/index.js';
import { tmpJournal } from './helpers.js';

const run = promisify(execFile);
const repo = path.resolve(__dirname, '../../..');
// Bundled next to node_modules so that knex and better-sqlite3 resolve from the repository.
const outDir = path.join(repo, 'node_modules', '.cache', `hisops-center-test-${process.pid}`);

afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe('msgid allocation', () => {
  it('is unique across concurrent processes sharing a journal', async () => {
    const { journal, file } = await tmpJournal();
    await journal.close();
    const child = path.join(outDir, 'msgidChild.mjs');
    await build({
      entryPoints: [path.join(__dirname, 'fixtures/msgidChild.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: child,
      logLevel: 'silent',
    });
    const startAt = Date.now() + 1500;
    const procs = 4;
    const perProc = 300;
    const results = await Promise.all(
      Array.from({ length: procs }, () =>
        run(process.execPath, [child, file, String(perProc), String(startAt)], { cwd: repo, timeout: 60_000 }),
      ),
    );
    const all = results.flatMap((r) => (JSON.parse(r.stdout) as { msgids: string[] }).msgids);
    expect(all).toHaveLength(procs * perProc);
    for (const m of all) expect(m).toMatch(MSGID_RE);
    for (const m of all) expect(Number(m.slice(26))).toBeGreaterThanOrEqual(MSGID_FIRST_SEQ);
    expect(new Set(all).size).toBe(all.length);
    // More than one block per process per second was needed, so processes really competed.
    const reservations = results.map((r) => (JSON.parse(r.stdout) as { reservations: number }).reservations);
    for (const n of reservations) expect(n).toBeGreaterThanOrEqual(perProc / MSGID_BLOCK_SIZE);
    const stamps = new Set(all.map((m) => m.slice(12, 26)));
    expect(stamps.size).toBeLessThan(all.length); // many msgids share a second
  }, 60_000);

  it("reserves blocks atomically: two allocators on one journal, same frozen second, all 5,000 numbers of hisops's half, then waits", async () => {
    const { journal } = await tmpJournal();
    try {
      let t = Date.UTC(2024, 0, 1, 0, 0, 0, 100);
      const clock = () => new Date(t);
      const sleep = async (ms: number) => {
        t += ms;
      };
      const a = new MsgidAllocator({ fixmedins_code: 'H43011100001', clock, journal, sleep, utcOffsetMinutes: 0 });
      const b = new MsgidAllocator({
        fixmedins_code: 'H43011100001',
        clock,
        journal,
        sleep,
        utcOffsetMinutes: 0,
        randomInt: () => 0,
      });
      const half = MSGID_OWN_SEQS / 2;
      const got = await Promise.all(Array.from({ length: half }, (_, i) => (i % 2 ? a : b).next()));
      expect(new Set(got.map((g) => g.msgid)).size).toBe(half);
      const more = await Promise.all(Array.from({ length: half }, (_, i) => (i % 2 ? b : a).next()));
      const all = [...got, ...more].map((g) => g.msgid);
      expect(new Set(all).size).toBe(MSGID_OWN_SEQS);
      // Exactly hisops's half of the second: 5000–9999, none of the numbers a HIS's counter uses first.
      expect(new Set(all.map((m) => Number(m.slice(26))))).toEqual(
        new Set(Array.from({ length: MSGID_OWN_SEQS }, (_, i) => MSGID_FIRST_SEQ + i)),
      );
      expect(all.every((m) => m.slice(12, 26) === '20240101000000')).toBe(true);
      // The second is used up: the next msgid waits for the next second.
      const next = await a.next();
      expect(next.msgid.slice(12, 26)).toBe('20240101000001');
      expect(await journal.knex(CENTER_MSGID_BLOCKS_TABLE.name).count({ n: '*' }).first()).toMatchObject({
        n: MSGID_BLOCKS_PER_SECOND + 1,
      });
    } finally {
      await journal.close();
    }
  });

  it('without a journal, is unique within the process and moves to the next second when a second is used up', async () => {
    let t = Date.UTC(2024, 0, 1, 0, 0, 0);
    const alloc = new MsgidAllocator({
      fixmedins_code: 'H43011100001',
      clock: () => new Date(t),
      sleep: async (ms) => void (t += ms),
      utcOffsetMinutes: 0,
    });
    const got = await Promise.all(Array.from({ length: MSGID_OWN_SEQS + 1 }, () => alloc.next()));
    const ids = got.map((g) => g.msgid);
    expect(new Set(ids).size).toBe(MSGID_OWN_SEQS + 1);
    expect(ids.filter((m) => m.slice(12, 26) === '20240101000000')).toHaveLength(MSGID_OWN_SEQS);
    expect(Math.min(...ids.map((m) => Number(m.slice(26))))).toBe(MSGID_FIRST_SEQ);
    expect(ids.at(-1)!.slice(12, 26)).toBe('20240101000001');
    // The envelope's inf_time comes from the same instant as the stamp.
    expect(got.at(-1)!.now.getTime()).toBeGreaterThanOrEqual(Date.UTC(2024, 0, 1, 0, 0, 1));
  });

  it('prunes reservations from before yesterday (another process may still be in yesterday, by its clock)', async () => {
    const { journal } = await tmpJournal();
    try {
      await journal.ensure(CENTER_MSGID_BLOCKS_TABLE);
      for (const stamp of ['20231230235959', '20231231235959'])
        await journal
          .knex(CENTER_MSGID_BLOCKS_TABLE.name)
          .insert({ fixmedins_code: 'H43011100001', stamp, block: 3, reserved_at: 'x' });
      const alloc = new MsgidAllocator({
        fixmedins_code: 'H43011100001',
        clock: () => new Date(Date.UTC(2024, 0, 1, 8)),
        journal,
        utcOffsetMinutes: 0,
      });
      await alloc.next();
      const rows = await journal.knex(CENTER_MSGID_BLOCKS_TABLE.name).select('stamp').orderBy('stamp');
      expect(rows.map((r: { stamp: string }) => r.stamp)).toEqual(['20231231235959', '20240101080000']);
    } finally {
      await journal.close();
    }
  });

  it('processes on one journal in different clock offsets never hand out the same msgid', async () => {
    const { journal } = await tmpJournal();
    try {
      // 18:42:44 UTC: already the next day in China time (+08:00).
      const clock = () => new Date(Date.UTC(2026, 11, 7, 18, 42, 44));
      const opts = { fixmedins_code: 'H43011100001', clock, journal, randomInt: () => 0 };
      const first = await new MsgidAllocator({ ...opts, utcOffsetMinutes: 0 }).next();
      // A process in China time starts and prunes what it takes for earlier days.
      await new MsgidAllocator({ ...opts, utcOffsetMinutes: 480 }).next();
      const again = await new MsgidAllocator({ ...opts, utcOffsetMinutes: 0 }).next();
      expect(again.msgid).not.toBe(first.msgid);
    } finally {
      await journal.close();
    }
  });
});
