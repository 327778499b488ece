/**
 * Package relations in hisops's journal database: which code is packed directly inside which
 * (`hisops_trace_relations`, one row per child code), and the imports that brought them
 * (`hisops_trace_relation_imports`). Relations are physical facts of a shipment, not a version of
 * anything: imports add to them, and a file that puts a code into another package than the one
 * stored is refused. Reads never create the tables (a check or a dry run on a fresh journal reads
 * nothing).
 *
 * `expandPackage(journal, code)` and `parentsOf(journal, code)` are what the other trace checks
 * ask: the small boxes a case holds, the packages a box is inside.
 */
import type { Knex } from '../db/index.js';
import type { Journal, JournalTable } from '../journal/index.js';
import { issue, type FileIssue } from './fileIssues.js';
import { PackageTree } from './packageTree.js';
import type { PackageEdge } from './relationRow.js';

type JournalLike = Pick<Journal, 'ensure' | 'knex'>;

export const TRACE_RELATIONS_TABLE: JournalTable = {
  name: 'hisops_trace_relations',
  build: (t) => {
    t.string('drug_trac_codg', 100).notNullable().primary();
    t.string('parent_trac_codg', 100).notNullable();
    t.string('pac_lv', 3).nullable();
    t.integer('import_id').notNullable();
    t.integer('src_line').nullable();
    t.index(['parent_trac_codg'], 'hisops_trace_relations_parent');
  },
};

export const TRACE_RELATION_IMPORTS_TABLE: JournalTable = {
  name: 'hisops_trace_relation_imports',
  build: (t) => {
    t.integer('import_id').notNullable().primary();
    t.text('file').notNullable();
    t.integer('rows_read').notNullable();
    t.integer('added').notNullable();
    t.integer('unchanged').notNullable();
    t.string('imported_at', 30).notNullable();
    t.string('run_id', 40).nullable();
  },
};

const CHUNK = 400;
/** Small, medium, large: a chain longer than this is a cycle in the data. */
const MAX_DEPTH = 8;

async function readable(knex: Knex): Promise<boolean> {
  return knex.schema.hasTable(TRACE_RELATIONS_TABLE.name);
}

async function edgesWhere(
  knex: Knex,
  column: 'drug_trac_codg' | 'parent_trac_codg',
  codes: readonly string[],
): Promise<PackageEdge[]> {
  const out: PackageEdge[] = [];
  for (let i = 0; i < codes.length; i += CHUNK) {
    const rows = (await knex(TRACE_RELATIONS_TABLE.name)
      .whereIn(column, codes.slice(i, i + CHUNK))
      .select('parent_trac_codg', 'drug_trac_codg', 'pac_lv')) as PackageEdge[];
    out.push(...rows);
  }
  return out;
}

/**
 * The relations around these codes: the packages they are inside (up to the case) and everything
 * packed inside them (down to the boxes). Reads only.
 */
export async function relationsAround(
  journal: Pick<Journal, 'knex'>,
  codes: readonly string[],
): Promise<PackageEdge[]> {
  const out: PackageEdge[] = [];
  if (!codes.length || !(await readable(journal.knex))) return out;
  for (const dir of ['up', 'down'] as const) {
    const seen = new Set(codes);
    let frontier = [...seen];
    for (let depth = 0; depth < MAX_DEPTH && frontier.length; depth++) {
      const edges = await edgesWhere(journal.knex, dir === 'up' ? 'drug_trac_codg' : 'parent_trac_codg', frontier);
      out.push(...edges);
      frontier = [];
      for (const e of edges) {
        const next = dir === 'up' ? e.parent_trac_codg : e.drug_trac_codg;
        if (!seen.has(next)) {
          seen.add(next);
          frontier.push(next);
        }
      }
    }
  }
  return out;
}

/** The same as a tree. */
export async function packageTreeAround(
  journal: Pick<Journal, 'knex'>,
  codes: readonly string[],
): Promise<PackageTree> {
  return new PackageTree(await relationsAround(journal, codes));
}

/**
 * The smallest packages (boxes) inside `code` at any depth, sorted; empty when no imported
 * relation names `code` as a parent (a box, or a case whose relations were not imported).
 */
export async function expandPackage(journal: Pick<Journal, 'knex'>, code: string): Promise<string[]> {
  return (await packageTreeAround(journal, [code])).expand(code).sort();
}

/** The packages `code` is inside, nearest first (its medium package, then its case); empty when none is known. */
export async function parentsOf(journal: Pick<Journal, 'knex'>, code: string): Promise<string[]> {
  return (await packageTreeAround(journal, [code])).parentsOf(code);
}

