/**
 * Reports for finance: CSV (UTF-8 with BOM so spreadsheet programs read the Chinese), JSON, or a
 * self-contained HTML page — summary per group, a chart of the daily differences as inline SVG,
 * the findings table — with no external assets (it opens offline and prints). Pure: strings in,
 * string out; the command writes the file.
 */
import { inputError } from '../errors.js';
import { parseFen } from './fen.js';
import type { DaySummary, GroupResult, RunStatus } from './summary.js';
import type { Finding } from './types.js';

export interface ReportInput {
  runId: string;
  fixmedins_code: string;
  fixmedins_name?: string;
  begndate: string;
  enddate: string;
  status: RunStatus;
  /** When the report was made (ISO text; passed in, never read from the clock here). */
  generated_at: string;
  days: readonly DaySummary[];
  groups: readonly GroupResult[];
  findings: readonly Finding[];
}

export type ReportFormat = 'csv' | 'json' | 'html';

/** The format a report file name asks for. */
export function reportFormat(file: string): ReportFormat {
  const m = /\.(csv|json|html?)$/i.exec(file);
  if (!m) throw inputError('RECONCILE_REPORT_FORMAT', `Cannot tell the report format of "${file}"`, 'Name the file with .csv, .json or .html (e.g. --report 对账-2025-03.html).').zh(`无法判断 "${file}" 的报告格式`, '请以 .csv、.json 或 .html 作为文件扩展名（例如 --report 对账-2025-03.html）。');
  const ext = m[1]!.toLowerCase();
  return ext === 'htm' || ext === 'html' ? 'html' : (ext as ReportFormat);
}

const KIND_ZH: Record<string, string> = {
  center_only: '中心单边（医院无此结算）',
  his_only: '医院单边（中心无此结算）',
  amount_mismatch: '金额不符',
  center_duplicate: '中心重复结算',
  refund_other_period: '退费计入其他期间',
  cross_midnight: '跨日结算',
  group_mismatch: '险种/清算类别/经办机构不符',
  unknown: '无法识别',
};

export function kindLabel(kind: string): string {
  return KIND_ZH[kind] ?? kind;
}

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLine = (cells: unknown[]) => cells.map(csvCell).join(',');

const GROUP_HEAD = ['begndate', 'enddate', 'insutype', 'clr_type', 'setl_optins', 'his_count', 'his_medfee_sumamt', 'his_fund_pay_sumamt', 'his_acct_pay', 'center_count', 'center_medfee_sumamt', 'center_fund_pay_sumamt', 'center_acct_pay', 'diff_count', 'diff_medfee_sumamt', 'diff_fund_pay_sumamt', 'diff_acct_pay', 'result', 'stmt_rslt_dscr', 'findings', 'asked_because'];

function resultText(g: GroupResult): string {
  return g.balanced === true ? '平' : g.balanced === false ? '不平' : '未对账';
}

function groupCells(g: GroupResult): unknown[] {
  return [
    g.begndate,
    g.enddate,
    g.insutype,
    g.clr_type,
    g.setl_optins,
    g.his.count,
    g.his.medfee_sumamt,
    g.his.fund_pay_sumamt,
    g.his.acct_pay,
    g.center?.count ?? '',
    g.center?.medfee_sumamt ?? '',
    g.center?.fund_pay_sumamt ?? '',
    g.center?.acct_pay ?? '',
    g.diff?.count ?? '',
    g.diff?.medfee_sumamt ?? '',
    g.diff?.fund_pay_sumamt ?? '',
    g.diff?.acct_pay ?? '',
    resultText(g),
    g.stmt_rslt_dscr ?? '',
    g.findings,
    // Why the group was asked that day: configured, known (journal), his_rows, run.
    (g.asked_because ?? []).join(' '),
  ];
}

const FINDING_HEAD = ['begndate', 'enddate', 'kind', 'kind_zh', 'cause', 'insutype', 'clr_type', 'setl_optins', 'setl_id', 'mdtrt_id', 'psn_no', 'msgid', 'related_setl_id', 'his_setl_time', 'center_setl_time', 'fields', 'diff_medfee_sumamt', 'repair', 'repair_status', 'detail'];

