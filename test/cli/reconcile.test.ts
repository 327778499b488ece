/**
 * `hisops reconcile` and `hisops reconcile history` in-process, against a seeded demo HIS and the
 * sandbox over HTTP: exit codes 0 / 2 / 3 / 5, the JSON envelope, human tables, reports, --apply.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerReconcile } from '../../src/commands/reconcile.js';
import { memoryIo } from '../../src/cli/io.js';
import { latestOneSidedFindings } from '../../src/core/reconcile/index.js';
import { openJournal } from '../../src/core/journal/index.js';
import { referenceProfilePath } from '../../src/core/his/index.js';
import { openWorld, type World } from '../integration/reconcile/helpers.js';
import { runCommands } from '../helpers/runCommands.js';

let w: World;
const NOW = new Date(2025, 2, 10, 9, 30, 0);
let tick = 0;

/** main() with only the reconcile group registered, on a clock of its own. */
async function run(argv: string[], o: { env?: Record<string, string>; cwd?: string; at?: Date } = {}) {
  // A clock that moves a minute per command, so that runs sort in the order they ran.
  const at = o.at ?? new Date(NOW.getTime() + 60_000 * tick++);
  const io = memoryIo({ cwd: o.cwd ?? w.dir, env: { HISOPS_LANG: 'en', ...o.env }, now: () => at });
  return runCommands(io, argv, { reconcile: registerReconcile });
}

function writeConfig(dir: string, extra = ''): void {
  fs.writeFileSync(
    path.join(dir, 'hisops.yaml'),
    `journal:
  url: sqlite:cli-journal.db
institutions:
  - name: main
    fixmedins_code: H43010000001
    fixmedins_name: 示例医院
    his:
      url: sqlite:his.db
      profile: builtin:reference
    center:
      url: ${w.sb.url}
      setl_optins: "430100"
      mdtrtarea_admvs: "430100"
      insuplc_admdvs: "430100"
      timeoutMs: 4000
${extra}`,
  );
}

beforeAll(async () => {
  w = await openWorld({ seed: { seed: 1 }, prefix: 'reconcile-cli' });
  writeConfig(w.dir);
});
afterAll(async () => {
  await w?.close();
});

