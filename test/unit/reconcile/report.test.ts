import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { translate } from '../../../src/cli/i18n.js';
import '../../../src/commands/reconcileReport.js';
import { isHisopsError } from '../../../src/core/errors.js';
import {
  classify,
  dailyChartSvg,
  daySummaries,
  reportCsv,
  reportFormat,
  reportHtml,
  reportJson,
  reportXlsx,
  settleGroupSums,
  type DaySummary,
  type FenTotals,
  type GroupResult,
  type ReportInput,
} from '../../../src/core/reconcile/index.js';
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

const centerOnly = classify(
  {
    type: 'center_only',
    center: row({ setl_id: 'C1', stmt_rslt: '1', medfee: 5000n, fund: 2000n, acct: 0n, memo: 'a "quoted", memo' }),
  },
  { center: { ok: true, setlinfo: { setl_id: 'C1', insutype: '310' } } },
  { scope: SCOPE, rules: RULES },
);
const hisOnly = classify(
  { type: 'his_only', his: his({ setl_id: 'H<1>' }), center: row({ setl_id: 'H<1>', stmt_rslt: '1' }) },
  { center: { ok: false, code: 'CENTER_REFUSED', err_msg: '未查询到 <script>' } },
  { scope: SCOPE, rules: RULES },
);

describe('group sums and day lines', () => {
  it('derives the center sums of an unbalanced group from the findings, a balanced one from the HIS', () => {
    const a = g({});
    const b = g({ insutype: '390', balanced: true, findings: 0 });
    const c = g({ insutype: '510', detail: 'never', findings: 0 });
    const t: FenTotals = { count: 2, medfee: 20000n, fund: 12000n, acct: 2000n, cash: 0n };
    settleGroupSums(
      [a, b, c],
      new Map([
        [a, t],
        [b, t],
        [c, t],
      ]),
      [centerOnly, hisOnly],
    );
    expect(a.diff).toEqual({ count: 0, medfee_sumamt: '-50.00', fund_pay_sumamt: '-40.00', acct_pay: '-10.00' });
    expect(a.center).toEqual({ count: 2, medfee_sumamt: '150.00', fund_pay_sumamt: '80.00', acct_pay: '10.00' });
    expect(b.center).toEqual(b.his);
    expect(c.center).toBeNull();
    const days = daySummaries(
      [
        { begndate: '2025-03-04', enddate: '2025-03-04' },
        { begndate: '2025-03-05', enddate: '2025-03-05' },
      ],
      [a, b, c],
      [centerOnly, hisOnly],
    );
    expect(days).toEqual([
      {
        day: '2025-03-04',
        begndate: '2025-03-04',
        enddate: '2025-03-04',
        status: 'unbalanced',
        groups: 3,
        unbalanced: 2,
        his_count: 6,
        his_medfee_sumamt: '600.00',
        diff_medfee_sumamt: '-50.00',
        diff_count: 0,
        findings: 2,
      },
      {
        day: '2025-03-05',
        begndate: '2025-03-05',
        enddate: '2025-03-05',
        status: 'empty',
        groups: 0,
        unbalanced: 0,
        his_count: 0,
        his_medfee_sumamt: '0.00',
        diff_medfee_sumamt: '0.00',
        diff_count: 0,
        findings: 0,
      },
    ]);
  });
});

