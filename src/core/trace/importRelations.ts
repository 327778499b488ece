/**
 * `trace relation import FILE`: package relations as exported from the 码上放心 platform (parent
 * code, child code, the child's level), checked row by row and against what is stored, then —
 * with `apply` — added in one transaction. Any bad row or conflict stops the import with every
 * problem named (file, line, field, fix); nothing is written.
 */
import path from 'node:path';
import type { EncodingChoice } from '../catalog/read/encoding.js';
import type { Journal } from '../journal/index.js';
import { issue, issuesError, type FileIssue } from './fileIssues.js';
import {
  missingRelationColumns,
  relationEdge,
  relationLayout,
  type PackageEdge,
  type RelationLayout,
} from './relationRow.js';
import { planRelations, storeRelations } from './relationStore.js';
import { tableBatches, type TableRow } from './readTableFile.js';

export interface RelationImportResult {
  file: string;
  apply: boolean;
  /** Data rows read. */
  rows: number;
  /** Relations new to the store (written with apply). */
  added: number;
  /** Already stored with the same parent. */
  unchanged: number;
  /** Rows repeating an earlier row of the file. */
  repeated: number;
  /** Distinct parent codes (cases and medium packages) in the file. */
  parents: number;
  /** The file had no header row (columns taken as parent, child, level). */
  headerless: boolean;
  import_id: number | null;
}

const WHAT = { en: 'The package relations file', zh: '包装关联关系' };
const MAX_ISSUES = 1000;

function missingColumn(file: string, line: number, f: string): FileIssue {
  const zhName = f === 'parent_trac_codg' ? '父码' : '子码';
  return issue(
    file,
    line,
    f,
    [
      `the header has no ${f} column (${zhName})`,
      `Name the column ${f} or ${zhName} (docs/trace.md lists the accepted names), or leave out the header and give parent, child, level in that order.`,
    ],
    [
      `表头中没有 ${f} 列（${zhName}）`,
      `请把该列命名为 ${f} 或 ${zhName}（可用的列名见 docs/trace.md），或去掉表头，按 父码、子码、级别 的顺序给出各列。`,
    ],
  );
}

export async function importRelations(o: {
  journal: Pick<Journal, 'ensure' | 'knex'>;
  file: string;
  shown?: string;
  encoding?: EncodingChoice;
  apply: boolean;
  runId: string | null;
  now: Date;
}): Promise<RelationImportResult> {
  const shown = o.shown ?? path.basename(o.file);
  const { batches, issues } = await tableBatches(o.file, { encoding: o.encoding });
  const edges: Array<PackageEdge & { line: number }> = [];
  const bad: FileIssue[] = [];
  let first: TableRow | undefined;
  let layout: RelationLayout = {};
  let headerless = false;
  for await (const batch of batches) {
    for (const r of batch) {
      if (!first) {
        if (r.cells.every((c) => c.trim() === '')) continue;
        first = r;
        ({ layout, headerless } = relationLayout(r.cells));
        const missing = missingRelationColumns(layout);
        if (missing.length)
          throw issuesError(
            'TRACE_RELATION_FILE',
            WHAT,
            missing.map((f) => missingColumn(shown, r.line, f)),
          );
        if (!headerless) continue;
      }
      const e = relationEdge(r.cells, layout, shown, r.line);
      if (e.edge) edges.push({ ...e.edge, line: r.line });
      else if (bad.length < MAX_ISSUES) bad.push(...e.issues);
    }
  }
  if (issues.length) throw issuesError('TRACE_RELATION_FILE', WHAT, issues);
  if (!first)
    throw issuesError('TRACE_RELATION_FILE', WHAT, [
      issue(
        shown,
        0,
        undefined,
        [
          'the file holds no rows',
          'Export the relations from the 码上放心 platform (parent code, child code, level) and import that.',
        ],
        ['文件中没有任何行', '请从码上放心平台导出关联关系（父码、子码、级别）后再导入。'],
      ),
    ]);
  if (bad.length) throw issuesError('TRACE_RELATION_FILE', WHAT, bad);
  if (!edges.length)
    throw issuesError('TRACE_RELATION_FILE', WHAT, [
      issue(
        shown,
        first.line,
        undefined,
        ['the file has a header but no relations', 'Export the relations with their rows and import that.'],
        ['文件只有表头，没有关联关系', '请导出包含数据行的关联关系后再导入。'],
      ),
    ]);
  const plan = await planRelations(o.journal, shown, edges);
  if (plan.issues.length) throw issuesError('TRACE_RELATION_FILE', WHAT, plan.issues.slice(0, MAX_ISSUES));
  const lines = new Map(edges.map((e) => [e.drug_trac_codg, e.line]));
  const import_id =
    o.apply && plan.added.length
      ? await storeRelations(o.journal, plan, lines, { at: o.now.toISOString(), runId: o.runId })
      : null;
  return {
    file: shown,
    apply: o.apply,
    rows: plan.rows,
    added: plan.added.length,
    unchanged: plan.unchanged,
    repeated: plan.repeated,
    parents: plan.parents,
    headerless,
    import_id,
  };
}
