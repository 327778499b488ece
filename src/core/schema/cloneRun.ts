/**
 * One run of cloneDatabase as named phases: read and carry over the source structure, create it
 * in the destination, decide what to copy (whole, sampled, structure only), choose the masked
 * columns, copy the rows table by table, then finish the structure (cloneFinish.ts) and read the
 * destination again for the result. clone.ts explains what a clone copies.
 */
import type { Db, Knex } from '../db/index.js';
import { EXIT, HisopsError } from '../errors.js';
import { adaptModel } from './adapt.js';
import type { CloneOptions, CloneResult, CloneTableResult } from './clone.js';
import { collectOriginals, decide, estimateRows, sampleForChoice } from './cloneChoose.js';
import { finishStructure } from './cloneFinish.js';
import { CLONE_TABLE, type CopyContext, copySample, copyTable, upsertJournal } from './cloneRows.js';
import { sampleRelations, sampleTables } from './cloneSample.js';
import { verifyNoOriginals } from './cloneVerify.js';
import { sha256 } from './digest.js';
import { diffModels } from './diff.js';
import { execStatement } from './exec.js';
import { makeMatcher } from './filter.js';
import { introspect } from './introspect/index.js';
import { addOverlaps, chooseMaskColumns, type ColumnChoice } from './maskChoice.js';
import { KIND_OF_CODE, Masker } from './masker.js';
import { ValueSet } from './maskSet.js';
import { nameKey, type SchemaModel, type Table } from './model.js';
import { RENDERERS, type RenderContext } from './sql/index.js';
import type { Op } from './sql/ops.js';

type Row = Record<string, unknown>;
type Decision = { copy: boolean; total: number; reason: string };
type JournalRow = { status: string; rows: number; last_key: string | null };

/** A progress callback that throws stops the clone (Ctrl-C, a closed terminal): it is not a table failure. */
class Stopped extends Error {
  constructor(readonly reason: unknown) {
    super('stopped');
  }
}

export class CloneRun {
  private readonly maxRows: number;
  private readonly batchSize: number;
  private readonly jk: Knex;
  private readonly warnings: string[] = [];
  private source!: SchemaModel;
  private model!: SchemaModel;
  private cloneId = '';
  private readonly ctx: RenderContext = { currentTables: new Map(), targetTables: new Map() };
  private structureStatements = 0;
  private tables: Table[] = [];
  private srcTables = new Map<string, Table>();
  private decisions = new Map<string, Decision>();
  /** Tables over maxRows that get a sample (with --sample). */
  private big = new Set<string>();
  private sampled: Awaited<ReturnType<typeof sampleTables>> | undefined;
  private readonly choices = new Map<string, ColumnChoice[]>();
  private masker: Masker | undefined;
  private readonly results: CloneTableResult[] = [];
  private copiedRows = 0;

  constructor(
    private readonly src: Db,
    private readonly dest: Db,
    private readonly opts: CloneOptions,
  ) {
    this.maxRows = opts.maxRows ?? 20000;
    this.batchSize = opts.batchSize ?? 1000;
    this.jk = opts.journal.knex;
  }

  async run(): Promise<CloneResult> {
    const { opts, dest } = this;
    await opts.journal.ensure(CLONE_TABLE);
    this.source = (await introspect(this.src, { schema: opts.schema, filter: opts.filter })).model;
    const adapted = adaptModel(this.source, dest.dialect);
    this.warnings.push(...adapted.warnings);
    this.model = adapted.model;
    this.ctx.targetTables = new Map(this.model.tables.map((t) => [nameKey(t.name), t]));
    this.cloneId = sha256(
      [
        this.src.target.display,
        dest.target.display,
        this.maxRows,
        (opts.tables ?? []).join(','),
        opts.mask ? 'mask' : '',
        opts.sample ? `sample ${opts.sample} ${(opts.joins ?? []).map((j) => j.source).join(',')}` : '',
      ].join('\n'),
    ).slice(0, 32);
    const deferAll = dest.dialect !== 'sqlite';
    await this.createStructure(deferAll);
    await this.decideTables();
    if (opts.mask) await this.chooseMasking(opts.mask);
    await this.copyRows();
    this.structureStatements += await finishStructure(
      dest,
      this.model,
      this.source.source.dialect,
      this.ctx,
      deferAll,
      this.warnings,
    );
    await this.jk(CLONE_TABLE.name)
      .where({ clone_id: this.cloneId, tbl: '' })
      .update({ status: 'done', rows: this.copiedRows, updated_at: this.now() });
    return this.result();
  }

  private now(): string {
    return this.opts.clock().toISOString();
  }