describe('hisops reconcile', () => {
  it("takes today from the center's clock (China time), whatever the host's zone", async () => {
    // 17:00 UTC on 10 March is 01:00 on 11 March in China: the center already books the 11th.
    const at = new Date(Date.UTC(2025, 2, 10, 17, 0, 0));
    const r = await run(['reconcile', '--from', '2025-03-11', '--to', '2025-03-12', '--json'], { at });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error.code).toBe('RECONCILE_RANGE_FUTURE');
    expect(JSON.parse(r.out).error.summary).toBe("2025-03-12 is after today (2025-03-11) in the center's clock");
  });

  it('reconciles the seeded days: exit 3, every planted difference in the JSON envelope, the run in history', async () => {
    const r = await run(['reconcile', '--from', '2025-03-03', '--to', '2025-03-05', '--json']);
    expect(r.code, r.err).toBe(3);
    const doc = JSON.parse(r.out);
    // Exit 3: not ok, with what needs attention; the data is all there.
    expect(doc.ok).toBe(false);
    expect(doc.findings).toMatchObject({
      count: doc.data.findings.length,
      summary: expect.stringContaining('finding'),
    });
    expect(doc.command).toBe('reconcile');
    expect(doc.data.status).toBe('unbalanced');
    expect(doc.data.days.map((d: { day: string }) => d.day)).toEqual(['2025-03-03', '2025-03-04', '2025-03-05']);
    const planted = w.manifest!.anomalies.filter((a) => a.job === 'reconcile');
    expect(doc.data.findings).toHaveLength(planted.length);
    const g = doc.data.groups.find((x: { balanced: boolean }) => x.balanced === false);
    expect(g.his.medfee_sumamt).toMatch(/^-?\d+\.\d\d$/);
    expect(g.center).not.toBeNull();
    expect(doc.data.calls['3202']).toBeGreaterThan(0);

    const h = await run(['reconcile', 'history', '--json']);
    expect(h.code).toBe(0);
    const hist = JSON.parse(h.out);
    expect(hist.data.runs[0].run_id).toBe(doc.runId);
    expect(hist.data.runs[0].status).toBe('unbalanced');
    expect(hist.data.days.map((d: { day: string; status: string }) => `${d.day} ${d.status}`)).toEqual([
      '2025-03-05 unbalanced',
      '2025-03-04 unbalanced',
      '2025-03-03 unbalanced',
    ]);
  });

  it('prints the summary per group and the findings for people, in Chinese too', async () => {
    const r = await run(['reconcile', '--date', '2025-03-04', '--lang', 'zh-CN']);
    expect(r.code).toBe(3);
    expect(r.out).toContain('医疗费总额');
    expect(r.out).toMatch(/医院[\s\S]*中心/);
    expect(r.out).toContain('不平');
    expect(r.out).toContain('跨日结算');
    expect(r.out).toMatch(/运行编号 20250310-/);
  });

  it('exits 0 for a balanced selection', async () => {
    const r = await run(['reconcile', '--date', '2025-03-04', '--insutype', '510', '--json']);
    const doc = JSON.parse(r.out);
    expect(r.code, r.err).toBe(0);
    expect(doc.data.status).toBe('balanced');
    expect(doc.data.groups.length).toBeGreaterThan(0);
    expect(
      doc.data.groups.every((g: { insutype: string; balanced: boolean }) => g.insutype === '510' && g.balanced),
    ).toBe(true);
    const human = await run(['reconcile', '--date', '2025-03-04', '--insutype', '510']);
    expect(human.out).toContain('Balanced');
  });

  it('treats a day without settlements as balanced, asks the known and configured groups on it', async () => {
    const r = await run(['reconcile', '--date', '2025-03-08', '--json']);
    expect(r.code).toBe(0);
    // The groups of the days reconciled before are known: each is asked, and the center holds nothing in it.
    const groups = JSON.parse(r.out).data.groups as Array<{
      balanced: boolean;
      his: { count: number };
      asked_because: string[];
    }>;
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.every((g) => g.balanced && g.his.count === 0 && g.asked_because.join() === 'known')).toBe(true);
    const human = await run(['reconcile', '--date', '2025-03-08']);
    expect(human.code).toBe(0);
    expect(human.out).toContain(`the center holds none in the ${groups.length} group(s) asked: nothing to reconcile`);
    const dir = path.join(w.dir, 'groups');
    fs.mkdirSync(dir);
    fs.copyFileSync(path.join(w.dir, 'his.db'), path.join(dir, 'his.db'));
    writeConfig(dir, 'reconcile:\n  groups:\n    - { insutype: "310", clr_type: "11", setl_optins: "430100" }\n');
    const c = await run(['reconcile', '--date', '2025-03-08', '--json'], { cwd: dir });
    const doc = JSON.parse(c.out);
    expect(c.code).toBe(0);
    expect(doc.data.groups).toHaveLength(1);
    expect(doc.data.groups[0]).toMatchObject({
      insutype: '310',
      balanced: true,
      his: { count: 0, medfee_sumamt: '0.00' },
    });
  });

  it('lists the groups asked each day and why (JSON, report), and says how many for people', async () => {
    const r = await run(['reconcile', '--date', '2025-03-05', '--json', '--report', 'r/asked.csv']);
    const doc = JSON.parse(r.out);
    const groups = doc.data.groups as Array<{
      begndate: string;
      insutype: string;
      clr_type: string;
      setl_optins: string;
      his: { count: number };
      asked_because: string[];
    }>;
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) {
      expect(g.begndate).toBe('2025-03-05');
      expect(g.asked_because.length).toBeGreaterThan(0);
      expect(g.asked_because.every((x) => ['configured', 'known', 'his_rows', 'run'].includes(x))).toBe(true);
      // A group with rows that day says so; one without was asked because it is known.
      expect(g.asked_because.includes('his_rows')).toBe(g.his.count !== 0);
    }
    expect(groups.some((g) => g.asked_because.includes('known'))).toBe(true);
    const csv = fs.readFileSync(path.join(w.dir, 'r/asked.csv'), 'utf8').split('\r\n');
    const at = csv.indexOf('Each group of each day');
    expect(at).toBeGreaterThan(0);
    expect(csv[at + 1]).toMatch(/,Asked because$/);
    expect(csv[at + 2]).toMatch(/,(known|his_rows)( his_rows)?$/);
    const human = await run(['reconcile', '--date', '2025-03-05']);
    expect(human.out).toContain(`Asked the center about ${groups.length} group(s) a day (known `);
  });

  it('a profile whose statuses the rules do not count: a finding naming the counts and the column, exit 3 — never "nothing to reconcile"', async () => {
    const dir = path.join(w.dir, 'status');
    fs.mkdirSync(dir);
    fs.copyFileSync(path.join(w.dir, 'his.db'), path.join(dir, 'his.db'));
    const ref = fs.readFileSync(referenceProfilePath(), 'utf8');
    const at = ref.indexOf('settlements_for_reconcile:');
    fs.writeFileSync(
      path.join(dir, 'vendor.yaml'),
      ref.slice(0, at) +
        ref
          .slice(at)
          .replace(
            /s\.infno, s\.his_status/g,
            "s.infno, CASE s.his_status WHEN 'settled' THEN 'S' WHEN 'cancelled' THEN 'C' ELSE s.his_status END AS his_status",
          ),
    );
    writeConfig(dir);
    fs.writeFileSync(
      path.join(dir, 'hisops.yaml'),
      fs
        .readFileSync(path.join(dir, 'hisops.yaml'), 'utf8')
        .replace('profile: builtin:reference', 'profile: vendor.yaml'),
    );
    const r = await run(['reconcile', '--date', '2025-03-04'], { cwd: dir });
    expect(r.code, r.err).toBe(3);
    expect(r.out).not.toContain('nothing to reconcile');
    // No group is known in this journal and none was counted: nothing was asked, the findings say why.
    expect(r.out).toContain('No group was asked');
    expect(r.out).toContain('unknown · his_rows_excluded');
    expect(r.out).toContain('unknown · his_unexpected_value');
    expect(r.out).toContain('settlements_for_reconcile');
    const doc = JSON.parse((await run(['reconcile', '--date', '2025-03-04', '--json'], { cwd: dir })).out);
    expect(doc.data.counts.counted).toBe(0);
    expect(doc.data.counts.excluded.status).toBe(doc.data.counts.his_rows);
    const f = doc.data.findings.find((x: { cause: string }) => x.cause === 'his_rows_excluded');
    expect(f.detail).toContain(`${doc.data.counts.his_rows} by status (his_status "S" ×`);
    expect(f.evidence.his.values['settlements_for_reconcile.his_status']).toHaveProperty('C');
  });

  it('writes the 对账单 as CSV, JSON, Excel and a self-contained HTML page, in the chosen language', async () => {
    for (const f of ['r/report.csv', 'r/report.json', 'r/report.html', 'r/report.xlsx']) {
      const r = await run(['reconcile', '--date', '2025-03-05', '--report', f]);
      expect(r.code).toBe(3);
      expect(r.out).toContain(`report written: ${f}`);
    }
    const csv = fs.readFileSync(path.join(w.dir, 'r/report.csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('Date,Hospital count,Hospital medical fees,Hospital fund payment,Center count');
    expect(csv).toMatch(/\r\nTotal,\d+,/);
    expect(csv).toContain('Hospital only (no such settlement at the center)');
    const json = JSON.parse(fs.readFileSync(path.join(w.dir, 'r/report.json'), 'utf8'));
    expect(json.format).toBe('hisops-reconcile-report/1');
    expect(json.findings.length).toBeGreaterThan(0);
    // JSON keeps ISO with the zone's offset; people's formats get local time.
    expect(json.generated_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    const html = fs.readFileSync(path.join(w.dir, 'r/report.html'), 'utf8');
    // One day: no chart of days; a printable A4 page.
    expect(html).toContain('@page{size:A4');
    expect(html).toContain('Medical insurance reconciliation statement');
    // Self-contained: no scripts, stylesheets or images from anywhere.
    expect(html).not.toMatch(/<script|<link|<img|src=|href=/i);
    expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:\/\//);
    expect(fs.readFileSync(path.join(w.dir, 'r/report.xlsx')).subarray(0, 2).toString('latin1')).toBe('PK');
    const zh = await run(['reconcile', '--date', '2025-03-05', '--lang', 'zh-CN', '--report', 'r/对账单.html']);
    expect(zh.code).toBe(3);
    const zhHtml = fs.readFileSync(path.join(w.dir, 'r/对账单.html'), 'utf8');
    expect(zhHtml).toContain('<h1>医保对账单</h1>');
    expect(zhHtml).toContain('合计');
    expect(zhHtml).toMatch(/310 职工基本医疗保险|390 城乡居民基本医疗保险/);
    expect(zhHtml).toMatch(/制表时间<\/th><td>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}</);
    // Another zone: the run time written as Ürümqi writes it (two hours behind Beijing; the test clock moves a minute per command).
    const urumqi = await run(['reconcile', '--date', '2025-03-05', '--report', 'r/urumqi.csv'], {
      env: { HISOPS_TIMEZONE: 'Asia/Urumqi' },
    });
    expect(urumqi.code).toBe(3);
    const beijing = /制表时间,(.+)|Prepared at,(.+)/;
    const at = (f: string) => {
      const m = beijing.exec(fs.readFileSync(path.join(w.dir, f), 'utf8'))!;
      return new Date(`${(m[1] ?? m[2])!.replace(' ', 'T')}Z`).getTime();
    };
    expect(at('r/report.csv') - at('r/urumqi.csv')).toBeGreaterThanOrEqual(2 * 3600_000 - 10 * 60_000);
    expect(at('r/report.csv') - at('r/urumqi.csv')).toBeLessThanOrEqual(2 * 3600_000);
    const bad = await run(['reconcile', '--date', '2025-03-05', '--report', 'r/report.pdf']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('.csv, .json, .html or .xlsx');
  });

  it('refuses bad input with exit 2 before touching anything', async () => {
    const back = await run(['reconcile', '--from', '2025-03-05', '--to', '2025-03-03', '--json']);
    expect(back.code).toBe(2);
    expect(JSON.parse(back.out).error.code).toBe('RECONCILE_RANGE_BACKWARDS');
    const dir = path.join(w.dir, 'limit');
    fs.mkdirSync(dir);
    writeConfig(dir, 'reconcile:\n  maxDays: 7\n');
    const long = await run(['reconcile', '--from', '2025-02-01', '--to', '2025-03-05'], { cwd: dir });
    expect(long.code).toBe(2);
    expect(long.err).toContain('33 days; the limit is 7');
    expect(long.err).toContain('reconcile.maxDays');
    writeConfig(dir, 'reconcile:\n  outOfArea: elsewhere\n');
    const cfg = await run(['reconcile', '--date', '2025-03-04'], { cwd: dir });
    expect(cfg.code).toBe(2);
    expect(cfg.err).toContain('reconcile.outOfArea must be one of own_agency, local_agency, exclude');
    expect(cfg.err).toContain('"elsewhere"');
    writeConfig(dir);
    const yaml = path.join(dir, 'hisops.yaml');
    fs.writeFileSync(
      yaml,
      fs.readFileSync(yaml, 'utf8').replace('timeoutMs: 4000\n', 'timeoutMs: 4000\n      utcOffsetMinutes: -480\n'),
    );
    const west = await run(['reconcile', '--date', '2025-03-04'], { cwd: dir });
    expect(west.code).toBe(2);
    expect(west.err).toContain('"center.utcOffsetMinutes" has the value -480');
    const zone = await run(['reconcile', '--date', '2025-03-04', '--report', 'r/zone.html', '--json'], {
      env: { HISOPS_TIMEZONE: 'China/Beijing' },
    });
    expect(zone.code).toBe(2);
    expect(JSON.parse(zone.out).error.code).toBe('CONFIG_INVALID');
    expect(zone.out).toContain('Asia/Shanghai');
    expect(fs.existsSync(path.join(w.dir, 'r/zone.html'))).toBe(false);
    const ins = await run(['reconcile', '--date', '2025-03-04', '--insutype', '999']);
    expect(ins.code).toBe(2);
    expect(ins.err).toContain('--insutype 999');
    const date = await run(['reconcile', '--date', '2025-02-30']);
    expect(date.code).toBe(2);
    expect(date.err).toContain('"2025-02-30" is not a date');
    const future = await run(['reconcile', '--date', '2025-03-11']);
    expect(future.code).toBe(2);
    const detail = await run(['reconcile', '--detail', 'sometimes']);
    expect(detail.code).toBe(2);
  });

  it('exits 5 when the center fails, and records the failed run', async () => {
    w.sb.setFaults('3201:error=系统繁忙');
    try {
      const r = await run(['reconcile', '--date', '2025-03-04', '--json']);
      expect(r.code).toBe(5);
      const doc = JSON.parse(r.out);
      expect(doc.ok).toBe(false);
      expect(doc.error.code).toBe('CENTER_REFUSED');
      expect(doc.error.fix).toContain('safe to run again');
      const h = JSON.parse((await run(['reconcile', 'history', '--json'])).out);
      expect(h.data.runs[0]).toMatchObject({ run_id: doc.runId, status: 'failed' });
    } finally {
      w.sb.setFaults('');
    }
  });

  it('--apply hands the certain repairs to the stuck-settlement job, as pending findings', async () => {
    const plain = JSON.parse((await run(['reconcile', '--date', '2025-03-03', '--json'])).out);
    expect(plain.data.findings.every((f: { repair: { status: string } }) => f.repair.status !== 'pending')).toBe(true);
    const r = await run(['reconcile', '--date', '2025-03-03', '--apply', '--json']);
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.out);
    expect(doc.data.apply.handed_off).toBeGreaterThan(0);
    expect(doc.data.apply.note).toContain('latestOneSidedFindings');
    const pending = doc.data.findings.filter((f: { repair: { status: string } }) => f.repair.status === 'pending');
    expect(pending).toHaveLength(doc.data.apply.handed_off);
    const j = await openJournal(`sqlite:${path.join(w.dir, 'cli-journal.db')}`);
    try {
      const one = await latestOneSidedFindings(j, { from: '2025-03-03', to: '2025-03-03' });
      expect(one.every((f) => f.run_id === doc.runId)).toBe(true);
      expect(one.filter((f) => f.repair_status === 'pending').length).toBe(pending.length);
    } finally {
      await j.close();
    }
  });
});