function findingMedfee(f: Finding): string {
  let t = 0n;
  for (const e of f.effects) t += parseFen(e.medfee_sumamt) ?? 0n;
  const neg = t < 0n;
  const a = (neg ? -t : t).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${a.slice(0, -2)}.${a.slice(-2)}`;
}

function fieldsText(f: Finding): string {
  return f.fields.map((d) => `${d.field}: ${d.his ?? ''} → ${d.center ?? ''}`).join('; ');
}

function findingCells(f: Finding): unknown[] {
  return [
    f.begndate,
    f.enddate,
    f.kind,
    kindLabel(f.kind),
    f.cause,
    f.insutype,
    f.clr_type,
    f.setl_optins,
    f.setl_id,
    f.mdtrt_id,
    f.psn_no,
    f.msgid,
    f.related_setl_id,
    f.his_setl_time,
    f.center_setl_time,
    fieldsText(f),
    findingMedfee(f),
    f.repair.how,
    f.repair.status,
    f.detail,
  ];
}

/** Two tables — groups, then findings — separated by an empty line, with a BOM. */
export function reportCsv(r: ReportInput): string {
  const lines = [csvLine(GROUP_HEAD), ...r.groups.map((g) => csvLine(groupCells(g))), '', csvLine(FINDING_HEAD), ...r.findings.map((f) => csvLine(findingCells(f)))];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export function reportJson(r: ReportInput): string {
  return JSON.stringify({ format: 'hisops-reconcile-report/1', ...r }, null, 2) + '\n';
}

const esc = (v: unknown) =>
  (v === null || v === undefined ? '' : String(v)).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Bars of the daily difference (center − HIS, medfee_sumamt): above the line the center holds
 * more, below it the HIS. Unbalanced days are red, balanced green, days not reconciled grey.
 */
export function dailyChartSvg(days: readonly DaySummary[]): string {
  const n = Math.max(1, days.length);
  const bar = Math.max(6, Math.min(40, Math.floor(760 / n) - 4));
  const step = bar + 4;
  const left = 70;
  const width = left + n * step + 20;
  const height = 220;
  const mid = 100;
  const values = days.map((d) => Number(d.diff_medfee_sumamt));
  const max = Math.max(1, ...values.map((v) => Math.abs(v)));
  const scale = 80 / max;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="daily difference">`);
  parts.push(`<line x1="${left}" y1="${mid}" x2="${width - 10}" y2="${mid}" stroke="#888" stroke-width="1"/>`);
  parts.push(`<text x="${left - 6}" y="${mid - 80 + 4}" font-size="10" text-anchor="end" fill="#555">+${esc(max.toFixed(2))}</text>`);
  parts.push(`<text x="${left - 6}" y="${mid + 4}" font-size="10" text-anchor="end" fill="#555">0</text>`);
  parts.push(`<text x="${left - 6}" y="${mid + 80 + 4}" font-size="10" text-anchor="end" fill="#555">-${esc(max.toFixed(2))}</text>`);
  days.forEach((d, i) => {
    const v = values[i]!;
    const h = Math.max(v === 0 ? 0 : 1, Math.abs(v) * scale);
    const x = left + i * step + 2;
    const y = v >= 0 ? mid - h : mid;
    const color = d.status === 'unbalanced' ? '#c0392b' : d.status === 'failed' ? '#999' : '#27ae60';
    parts.push(`<rect x="${x}" y="${y.toFixed(1)}" width="${bar}" height="${h.toFixed(1)}" fill="${color}"><title>${esc(d.day)} ${esc(d.status)} ${esc(d.diff_medfee_sumamt)}</title></rect>`);
    if (d.status !== 'balanced' && d.status !== 'empty') parts.push(`<circle cx="${x + bar / 2}" cy="${mid}" r="2.5" fill="${color}"/>`);
    if (n <= 40 && (n <= 16 || i % 2 === 0)) parts.push(`<text x="${x + bar / 2}" y="${height - 8}" font-size="9" text-anchor="middle" fill="#333">${esc(d.day.slice(5))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

const STYLE = `body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:24px;color:#222}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}
.meta{color:#555;font-size:13px}.ok{color:#27ae60;font-weight:600}.bad{color:#c0392b;font-weight:600}.grey{color:#888}
table{border-collapse:collapse;font-size:12px;margin-top:4px}th,td{border:1px solid #ccc;padding:3px 6px;vertical-align:top}
th{background:#f3f3f3;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.unbalanced td{background:#fdf0ef}.small{font-size:11px;color:#555}@media print{body{margin:0}}`;

export function reportHtml(r: ReportInput): string {
  const statusZh = r.status === 'balanced' ? '平' : r.status === 'unbalanced' ? '不平' : '未完成';
  const cls = r.status === 'balanced' ? 'ok' : r.status === 'unbalanced' ? 'bad' : 'grey';
  const unbalanced = r.groups.filter((g) => g.balanced === false).length;
  const groupRows = r.groups
    .map((g) => {
      const c = groupCells(g);
      return `<tr class="${g.balanced === false ? 'unbalanced' : ''}">${c
        .map((v, i) => `<td${i >= 5 && i <= 16 ? ' class="n"' : ''}>${i === 17 ? `<span class="${g.balanced ? 'ok' : g.balanced === false ? 'bad' : 'grey'}">${esc(v)}</span>` : esc(v)}</td>`)
        .join('')}</tr>`;
    })
    .join('\n');
  const dayRows = r.days
    .map((d) => `<tr class="${d.status === 'unbalanced' ? 'unbalanced' : ''}"><td>${esc(d.begndate === d.enddate ? d.day : `${d.begndate}…${d.enddate}`)}</td><td>${esc({ balanced: '平', unbalanced: '不平', empty: '无结算', failed: '未完成' }[d.status])}</td><td class="n">${d.groups}</td><td class="n">${d.unbalanced}</td><td class="n">${d.his_count}</td><td class="n">${esc(d.his_medfee_sumamt)}</td><td class="n">${d.diff_count}</td><td class="n">${esc(d.diff_medfee_sumamt)}</td><td class="n">${d.findings}</td></tr>`)
    .join('\n');
  const findingRows = r.findings
    .map(
      (f) =>
        `<tr><td>${esc(f.begndate === f.enddate ? f.begndate : `${f.begndate}…${f.enddate}`)}</td><td>${esc(kindLabel(f.kind))}<div class="small">${esc(f.kind)} · ${esc(f.cause)}</div></td><td>${esc(f.insutype)}/${esc(f.clr_type)}/${esc(f.setl_optins)}</td><td>${esc(f.setl_id)}${f.related_setl_id ? `<div class="small">↔ ${esc(f.related_setl_id)}</div>` : ''}</td><td>${esc(f.mdtrt_id)}</td><td>${esc(f.psn_no)}</td><td>${esc(f.msgid)}</td><td class="n">${esc(findingMedfee(f))}</td><td>${esc(fieldsText(f))}</td><td>${esc(f.detail)}</td><td>${esc(f.repair.how)}${f.repair.command ? `<div class="small"><code>${esc(f.repair.command)}</code></div>` : ''}<div class="small">${esc(f.repair.status)}</div></td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>医保对账报告 ${esc(r.begndate)}${r.enddate !== r.begndate ? '…' + esc(r.enddate) : ''}</title><style>${STYLE}</style></head>
<body>
<h1>医保对账报告 · Reconciliation report</h1>
<div class="meta">${esc(r.fixmedins_name ?? '')} ${esc(r.fixmedins_code)} · ${esc(r.begndate)}${r.enddate !== r.begndate ? ' … ' + esc(r.enddate) : ''} · 结果 <span class="${cls}">${statusZh}</span> · ${r.groups.length} 组，不平 ${unbalanced} 组，差异 ${r.findings.length} 条 · run ${esc(r.runId)} · ${esc(r.generated_at)}</div>
<h2>每日差异 · Daily difference (center − HIS, medfee_sumamt)</h2>
${dailyChartSvg(r.days)}
<table><thead><tr><th>日期</th><th>结果</th><th>组数</th><th>不平</th><th>医院笔数</th><th>医院医疗费总额</th><th>笔数差</th><th>金额差</th><th>差异</th></tr></thead><tbody>
${dayRows}
</tbody></table>
<h2>汇总 · Summary per group (险种 × 清算类别 × 经办机构)</h2>
<table><thead><tr>${GROUP_HEAD.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>
${groupRows}
</tbody></table>
<h2>差异明细 · Findings</h2>
${r.findings.length === 0 ? '<p class="ok">无差异 · none</p>' : `<table><thead><tr><th>期间</th><th>类型</th><th>险种/清算/经办</th><th>setl_id</th><th>mdtrt_id</th><th>psn_no</th><th>msgid</th><th>金额差</th><th>字段</th><th>说明</th><th>处理建议</th></tr></thead><tbody>
${findingRows}
</tbody></table>`}
</body></html>
`;
}