  /** Refuses a destination that already has the tables (unless resuming), then creates sequences and tables. */
  private async createStructure(deferAll: boolean): Promise<void> {
    const { dest, model, cloneId } = this;
    const header = await this.jk(CLONE_TABLE.name).where({ clone_id: cloneId, tbl: '' }).first();
    const destBefore = (await introspect(dest)).model;
    const existing = new Set(destBefore.tables.map((t) => nameKey(t.name)));
    const overlap = model.tables.filter((t) => existing.has(nameKey(t.name)));
    if (overlap.length && !this.opts.resume) {
      throw new HisopsError({
        code: header ? 'CLONE_PARTIAL' : 'CLONE_DEST_NOT_EMPTY',
        summary: header
          ? `A previous clone into ${dest.target.display} did not finish`
          : `${dest.target.display} already has ${overlap.length} of the tables to clone (${overlap
              .slice(0, 3)
              .map((t) => t.name)
              .join(', ')}${overlap.length > 3 ? ', …' : ''})`,
        fix: header
          ? 'Run the same command again with --resume.'
          : 'Clone into an empty database (create one for the test copy), or drop those tables first.',
        details: { cloneId, tables: overlap.length },
        exit: header ? EXIT.needsConfirmation : EXIT.usage,
      }).zh(
        header
          ? `上一次向 ${dest.target.display} 的克隆没有完成`
          : `${dest.target.display} 中已有待克隆表中的 ${overlap.length} 张（${overlap
              .slice(0, 3)
              .map((t) => t.name)
              .join('、')}${overlap.length > 3 ? '、…' : ''}）`,
        header ? '请用相同命令加 --resume 再次运行。' : '请克隆到空数据库（为测试副本新建一个），或先删除这些表。',
      );
    }
    if (!header)
      await this.jk(CLONE_TABLE.name).insert({
        clone_id: cloneId,
        tbl: '',
        status: 'structure',
        rows: 0,
        updated_at: this.now(),
      });
    const r = RENDERERS[dest.dialect];
    const run = async (sql: string) => {
      this.structureStatements++;
      await execStatement(dest, sql);
    };
    for (const s of model.sequences)
      if (!destBefore.sequences.some((x) => nameKey(x.name) === nameKey(s.name)))
        for (const st of r.objectOp({ op: 'createSequence', sequence: s }, this.ctx)) await run(st.sql);
    for (const t of model.tables) {
      if (existing.has(nameKey(t.name))) continue;
      const op: Op = { op: 'createTable', table: t, deferFks: deferAll ? t.foreignKeys.map((f) => f.name) : [] };
      for (const st of r.tableOps(t.name, [op], this.ctx)) await run(st.sql);
    }
  }

  /** What to copy: whole tables, samples, structure only. */
  private async decideTables(): Promise<void> {
    const { src, opts } = this;
    const named = makeMatcher({ include: opts.tables && opts.tables.length ? opts.tables : ['\u0000none'] });
    this.srcTables = new Map(this.source.tables.map((t) => [nameKey(t.name), t]));
    this.tables = [...this.model.tables].sort((a, b) => (nameKey(a.name) < nameKey(b.name) ? -1 : 1));
    const estimates = await estimateRows(src);
    for (const t of this.tables)
      this.decisions.set(
        nameKey(t.name),
        await decide(src, this.srcTables.get(nameKey(t.name))!, named(t.name), this.maxRows, estimates),
      );
    this.big = new Set(
      opts.sample
        ? this.tables.filter((t) => !this.decisions.get(nameKey(t.name))!.copy).map((t) => nameKey(t.name))
        : [],
    );
    this.sampled = this.big.size
      ? await sampleTables(
          src,
          this.source,
          this.big,
          opts.sample!,
          sampleRelations(this.source, this.big, opts.joins ?? []),
          (t) => t.columns.filter((x) => !x.generated).map((x) => x.name),
          opts.sampleChildCap,
        )
      : undefined;
  }

  /** The masked columns of each copied table, then every original value of them. */
  private async chooseMasking(mask: NonNullable<CloneOptions['mask']>): Promise<void> {
    const samples = new Map<string, Row[]>();
    for (const t of this.tables) {
      const k = nameKey(t.name);
      if (!this.decisions.get(k)!.copy && !this.big.has(k)) continue;
      samples.set(k, await sampleForChoice(this.src, this.srcTables.get(k)!));
      this.choices.set(k, chooseMaskColumns(this.srcTables.get(k)!, mask.rules, samples.get(k)));
    }
    // one read of the masked columns: the originals, and what each ID number and phone masks to at the first try
    const originals = new ValueSet(4096);
    this.masker = new Masker({ key: mask.key, originals });
    await collectOriginals(this.src, this.srcTables, this.choices, originals, this.masker);
    for (const [k, list] of this.choices)
      this.choices.set(
        k,
        addOverlaps(list, samples.get(k)!, (v) => KIND_OF_CODE[originals.kindOf(v)] || undefined),
      );
  }

  /**
   * The rows, table by table. SQLite (better-sqlite3) checks foreign keys on insert, and tables
   * are copied by name, a child before its parent: the rows go in unchecked, as on the servers
   * (its one pooled connection).
   */
  private async copyRows(): Promise<void> {
    if (this.dest.dialect === 'sqlite') await this.dest.knex.raw('PRAGMA foreign_keys = OFF');
    for (let ti = 0; ti < this.tables.length; ti++) await this.copyOne(this.tables[ti]!, ti);
    if (this.dest.dialect === 'sqlite') await this.dest.knex.raw('PRAGMA foreign_keys = ON');
  }

