/**
 * The 对账单 for finance, in the run's language: CSV (UTF-8 with BOM so spreadsheet programs read
 * the Chinese; title lines, then each table with worded headers), JSON (the run as data, times
 * ISO with the zone's offset), or a self-contained printable HTML page (A4, landscape for the wide
 * tables, repeated headers, 合计 rows, signature lines; no external assets, it opens offline).
 * Excel is in reportXlsx.ts. All render the one model of reportModel.ts. Pure: strings in, string
 * out; the command writes the file.
 */
import { inputError } from '../errors.js';
import { isoWithOffset } from '../time/localTime.js';
import { reportModel, type Cell, type Column, type ReportInput, type ReportModel, type Sheet } from './reportModel.js';
import type { DaySummary } from './summary.js';
import { csvLine } from '../shared/index.js';

export type { ReportInput } from './reportModel.js';

export type ReportFormat = 'csv' | 'json' | 'html' | 'xlsx';

/** The format a report file name asks for. */
export function reportFormat(file: string): ReportFormat {
  const m = /\.(csv|json|html?|xlsx)$/i.exec(file);
  if (!m)
    throw inputError(
      'RECONCILE_REPORT_FORMAT',
      `Cannot tell the report format of "${file}"`,
      'Name the file with .csv, .json, .html or .xlsx (e.g. --report 对账-2025-03.html).',
    ).zh(
      `无法从文件名 "${file}" 判断报告格式`,
      '文件名以 .csv、.json、.html 或 .xlsx 结尾（例如 --report 对账-2025-03.html）。',
    );
  const ext = m[1]!.toLowerCase();
  return ext === 'htm' || ext === 'html' ? 'html' : (ext as ReportFormat);
}

/** Title lines, then each table (its title, worded headers, rows, 合计), then the signature line; with a BOM. */
export function reportCsv(r: ReportInput): string {
  const m = reportModel(r);
  const lines = [
    csvLine([m.title]),
    ...m.meta.map((x) => csvLine(x)),
    csvLine([m.t('rcr.result'), m.status.text]),
    csvLine([m.summaryLine]),
  ];
  for (const sh of m.sheets) {
    lines.push('', csvLine([sh.title]), csvLine(sh.columns.map((c) => c.label)), ...sh.rows.map((row) => csvLine(row)));
    if (sh.total) lines.push(csvLine(sh.total));
  }
  lines.push('', csvLine(m.signatures.flatMap((s) => [`${s}:`, ''])));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** The run as data; times as ISO text with the zone's offset. */
export function reportJson(r: ReportInput): string {
  const { t: _t, lang: _l, ...data } = r;
  void _t;
  void _l;
  const tz = r.timezone ?? 'Asia/Shanghai';
  return (
    JSON.stringify(
      { format: 'hisops-reconcile-report/1', ...data, timezone: tz, generated_at: isoWithOffset(r.generated_at, tz) },
      null,
      2,
    ) + '\n'
  );
}
const esc = (v: unknown) =>
  (v === null || v === undefined ? '' : String(v)).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * Bars of the daily difference (center − HIS, medfee_sumamt): above the line the center holds
 * more, below it the HIS. Unbalanced days are red, balanced green, days not reconciled grey.
 */
export function dailyChartSvg(days: readonly DaySummary[], label = 'daily difference'): string {
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
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(label)}">`,
  );
  parts.push(`<line x1="${left}" y1="${mid}" x2="${width - 10}" y2="${mid}" stroke="#888" stroke-width="1"/>`);
  parts.push(
    `<text x="${left - 6}" y="${mid - 80 + 4}" font-size="10" text-anchor="end" fill="#555">+${esc(max.toFixed(2))}</text>`,
  );
  parts.push(`<text x="${left - 6}" y="${mid + 4}" font-size="10" text-anchor="end" fill="#555">0</text>`);
  parts.push(
    `<text x="${left - 6}" y="${mid + 80 + 4}" font-size="10" text-anchor="end" fill="#555">-${esc(max.toFixed(2))}</text>`,
  );
  days.forEach((d, i) => {
    const v = values[i]!;
    const h = Math.max(v === 0 ? 0 : 1, Math.abs(v) * scale);
    const x = left + i * step + 2;
    const y = v >= 0 ? mid - h : mid;
    const color = d.status === 'unbalanced' ? '#c0392b' : d.status === 'failed' ? '#999' : '#27ae60';
    parts.push(
      `<rect x="${x}" y="${y.toFixed(1)}" width="${bar}" height="${h.toFixed(1)}" fill="${color}"><title>${esc(d.day)} ${esc(d.status)} ${esc(d.diff_medfee_sumamt)}</title></rect>`,
    );
    if (d.status !== 'balanced' && d.status !== 'empty')
      parts.push(`<circle cx="${x + bar / 2}" cy="${mid}" r="2.5" fill="${color}"/>`);
    if (n <= 40 && (n <= 16 || i % 2 === 0))
      parts.push(
        `<text x="${x + bar / 2}" y="${height - 8}" font-size="9" text-anchor="middle" fill="#333">${esc(d.day.slice(5))}</text>`,
      );
  });
  parts.push('</svg>');
  return parts.join('');
}

/*
 * A4 pages: the first (title, per-day summary) portrait, the wide tables on landscape pages (CSS
 * named pages); each section starts a page, table headers repeat on every page (thead), rows are
 * not split. On screen each section is shown at its printed width, so what fits the screen fits
 * the paper (a test measures the tables in Chromium).
 */
