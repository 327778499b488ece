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
 */
import type { Db, Dialect, Knex } from '../db/index.js';
import { EXIT, HisopsError } from '../errors.js';
import type { Journal, JournalTable } from '../journal/index.js';
import { adaptModel } from './adapt.js';
import { sha256 } from './digest.js';
import { execStatement } from './exec.js';
import { diffModels, type DiffResult } from './diff.js';
import { makeMatcher, type NameFilter } from './filter.js';
import { introspect } from './introspect/index.js';
import { type CompiledRules, type MaskKind } from './mask.js';
import { addOverlaps, chooseMaskColumns, isTextColumn, type ColumnChoice } from './maskChoice.js';
import { Masker, identityValue, KIND_CODE, KIND_OF_CODE } from './masker.js';
import { ValueSet } from './maskSet.js';
import { sampleRelations, sampleTables, type SampleJoin } from './cloneSample.js';
import { verifyNoOriginals, type VerifyResult } from './cloneVerify.js';
import { queryEach } from '../db/index.js';
import { nameKey, type Column, type SchemaModel, type Table } from './model.js';
import { RENDERERS, type RenderContext } from './sql/index.js';
import type { Op } from './sql/ops.js';

export const CLONE_TABLE: JournalTable = {
  name: 'hisops_schema_clone',
  build: (t) => {
    t.string('clone_id', 40).notNullable();
    t.string('tbl', 200).notNullable();
    t.string('status', 20).notNullable();
    t.bigInteger('rows').notNullable().defaultTo(0);
    t.text('last_key').nullable();
    t.string('updated_at', 30).notNullable();
    t.primary(['clone_id', 'tbl']);
  },
};

/** Parameters a single INSERT may carry, per dialect (SQL Server's limit is 2,100). */
const MAX_PARAMS: Record<Dialect, number> = { mysql: 60000, postgres: 60000, sqlite: 30000, oracle: 60000, mssql: 2000 };
/** Rows a single INSERT may carry (SQLite's multi-row insert is a compound SELECT, at most 500 terms). */
const MAX_ROWS: Record<Dialect, number> = { mysql: 5000, postgres: 5000, sqlite: 500, oracle: 1000, mssql: 1000 };

/** How to add a foreign key without checking the rows already there. */
const FK_NO_CHECK: Record<Dialect, (sql: string) => string> = {
  postgres: (sql) => `${sql} NOT VALID`,
  oracle: (sql) => `${sql} ENABLE NOVALIDATE`,
  mssql: (sql) => sql.replace(/^ALTER TABLE (\S+) ADD/, 'ALTER TABLE $1 WITH NOCHECK ADD'),
  mysql: (sql) => sql, // run with FOREIGN_KEY_CHECKS=0 in the same session instead
  sqlite: (sql) => sql, // declared in CREATE TABLE; SQLite checks nothing unless asked
};

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

type Row = Record<string, unknown>;

/** A progress callback that throws stops the clone (Ctrl-C, a closed terminal): it is not a table failure. */
class Stopped extends Error {
  constructor(readonly reason: unknown) {
    super('stopped');
  }
}

const ZERO_DATE = /^\d{4}-00-|^\d{4}-\d{2}-00|^0000-/;