  /** One table: passed when an earlier run finished it, structure only, sampled or copied whole; a failure is noted, not thrown. */
  private async copyOne(t: Table, ti: number): Promise<void> {
    const k = nameKey(t.name);
    const masked = (this.choices.get(k) ?? []).filter((c) => c.kind).map((c) => ({ column: c.column, kind: c.kind! }));
    const jrow = (await this.jk(CLONE_TABLE.name).where({ clone_id: this.cloneId, tbl: t.name }).first()) as
      | JournalRow
      | undefined;
    const sample = this.sampled?.rows.get(k);
    if (jrow?.status === 'done' || jrow?.status === 'skipped') return this.passFinished(t, jrow, masked, !!sample);
    const { copy, total, reason } = this.decisions.get(k)!;
    if (!copy && !sample) {
      await upsertJournal(this.jk, this.cloneId, t.name, {
        status: 'skipped',
        rows: 0,
        last_key: null,
        updated_at: this.now(),
      });
      this.results.push({ table: t.name, status: 'structure only', rows: 0, reason, masked: [] });
      return;
    }
    const c: CopyContext = {
      cloneId: this.cloneId,
      journal: this.opts.journal,
      now: () => this.now(),
      batchSize: this.batchSize,
      total,
      resumeFrom: jrow,
      masker: this.masker,
      masked,
      warnings: this.warnings,
      progress: this.progressOf(t, ti, sample ? sample.length : total),
    };
    try {
      await this.copyRowsOf(t, sample, c);
    } catch (e) {
      if (e instanceof Stopped) throw e.reason;
      this.noteFailure(t, e, masked);
    }
  }

  /** The `columns` part of a table's result: the mask choices, when masking. */
  private columnsOf(t: Table): Pick<CloneTableResult, 'columns'> {
    const columns = this.choices.get(nameKey(t.name));
    return columns ? { columns } : {};
  }

  /** A table an earlier run finished (copied or skipped): its result as that run left it. */
  private passFinished(t: Table, jrow: JournalRow, masked: CloneTableResult['masked'], sampled: boolean): void {
    const status = jrow.status === 'skipped' ? 'structure only' : sampled ? 'sampled' : 'copied';
    this.results.push({
      table: t.name,
      status,
      rows: Number(jrow.rows),
      masked,
      ...this.columnsOf(t),
      ...(jrow.status === 'skipped' ? { reason: 'skipped by the earlier run' } : {}),
    });
    this.copiedRows += jrow.status === 'done' ? Number(jrow.rows) : 0;
  }

  /** The progress callback of one table; one that throws stops the clone (see Stopped). */
  private progressOf(t: Table, ti: number, total: number): (copied: number) => void {
    return (copied: number) => {
      try {
        this.opts.onProgress?.({ table: t.name, copied, total, tableIndex: ti, tables: this.tables.length });
      } catch (e) {
        throw new Stopped(e);
      }
    };
  }

  /** The sampled rows of `t`, or all of them. */
  private async copyRowsOf(t: Table, sample: Row[] | undefined, c: CopyContext): Promise<void> {
    const k = nameKey(t.name);
    const st = this.srcTables.get(k)!;
    if (sample) {
      const n = await copySample(this.src.dialect, this.dest, st, t, sample, c);
      this.copiedRows += n;
      this.results.push({
        table: t.name,
        status: 'sampled',
        rows: n,
        reason: `sample of ${c.total} rows: ${(this.sampled!.notes.get(k) ?? []).join('; ')}`,
        masked: c.masked,
        ...this.columnsOf(t),
      });
    } else {
      const n = await copyTable(this.src, this.dest, st, t, c);
      this.copiedRows += n;
      this.results.push({ table: t.name, status: 'copied', rows: n, masked: c.masked, ...this.columnsOf(t) });
    }
  }

  private noteFailure(t: Table, e: unknown, masked: CloneTableResult['masked']): void {
    const msg = String((e as { sqlMessage?: string; message?: string }).sqlMessage ?? (e as Error).message ?? e);
    this.results.push({
      table: t.name,
      status: 'failed',
      rows: 0,
      reason: msg.slice(0, 300),
      masked,
      ...this.columnsOf(t),
    });
    this.warnings.push(`rows of ${t.name} not copied: ${msg.slice(0, 200)}`);
  }

  /** The destination read again and compared with the structure; with masking, the scan for originals. */
  private async result(): Promise<CloneResult> {
    const after = (await introspect(this.dest)).model;
    const result: CloneResult = {
      cloneId: this.cloneId,
      tables: this.results,
      copiedRows: this.copiedRows,
      structureStatements: this.structureStatements,
      warnings: this.warnings,
      leftovers: diffModels(after, this.model),
    };
    const masker = this.masker;
    if (masker) {
      result.masking = {
        originals: masker.originals!.size,
        setBytes: masker.originals!.bytes + masker.produced.bytes,
        retries: masker.retries,
      };
      // hisops's own journal tables, should they share the database, are not the clone's
      if (this.opts.verify !== false)
        result.verification = await verifyNoOriginals(this.dest, this.model, masker.originals!);
    }
    return result;
  }
}