const days: DaySummary[] = [
  {
    day: '2025-03-04',
    begndate: '2025-03-04',
    enddate: '2025-03-04',
    status: 'unbalanced',
    groups: 1,
    unbalanced: 1,
    his_count: 2,
    his_medfee_sumamt: '200.00',
    diff_medfee_sumamt: '-50.00',
    diff_count: 0,
    findings: 2,
  },
  {
    day: '2025-03-05',
    begndate: '2025-03-05',
    enddate: '2025-03-05',
    status: 'balanced',
    groups: 1,
    unbalanced: 0,
    his_count: 2,
    his_medfee_sumamt: '200.00',
    diff_medfee_sumamt: '0.00',
    diff_count: 0,
    findings: 0,
  },
];
const groups = [
  g({ center: { count: 2, medfee_sumamt: '150.00', fund_pay_sumamt: '80.00', acct_pay: '10.00' } }),
  g({
    insutype: '390',
    clr_type: '21',
    balanced: true,
    findings: 0,
    center: { count: 2, medfee_sumamt: '200.00', fund_pay_sumamt: '120.00', acct_pay: '20.00' },
  }),
  g({
    begndate: '2025-03-05',
    enddate: '2025-03-05',
    balanced: true,
    findings: 0,
    center: { count: 2, medfee_sumamt: '200.00', fund_pay_sumamt: '120.00', acct_pay: '20.00' },
  }),
];
const base: ReportInput = {
  runId: 'R1',
  fixmedins_code: 'H43010000001',
  fixmedins_name: '示例<医院>',
  setl_optins: '430100',
  setl_optins_name: '长沙市医保局',
  begndate: '2025-03-04',
  enddate: '2025-03-05',
  status: 'unbalanced',
  generated_at: '2025-03-10T01:00:00.000Z',
  days,
  groups,
  findings: [centerOnly, hisOnly],
};
const zh: ReportInput = { ...base, lang: 'zh-CN', t: (k, v) => translate('zh-CN', k, v), timezone: 'Asia/Shanghai' };
const en: ReportInput = { ...base, lang: 'en', t: (k, v) => translate('en', k, v), timezone: 'Asia/Shanghai' };
const input = zh;