export async function cloneDatabase(src: Db, dest: Db, opts: CloneOptions): Promise<CloneResult> {
  const maxRows = opts.maxRows ?? 20000;
  const batchSize = opts.batchSize ?? 1000;
  const named = makeMatcher({ include: opts.tables && opts.tables.length ? opts.tables : ['\u0000none'] });
  const warnings: string[] = [];
  const { journal } = opts;
  await journal.ensure(CLONE_TABLE);
  const jk = journal.knex;
  const now = () => opts.clock().toISOString();

  const source = (await introspect(src, { schema: opts.schema, filter: opts.filter })).model;
  const adapted = adaptModel(source, dest.dialect);
  warnings.push(...adapted.warnings);
  const model = adapted.model;
  const cloneId = sha256([src.target.display, dest.target.display, maxRows, (opts.tables ?? []).join(','), opts.mask ? 'mask' : '', opts.sample ? `sample ${opts.sample} ${(opts.joins ?? []).map((j) => j.source).join(',')}` : ''].join('\n')).slice(0, 32);
  const header = await jk(CLONE_TABLE.name).where({ clone_id: cloneId, tbl: '' }).first();

  // ---- structure
  const destBefore = (await introspect(dest)).model;
  const existing = new Set(destBefore.tables.map((t) => nameKey(t.name)));
  const overlap = model.tables.filter((t) => existing.has(nameKey(t.name)));
  if (overlap.length && !opts.resume) {
    throw new HisopsError({
      code: header ? 'CLONE_PARTIAL' : 'CLONE_DEST_NOT_EMPTY',
      summary: header ? `A previous clone into ${dest.target.display} did not finish` : `${dest.target.display} already has ${overlap.length} of the tables to clone (${overlap.slice(0, 3).map((t) => t.name).join(', ')}${overlap.length > 3 ? ', …' : ''})`,
      fix: header ? 'Run the same command again with --resume.' : 'Clone into an empty database (create one for the test copy), or drop those tables first.',
      details: { cloneId, tables: overlap.length },
      exit: header ? EXIT.needsConfirmation : EXIT.usage,
    }).zh(header ? `上一次向 ${dest.target.display} 的克隆没有完成` : `${dest.target.display} 中已有待克隆表中的 ${overlap.length} 张（${overlap.slice(0, 3).map((t) => t.name).join('、')}${overlap.length > 3 ? '、…' : ''}）`, header ? '请用相同命令加 --resume 再次运行。' : '请克隆到空数据库（为测试副本新建一个），或先删除这些表。');
  }
  if (!header) await jk(CLONE_TABLE.name).insert({ clone_id: cloneId, tbl: '', status: 'structure', rows: 0, updated_at: now() });

  const r = RENDERERS[dest.dialect];
  const ctx: RenderContext = { currentTables: new Map(), targetTables: new Map(model.tables.map((t) => [nameKey(t.name), t])) };
  let structureStatements = 0;
  const run = async (sql: string) => {
    structureStatements++;
    await execStatement(dest, sql);
  };
  for (const s of model.sequences) if (!destBefore.sequences.some((x) => nameKey(x.name) === nameKey(s.name))) for (const st of r.objectOp({ op: 'createSequence', sequence: s }, ctx)) await run(st.sql);
  const deferAll = dest.dialect !== 'sqlite';
  for (const t of model.tables) {
    if (existing.has(nameKey(t.name))) continue;
    const op: Op = { op: 'createTable', table: t, deferFks: deferAll ? t.foreignKeys.map((f) => f.name) : [] };
    for (const st of r.tableOps(t.name, [op], ctx)) await run(st.sql);
  }

  // ---- what to copy: whole tables, samples, structure only
  const results: CloneTableResult[] = [];
  const srcTables = new Map(source.tables.map((t) => [nameKey(t.name), t]));
  let copiedRows = 0;
  const tables = [...model.tables].sort((a, b) => (nameKey(a.name) < nameKey(b.name) ? -1 : 1));
  const estimates = await estimateRows(src);
  const decisions = new Map<string, { copy: boolean; total: number; reason: string }>();
  for (const t of tables) decisions.set(nameKey(t.name), await decide(src, srcTables.get(nameKey(t.name))!, named(t.name), maxRows, estimates));
  const big = new Set(opts.sample ? tables.filter((t) => !decisions.get(nameKey(t.name))!.copy).map((t) => nameKey(t.name)) : []);
  const sampled = big.size ? await sampleTables(src, source, big, opts.sample!, sampleRelations(source, big, opts.joins ?? []), (t) => t.columns.filter((x) => !x.generated).map((x) => x.name), opts.sampleChildCap) : undefined;

  // ---- masking: the columns of each copied table, then every original value of them
  const choices = new Map<string, ColumnChoice[]>();
  let masker: Masker | undefined;
  if (opts.mask) {
    const samples = new Map<string, Row[]>();
    for (const t of tables) {
      const k = nameKey(t.name);
      if (!decisions.get(k)!.copy && !big.has(k)) continue;
      samples.set(k, await sampleForChoice(src, srcTables.get(k)!));
      choices.set(k, chooseMaskColumns(srcTables.get(k)!, opts.mask.rules, samples.get(k)));
    }
    // one read of the masked columns: the originals, and what each ID number and phone masks to at the first try
    const originals = new ValueSet(4096);
    masker = new Masker({ key: opts.mask.key, originals });
    await collectOriginals(src, srcTables, choices, originals, masker);
    for (const [k, list] of choices) choices.set(k, addOverlaps(list, samples.get(k)!, (v) => KIND_OF_CODE[originals.kindOf(v)] || undefined));
  }
  const maskedOf = (k: string) => (choices.get(k) ?? []).filter((c) => c.kind).map((c) => ({ column: c.column, kind: c.kind! }));

  // ---- rows
  // SQLite (better-sqlite3) checks foreign keys on insert, and tables are copied by name, a child
  // before its parent: the rows go in unchecked, as on the servers (its one pooled connection).
  if (dest.dialect === 'sqlite') await dest.knex.raw('PRAGMA foreign_keys = OFF');
  for (let ti = 0; ti < tables.length; ti++) {
    const t = tables[ti]!;
    const st = srcTables.get(nameKey(t.name))!;
    const masked = maskedOf(nameKey(t.name));
    const columns = choices.get(nameKey(t.name));
    const jrow = (await jk(CLONE_TABLE.name).where({ clone_id: cloneId, tbl: t.name }).first()) as { status: string; rows: number; last_key: string | null } | undefined;
    const sample = sampled?.rows.get(nameKey(t.name));
    if (jrow?.status === 'done' || jrow?.status === 'skipped') {
      const status = jrow.status === 'skipped' ? 'structure only' : sample ? 'sampled' : 'copied';
      results.push({ table: t.name, status, rows: Number(jrow.rows), masked, ...(columns ? { columns } : {}), ...(jrow.status === 'skipped' ? { reason: 'skipped by the earlier run' } : {}) });
      copiedRows += jrow.status === 'done' ? Number(jrow.rows) : 0;
      continue;
    }
    const { copy, total, reason } = decisions.get(nameKey(t.name))!;
    if (!copy && !sample) {
      await upsertJournal(jk, cloneId, t.name, { status: 'skipped', rows: 0, last_key: null, updated_at: now() });
      results.push({ table: t.name, status: 'structure only', rows: 0, reason, masked: [] });
      continue;
    }
    const progress = (copied: number) => {
      try {
        opts.onProgress?.({ table: t.name, copied, total: sample ? sample.length : total, tableIndex: ti, tables: tables.length });
      } catch (e) {
        throw new Stopped(e);
      }
    };
    try {
      const c: CopyContext = { cloneId, journal, now, batchSize, total, resumeFrom: jrow, masker, masked, warnings, progress };
      if (sample) {
        const n = await copySample(src.dialect, dest, st, t, sample, c);
        copiedRows += n;
        results.push({ table: t.name, status: 'sampled', rows: n, reason: `sample of ${total} rows: ${(sampled!.notes.get(nameKey(t.name)) ?? []).join('; ')}`, masked, ...(columns ? { columns } : {}) });
      } else {
        const n = await copyTable(src, dest, st, t, c);
        copiedRows += n;
        results.push({ table: t.name, status: 'copied', rows: n, masked, ...(columns ? { columns } : {}) });
      }
    } catch (e) {
      if (e instanceof Stopped) throw e.reason;
      const msg = String((e as { sqlMessage?: string; message?: string }).sqlMessage ?? (e as Error).message ?? e);
      results.push({ table: t.name, status: 'failed', rows: 0, reason: msg.slice(0, 300), masked, ...(columns ? { columns } : {}) });
      warnings.push(`rows of ${t.name} not copied: ${msg.slice(0, 200)}`);
    }
  }

  if (dest.dialect === 'sqlite') await dest.knex.raw('PRAGMA foreign_keys = ON');

  // ---- foreign keys (not checking the copied rows), identity counters, views, routines
  if (deferAll) {
    const destNow = (await introspect(dest)).model;
    const haveFk = new Set(destNow.tables.flatMap((t) => t.foreignKeys.map((f) => `${nameKey(t.name)}\u0000${nameKey(f.name)}`)));
    const stmts: Array<{ table: string; fk: string; sql: string }> = [];
    for (const t of model.tables)
      for (const fk of t.foreignKeys) {
        if (haveFk.has(`${nameKey(t.name)}\u0000${nameKey(fk.name)}`)) continue;
        for (const s of r.tableOps(t.name, [{ op: 'addForeignKey', table: t.name, fk }], ctx)) stmts.push({ table: t.name, fk: fk.name, sql: FK_NO_CHECK[dest.dialect](s.sql) });
      }
    await runUnchecked(dest, stmts.map((s) => s.sql), (i, e) => warnings.push(`foreign key ${stmts[i]!.table}.${stmts[i]!.fk} not created: ${e}`));
    structureStatements += stmts.length;
  }
  await resetIdentities(dest, model, warnings);
  for (const v of model.views) {
    if (v.dialect && v.dialect !== dest.dialect) continue;
    for (const s of r.objectOp({ op: 'createView', view: v, replace: false }, ctx)) await execStatement(dest, s.sql).catch((e: Error) => warnings.push(`view ${v.name} not created: ${e.message.slice(0, 200)}`));
  }
  for (const rt of [...model.routines].sort((a, b) => (a.kind === 'trigger' ? 1 : 0) - (b.kind === 'trigger' ? 1 : 0))) {
    if (rt.dialect && rt.dialect !== dest.dialect) continue;
    for (const s of r.objectOp({ op: 'createRoutine', routine: rt, replace: false }, ctx)) await execStatement(dest, s.sql).catch((e: Error) => warnings.push(`${rt.kind} ${rt.name} not created: ${e.message.slice(0, 200)}`));
  }
  const crossDialect = model.views.filter((v) => v.dialect && v.dialect !== dest.dialect).length + model.routines.filter((x) => x.dialect && x.dialect !== dest.dialect).length;
  if (crossDialect) warnings.push(`${crossDialect} view(s)/routine(s) are written for ${source.source.dialect} and were not created: translate them by hand`);
  await jk(CLONE_TABLE.name).where({ clone_id: cloneId, tbl: '' }).update({ status: 'done', rows: copiedRows, updated_at: now() });

  const after = (await introspect(dest)).model;
  const result: CloneResult = { cloneId, tables: results, copiedRows, structureStatements, warnings, leftovers: diffModels(after, model) };
  if (masker) {
    result.masking = { originals: masker.originals!.size, setBytes: masker.originals!.bytes + masker.produced.bytes, retries: masker.retries };
    // hisops's own journal tables, should they share the database, are not the clone's
    if (opts.verify !== false) result.verification = await verifyNoOriginals(dest, model, masker.originals!);
  }
  return result;
}

