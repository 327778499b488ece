import { describe, expect, it } from 'vitest';
import { isHisopsError } from '../../../src/core/errors.js';
import { classify, dailyChartSvg, daySummaries, reportCsv, reportFormat, reportHtml, reportJson, settleGroupSums, type DaySummary, type FenTotals, type GroupResult, type ReportInput } from '../../../src/core/reconcile/index.js';
import { his, row, RULES, SCOPE } from './fixtures.js';

const g = (over: Partial<GroupResult>): GroupResult => ({
  begndate: '2025-03-04',
  enddate: '2025-03-04',
  insutype: '310',
  clr_type: '11',
  setl_optins: '430100',
  his: { count: 2, medfee_sumamt: '200.00', fund_pay_sumamt: '120.00', acct_pay: '20.00' },
  center: null,
  diff: null,
  stmt_rslt: '1',
  stmt_rslt_dscr: '不平',
  balanced: false,
  detail: 'done',
  findings: 1,
  msgid: 'M',
  ...over,
});

const centerOnly = classify({ type: 'center_only', center: row({ setl_id: 'C1', stmt_rslt: '1', medfee: 5000n, fund: 2000n, acct: 0n, memo: 'a "quoted", memo' }) }, { center: { ok: true, setlinfo: { setl_id: 'C1', insutype: '310' } } }, { scope: SCOPE, rules: RULES });
const hisOnly = classify({ type: 'his_only', his: his({ setl_id: 'H<1>' }), center: row({ setl_id: 'H<1>', stmt_rslt: '1' }) }, { center: { ok: false, code: 'CENTER_REFUSED', err_msg: '未查询到 <script>' } }, { scope: SCOPE, rules: RULES });

describe('group sums and day lines', () => {
  it('derives the center sums of an unbalanced group from the findings, a balanced one from the HIS', () => {
    const a = g({});
    const b = g({ insutype: '390', balanced: true, findings: 0 });
    const c = g({ insutype: '510', detail: 'never', findings: 0 });
    const t: FenTotals = { count: 2, medfee: 20000n, fund: 12000n, acct: 2000n, cash: 0n };
    settleGroupSums([a, b, c], new Map([[a, t], [b, t], [c, t]]), [centerOnly, hisOnly]);
    expect(a.diff).toEqual({ count: 0, medfee_sumamt: '-50.00', fund_pay_sumamt: '-40.00', acct_pay: '-10.00' });
    expect(a.center).toEqual({ count: 2, medfee_sumamt: '150.00', fund_pay_sumamt: '80.00', acct_pay: '10.00' });
    expect(b.center).toEqual(b.his);
    expect(c.center).toBeNull();
    const days = daySummaries([{ begndate: '2025-03-04', enddate: '2025-03-04' }, { begndate: '2025-03-05', enddate: '2025-03-05' }], [a, b, c], [centerOnly, hisOnly]);
    expect(days).toEqual([
      { day: '2025-03-04', begndate: '2025-03-04', enddate: '2025-03-04', status: 'unbalanced', groups: 3, unbalanced: 2, his_count: 6, his_medfee_sumamt: '600.00', diff_medfee_sumamt: '-50.00', diff_count: 0, findings: 2 },
      { day: '2025-03-05', begndate: '2025-03-05', enddate: '2025-03-05', status: 'empty', groups: 0, unbalanced: 0, his_count: 0, his_medfee_sumamt: '0.00', diff_medfee_sumamt: '0.00', diff_count: 0, findings: 0 },
    ]);
  });
});

const days: DaySummary[] = [
  { day: '2025-03-04', begndate: '2025-03-04', enddate: '2025-03-04', status: 'unbalanced', groups: 1, unbalanced: 1, his_count: 2, his_medfee_sumamt: '200.00', diff_medfee_sumamt: '-50.00', diff_count: 0, findings: 2 },
  { day: '2025-03-05', begndate: '2025-03-05', enddate: '2025-03-05', status: 'balanced', groups: 1, unbalanced: 0, his_count: 2, his_medfee_sumamt: '200.00', diff_medfee_sumamt: '0.00', diff_count: 0, findings: 0 },
];
const input: ReportInput = { runId: 'R1', fixmedins_code: 'H43010000001', fixmedins_name: '示例<医院>', begndate: '2025-03-04', enddate: '2025-03-05', status: 'unbalanced', generated_at: '2025-03-10T01:00:00.000Z', days, groups: [g({ center: { count: 2, medfee_sumamt: '150.00', fund_pay_sumamt: '80.00', acct_pay: '10.00' } })], findings: [centerOnly, hisOnly] };

describe('reports', () => {
  it('picks the format from the file name', () => {
    expect(['a.csv', 'b.JSON', 'c.html', 'd.htm'].map(reportFormat)).toEqual(['csv', 'json', 'html', 'html']);
    try {
      reportFormat('x.xlsx');
      throw new Error('no error');
    } catch (e) {
      expect(isHisopsError(e) && e.code).toBe('RECONCILE_REPORT_FORMAT');
    }
  });

  it('CSV: a BOM, the group table, an empty line, the findings table, quoted where needed', () => {
    const csv = reportCsv(input);
    const lines = csv.slice(1).split('\r\n');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]!.split(',')).toHaveLength(21);
    expect(lines[0]!.endsWith(',findings,asked_because')).toBe(true);
    expect(lines[1]).toContain('2025-03-04,2025-03-04,310,11,430100,2,200.00,120.00,20.00,2,150.00,80.00,10.00');
    expect(lines[2]).toBe('');
    expect(lines[3]!.startsWith('begndate,enddate,kind,kind_zh,cause')).toBe(true);
    expect(lines[4]).toContain('center_only,中心单边（医院无此结算）,unknown_to_his');
    expect(csv).toContain('H<1>');
  });

  it('JSON: the whole report with a format tag', () => {
    const doc = JSON.parse(reportJson(input));
    expect(doc.format).toBe('hisops-reconcile-report/1');
    expect(doc.findings).toHaveLength(2);
  });

  it('HTML: self-contained, escaped, with the chart', () => {
    const html = reportHtml(input);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('示例&lt;医院&gt;');
    expect(html).toContain('H&lt;1&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/<link|<img|src=|href=/i);
    expect(html).toContain('<svg');
    expect(html).toContain('不平');
  });

  it('the chart draws one bar per day, above the line when the center holds more', () => {
    const svg = dailyChartSvg([{ ...days[0]!, diff_medfee_sumamt: '50.00' }, { ...days[1]!, diff_medfee_sumamt: '-25.00', status: 'unbalanced' }, { ...days[1]!, day: '2025-03-06' }]);
    const rects = [...svg.matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="\d+" height="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(rects).toEqual([
      [20, 80],
      [100, 40],
      [100, 0],
    ]);
    expect(svg).toContain('#c0392b');
    expect(svg).toContain('>03-06<');
  });
});
