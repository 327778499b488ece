/**
 * The 对账单 in a real browser: a month of a hospital (31 days, six groups a day, 40 differences
 * with long causes) rendered by headless Chromium — printed to PDF (A4 pages, the first portrait,
 * the wide tables landscape), every table measured against its page's width, and page 1 kept as a
 * PNG under .ci/artifacts/ for people to look at. Skips without Chromium, fails without it in CI.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../../src/cli/i18n.js';
import '../../../src/commands/reconcileReport.js';
import {
  reportHtml,
  type DaySummary,
  type Finding,
  type GroupResult,
  type ReportInput,
} from '../../../src/core/reconcile/index.js';
import {
  chromiumPath,
  chromiumRequired,
  hasCjkFont,
  measureTables,
  pdfPages,
  printToPdf,
  screenshot,
} from '../../helpers/chromium.js';

const ARTIFACTS = path.resolve(__dirname, '../../../.ci/artifacts');
const GROUPS: Array<[string, string]> = [
  ['310', '11'],
  ['310', '21'],
  ['390', '11'],
  ['390', '21'],
  ['340', '21'],
  ['510', '21'],
];

const money = (fen: number) =>
  `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

function finding(i: number, day: string): Finding {
  const medfee = money(-(123456 + i * 7919));
  return {
    kind: i % 3 === 0 ? 'his_only' : i % 3 === 1 ? 'center_only' : 'amount_mismatch',
    cause: 'his_rollback',
    begndate: day,
    enddate: day,
    insutype: GROUPS[i % GROUPS.length]![0],
    clr_type: GROUPS[i % GROUPS.length]![1],
    setl_optins: '430100',
    setl_id: `43010025030${String(i).padStart(4, '0')}000123456789`,
    mdtrt_id: `430100250300${i}77712345`,
    psn_no: `43000011000000${String(i).padStart(6, '0')}`,
    msgid: `H430100000012025030414050${String(i).padStart(4, '0')}`,
    related_setl_id: null,
    refd_setl_flag: '0',
    his_setl_time: `${day} 23:59:58`,
    center_setl_time: null,
    fields: [],
    effects: [
      {
        begndate: day,
        enddate: day,
        insutype: GROUPS[i % GROUPS.length]![0],
        clr_type: GROUPS[i % GROUPS.length]![1],
        setl_optins: '430100',
        count: -1,
        medfee_sumamt: medfee,
        fund_pay_sumamt: money(-60000),
        acct_pay: '0.00',
      },
    ],
    detail:
      'The HIS holds settlement 4301002503000123456789 (medfee_sumamt 1234.56, settled 2025-03-04 23:59:58) and the center answered 5203 that it has no such settlement: the HIS wrote its row after the center rolled the call back (msgid in the write-ahead journal without an answer).',
    evidence: { his: null, center_row: null, center_query: null, his_log: null, call: null },
    repair: {
      action: 'stuck_job',
      certain: true,
      how: 'Hand it to the stuck-settlement job: it asks the center again (5203) and voids the HIS row when the center still holds none.',
      command: 'hisops settle stuck --apply',
      status: 'suggested',
      infno: '5203',
    },
  };
}

function month(): ReportInput {
  const days: DaySummary[] = [];
  const groups: GroupResult[] = [];
  const findings: Finding[] = [];
  for (let d = 1; d <= 31; d++) {
    const day = `2025-03-${String(d).padStart(2, '0')}`;
    const bad = d % 4 === 0;
    for (const [insutype, clr_type] of GROUPS) {
      const medfee = 98765432 + d * 1000 + Number(insutype);
      groups.push({
        begndate: day,
        enddate: day,
        insutype,
        clr_type,
        setl_optins: '430100',
        his: {
          count: 1234,
          medfee_sumamt: money(medfee),
          fund_pay_sumamt: money(Math.floor(medfee * 0.6)),
          acct_pay: money(Math.floor(medfee * 0.1)),
        },
        center: {
          count: bad ? 1233 : 1234,
          medfee_sumamt: money(bad ? medfee - 123456 : medfee),
          fund_pay_sumamt: money(Math.floor(medfee * 0.6) - (bad ? 60000 : 0)),
          acct_pay: money(Math.floor(medfee * 0.1)),
        },
        diff: bad
          ? { count: -1, medfee_sumamt: money(-123456), fund_pay_sumamt: money(-60000), acct_pay: '0.00' }
          : { count: 0, medfee_sumamt: '0.00', fund_pay_sumamt: '0.00', acct_pay: '0.00' },
        stmt_rslt: bad ? '1' : '0',
        stmt_rslt_dscr: bad ? '不平' : '平',
        balanced: !bad,
        detail: bad ? 'done' : 'not_needed',
        findings: bad ? 1 : 0,
        msgid: 'M',
        asked_because: ['his_rows'],
      });
    }
    days.push({
      day,
      begndate: day,
      enddate: day,
      status: bad ? 'unbalanced' : 'balanced',
      groups: GROUPS.length,
      unbalanced: bad ? GROUPS.length : 0,
      his_count: 1234 * GROUPS.length,
      his_medfee_sumamt: '0.00',
      diff_medfee_sumamt: bad ? money(-123456 * GROUPS.length) : '0.00',
      diff_count: bad ? -GROUPS.length : 0,
      findings: bad ? 5 : 0,
    });
    if (bad) for (let k = 0; k < 5; k++) findings.push(finding(findings.length, day));
  }
  return {
    runId: '01JNQ8Z3K5V7W9X1Y3Z5A7B9C1',
    fixmedins_code: 'H43010000001',
    fixmedins_name: '长沙市第一人民医院',
    setl_optins: '430100',
    setl_optins_name: '长沙市医疗保障事务中心',
    begndate: '2025-03-01',
    enddate: '2025-03-31',
    status: 'unbalanced',
    generated_at: '2025-04-01T01:02:03.000Z',
    days,
    groups,
    findings,
    timezone: 'Asia/Shanghai',
  };
}

const have = !!chromiumPath();
const suite = have ? describe : chromiumRequired() ? describe : describe.skip;
if (!have && !chromiumRequired())
  process.stderr.write(
    '\nreport browser suite skipped: Chromium is not installed (apt-get install -y chromium fonts-wqy-zenhei)\n',
  );

suite('the 对账单 in headless Chromium', () => {
  let work = '';
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-report-'));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`${lang}: prints on A4 (page 1 portrait, the wide tables landscape), no table wider than its page`, () => {
      if (!have) throw new Error('Chromium is required in CI: apt-get install -y chromium fonts-wqy-zenhei');
      expect(
        hasCjkFont(),
        'a font for Chinese is needed to print the 对账单: apt-get install -y fonts-wqy-zenhei',
      ).toBe(true);
      const html = path.join(work, `recon-${lang}.html`);
      fs.writeFileSync(html, reportHtml({ ...month(), lang, t: (k, v) => translate(lang, k, v) }));
      fs.copyFileSync(html, path.join(ARTIFACTS, `recon-${lang}.html`));

      const pdf = printToPdf(html, path.join(ARTIFACTS, `recon-${lang}.pdf`));
      const pages = pdfPages(pdf);
      const portrait = pages.filter((p) => p.height > p.width);
      const landscape = pages.filter((p) => p.width > p.height);
      // A4 is 595 × 842 points.
      for (const p of pages)
        expect([Math.round(Math.min(p.width, p.height)), Math.round(Math.max(p.width, p.height))]).toEqual([595, 842]);
      expect(pages[0]!.height).toBeGreaterThan(pages[0]!.width);
      // Page 1 and 2 for the month's days; the groups on one landscape page; 40 differences over a few.
      expect(portrait.length).toBeGreaterThanOrEqual(1);
      expect(portrait.length).toBeLessThanOrEqual(2);
      expect(landscape.length).toBeGreaterThanOrEqual(2);
      expect(pages.length).toBeLessThanOrEqual(12);

      const measured = measureTables(html, work);
      expect(measured.map((m) => m.sheet)).toEqual(['days', 'groups', 'findings']);
      for (const m of measured) {
        for (const t of m.tables) {
          expect(t.scrollWidth, `${m.sheet}: table scrollWidth ${t.scrollWidth} > page ${m.width}`).toBeLessThanOrEqual(
            m.width,
          );
          expect(t.width).toBeLessThanOrEqual(m.width);
          expect(t.overflowingCells, `${m.sheet}: cells whose content overflows`).toEqual([]);
        }
      }
      // A4 portrait at 96 px per inch.
      screenshot(html, path.join(ARTIFACTS, `recon-${lang}-page1.png`), 794, 1123);
      expect(fs.statSync(path.join(ARTIFACTS, `recon-${lang}-page1.png`)).size).toBeGreaterThan(10_000);
    }, 180_000);
  }
});
