/**
 * The 对账单 as data: title lines and sheets (per day, per 险种 × 清算类别, the differences, the
 * groups of each day) with worded headers, codes with their names and local times. The HTML, CSV
 * and Excel writers render this one model, so the three say the same. Pure: the words come from
 * the caller's `t` (the message catalogue), the time zone and the run time are passed in.
 */
import { codeLabel, type NameLang } from '../center/protocol/codeNames.js';
import { localDateTime } from '../time/localTime.js';
import { fenText, parseFen } from './fen.js';
import type { DaySummary, GroupResult, RunStatus } from './summary.js';
import type { Finding } from './types.js';

export interface ReportInput {
  runId: string;
  fixmedins_code: string;
  fixmedins_name?: string;
  /** 经办机构: the configured agency and its name when known. */
  setl_optins?: string;
  setl_optins_name?: string;
  begndate: string;
  enddate: string;
  status: RunStatus;
  /** When the report was made (ISO text; passed in, never read from the clock here). */
  generated_at: string;
  days: readonly DaySummary[];
  groups: readonly GroupResult[];
  findings: readonly Finding[];
  /** Language of the words (default en) and the catalogue lookup (default: the keys' English words). */
  lang?: NameLang;
  t?: (key: string, vars?: Record<string, unknown>) => string;
  /** IANA zone the times are written in (default Asia/Shanghai). */
  timezone?: string;
}

export type ColumnKind = 'text' | 'int' | 'money';

export interface Column {
  label: string;
  kind: ColumnKind;
  /** Width in characters (Excel) and share of the page (HTML). */
  width: number;
  /** Only in the CSV and Excel files (ids people look up, not needed on paper). */
  fileOnly?: boolean;
}

export type Cell = string | number | null;

export interface Sheet {
  key: 'days' | 'groups' | 'findings' | 'dayGroups';
  title: string;
  /** The short name of an Excel sheet (at most 31 characters). */
  name: string;
  columns: Column[];
  rows: Cell[][];
  /** 'bad' marks an unbalanced row. */
  marks: Array<'bad' | ''>;
  /** The 合计 row (label in the first column, sums of int and money columns, null where none). */
  total: Cell[] | null;
  /** Only in the CSV and Excel files (a month of groups per day is many pages). */
  fileOnly?: boolean;
  /** Printed landscape (wide tables). */
  landscape: boolean;
  note?: string;
}

export interface ReportModel {
  lang: NameLang;
  title: string;
  /** [label, value] lines under the title. */
  meta: Array<[string, string]>;
  status: { text: string; ok: boolean | null };
  summaryLine: string;
  sheets: Sheet[];
  signatures: string[];
  t: (key: string, vars?: Record<string, unknown>) => string;
}

interface Sums {
  count: number;
  medfee: bigint;
  fund: bigint;
}

interface Row3 {
  his: Sums;
  center: Sums | null;
  /** true all balanced, false any unbalanced, null not (all) reconciled. */
  balanced: boolean | null;
}

const zero = (): Sums => ({ count: 0, medfee: 0n, fund: 0n });

function add(a: Sums, count: number, medfee: string, fund: string): void {
  a.count += count;
  a.medfee += parseFen(medfee) ?? 0n;
  a.fund += parseFen(fund) ?? 0n;
}

/** Sum the groups by a key, HIS and center side by side; the center is unknown if any group's is. */
function aggregate(groups: readonly GroupResult[], key: (g: GroupResult) => string): Map<string, Row3> {
  const by = new Map<string, Row3>();
  for (const g of groups) {
    const k = key(g);
    let r = by.get(k);
    if (!r) by.set(k, (r = { his: zero(), center: zero(), balanced: true }));
    add(r.his, g.his.count, g.his.medfee_sumamt, g.his.fund_pay_sumamt);
    if (g.center && r.center) add(r.center, g.center.count, g.center.medfee_sumamt, g.center.fund_pay_sumamt);
    else r.center = null;
    if (g.balanced === false) r.balanced = false;
    else if (g.balanced === null && r.balanced === true) r.balanced = null;
  }
  return by;
}

function resultWord(t: ReportModel['t'], b: boolean | null): string {
  return t(b === true ? 'rcr.res.balanced' : b === false ? 'rcr.res.unbalanced' : 'rcr.res.none');
}

/** The side-by-side cells: HIS count, medfee, fund; center the same; count and medfee difference. */
function sideBySide(r: Row3): Cell[] {
  const c = r.center;
  return [
    r.his.count,
    fenText(r.his.medfee),
    fenText(r.his.fund),
    c ? c.count : null,
    c ? fenText(c.medfee) : null,
    c ? fenText(c.fund) : null,
    c ? c.count - r.his.count : null,
    c ? fenText(c.medfee - r.his.medfee) : null,
  ];
}