/** Copy a table's rows? Named tables always; others when they have fewer than maxRows rows. */
async function decide(src: Db, t: Table, isNamed: boolean, maxRows: number, estimates: Map<string, number>): Promise<{ copy: boolean; total: number; reason: string }> {
  const estimate = estimates.get(nameKey(t.name));
  // Counting a table of millions of rows takes minutes: the server's estimate is enough to skip it.
  const total = !isNamed && estimate !== undefined && estimate >= maxRows * 10 ? estimate : Number(((await src.knex(t.name).count({ n: '*' })) as Array<{ n: unknown }>)[0]!.n);
  if (isNamed) return { copy: true, total, reason: 'named with --tables' };
  if (total < maxRows) return { copy: true, total, reason: `${total} rows < ${maxRows}` };
  return { copy: false, total, reason: `${total} rows ≥ ${maxRows} (name it with --tables to copy it)` };
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
export async function planClone(src: Db, opts: Pick<CloneOptions, 'maxRows' | 'tables' | 'mask' | 'schema' | 'filter' | 'sample' | 'joins'>): Promise<{ tables: ClonePlanTable[]; model: SchemaModel }> {
  const maxRows = opts.maxRows ?? 20000;
  const named = makeMatcher({ include: opts.tables && opts.tables.length ? opts.tables : ['\u0000none'] });
  const model = (await introspect(src, { schema: opts.schema, filter: opts.filter })).model;
  const estimates = await estimateRows(src);
  const tables: ClonePlanTable[] = [];
  const sorted = [...model.tables].sort((a, b) => (nameKey(a.name) < nameKey(b.name) ? -1 : 1));
  const decisions = new Map<string, { copy: boolean; total: number; reason: string }>();
  for (const t of sorted) decisions.set(nameKey(t.name), await decide(src, t, named(t.name), maxRows, estimates));
  // a bad join is an error before anything is read
  if (opts.sample) sampleRelations(model, new Set(sorted.filter((t) => !decisions.get(nameKey(t.name))!.copy).map((t) => nameKey(t.name))), opts.joins ?? []);
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
    const originals = await collectOriginals(src, new Map(sorted.map((t) => [nameKey(t.name), t])), choices, new ValueSet(4096));
    for (const [k, list] of choices) choices.set(k, addOverlaps(list, samples.get(k)!, (v) => KIND_OF_CODE[originals.kindOf(v)] || undefined));
  }
  for (const t of sorted) {
    const d = decisions.get(nameKey(t.name))!;
    const sample = !d.copy && opts.sample ? opts.sample : undefined;
    const columns = choices.get(nameKey(t.name));
    const masked = (columns ?? []).filter((c) => c.kind).map((c) => ({ column: c.column, kind: c.kind! }));
    tables.push({ table: t.name, rows: d.total, copy: d.copy, ...(sample ? { sample } : {}), reason: d.reason, masked, ...(columns ? { columns } : {}) });
  }
  return { tables, model };
}

