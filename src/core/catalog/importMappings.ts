/**
 * `mapping import`: read the hospital's mapping sheet, check every row, apply the interval rules
 * against the stored mappings and the imported catalogs, and — with `apply` — write the result in
 * one transaction, or nothing. Rows that fail are listed with their line (header = line 1) and
 * reasons; with `skipInvalid` they go to a reject file and the rest is written.
 */
import type { Db } from '../db/index.js';
import { inputError } from '../errors.js';
import { applyPlan } from './applyMappingPlan.js';
import { formatSpan } from './day.js';
import {
  planMappings,
  type Added,
  type Changed,
  type Closed,
  type MappingPlan,
  type Reason,
  type StoredMapping,
} from './intervals.js';
import { KINDS, kindOfListType, type CatalogKind } from './kinds.js';
import { mappingLayout, parseColumnsOption } from './mappingLayout.js';
import { mappingRow, type MappingRow } from './mappingRow.js';
import { ProblemList, type Problem, type ProblemReport } from './problems.js';
import type { EncodingChoice } from './read/encoding.js';
import { openTables, type TableSource } from './read/openTable.js';
import { columnLetter } from './read/xlsx.js';
import { RejectWriter } from './rejectFile.js';
import { catalogCounts, catalogPeriods, coverageOf, storedMappingsOf } from './store/catalogQuery.js';
import { refreshStats } from './store/sql.js';
import { ensureCatalogTables, ensureMappingTables, MAPPING_TABLE, presentTables } from './store/tables.js';

export interface MappingImportOptions {
  file: string;
  encoding?: EncodingChoice;
  sheet?: string;
  /** `field=Header,…` for sheets with other headers. */
  columns?: string;
  apply?: boolean;
  skipInvalid?: boolean;
  rejectFile?: string;
  /** Check national codes against the imported catalogs (default true). */
  checkCatalog?: boolean;
  now: Date;
  runId?: string;
}

export interface RejectedRow {
  line: number;
  fixmedins_hilist_id: string | null;
  med_list_codg: string | null;
  begndate: string | null;
  enddate: string | null;
  reasons: Array<{ code: string; message: string; fix: string; column?: string; otherLine?: number }>;
}

export interface MappingImportResult {
  file: string;
  format: string | null;
  encoding: string | null;
  rowsRead: number;
  applied: boolean;
  blocked: boolean;
  importId: number | null;
  counts: { added: number; changed: number; closed: number; unchanged: number; rejected: number };
  added: Added[];
  changed: Changed[];
  closed: Closed[];
  rejected: RejectedRow[];
  problems: ProblemReport;
  /** Catalog kinds the file needs that have never been imported (every code of them is unknown). */
  missingCatalogs: CatalogKind[];
  rejectFile: string | null;
}

const FATAL = new Set([
  'FILE_UNREADABLE',
  'ZIP_TRUNCATED',
  'ZIP_UNSUPPORTED',
  'ZIP_EMPTY',
  'MOJIBAKE',
  'MISSING_COLUMN',
  'NO_HEADER',
  'UNCLOSED_QUOTE',
]);

function reasonToProblem(file: string, row: MappingRow, r: Reason): Problem {
  return {
    code: r.code,
    file,
    line: row.line,
    column: r.code === 'OVERLAP' ? 'begndate..enddate' : 'med_list_codg',
    message: r.message,
    fix: r.fix,
    value: r.code === 'OVERLAP' ? undefined : row.med_list_codg,
  };
}

/** The rows of a mapping file: those that pass the per-row checks, and the refused ones with their problems. */
interface FileRead {
  src: TableSource | undefined;
  label: string;
  rows: MappingRow[];
  /** Each good row's cells by line (for the reject file). */
  cellsOf: Map<number, string[]>;
  rejected: RejectedRow[];
  rowsRead: number;
}

