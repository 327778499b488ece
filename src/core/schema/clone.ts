/**
 * Build a test database from a production one: the whole structure, the rows of every table with
 * fewer than `maxRows` rows (dictionaries), plus the large tables named on purpose (ICD-10, price
 * lists), and never the business data beyond that. Rows stream in keyset-paged batches; with
 * masking, patient-identifying columns are rewritten on the way (mask.ts). Every batch is
 * journaled, so a stopped clone resumes where it was without copying a row twice. The
 * destination may be another kind of database: the model is carried over (adapt.ts).
 *
 * Foreign keys are added after the rows, without checking existing rows (NOT VALID / with
 * FOREIGN_KEY_CHECKS=0), because the copied dictionaries may point at business rows that are
 * deliberately not copied.
 *
 * The run is cloneRun.ts (one phase per method); what to copy and mask is cloneChoose.ts, the rows
 * cloneRows.ts, the structure after them cloneFinish.ts, samples cloneSample.ts.
 */
import type { Db } from '../db/index.js';
import type { Journal } from '../journal/index.js';
import { collectOriginals, decide, estimateRows, sampleForChoice } from './cloneChoose.js';
import { CloneRun } from './cloneRun.js';
import { sampleRelations, type SampleJoin } from './cloneSample.js';
import type { VerifyResult } from './cloneVerify.js';
import type { DiffResult } from './diff.js';
import { makeMatcher, type NameFilter } from './filter.js';
import { introspect } from './introspect/index.js';
import type { CompiledRules, MaskKind } from './mask.js';
import { addOverlaps, chooseMaskColumns, type ColumnChoice } from './maskChoice.js';
import { KIND_OF_CODE } from './masker.js';
import { ValueSet } from './maskSet.js';
import { nameKey, type SchemaModel } from './model.js';

export { CLONE_TABLE } from './cloneRows.js';

type Row = Record<string, unknown>;

export interface CloneProgress {
  table: string;
  copied: number;
  total: number;
  tableIndex: number;
  tables: number;
}

export interface CloneOptions {
  /** Copy tables with fewer rows than this (default 20,000). */
  maxRows?: number;
  /** Table name patterns copied whatever their size. */
  tables?: string[];
  mask?: { rules: CompiledRules; key: string };
  batchSize?: number;
  schema?: string;
  filter?: Partial<NameFilter>;
  journal: Journal;
  clock: () => Date;
  resume?: boolean;
  onProgress?: (p: CloneProgress) => void;
  /** Tables over maxRows (not named) get a consistent sample of this many rows instead of none. */
  sample?: number;
  /** Joins for the sample besides the foreign keys (child.col=parent.col). */
  joins?: SampleJoin[];
  /** Children a sampled row may bring per table (default 10 × sample). */
  sampleChildCap?: number;
  /** With mask: scan the copy for original values afterwards (default true). */
  verify?: boolean;
}

export interface CloneTableResult {
  table: string;
  status: 'copied' | 'sampled' | 'structure only' | 'failed';
  rows: number;
  reason?: string;
  masked: Array<{ column: string; kind: MaskKind }>;
  /** With mask: every text column (and birth-date column) with why it is masked or not. */
  columns?: ColumnChoice[];
}

export interface CloneResult {
  cloneId: string;
  tables: CloneTableResult[];
  copiedRows: number;
  structureStatements: number;
  warnings: string[];
  /** The destination compared with the (carried-over) source structure afterwards. */
  leftovers: DiffResult;
  /** With mask: the originals looked for and what the scan of the copy found. */
  verification?: VerifyResult;
  masking?: { originals: number; setBytes: number; retries: number };
}

export async function cloneDatabase(src: Db, dest: Db, opts: CloneOptions): Promise<CloneResult> {
  return new CloneRun(src, dest, opts).run();
}

export interface ClonePlanTable {
  table: string;
  rows: number;
  copy: boolean;
  /** The table is over --max-rows and --sample is given: a consistent sample would be copied. */
  sample?: number;
  reason: string;
  masked: Array<{ column: string; kind: MaskKind }>;
  /** With mask: every text column (and birth-date column) with why it would be masked or not. */
  columns?: ColumnChoice[];
}

/** What a clone would do, without writing anything (the dry run of `schema clone`). */
export async function planClone(
  src: Db,
  opts: Pick<CloneOptions, 'maxRows' | 'tables' | 'mask' | 'schema' | 'filter' | 'sample' | 'joins'>,
): Promise<{ tables: ClonePlanTable[]; model: SchemaModel }> {
  const maxRows = opts.maxRows ?? 20000;
  const named = makeMatcher({ include: opts.tables && opts.tables.length ? opts.tables : ['\u0000none'] });
  const model = (await introspect(src, { schema: opts.schema, filter: opts.filter })).model;
  const estimates = await estimateRows(src);
  const tables: ClonePlanTable[] = [];
  const sorted = [...model.tables].sort((a, b) => (nameKey(a.name) < nameKey(b.name) ? -1 : 1));
  const decisions = new Map<string, { copy: boolean; total: number; reason: string }>();
  for (const t of sorted) decisions.set(nameKey(t.name), await decide(src, t, named(t.name), maxRows, estimates));
  // a bad join is an error before anything is read
  if (opts.sample)
    sampleRelations(
      model,
      new Set(sorted.filter((t) => !decisions.get(nameKey(t.name))!.copy).map((t) => nameKey(t.name))),
      opts.joins ?? [],
    );
  const choices = new Map<string, ColumnChoice[]>();
  const samples = new Map<string, Row[]>();
  if (opts.mask) {
    for (const t of sorted) {
      const d = decisions.get(nameKey(t.name))!;
      if (!d.copy && !opts.sample) continue;
      samples.set(nameKey(t.name), await sampleForChoice(src, t));
      choices.set(nameKey(t.name), chooseMaskColumns(t, opts.mask.rules, samples.get(nameKey(t.name))));
    }
    // as the clone does: columns whose values include originals of the masked columns are masked too
    const originals = await collectOriginals(
      src,
      new Map(sorted.map((t) => [nameKey(t.name), t])),
      choices,
      new ValueSet(4096),
    );
    for (const [k, list] of choices)
      choices.set(
        k,
        addOverlaps(list, samples.get(k)!, (v) => KIND_OF_CODE[originals.kindOf(v)] || undefined),
      );
  }
  for (const t of sorted) {
    const d = decisions.get(nameKey(t.name))!;
    const sample = !d.copy && opts.sample ? opts.sample : undefined;
    const columns = choices.get(nameKey(t.name));
    const masked = (columns ?? []).filter((c) => c.kind).map((c) => ({ column: c.column, kind: c.kind! }));
    tables.push({
      table: t.name,
      rows: d.total,
      copy: d.copy,
      ...(sample ? { sample } : {}),
      reason: d.reason,
      masked,
      ...(columns ? { columns } : {}),
    });
  }
  return { tables, model };
}
