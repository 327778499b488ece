/**
 * Progress lines count what they say (rows read, settlements written, with unit and total), and
 * -v adds on stderr what its help promises — each step with its time, each call to the center —
 * for the main jobs; without -v none of it is printed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { memoryIo } from '../../src/cli/io.js';
import { centerZip, row, tmpDir } from '../fixtures/catalog/make.js';
import { openWorld, type World } from '../integration/reconcile/helpers.js';

const ANSI = /\x1b\[[0-9;]*m/g;

async function run(argv: string[], o: { cwd: string; tty?: boolean; env?: Record<string, string> }) {
  const io = memoryIo({ cwd: o.cwd, tty: o.tty, env: { HISOPS_LANG: 'en', ...o.env } });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err().replace(ANSI, '') };
}

/** The counts a progress line showed, in order ("\r<label> <n>[/<total>] <unit> …"). */
function counts(err: string, label: string): number[] {
  return [...err.matchAll(new RegExp(`\\r${label} (\\d+)`, 'g'))].map((m) => Number(m[1]));
}

describe('progress counters', () => {
  it('catalog import counts rows read, not a running sum of running totals', async () => {
    const dir = tmpDir();
    const rows = Array.from({ length: 4500 }, (_, i) => row('1306', i + 1));
    const zip = await centerZip(dir, '1306_20250101.zip', rows, 'gbk');
    const r = await run(['catalog', 'import', zip, '--db', `sqlite:${path.join(dir, 'cat.db')}`], {
      cwd: dir,
      tty: true,
    });
    expect(r.code, r.err).toBe(0);
    const seen = counts(r.err, 'reading');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[seen.length - 1]).toBe(4500);
    expect(Math.max(...seen)).toBe(4500);
    expect(r.err).toMatch(/\rreading 4500 rows/);
  });

  it('demo seed shows settlements written of a total, ending at the total', async () => {
    const dir = tmpDir();
    const r = await run(['demo', 'seed', '--out', 'seed', '--days', '3', '--no-center', '--lang', 'zh-CN'], {
      cwd: dir,
      tty: true,
    });
    expect(r.code, r.err).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'seed', 'seed.json'), 'utf8')) as {
      settlementsPerDay: number[];
    };
    const total = manifest.settlementsPerDay.reduce((a, b) => a + b, 0);
    expect(r.err, JSON.stringify(r.err)).toContain(`生成数据 ${total}/${total} 笔结算 100%`);
    for (const n of counts(r.err, '生成数据')) expect(n).toBeLessThanOrEqual(total);
  });
});

describe('-v on stderr', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld({ seed: { seed: 1, days: 3 }, prefix: 'verbose-cli' });
    fs.writeFileSync(
      path.join(w.dir, 'hisops.yaml'),
      `journal:\n  url: sqlite:cli-journal.db\ninstitutions:\n  - name: main\n    fixmedins_code: H43010000001\n    his:\n      url: sqlite:his.db\n    center:\n      url: ${w.sb.url}\n      setl_optins: "430100"\n      mdtrtarea_admvs: "430100"\n      insuplc_admdvs: "430100"\n`,
    );
  });
  afterAll(async () => {
    await w?.close();
  });

  it('reconcile: each step with its time and each center call', async () => {
    const day = w.manifest!.startDate;
    const quiet = await run(['reconcile', '--date', day], { cwd: w.dir });
    expect(quiet.err).not.toContain('→ 3201');
    const r = await run(['reconcile', '--date', day, '-v'], { cwd: w.dir });
    expect([0, 3]).toContain(r.code);
    expect(r.err).toMatch(new RegExp(`\\[\\d+\\.\\d s\\] ${day} reading the HIS`));
    expect(r.err).toMatch(new RegExp(`\\[\\d+\\.\\d s\\] ${day} totals with the center \\(3201\\)`));
    expect(r.err).toMatch(/→ 3201 msgid \S+ \(attempt 1\)/);
    expect(r.err).toMatch(/← 3201 ok in \d+ ms/);
  });

  it('settle stuck: the step, and each 5203 asked of the center, in Chinese under --lang zh-CN', async () => {
    const { startDate, endDate } = w.manifest!;
    const r = await run(
      ['settle', 'stuck', '--from', startDate, '--to', endDate, '--older-than', '1s', '-v', '--lang', 'zh-CN'],
      { cwd: w.dir },
    );
    expect([0, 3]).toContain(r.code);
    expect(r.err).toContain('向医保中心查询（5203）');
    expect(r.err).toMatch(/→ 5203 报文 \S+（第 1 次）/);
    expect(r.err).toMatch(/← 5203 \S+.*，用时 \d+ 毫秒/);
  });

  it('trace upload: each day with what is due, and each 3505/3502 sent', async () => {
    const { startDate } = w.manifest!;
    const r = await run(['trace', 'upload', '--from', startDate, '--to', startDate, '--apply', '-v'], { cwd: w.dir });
    expect([0, 3]).toContain(r.code);
    expect(r.err).toMatch(new RegExp(`\\[\\d+\\.\\d s\\] ${startDate} \\(1/1\\): \\d+ record\\(s\\) due`));
    expect(r.err).toMatch(/→ 35\d\dA? msgid \S+ \(attempt 1\)/);
    expect(r.err).toMatch(/← 35\d\dA? ok in \d+ ms/);
  });
});