const STYLE = `@page{size:A4 portrait;margin:12mm}@page wide{size:A4 landscape;margin:12mm}
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei","PingFang SC","Microsoft YaHei","SimSun",system-ui,sans-serif;margin:0;color:#111;font-size:10pt;background:#eee}
section.sheet{background:#fff;margin:12px auto;padding:0;width:186mm}
section.sheet.landscape{width:273mm;page:wide}
section.sheet+section.sheet{break-before:page}
h1{font-size:18pt;text-align:center;margin:0 0 6mm}html[lang=zh-CN] h1{letter-spacing:.3em}h2{font-size:12pt;margin:0 0 3mm}
table{width:100%;border-collapse:collapse;table-layout:fixed;font-size:8.5pt}
th,td{border:1px solid #555;padding:2px 4px;vertical-align:top;overflow-wrap:anywhere}
th{background:#eee;font-weight:600;text-align:center}
thead{display:table-header-group}tr{break-inside:avoid}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.r{text-align:center}
tr.unbal td{background:#fbeaea}tr.total td{font-weight:700;border-top:2px solid #111;background:#f6f6f6}
table.meta{font-size:10pt;margin-bottom:4mm}table.meta th{text-align:left;width:28mm;background:#f6f6f6}
.ok{color:#1e7e34;font-weight:700}.bad{color:#b02a1f;font-weight:700}.grey{color:#666}
.summary{margin:0 0 5mm}.note{font-size:8pt;color:#444;margin-top:2mm}
svg{max-width:100%;height:auto;display:block;margin:0 0 3mm}
.signatures{display:flex;justify-content:space-between;margin-top:12mm;break-inside:avoid;font-size:10.5pt}
.signatures span{display:inline-block;min-width:40mm;border-bottom:1px solid #111;margin-left:2mm}
@media screen{section.sheet{padding:12mm;box-sizing:content-box}}
@media print{body{background:#fff}section.sheet{margin:0;width:auto}}`;

/** 1234567.8 → 1,234,567.80 (the text keeps its exact digits). */
function grouped(v: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(v);
  return m ? `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}` : v;
}

function htmlCell(c: Column, v: Cell, isResult: boolean): string {
  // An unknown amount (the center not asked) is a dash; an empty text cell stays empty.
  if (v === null || v === '') return c.kind === 'text' ? '<td></td>' : `<td class="n">${v === null ? '—' : ''}</td>`;
  if (c.kind === 'money') return `<td class="n">${esc(grouped(String(v)))}</td>`;
  if (c.kind === 'int') return `<td class="n">${esc(v)}</td>`;
  return `<td${isResult ? ' class="r"' : ''}>${esc(v)}</td>`;
}

function htmlTable(sh: Sheet, m: ReportModel): string {
  const keep = sh.columns.map((c, i) => (c.fileOnly ? -1 : i)).filter((i) => i >= 0);
  const sum = keep.reduce((s, i) => s + sh.columns[i]!.width, 0);
  const resultCol = sh.columns.findIndex((c) => c.label === m.t('rcr.col.result'));
  const row = (cells: Cell[], cls: string) =>
    `<tr${cls ? ` class="${cls}"` : ''}>${keep.map((i) => htmlCell(sh.columns[i]!, cells[i] ?? null, i === resultCol)).join('')}</tr>`;
  return [
    '<table>',
    `<colgroup>${keep.map((i) => `<col style="width:${((sh.columns[i]!.width / sum) * 100).toFixed(2)}%">`).join('')}</colgroup>`,
    `<thead><tr>${keep.map((i) => `<th>${esc(sh.columns[i]!.label)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...sh.rows.map((r, j) => row(r, sh.marks[j] === 'bad' ? 'unbal' : '')),
    ...(sh.total ? [row(sh.total, 'total')] : []),
    '</tbody></table>',
  ].join('\n');
}

function htmlHeader(m: ReportModel): string {
  const cls = m.status.ok === true ? 'ok' : m.status.ok === false ? 'bad' : 'grey';
  const meta = m.meta.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('');
  return `<h1>${esc(m.title)}</h1>
<table class="meta"><tbody>${meta}<tr><th>${esc(m.t('rcr.result'))}</th><td><span class="${cls}">${esc(m.status.text)}</span></td></tr></tbody></table>
<p class="summary">${esc(m.summaryLine)}</p>`;
}

function htmlSection(sh: Sheet, m: ReportModel, head: string): string {
  const body =
    sh.key === 'findings' && sh.rows.length === 0
      ? `<p class="ok">${esc(m.t('rcr.noFindings'))}</p>`
      : htmlTable(sh, m);
  return `<section class="sheet ${sh.landscape ? 'landscape' : 'portrait'}" data-sheet="${sh.key}">
${head}<h2>${esc(sh.title)}</h2>
${body}${sh.note ? `\n<p class="note">${esc(sh.note)}</p>` : ''}
</section>`;
}

export function reportHtml(r: ReportInput): string {
  const m = reportModel(r);
  const paper = m.sheets.filter((s) => !s.fileOnly);
  const chart =
    r.days.length > 1 ? `<h2>${esc(m.t('rcr.sec.chart'))}</h2>\n${dailyChartSvg(r.days, m.t('rcr.sec.chart'))}\n` : '';
  const sections = paper.map((sh, i) => htmlSection(sh, m, i === 0 ? htmlHeader(m) + chart : ''));
  const signatures = `<div class="signatures">${m.signatures.map((s) => `<div>${esc(s)}：<span></span></div>`).join('')}</div>`;
  const last = sections.length - 1;
  sections[last] = sections[last]!.replace(/<\/section>$/, `${signatures}\n</section>`);
  const range = r.begndate === r.enddate ? r.begndate : `${r.begndate}…${r.enddate}`;
  return `<!DOCTYPE html>
<html lang="${m.lang === 'zh-CN' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${esc(m.title)} ${esc(range)} ${esc(r.fixmedins_code)}</title><style>${STYLE}</style></head>
<body>
${sections.join('\n')}
</body></html>
`;
}