export interface RelationPlan {
  file: string;
  rows: number;
  /** Relations not stored yet. */
  added: PackageEdge[];
  /** Already stored with the same parent. */
  unchanged: number;
  /** Rows repeating an earlier row of the file. */
  repeated: number;
  /** Codes that are parents in the file (cases and medium packages). */
  parents: number;
  issues: FileIssue[];
}

/**
 * Compare a file's relations with the store: new ones, known ones, and conflicts (a code put into
 * another package than the file says, in the file itself or by an earlier import). Reads only.
 */
export async function planRelations(
  journal: Pick<Journal, 'knex'>,
  file: string,
  edges: ReadonlyArray<PackageEdge & { line: number }>,
): Promise<RelationPlan> {
  const plan: RelationPlan = { file, rows: edges.length, added: [], unchanged: 0, repeated: 0, parents: 0, issues: [] };
  const inFile = new Map<string, PackageEdge & { line: number }>();
  for (const e of edges) {
    const prior = inFile.get(e.drug_trac_codg);
    if (!prior) {
      inFile.set(e.drug_trac_codg, e);
      continue;
    }
    if (prior.parent_trac_codg === e.parent_trac_codg) plan.repeated++;
    else
      plan.issues.push(
        issue(
          file,
          e.line,
          'parent_trac_codg',
          [
            `${e.drug_trac_codg} is put into ${e.parent_trac_codg} here and into ${prior.parent_trac_codg} on line ${prior.line}`,
            'A code is packed in one package only: export the relations again, or remove the wrong row.',
          ],
          [
            `${e.drug_trac_codg} 在此行属于 ${e.parent_trac_codg}，在第 ${prior.line} 行属于 ${prior.parent_trac_codg}`,
            '一个追溯码只能属于一个包装：请重新导出关联关系，或删除错误的行。',
          ],
        ),
      );
  }
  plan.parents = new Set([...inFile.values()].map((e) => e.parent_trac_codg)).size;
  const stored = new Map<string, string>();
  if (await readable(journal.knex)) {
    const children = [...inFile.keys()];
    for (const e of await edgesWhere(journal.knex, 'drug_trac_codg', children))
      stored.set(e.drug_trac_codg, e.parent_trac_codg);
  }
  for (const e of inFile.values()) {
    const s = stored.get(e.drug_trac_codg);
    if (s === undefined)
      plan.added.push({ parent_trac_codg: e.parent_trac_codg, drug_trac_codg: e.drug_trac_codg, pac_lv: e.pac_lv });
    else if (s === e.parent_trac_codg) plan.unchanged++;
    else
      plan.issues.push(
        issue(
          file,
          e.line,
          'parent_trac_codg',
          [
            `${e.drug_trac_codg} is already stored inside ${s}; this file puts it into ${e.parent_trac_codg}`,
            'Check which package the box really came in; a wrong earlier import cannot be overridden by a file.',
          ],
          [
            `${e.drug_trac_codg} 已记录在 ${s} 中；此文件把它放入 ${e.parent_trac_codg}`,
            '请核实该盒实际所在的包装；文件不能覆盖此前导入的关联关系。',
          ],
        ),
      );
  }
  plan.issues.sort((a, b) => a.line - b.line);
  return plan;
}

/** Store the new relations of a plan (one transaction); returns the import id. */
export async function storeRelations(
  journal: JournalLike,
  plan: RelationPlan,
  lines: ReadonlyMap<string, number>,
  meta: { at: string; runId: string | null },
): Promise<number> {
  await journal.ensure(TRACE_RELATIONS_TABLE);
  await journal.ensure(TRACE_RELATION_IMPORTS_TABLE);
  return journal.knex.transaction(async (trx: Knex.Transaction) => {
    const top = (await trx(TRACE_RELATION_IMPORTS_TABLE.name).max({ v: 'import_id' }).first()) as
      | { v: number | string | null }
      | undefined;
    const import_id = Number(top?.v ?? 0) + 1;
    await trx(TRACE_RELATION_IMPORTS_TABLE.name).insert({
      import_id,
      file: plan.file,
      rows_read: plan.rows,
      added: plan.added.length,
      unchanged: plan.unchanged,
      imported_at: meta.at,
      run_id: meta.runId,
    });
    const rows = plan.added.map((e) => ({ ...e, import_id, src_line: lines.get(e.drug_trac_codg) ?? null }));
    for (let i = 0; i < rows.length; i += 150) await trx(TRACE_RELATIONS_TABLE.name).insert(rows.slice(i, i + 150));
    return import_id;
  });
}
