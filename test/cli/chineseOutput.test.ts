/**
 * Under --lang zh-CN a user reads Chinese (issue #17): the demo and the common failure paths are
 * run in-process and their output is searched for English sentences — three or more English words
 * in a row. Field names, codes, SQL, commands, paths, ids and numbers are not sentences and are
 * taken out first (see `englishSentences`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { memoryIo } from '../../src/cli/io.js';

/** Words that are names in hisops's output, not English prose (enum values shown as they are). */
const NAMES = new Set([
  'complete',
  'cancel',
  'sale',
  'return',
  'text',
  'sql',
  'json',
  'today',
  'yesterday',
  'small',
  'medium',
  'large',
]);

/** The English sentences left in `text` once code, commands, paths, identifiers and names are removed. */
export function englishSentences(text: string): string[] {
  const found: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw
      // eslint-disable-next-line no-control-regex
      .replace(/\u001b\[[0-9;]*m/g, '')
      .replace(/`[^`]*`/g, ' ')
      .replace(/\bhisops(?: (?:[a-z][\w-]*|<[^>]*>|\[[^\]]*\]|\.\.\.|…))*/g, ' ')
      .replace(/\S*[/\\]\S*/g, ' ')
      .replace(/--?[a-z][\w-]*(?:[ =](?:[a-z]+\b))?/g, ' ')
      .replace(/\b[A-Za-z]*[_.\d][\w.]*\b/g, ' ')
      .replace(/\b[A-Z][A-Z]+\b/g, ' ')
      .replace(/"[^"]*"|'[^']*'/g, ' ');
    for (const m of line.matchAll(/[A-Za-z]+(?:[ ,;:()]+[A-Za-z]+){2,}/g)) {
      const words = m[0].split(/[^A-Za-z]+/).filter(Boolean);
      if (words.filter((w) => !NAMES.has(w.toLowerCase())).length >= 3)
        found.push(`${m[0]}   ⟵ ${raw.trim().slice(0, 160)}`);
    }
  }
  return found;
}

interface Run {
  code: number;
  out: string;
  err: string;
}

async function hisops(argv: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  const io = memoryIo({ cwd, env });
  const code = await main([...argv, '--lang', 'zh-CN'], io);
  return { code, out: io.out(), err: io.err() };
}

function expectChinese(r: Run, what: string): void {
  const text = `${r.out}\n${r.err}`;
  // HISOPS_ZH_DUMP=file (and HISOPS_ZH_FULL=1) writes what was flagged (or all output) for review: vitest cuts long diffs.
  if (process.env.HISOPS_ZH_DUMP)
    fs.appendFileSync(
      process.env.HISOPS_ZH_DUMP,
      `=== ${what}\n${process.env.HISOPS_ZH_FULL ? text : englishSentences(text).join('\n')}\n`,
    );
  expect(text, what).toMatch(/[\u4e00-\u9fff]/);
  expect(englishSentences(text), `${what}\n${text}`).toEqual([]);
}

describe('the sentence detector', () => {
  it('flags English prose and lets names, codes, commands and paths through', () => {
    expect(englishSentences('Cannot read the file')).toHaveLength(1);
    expect(englishSentences('对账完成：his_only 2，center_only 1（hisops settle reverse 430100）')).toEqual([]);
    expect(englishSentences('无法读取 /tmp/a b/c.csv：`SELECT a FROM b WHERE c`，请用 --center-only complete')).toEqual(
      [],
    );
  });
});

describe('hisops under --lang zh-CN speaks Chinese', () => {
  let cwd: string;
  let dir: string;
  let demo: Run;
  beforeAll(async () => {
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-zh-'));
    dir = path.join(cwd, 'demo');
    demo = await hisops(['demo', '--dir', dir], cwd);
  }, 180_000);
  afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

  it('hisops demo', () => {
    expect(demo.code, demo.err).toBe(0);
    expectChinese(demo, 'demo');
  });

  it('a reconciliation with findings, and the stuck plan it suggests', async () => {
    const { startSandbox } = await import('../../src/core/center/sandbox/index.js');
    const sb = await startSandbox({ dataFile: path.join(dir, 'center.db'), port: 0, admdvs: '430100' });
    try {
      const env = { HISOPS_CENTER_URL: sb.url };
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'seed.json'), 'utf8'));
      const rec = await hisops(['reconcile', '--from', manifest.startDate, '--to', manifest.endDate], dir, env);
      expect(rec.code, rec.err).toBe(3);
      expectChinese(rec, 'reconcile');
      const stuck = await hisops(['settle', 'stuck', '--from', manifest.startDate, '--to', manifest.endDate], dir, env);
      expectChinese(stuck, 'settle stuck');
      // his_state and center_state are shown in words (已结算, 待确认, 无此结算 …), the codes stay in JSON.
      expect(stuck.out).not.toMatch(/\b(settled|pending|missing|absent|unreachable|reversed)\b/);
      const plan = await hisops(
        ['settle', 'reverse', '--all', '--from', manifest.startDate, '--to', manifest.endDate],
        dir,
        env,
      );
      expectChinese(plan, 'settle reverse (plan)');
    } finally {
      await sb.close();
    }
  }, 120_000);

  it('a trace check with rejected codes', async () => {
    fs.writeFileSync(path.join(dir, 'scan.txt'), '83025403161264649612\n83025403161264649612\n8302540316AB64649612\n');
    const r = await hisops(['trace', 'check', 'scan.txt'], dir);
    expect(r.code).toBe(3);
    expectChinese(r, 'trace check');
  });

  it('settle calc --explain (试算 with every rule explained)', async () => {
    const bill = path.resolve(__dirname, '../../templates/demo/bill-employee-inpatient.json');
    const r = await hisops(['settle', 'calc', bill, '--explain'], dir);
    expect(r.code, r.err).toBe(0);
    expectChinese(r, 'settle calc --explain');
  });

  it('a schema diff', async () => {
    const r = await hisops(['schema', 'diff', 'sqlite:his-next.db', 'sqlite:his.db'], dir);
    expect(r.code).toBe(3);
    expectChinese(r, 'schema diff');
  });

  it('center serve --for 1s: no faults is 无, and it says why it stopped', async () => {
    const r = await hisops(['center', 'serve', '--data', 'center.db', '--port', '0', '--for', '1s'], dir);
    expect(r.code, r.err).toBe(0);
    expectChinese(r, 'center serve');
    const text = `${r.out}\n${r.err}`;
    expect(text).toMatch(/故障\s+无/);
    expect(text).toContain('到达 --for 时长');
    expect(text).not.toMatch(/\b(none|time|signal)\b/);
  }, 30_000);

  it('config show and policy show: where a value comes from, and no value, in Chinese', async () => {
    const cfg = await hisops(['config', 'show'], dir);
    expect(cfg.code, cfg.err).toBe(0);
    expectChinese(cfg, 'config show');
    expect(cfg.out).toMatch(/来源: 默认值/);
    expect(cfg.out).toMatch(/来源: 命令行参数/);
    expect(cfg.out).not.toMatch(/来源: (default|flag|not set)\b/);
    const pol = await hisops(['policy', 'show'], dir);
    expect(pol.code, pol.err).toBe(0);
    expectChinese(pol, 'policy show');
    expect(pol.out).toMatch(/险种 310/);
    expect(pol.out).not.toMatch(/位置: default|值: none/);
  });

  it('schema sync: the plan, its review table and the script comments in Chinese', async () => {
    const script = path.join(dir, 'sync-zh.sql');
    const r = await hisops(['schema', 'sync', 'sqlite:his.db', 'sqlite:his-next.db', '-o', script], dir);
    expect(r.code, r.err).toBe(3);
    expectChinese(r, 'schema sync');
    expect(r.out).toMatch(/需人工审核/);
    expect(r.out).toMatch(/缩小类型 varchar\(100\) → varchar\(50\)/);
    const text = fs.readFileSync(script, 'utf8');
    expect(text).toContain('-- hisops 表结构同步脚本');
    expect(text).toMatch(/^-- \[需审核\] 列 his_item\.prcunt（类型）$/m);
    expect(
      englishSentences(
        text
          .split('\n')
          .filter((l) => l.startsWith('-- ') && !l.startsWith('-- hisops:'))
          .join('\n'),
      ),
    ).toEqual([]);
  });

  it('schema clone: the plan and the copy in Chinese', async () => {
    const dest = `sqlite:${path.join(cwd, 'clone-zh.db')}`;
    const plan = await hisops(['schema', 'clone', 'sqlite:his.db', dest], dir);
    expect(plan.code, plan.err).toBe(0);
    expectChinese(plan, 'schema clone (plan)');
    expect(plan.out).toMatch(/行 < 20000/);
    expect(plan.out).not.toMatch(/\b(rows|structure|copied)\b/);
    const done = await hisops(['schema', 'clone', 'sqlite:his.db', dest, '--apply', '--yes'], dir);
    expect(done.code, done.err).toBe(0);
    expectChinese(done, 'schema clone --apply');
    expect(done.out).toMatch(/已复制行数/);
    expect(done.out).not.toMatch(/\b(rows|copied|failed)\b/);
  }, 60_000);

  it('settle audit: unchecked settlements and assumed inputs in Chinese', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'seed.json'), 'utf8'));
    const r = await hisops(['settle', 'audit', '--from', manifest.startDate, '--to', manifest.endDate], dir);
    expect([0, 3]).toContain(r.code);
    expectChinese(r, 'settle audit');
    expect(r.out).toMatch(/假定输入（HIS 中没有）：hosp_lv=\d（政策的最后一级/);
  }, 60_000);

  it('the doctor', async () => {
    const r = await hisops(['doctor'], dir, { HISOPS_CENTER_URL: 'http://127.0.0.1:9' });
    expectChinese(r, 'doctor');
  });

  it('failure paths: bad configuration, missing file, bad profile, center down', async () => {
    const bad = path.join(cwd, 'bad');
    fs.mkdirSync(bad);
    fs.writeFileSync(
      path.join(bad, 'hisops.yaml'),
      'institutions:\n  - name: a\n    fixmedins_code: H43010000001\nbogus_key: 1\n',
    );
    const cfg = await hisops(['reconcile', '--date', 'yesterday'], bad);
    expect(cfg.code).toBe(2);
    expectChinese(cfg, 'bad configuration');

    const missing = await hisops(['trace', 'check', 'no-such-file.csv'], dir);
    expect(missing.code).toBe(2);
    expectChinese(missing, 'missing file');

    const prof = path.join(cwd, 'prof');
    fs.mkdirSync(prof);
    fs.writeFileSync(path.join(prof, 'broken.yaml'), 'statements:\n  no_such_statement:\n    sql: select 1\n');
    fs.writeFileSync(
      path.join(prof, 'hisops.yaml'),
      fs
        .readFileSync(path.join(dir, 'hisops.yaml'), 'utf8')
        .replace(/profile: .*/, 'profile: broken.yaml')
        .replace(/sqlite:his\.db/g, `sqlite:${path.join(dir, 'his.db')}`),
    );
    const badProfile = await hisops(['doctor'], prof);
    expect(badProfile.code).not.toBe(0);
    expectChinese(badProfile, 'bad profile');

    const down = await hisops(['reconcile', '--date', 'yesterday'], dir, { HISOPS_CENTER_URL: 'http://127.0.0.1:9' });
    expect(down.code).toBe(5);
    expectChinese(down, 'center down');
  }, 60_000);
});