/** `fundFileOnly`: the fund columns stay off the portrait page (they are in the files). */
function sideColumns(t: ReportModel['t'], fundFileOnly = false): Column[] {
  return [
    { label: t('rcr.col.hisCount'), kind: 'int', width: 9 },
    { label: t('rcr.col.hisMedfee'), kind: 'money', width: 14 },
    { label: t('rcr.col.hisFund'), kind: 'money', width: 14, fileOnly: fundFileOnly },
    { label: t('rcr.col.centerCount'), kind: 'int', width: 9 },
    { label: t('rcr.col.centerMedfee'), kind: 'money', width: 14 },
    { label: t('rcr.col.centerFund'), kind: 'money', width: 14, fileOnly: fundFileOnly },
    { label: t('rcr.col.diffCount'), kind: 'int', width: 8 },
    { label: t('rcr.col.diffMedfee'), kind: 'money', width: 13 },
  ];
}

/** The 合计 row: sums of the int and money columns (null when a cell of the column is unknown). */
export function totalRow(
  columns: readonly Column[],
  rows: readonly Cell[][],
  label: string,
  result: string | null,
): Cell[] {
  return columns.map((c, i) => {
    if (i === 0) return label;
    if (c.kind === 'text') return i === columns.length - 1 ? result : null;
    if (rows.some((r) => r[i] === null || r[i] === undefined || r[i] === '')) return null;
    if (c.kind === 'int') return rows.reduce<number>((s, r) => s + Number(r[i]), 0);
    return fenText(rows.reduce<bigint>((s, r) => s + (parseFen(r[i]) ?? 0n), 0n));
  });
}

const period = (a: string, b: string) => (a === b ? a : `${a}…${b}`);

function daySheet(r: ReportInput, t: ReportModel['t']): Sheet {
  const sums = aggregate(r.groups, (g) => `${g.begndate}|${g.enddate}`);
  const columns: Column[] = [
    { label: t('rcr.col.day'), kind: 'text', width: 12 },
    ...sideColumns(t, true),
    { label: t('rcr.col.result'), kind: 'text', width: 10 },
  ];
  const rows: Cell[][] = [];
  const marks: Sheet['marks'] = [];
  for (const d of r.days) {
    const s = sums.get(`${d.begndate}|${d.enddate}`) ?? { his: zero(), center: zero(), balanced: true };
    const word =
      d.status === 'empty'
        ? t('rcr.res.empty')
        : d.status === 'failed'
          ? t('rcr.res.failed')
          : resultWord(t, d.status === 'unbalanced' ? false : s.balanced);
    rows.push([period(d.begndate, d.enddate), ...sideBySide(s), word]);
    marks.push(d.status === 'unbalanced' ? 'bad' : '');
  }
  return {
    key: 'days',
    title: t('rcr.sec.days'),
    name: t('rcr.sheet.days'),
    columns,
    rows,
    marks,
    total: totalRow(columns, rows, t('rcr.total'), overallWord(r, t)),
    landscape: false,
  };
}

function overallWord(r: ReportInput, t: ReportModel['t']): string {
  return t(
    r.status === 'balanced' ? 'rcr.res.balanced' : r.status === 'unbalanced' ? 'rcr.res.unbalanced' : 'rcr.res.failed',
  );
}

function groupSheet(r: ReportInput, t: ReportModel['t'], lang: NameLang): Sheet {
  const agencies = new Set(r.groups.map((g) => g.setl_optins));
  const withAgency = agencies.size > 1;
  const sums = aggregate(r.groups, (g) => `${g.insutype}|${g.clr_type}|${withAgency ? g.setl_optins : ''}`);
  const keys = [...sums.keys()].sort();
  const columns: Column[] = [
    { label: t('rcr.col.insutype'), kind: 'text', width: 24 },
    { label: t('rcr.col.clr_type'), kind: 'text', width: 10 },
    ...(withAgency ? [{ label: t('rcr.col.optins'), kind: 'text' as const, width: 9 }] : []),
    ...sideColumns(t),
    { label: t('rcr.col.result'), kind: 'text', width: 10 },
  ];
  const rows = keys.map((k) => {
    const [insutype, clr, agency] = k.split('|') as [string, string, string];
    const s = sums.get(k)!;
    return [
      codeLabel('insutype', insutype, lang),
      codeLabel('clr_type', clr, lang),
      ...(withAgency ? [agency] : []),
      ...sideBySide(s),
      resultWord(t, s.balanced),
    ];
  });
  const marks = keys.map((k) => (sums.get(k)!.balanced === false ? ('bad' as const) : ''));
  return {
    key: 'groups',
    title: t('rcr.sec.groups'),
    name: t('rcr.sheet.groups'),
    columns,
    rows,
    marks,
    total: totalRow(columns, rows, t('rcr.total'), overallWord(r, t)),
    landscape: true,
    note: t('rcr.note.center'),
  };
}

/** center − HIS of a finding over every period it touches. */
function findingMedfee(f: Finding): string {
  let fen = 0n;
  for (const e of f.effects) fen += parseFen(e.medfee_sumamt) ?? 0n;
  return fenText(fen);
}