function isText(c: Column): boolean {
  return ['char', 'varchar', 'text'].includes(c.type.base);
}

async function upsertJournal(jk: Knex, cloneId: string, tbl: string, rec: { status: string; rows: number; last_key: string | null; updated_at: string }): Promise<void> {
  const n = await jk(CLONE_TABLE.name).where({ clone_id: cloneId, tbl }).update(rec);
  if (!n) await jk(CLONE_TABLE.name).insert({ clone_id: cloneId, tbl, ...rec });
}

/** Row counts the server keeps anyway (information_schema / pg_class): only to skip counting huge tables. */
async function estimateRows(db: Db): Promise<Map<string, number>> {
  const m = new Map<string, number>();
  try {
    if (db.dialect === 'mysql') {
      const [rows] = (await db.knex.raw('SELECT TABLE_NAME AS t, TABLE_ROWS AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()')) as unknown as [Array<{ t: string; n: number | null }>];
      for (const r of rows) if (r.n !== null) m.set(nameKey(r.t), Number(r.n));
    } else if (db.dialect === 'postgres') {
      const res = (await db.knex.raw("SELECT c.relname AS t, c.reltuples::bigint AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'")) as { rows: Array<{ t: string; n: string }> };
      for (const r of res.rows) if (Number(r.n) >= 0) m.set(nameKey(r.t), Number(r.n));
    }
  } catch {
    // estimates are an optimisation only
  }
  return m;
}