async function readMappingFile(
  src: TableSource | undefined,
  file: string,
  columns: Record<string, string>,
  report: (p: Problem) => void,
  reject: RejectWriter | undefined,
): Promise<FileRead> {
  const out: FileRead = { src, label: src?.file ?? file, rows: [], cellsOf: new Map(), rejected: [], rowsRead: 0 };
  if (!src) return out;
  const label = out.label;
  let layout: ReturnType<typeof mappingLayout> | undefined;
  const colName = (i: number) => (src.format === 'xlsx' ? `col ${columnLetter(i)}` : `col ${i + 1}`);
  for await (const batch of src.rows()) {
    for (const raw of batch) {
      if (!layout) {
        layout = mappingLayout(raw.cells, columns);
        if (!layout.ok)
          report({ code: 'MISSING_COLUMN', file: label, line: raw.line, message: layout.message, fix: layout.fix });
        continue;
      }
      if (!layout.ok) break;
      out.rowsRead++;
      const r = mappingRow(raw.cells, raw.line, label, layout.layout, colName);
      if (r.ok) {
        out.rows.push(r.row);
        out.cellsOf.set(raw.line, raw.cells);
        continue;
      }
      for (const p of r.problems) report(p);
      const at = layout.layout.at;
      out.rejected.push({
        line: raw.line,
        fixmedins_hilist_id: raw.cells[at.fixmedins_hilist_id ?? -1] ?? null,
        med_list_codg: raw.cells[at.med_list_codg ?? -1] ?? null,
        begndate: raw.cells[at.begndate ?? -1] ?? null,
        enddate: raw.cells[at.enddate ?? -1] ?? null,
        reasons: r.problems.map((p) => ({ code: p.code, message: p.message, fix: p.fix, column: p.column })),
      });
      if (reject) await reject.add(r.problems, raw.cells);
    }
  }
  if (!layout)
    report({
      code: 'NO_HEADER',
      file: label,
      line: 1,
      message: 'the file is empty: no header line',
      fix: 'Export the mappings with a header line (院内编码, 项目名称, 目录类别, 医保编码, 开始日期, 结束日期).',
    });
  return out;
}

/** Rows the plan refused: reported (naming the catalog to import when none of its kind is), listed, set aside. */
async function refusePlanned(
  read: FileRead,
  plan: MappingPlan,
  missingCatalogs: readonly CatalogKind[],
  report: (p: Problem) => void,
  reject: RejectWriter | undefined,
): Promise<void> {
  const label = read.label;
  for (const rj of plan.rejected) {
    for (const r of rj.reasons) {
      const p = reasonToProblem(label, rj.row, r);
      if (r.code === 'UNKNOWN_NATIONAL_CODE' && missingCatalogs.includes(kindOfListType(rj.row.list_type)!)) {
        const k = KINDS[kindOfListType(rj.row.list_type)!];
        p.fix = `No ${k.kind} ${k.label.en} catalog has been imported yet: run hisops catalog download --kind ${k.kind} (or catalog import <file> --kind ${k.kind}) first.`;
      }
      report(p);
    }
    read.rejected.push({
      line: rj.row.line,
      fixmedins_hilist_id: rj.row.fixmedins_hilist_id,
      med_list_codg: rj.row.med_list_codg,
      begndate: rj.row.begndate,
      enddate: rj.row.enddate,
      reasons: rj.reasons.map((r) => ({ code: r.code, message: r.message, fix: r.fix, otherLine: r.otherLine })),
    });
    if (reject)
      await reject.add(
        rj.reasons.map((r) => reasonToProblem(label, rj.row, r)),
        read.cellsOf.get(rj.row.line) ?? [],
      );
  }
  read.rejected.sort((a, b) => a.line - b.line);
}

/** `--columns` as field → header; a field or header it cannot use stops the import. */
function columnOverrides(columns: string | undefined): Record<string, string> {
  const overrides = columns ? parseColumnsOption(columns) : { map: {}, errors: [] };
  if (overrides.errors.length)
    throw inputError(
      'MAPPING_COLUMNS',
      `--columns: ${overrides.errors.join('; ')}`,
      'Write --columns field=Header,field=Header with the fields fixmedins_hilist_id, fixmedins_hilist_name, list_type, med_list_codg, begndate, enddate.',
    ).zh(
      `--columns：${overrides.errors.join('；')}`,
      '请写成 --columns field=Header,field=Header，字段为 fixmedins_hilist_id、fixmedins_hilist_name、list_type、med_list_codg、begndate、enddate。',
    );
  return overrides.map;
}