function findingSheet(r: ReportInput, t: ReportModel['t'], lang: NameLang): Sheet {
  const columns: Column[] = [
    { label: t('rcr.col.day'), kind: 'text', width: 13 },
    { label: t('rcr.col.kind'), kind: 'text', width: 14 },
    { label: t('rcr.col.group'), kind: 'text', width: 18 },
    { label: t('rcr.col.setl'), kind: 'text', width: 22 },
    { label: t('rcr.col.psn'), kind: 'text', width: 16 },
    { label: t('rcr.col.mdtrt'), kind: 'text', width: 18, fileOnly: true },
    { label: t('rcr.col.msgid'), kind: 'text', width: 30, fileOnly: true },
    { label: t('rcr.col.amount'), kind: 'money', width: 12 },
    { label: t('rcr.col.cause'), kind: 'text', width: 48 },
    { label: t('rcr.col.repair'), kind: 'text', width: 38 },
  ];
  const rows: Cell[][] = r.findings.map((f) => [
    period(f.begndate, f.enddate),
    t(`rcr.kind.${f.kind}`),
    [codeLabel('insutype', f.insutype, lang), codeLabel('clr_type', f.clr_type, lang)].filter(Boolean).join(' / '),
    [f.setl_id, f.related_setl_id ? `↔ ${f.related_setl_id}` : ''].filter(Boolean).join(' '),
    f.psn_no ?? '',
    f.mdtrt_id ?? '',
    f.msgid ?? '',
    findingMedfee(f),
    f.detail,
    [f.repair.how, f.repair.command ? `(${f.repair.command})` : ''].filter(Boolean).join(' '),
  ]);
  const total = rows.length ? totalRow(columns, rows, t('rcr.total'), null) : null;
  return {
    key: 'findings',
    title: t('rcr.sec.findings'),
    name: t('rcr.sheet.findings'),
    columns,
    rows,
    marks: rows.map(() => ''),
    total,
    landscape: true,
  };
}

/** Every group of every day, as asked (files only: the raw material of the two summaries). */
function dayGroupSheet(r: ReportInput, t: ReportModel['t'], lang: NameLang): Sheet {
  const columns: Column[] = [
    { label: t('rcr.col.day'), kind: 'text', width: 12 },
    { label: t('rcr.col.insutype'), kind: 'text', width: 24 },
    { label: t('rcr.col.clr_type'), kind: 'text', width: 10 },
    { label: t('rcr.col.optins'), kind: 'text', width: 9 },
    ...sideColumns(t),
    { label: t('rcr.col.result'), kind: 'text', width: 10 },
    { label: t('rcr.col.asked'), kind: 'text', width: 16 },
  ];
  const rows = r.groups.map((g) => {
    const s = aggregate([g], () => '').get('')!;
    return [
      period(g.begndate, g.enddate),
      codeLabel('insutype', g.insutype, lang),
      codeLabel('clr_type', g.clr_type, lang),
      g.setl_optins,
      ...sideBySide(s),
      resultWord(t, g.balanced),
      (g.asked_because ?? []).join(' '),
    ];
  });
  const marks = r.groups.map((g) => (g.balanced === false ? ('bad' as const) : ''));
  return {
    key: 'dayGroups',
    title: t('rcr.sec.dayGroups'),
    name: t('rcr.sheet.dayGroups'),
    columns,
    rows,
    marks,
    total: null,
    fileOnly: true,
    landscape: true,
  };
}

export function reportModel(r: ReportInput): ReportModel {
  const lang = r.lang ?? 'en';
  const t = r.t ?? ((k: string) => k);
  const tz = r.timezone ?? 'Asia/Shanghai';
  const agency = r.setl_optins ? [r.setl_optins, r.setl_optins_name].filter(Boolean).join(' ') : '';
  const meta: Array<[string, string]> = [
    [t('rcr.institution'), [r.fixmedins_name, r.fixmedins_code].filter(Boolean).join(' · ')],
    ...(agency ? [[t('rcr.optins'), agency] as [string, string]] : []),
    [
      t('rcr.period'),
      r.begndate === r.enddate ? r.begndate : t('rcr.periodRange', { from: r.begndate, to: r.enddate }),
    ],
    [t('rcr.runAt'), localDateTime(r.generated_at, tz)],
    [t('rcr.runId'), r.runId],
  ];
  const unbalanced = r.groups.filter((g) => g.balanced === false).length;
  return {
    lang,
    title: t('rcr.title'),
    meta,
    status: { text: overallWord(r, t), ok: r.status === 'balanced' ? true : r.status === 'unbalanced' ? false : null },
    summaryLine: t('rcr.summaryLine', { groups: r.groups.length, unbalanced, findings: r.findings.length }),
    sheets: [daySheet(r, t), groupSheet(r, t, lang), findingSheet(r, t, lang), dayGroupSheet(r, t, lang)],
    signatures: [t('rcr.preparedBy'), t('rcr.checkedBy'), t('rcr.date')],
    t,
  };
}