interface CopyContext {
  cloneId: string;
  journal: Journal;
  now: () => string;
  batchSize: number;
  total: number;
  resumeFrom?: { status: string; rows: number; last_key: string | null };
  masker?: Masker;
  masked: Array<{ column: string; kind: MaskKind }>;
  warnings: string[];
  progress: (copied: number) => void;
}

/** Rows of a sampled table (chosen by cloneSample.ts), masked and inserted; a resumed run inserts them again. */
async function copySample(from: Dialect, dest: Db, st: Table, dt: Table, rows: Row[], c: CopyContext): Promise<number> {
  const jk = c.journal.knex;
  if (c.resumeFrom) await dest.knex(dt.name).del();
  await upsertJournal(jk, c.cloneId, dt.name, { status: 'copying', rows: 0, last_key: null, updated_at: c.now() });
  const cols = st.columns.filter((x) => !x.generated).map((x) => x.name);
  const destCols = new Map(dt.columns.map((x) => [nameKey(x.name), x]));
  const perInsert = Math.max(1, Math.min(MAX_ROWS[dest.dialect], Math.floor(MAX_PARAMS[dest.dialect] / Math.max(1, cols.length))));
  const notes = { zeroDates: 0, nulBytes: 0 };
  let copied = 0;
  for (let i = 0; i < rows.length; i += c.batchSize) {
    const part = rows.slice(i, i + c.batchSize).map((row) => convertRow(c.masker && c.masked.length ? c.masker.maskRow(row, c.masked) : row, from, dest.dialect, destCols, notes));
    for (let j = 0; j < part.length; j += perInsert) await dest.knex(dt.name).insert(part.slice(j, j + perInsert));
    copied += part.length;
    c.progress(copied);
  }
  await upsertJournal(jk, c.cloneId, dt.name, { status: 'done', rows: copied, last_key: null, updated_at: c.now() });
  return copied;
}

