/**
 * `mapping import`: read the hospital's mapping sheet, check every row, apply the interval rules
 * against the stored mappings and the imported catalogs, and — with `apply` — write the result in
 * one transaction, or nothing. Rows that fail are listed with their line (header = line 1) and
 * reasons; with `skipInvalid` they go to a reject file and the rest is written.
 */
import type { Db, Knex } from '../db/index.js';
import { inputError } from '../errors.js';
import { formatSpan, type Day } from './day.js';
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
import { insertReturningId, refreshStats } from './store/sql.js';
import {
  ensureCatalogTables,
  ensureMappingTables,
  MAPPING_CHANGE_TABLE,
  MAPPING_IMPORT_TABLE,
  MAPPING_TABLE,
  presentTables,
} from './store/tables.js';

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

const storedRecord = (m: {
  fixmedins_hilist_id: string;
  begndate: Day;
  enddate: Day | null;
  fixmedins_hilist_name: string | null;
  list_type: string;
  med_list_codg: string;
  extra: Record<string, string>;
}) => ({
  fixmedins_hilist_id: m.fixmedins_hilist_id,
  begndate: m.begndate,
  enddate: m.enddate,
  fixmedins_hilist_name: m.fixmedins_hilist_name,
  list_type: m.list_type,
  med_list_codg: m.med_list_codg,
  extra: Object.keys(m.extra).length ? JSON.stringify(m.extra) : null,
});

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

export async function importMappings(db: Db, o: MappingImportOptions): Promise<MappingImportResult> {
  const overrides = o.columns ? parseColumnsOption(o.columns) : { map: {}, errors: [] };
  if (overrides.errors.length)
    throw inputError(
      'MAPPING_COLUMNS',
      `--columns: ${overrides.errors.join('; ')}`,
      'Write --columns field=Header,field=Header with the fields fixmedins_hilist_id, fixmedins_hilist_name, list_type, med_list_codg, begndate, enddate.',
    ).zh(
      `--columns：${overrides.errors.join('；')}`,
      '请写成 --columns field=Header,field=Header，字段为 fixmedins_hilist_id、fixmedins_hilist_name、list_type、med_list_codg、begndate、enddate。',
    );
  const problems = new ProblemList(50);
  let fatal = false;
  const report = (p: Problem) => {
    problems.add(p);
    if (FATAL.has(p.code)) fatal = true;
  };
  const sources = await openTables(o.file, { encoding: o.encoding, sheet: o.sheet, onProblem: report });
  const reject = o.skipInvalid ? new RejectWriter(o.rejectFile ?? 'hisops-mapping-rejects.csv') : undefined;
  const read = await readMappingFile(sources[0], o.file, overrides.map, report, reject);
  const { rows, label, rejected } = read;

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
  const plan: MappingPlan = planMappings(rows, stored, (c) => coverage.get(c), { checkCatalog: o.checkCatalog });
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

/** Write a plan in one transaction: the import record, new and changed mappings, closings, the change log. */
async function applyPlan(
  db: Db,
  plan: MappingPlan,
  m: { file: string; rowsRead: number; now: Date; runId?: string; rejected: number },
): Promise<number> {
  const at = m.now.toISOString();
  return db.knex.transaction(async (trx: Knex.Transaction) => {
    const id = await insertReturningId(trx, db.dialect, MAPPING_IMPORT_TABLE.name, 'import_id', {
      file: m.file,
      rows_read: m.rowsRead,
      added: plan.added.length,
      changed: plan.changed.length,
      closed: plan.closed.length,
      unchanged: plan.unchanged.length,
      rejected: m.rejected,
      applied_at: at,
      run_id: m.runId ?? null,
    });
    // The change log tells the story in order: old mappings closed, then changed, then added.
    const log: Record<string, unknown>[] = [];
    const note = (e: Record<string, unknown>) => log.push({ import_id: id, seq: log.length + 1, at, ...e });
    for (const c of plan.closed) {
      if (c.from !== 'stored') continue; // closed file rows are written with their new end below
      await trx(MAPPING_TABLE.name)
        .where({ fixmedins_hilist_id: c.fixmedins_hilist_id, begndate: c.begndate })
        .update({ enddate: c.newEnd, import_id: id, updated_at: at });
      note({
        fixmedins_hilist_id: c.fixmedins_hilist_id,
        begndate: c.begndate,
        action: 'closed',
        line: c.byLine ?? null,
        before: JSON.stringify({ enddate: c.oldEnd }),
        after: JSON.stringify({ enddate: c.newEnd, closed_by: c.byBegin }),
      });
    }
    for (const c of plan.changed) {
      const after = storedRecord({ ...c.row, enddate: c.enddate });
      await trx(MAPPING_TABLE.name)
        .where({ fixmedins_hilist_id: c.before.fixmedins_hilist_id, begndate: c.before.begndate })
        .update({ ...after, source: `${m.file}:${c.row.line}`, import_id: id, updated_at: at });
      note({
        fixmedins_hilist_id: c.row.fixmedins_hilist_id,
        begndate: c.row.begndate,
        action: 'changed',
        line: c.row.line,
        before: JSON.stringify(storedRecord(c.before)),
        after: JSON.stringify(after),
      });
    }
    const ins: Record<string, unknown>[] = [];
    for (const a of plan.added) {
      ins.push({
        ...storedRecord({ ...a.row, enddate: a.enddate }),
        source: `${m.file}:${a.row.line}`,
        import_id: id,
        updated_at: at,
      });
      note({
        fixmedins_hilist_id: a.row.fixmedins_hilist_id,
        begndate: a.row.begndate,
        action: 'added',
        line: a.row.line,
        before: null,
        after: JSON.stringify(storedRecord({ ...a.row, enddate: a.enddate })),
      });
    }
    for (let i = 0; i < ins.length; i += 200) await trx(MAPPING_TABLE.name).insert(ins.slice(i, i + 200));
    for (let i = 0; i < log.length; i += 200) await trx(MAPPING_CHANGE_TABLE.name).insert(log.slice(i, i + 200));
    return id;
  });
}

/** One line per rejected row for people: "line 7: overlaps line 9 (…) → fix". */
export function describeRejected(r: RejectedRow): string {
  return `line ${r.line}${r.fixmedins_hilist_id ? ` (${r.fixmedins_hilist_id})` : ''}: ${r.reasons.map((x) => x.message).join('; ')}`;
}

export function describeClosed(c: Closed): string {
  return `${c.fixmedins_hilist_id} ${formatSpan({ begin: c.begndate, end: c.oldEnd })} → ${c.med_list_codg} closed at ${c.newEnd}${c.byLine ? ` (line ${c.byLine} starts ${c.byBegin})` : ` (next mapping starts ${c.byBegin})`}`;
}

export type { StoredMapping };