describe('reports', () => {
  it('picks the format from the file name', () => {
    expect(['a.csv', 'b.JSON', 'c.html', 'd.htm', 'e.xlsx'].map(reportFormat)).toEqual([
      'csv',
      'json',
      'html',
      'html',
      'xlsx',
    ]);
    try {
      reportFormat('x.pdf');
      throw new Error('no error');
    } catch (e) {
      expect(isHisopsError(e) && e.code).toBe('RECONCILE_REPORT_FORMAT');
    }
  });

  it('CSV: a BOM, title lines, Chinese headers under zh-CN, names of codes, 合计 rows, signature line', () => {
    const csv = reportCsv(zh);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('医保对账单');
    expect(lines).toContain('定点医药机构,示例<医院> · H43010000001');
    expect(lines).toContain('经办机构,430100 长沙市医保局');
    expect(lines).toContain('对账期间,2025-03-04 至 2025-03-05');
    // Local time, never UTC ISO.
    expect(lines).toContain('制表时间,2025-03-10 09:00:00');
    expect(csv).not.toContain('T01:00:00');
    expect(lines).toContain(
      '日期,医院笔数,医院医疗费总额,医院基金支付,中心笔数,中心医疗费总额,中心基金支付,笔数差,医疗费差额,结果',
    );
    expect(lines).toContain('2025-03-04,4,400.00,240.00,4,350.00,200.00,0,-50.00,不平');
    expect(lines).toContain('合计,6,600.00,360.00,6,550.00,320.00,0,-50.00,不平');
    expect(lines).toContain(
      '险种,清算类别,医院笔数,医院医疗费总额,医院基金支付,中心笔数,中心医疗费总额,中心基金支付,笔数差,医疗费差额,结果',
    );
    expect(lines).toContain('310 职工基本医疗保险,11 门诊,4,400.00,240.00,4,350.00,200.00,0,-50.00,不平');
    expect(lines).toContain('390 城乡居民基本医疗保险,21 住院,2,200.00,120.00,2,200.00,120.00,0,0.00,平');
    expect(csv).toContain('中心单边（医院无此结算）');
    expect(csv).toContain('H<1>');
    expect(lines.at(-2)).toBe('制表人:,,审核人:,,日期:,');
  });

  it('CSV in English: worded headers and names, the same figures', () => {
    const lines = reportCsv(en).slice(1).split('\r\n');
    expect(lines[0]).toBe('Medical insurance reconciliation statement');
    expect(lines).toContain('Prepared at,2025-03-10 09:00:00');
    expect(lines).toContain('Total,6,600.00,360.00,6,550.00,320.00,0,-50.00,unbalanced');
    expect(lines).toContain(
      '310 employee basic medical insurance,11 outpatient,4,400.00,240.00,4,350.00,200.00,0,-50.00,unbalanced',
    );
    expect(lines.join('\n')).not.toMatch(/[\u4e00-\u9fff]{2}.*,(balanced|unbalanced)$/m);
  });

  it('Excel: the same sheets with worded headers, 2-decimal number formats, frozen headers and SUM totals', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await reportXlsx(zh)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '对账单',
      '按日汇总',
      '按险种清算类别汇总',
      '差异明细',
      '每日分组明细',
    ]);
    const first = wb.getWorksheet('对账单')!;
    expect(first.getCell('A1').value).toBe('医保对账单');
    expect(first.getColumn(1).values).toContain('制表人：');
    const ws = wb.getWorksheet('按险种清算类别汇总')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.getRow(3).values).toEqual([
      undefined,
      '险种',
      '清算类别',
      '医院笔数',
      '医院医疗费总额',
      '医院基金支付',
      '中心笔数',
      '中心医疗费总额',
      '中心基金支付',
      '笔数差',
      '医疗费差额',
      '结果',
    ]);
    expect(ws.getCell('A4').value).toBe('310 职工基本医疗保险');
    expect(ws.getCell('D4').value).toBe(400);
    expect(ws.getCell('D4').numFmt).toBe('#,##0.00');
    expect(ws.getCell('A6').value).toBe('合计');
    expect(ws.getCell('D6').value).toMatchObject({ formula: 'SUM(D4:D5)', result: 600 });
    expect(ws.getCell('K6').value).toBe('不平');
    const f = wb.getWorksheet('差异明细')!;
    expect(f.getRow(3).values).toContain('处理建议');
  });

  it('JSON: the whole report with a format tag', () => {
    const doc = JSON.parse(reportJson(input));
    expect(doc.format).toBe('hisops-reconcile-report/1');
    expect(doc.findings).toHaveLength(2);
    expect(doc.generated_at).toBe('2025-03-10T09:00:00+08:00');
    expect(doc.timezone).toBe('Asia/Shanghai');
  });

  it("HTML: a printable A4 对账单, self-contained and escaped, in the run's language", () => {
    const html = reportHtml(zh);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<h1>医保对账单</h1>');
    expect(html).toContain('示例&lt;医院&gt; · H43010000001');
    expect(html).toContain('430100 长沙市医保局');
    expect(html).toContain('2025-03-10 09:00:00');
    expect(html).not.toContain('T01:00:00');
    expect(html).toContain('H&lt;1&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/<link|<img|src=|href=/i);
    expect(html).toContain('<svg');
    expect(html).toContain('310 职工基本医疗保险');
    expect(html).toContain('11 门诊');
    expect(html).toMatch(/<tr class="total"><td>合计<\/td>/);
    expect(html).toContain('<td class="r">不平</td>');
    expect(html).toContain('<td class="r">平</td>');
    expect(html).toContain('<th>处理建议</th>');
    expect(html).toMatch(/制表人：[\s\S]*审核人：[\s\S]*日期：/);
    expect(html).toContain('@page wide{size:A4 landscape');
    expect(html).toContain('<thead>');
    // No raw field names as headers.
    expect(html).not.toMatch(/<th>[a-z_]+<\/th>/);
    const english = reportHtml(en);
    expect(english).toContain('<h1>Medical insurance reconciliation statement</h1>');
    expect(english).toContain('310 employee basic medical insurance');
    expect(english).toContain('Prepared by');
    expect(english).not.toMatch(/<th>[^<]*[\u4e00-\u9fff]/);
  });

  it('the chart draws one bar per day, above the line when the center holds more', () => {
    const svg = dailyChartSvg([
      { ...days[0]!, diff_medfee_sumamt: '50.00' },
      { ...days[1]!, diff_medfee_sumamt: '-25.00', status: 'unbalanced' },
      { ...days[1]!, day: '2025-03-06' },
    ]);
    const rects = [...svg.matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="\d+" height="([\d.]+)"/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(rects).toEqual([
      [20, 80],
      [100, 40],
      [100, 0],
    ]);
    expect(svg).toContain('#c0392b');
    expect(svg).toContain('>03-06<');
  });
});