/** The first rows of a table's text columns: what the values of each column look like. */
async function sampleForChoice(src: Db, t: Table): Promise<Row[]> {
  const cols = t.columns.filter((c) => isTextColumn(c) && !c.generated).map((c) => c.name);
  if (!cols.length) return [];
  let q = src.knex(t.name).select(cols).limit(200);
  if (src.dialect === 'mysql') q = q.options({ dateStrings: true });
  return (await q) as Row[];
}

/**
 * Every original value of the masked columns of the tables to be copied (read row by row, kept as
 * hashes); with a masker, what each ID number and phone masks to at the first try is taken.
 */
async function collectOriginals(src: Db, tables: Map<string, Table>, choices: Map<string, ColumnChoice[]>, set: ValueSet, masker?: Masker): Promise<ValueSet> {
  await eachMaskedValue(src, tables, choices, (kind, v) => {
    const id = identityValue(kind, v);
    if (id !== undefined) set.add(id, KIND_CODE[kind]);
    if (masker && (kind === 'idcard' || kind === 'phone') && v !== null && v !== undefined && v !== '') masker.notePlanned(kind, Buffer.isBuffer(v) ? v.toString('utf8') : String(v));
  });
  return set;
}

async function eachMaskedValue(src: Db, tables: Map<string, Table>, choices: Map<string, ColumnChoice[]>, fn: (kind: MaskKind, v: unknown) => void): Promise<void> {
  for (const [k, list] of choices) {
    const masked = list.filter((c) => c.kind && c.kind !== 'birthdate' && c.kind !== 'tokens' && c.kind !== 'text');
    if (!masked.length) continue;
    const sql = src.knex(tables.get(k)!.name).select(masked.map((c) => c.column)).toString();
    await queryEach(src, sql, [], (row) => {
      for (let i = 0; i < row.length; i++) fn(masked[i]!.kind!, row[i]);
    });
  }
}

async function copyTable(src: Db, dest: Db, st: Table, dt: Table, c: CopyContext): Promise<number> {
  const jk = c.journal.knex;
  const cols = st.columns.filter((x) => !x.generated).map((x) => x.name);
  const destCols = new Map(dt.columns.map((x) => [nameKey(x.name), x]));
  const key = st.primaryKey?.columns ?? [];
  let copied = 0;
  let last: unknown[] | undefined;
  if (c.resumeFrom && c.resumeFrom.status === 'copying') {
    if (key.length && c.resumeFrom.last_key) {
      last = JSON.parse(c.resumeFrom.last_key) as unknown[];
      copied = Number(c.resumeFrom.rows);
      // Rows inserted after the last journaled batch would be inserted again: remove them first.
      await afterKey(dest.knex(dt.name), key, last).del();
    } else await dest.knex(dt.name).del();
  }
  await upsertJournal(jk, c.cloneId, dt.name, { status: 'copying', rows: copied, last_key: last ? JSON.stringify(last) : null, updated_at: c.now() });
  const perInsert = Math.max(1, Math.min(MAX_ROWS[dest.dialect], Math.floor(MAX_PARAMS[dest.dialect] / Math.max(1, cols.length))));
  const notes = { zeroDates: 0, nulBytes: 0 };
  let offset = 0;
  for (;;) {
    let q = src.knex(st.name).select(cols).limit(c.batchSize);
    if (src.dialect === 'mysql') q = q.options({ dateStrings: true, supportBigNumbers: true, bigNumberStrings: true });
    if (key.length) {
      q = q.orderBy(key);
      if (last) q = afterKey(q, key, last);
    } else q = q.orderBy(cols.filter((n) => !['text', 'blob', 'json', 'other'].includes(st.columns.find((x) => x.name === n)!.type.base))).offset(offset);
    const rows = (await q) as Row[];
    if (!rows.length) break;
    const out = rows.map((row) => convertRow(c.masker && c.masked.length ? c.masker.maskRow(row, c.masked) : row, src.dialect, dest.dialect, destCols, notes));
    for (let i = 0; i < out.length; i += perInsert) await dest.knex(dt.name).insert(out.slice(i, i + perInsert));
    copied += rows.length;
    offset += rows.length;
    if (key.length) last = key.map((k) => rows[rows.length - 1]![k]);
    await upsertJournal(jk, c.cloneId, dt.name, { status: 'copying', rows: copied, last_key: last ? JSON.stringify(last) : null, updated_at: c.now() });
    c.progress(copied);
    if (rows.length < c.batchSize) break;
  }
  await upsertJournal(jk, c.cloneId, dt.name, { status: 'done', rows: copied, last_key: null, updated_at: c.now() });
  if (notes.zeroDates) c.warnings.push(`${dt.name}: ${notes.zeroDates} zero date(s) (0000-00-00) written as NULL or 0001-01-01`);
  if (notes.nulBytes) c.warnings.push(`${dt.name}: ${notes.nulBytes} value(s) had NUL characters, which ${dest.info.label} cannot store; they were removed`);
  return copied;
}