/**
 * The plan of the file's rows against the mappings stored for their items and the catalogs'
 * periods of their codes, and the catalog kinds the rows need that were never imported.
 */
async function planAgainstDb(
  db: Db,
  rows: readonly MappingRow[],
  checkCatalog: boolean | undefined,
): Promise<{ plan: MappingPlan; missingCatalogs: CatalogKind[] }> {
  // Read what is there; a table hisops has not created yet is empty. Tables are created only when
  // a plan is written (a dry run, or a blocked import, leaves the database as it was).
  const present = await presentTables(db);
  const stored = await storedMappingsOf(
    db.knex,
    rows.map((r) => r.fixmedins_hilist_id),
    present,
  );
  const coverage = coverageOf(
    await catalogPeriods(
      db.knex,
      rows.map((r) => r.med_list_codg),
      present,
    ),
  );
  const counts = await catalogCounts(db.knex, present);
  const needed = new Set(rows.map((r) => kindOfListType(r.list_type)).filter((k): k is CatalogKind => !!k));
  const missingCatalogs = [...needed].filter((k) => counts[k] === 0);
  const plan: MappingPlan = planMappings(rows, stored, (c) => coverage.get(c), { checkCatalog });
  return { plan, missingCatalogs };
}

export async function importMappings(db: Db, o: MappingImportOptions): Promise<MappingImportResult> {
  const columns = columnOverrides(o.columns);
  const problems = new ProblemList(50);
  let fatal = false;
  const report = (p: Problem) => {
    problems.add(p);
    if (FATAL.has(p.code)) fatal = true;
  };
  const sources = await openTables(o.file, { encoding: o.encoding, sheet: o.sheet, onProblem: report });
  const reject = o.skipInvalid ? new RejectWriter(o.rejectFile ?? 'hisops-mapping-rejects.csv') : undefined;
  const read = await readMappingFile(sources[0], o.file, columns, report, reject);
  const { rows, label, rejected } = read;
  const { plan, missingCatalogs } = await planAgainstDb(db, rows, o.checkCatalog);
  await refusePlanned(read, plan, missingCatalogs, report, reject);
  const blocked = fatal || (rejected.length > 0 && !o.skipInvalid);
  let importId: number | null = null;
  if (o.apply && !blocked) {
    await ensureCatalogTables(db);
    await ensureMappingTables(db);
    importId = await applyPlan(db, plan, {
      file: label,
      rowsRead: read.rowsRead,
      now: o.now,
      runId: o.runId,
      rejected: rejected.length,
    });
    // Without statistics the planner would join the catalog to a big new mapping table row by
    // row (`mapping check`); refresh them as the catalog import does.
    if (plan.added.length + plan.changed.length > 10000) await refreshStats(db, MAPPING_TABLE.name);
  }
  if (reject) await reject.close();
  return {
    file: label,
    format: read.src?.format ?? null,
    encoding: read.src?.encoding ?? null,
    rowsRead: read.rowsRead,
    applied: importId !== null,
    blocked,
    importId,
    counts: {
      added: plan.added.length,
      changed: plan.changed.length,
      closed: plan.closed.length,
      unchanged: plan.unchanged.length,
      rejected: rejected.length,
    },
    added: plan.added,
    changed: plan.changed,
    closed: plan.closed,
    rejected,
    problems: problems.report(),
    missingCatalogs,
    rejectFile: reject?.file ?? null,
  };
}

/** One line per rejected row for people: "line 7: overlaps line 9 (…) → fix". */
export function describeRejected(r: RejectedRow): string {
  return `line ${r.line}${r.fixmedins_hilist_id ? ` (${r.fixmedins_hilist_id})` : ''}: ${r.reasons.map((x) => x.message).join('; ')}`;
}

export function describeClosed(c: Closed): string {
  return `${c.fixmedins_hilist_id} ${formatSpan({ begin: c.begndate, end: c.oldEnd })} → ${c.med_list_codg} closed at ${c.newEnd}${c.byLine ? ` (line ${c.byLine} starts ${c.byBegin})` : ` (next mapping starts ${c.byBegin})`}`;
}

export type { StoredMapping };