/** Rows strictly after `last` in key order: (a > x) or (a = x and b > y) … */
function afterKey<T extends Knex.QueryBuilder>(q: T, key: string[], last: unknown[]): T {
  return q.where((w) => {
    for (let i = 0; i < key.length; i++) {
      w.orWhere((x) => {
        for (let j = 0; j < i; j++) x.where(key[j]!, '=', last[j] as never);
        x.where(key[i]!, '>', last[i] as never);
      });
    }
  }) as T;
}

function convertRow(row: Row, from: Dialect, to: Dialect, destCols: Map<string, Column>, notes: { zeroDates: number; nulBytes: number }): Row {
  const out: Row = {};
  for (const [k, v0] of Object.entries(row)) {
    let v = v0;
    const col = destCols.get(nameKey(k));
    if (col && typeof v === 'string' && from === 'mysql' && to !== 'mysql' && ['date', 'datetime', 'timestamp'].includes(col.type.base) && ZERO_DATE.test(v)) {
      notes.zeroDates++;
      v = col.nullable ? null : col.type.base === 'date' ? '0001-01-01' : '0001-01-01 00:00:00';
    }
    if (to === 'postgres' && typeof v === 'string' && v.includes('\u0000') && col && col.type.base !== 'blob') {
      notes.nulBytes++;
      v = v.replace(/\u0000/g, '');
    }
    if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v) && !(v instanceof Date)) v = JSON.stringify(v);
    if (Buffer.isBuffer(v) && col && col.type.base === 'bit' && to === 'postgres') v = [...v].map((b) => b.toString(2).padStart(8, '0')).join('').slice(-(col.type.length ?? 1));
    out[col?.name ?? k] = v;
  }
  return out;
}

async function runUnchecked(dest: Db, stmts: string[], onError: (i: number, e: string) => void): Promise<void> {
  if (!stmts.length) return;
  if (dest.dialect === 'mysql') {
    // One session for all of them: FOREIGN_KEY_CHECKS is per session.
    await dest.knex.transaction(async (trx) => {
      await trx.raw('SET FOREIGN_KEY_CHECKS = 0');
      for (let i = 0; i < stmts.length; i++) await trx.raw(stmts[i]!).catch((e: { sqlMessage?: string; message?: string }) => onError(i, String(e.sqlMessage ?? e.message).slice(0, 200)));
      await trx.raw('SET FOREIGN_KEY_CHECKS = 1');
    });
    return;
  }
  for (let i = 0; i < stmts.length; i++) await execStatement(dest, stmts[i]!).catch((e: Error) => onError(i, e.message.slice(0, 200)));
}

/** After explicit ids were copied, identity counters must continue after the largest one. */
async function resetIdentities(dest: Db, model: SchemaModel, warnings: string[]): Promise<void> {
  for (const t of model.tables) {
    const c = t.columns.find((x) => x.autoIncrement);
    if (!c) continue;
    try {
      if (dest.dialect === 'postgres') {
        await dest.knex.raw(`SELECT setval(pg_get_serial_sequence(?, ?), COALESCE((SELECT max(${q(c.name)}) FROM ${q(t.name)}), 0)::bigint + 1, false)`, [q(t.name), c.name]);
      } else if (dest.dialect === 'oracle') {
        await dest.knex.raw(`ALTER TABLE ${t.name.toUpperCase()} MODIFY (${c.name.toUpperCase()} GENERATED BY DEFAULT ON NULL AS IDENTITY (START WITH LIMIT VALUE))`);
      }
    } catch (e) {
      warnings.push(`identity counter of ${t.name}.${c.name} not moved past the copied rows: ${(e as Error).message.slice(0, 200)}`);
    }
  }
}

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
