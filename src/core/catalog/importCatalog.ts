/**
 * `catalog import`: read catalog files as they stream, check every row, and compare with what is
 * stored to find the entries added, changed (name, category, price limit, self-pay ratio,
 * validity…) or ended. A dry run stops there and reports counts and samples; with `apply` the
 * rows are written as they are read, in one transaction that commits only when the whole run was
 * clean (or `skipInvalid` set the bad rows aside in a reject file).
 *
 * Memory stays flat for a million rows: rows are handled batch by batch, and only one small
 * number per key (the stored row's fingerprint, or the line it was seen on) is kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db, Knex } from '../db/index.js';
import { inputError } from '../errors.js';
import { layoutFor, type Layout } from './catalogColumns.js';
import { CATALOG_COLUMNS_STORED, catalogRow, COL, LineIndex, rowPlan, type RowContext, type RowPlan } from './catalogRow.js';
import { addDays, dayOf, isOpenEnd } from './day.js';
import { KINDS, type CatalogKind } from './kinds.js';
import { ProblemList, type Problem, type ProblemReport } from './problems.js';
import type { EncodingChoice } from './read/encoding.js';
import { openTables, type TableSource } from './read/openTable.js';
import { columnLetter } from './read/xlsx.js';
import { RejectWriter } from './rejectFile.js';
import { bulkWriter, type BulkWriter } from './store/bulkWriter.js';
import { CATALOG_CHANGE_TABLE, CATALOG_IMPORT_TABLE, ensureCatalogTables, presentTables } from './store/tables.js';
import { insertReturningId, keyBatchWhere } from './store/sql.js';
import { EXISTED, KeyTable, SEEN } from './keyTable.js';

/** Fields whose change is reported by name; any other difference counts as "other". */
export const TRACKED_FIELDS = ['hilist_name', 'hilist_spec', 'chrgitm_lv', 'pric_uplmt_amt', 'selfpay_prop', 'begndate', 'enddate', 'vali_flag'] as const;

export interface CatalogImportOptions {
  files: string[];
  kind?: CatalogKind;
  encoding?: EncodingChoice;
  sheet?: string;
  /** Write (default: dry run). */
  apply?: boolean;
  /** The files are the whole catalog of their kind: stored entries missing from them are ended. */
  full?: boolean;
  /** Set bad rows aside (into `rejectFile`) and import the rest. */
  skipInvalid?: boolean;
  rejectFile?: string;
  now: Date;
  runId?: string;
  /** Folder that keeps a copy of every applied file, so full records can be read again later. */
  archiveDir?: string;
  samples?: number;
  problemLimit?: number;
  onProgress?: (rowsRead: number) => void;
}

export interface EntrySample {
  med_list_codg: string;
  begndate: string;
  enddate: string | null;
  hilist_name: string | null;
  chrgitm_lv: string | null;
  pric_uplmt_amt: string | null;
  selfpay_prop: string | null;
  vali_flag: string | null;
  line?: number;
}

export interface ChangeSample {
  med_list_codg: string;
  begndate: string;
  hilist_name: string | null;
  fields: Record<string, [string | null, string | null]>;
  line?: number;
  reason?: string;
}

export interface KindImportSummary {
  kind: CatalogKind;
  list_type: string;
  label: { en: string; zh: string };
  table: string;
  files: string[];
  rowsRead: number;
  added: number;
  changed: number;
  ended: number;
  unchanged: number;
  rejected: number;
  /** How many changed (or ended) entries changed each tracked field. */
  changedFields: Record<string, number>;
  ver: string | null;
  ver_name: string | null;
  importId: number | null;
  samples: { added: EntrySample[]; changed: ChangeSample[]; ended: ChangeSample[] };
}

export interface FileSummary {
  file: string;
  format: string;
  encoding: string | null;
  encodingHow: string | null;
  kind: CatalogKind | null;
  kindFrom: string | null;
  layout: 'header' | 'position' | null;
  rows: number;
}

export interface CatalogImportResult {
  applied: boolean;
  /** Problems stopped the write (or would have, for a dry run). */
  blocked: boolean;
  files: FileSummary[];
  kinds: KindImportSummary[];
  problems: ProblemReport;
  rejectFile: string | null;
  rejectedRows: number;
}

/** File-level problems stop the whole import even with skipInvalid: the file cannot be trusted. */
const FATAL = new Set(['FILE_UNREADABLE', 'FILE_EMPTY', 'ZIP_TRUNCATED', 'ZIP_UNSUPPORTED', 'ZIP_EMPTY', 'MOJIBAKE', 'UNKNOWN_KIND', 'MISSING_COLUMN', 'UNCLOSED_QUOTE', 'NO_HEADER']);

interface KindState {
  plan: RowPlan;
  summary: KindImportSummary;
  /** Every key stored or seen: its fingerprint, the line it was seen on, flags. */
  keys: KeyTable;
  writer?: BulkWriter;
  pending: PendingChange[];
  maxVer: string | null;
  sources: ArchivedSource[];
  /**
   * Dry runs over several files: the tracked fields of rows seen in earlier files, which the
   * database does not have yet (capped, for the usual small incremental files).
   */
  earlier: Map<string, Record<string, string | null>>;
}

/** One file of an import as recorded in hisops_catalog_import.files. */
export interface ArchivedSource {
  file: string;
  path: string;
  entry: string | null;
  encoding: string | null;
  /** The copy kept in the archive folder, if any. */
  archived: string | null;
}

interface PendingChange {
  code: string;
  begndate: string;
  values: (string | number | null)[];
  line: number;
  file: string;
}

const keyOf = (code: string, begn: string) => code + '\u0001' + begn;

/**
 * A copy of a string that shares no memory with the text it was cut from. A code sliced out of a
 * line keeps the whole decoded chunk (a megabyte or two) alive; kept as a key for every row, that
 * would make memory grow with the file. Concatenating and slicing makes V8 copy the characters.
 */
export function detach(s: string): string {
  return (' ' + s).slice(1);
}

function sampleOf(v: readonly (string | number | null)[], line?: number): EntrySample {
  const s = (i: number) => (v[i] === null || v[i] === undefined ? null : detach(String(v[i])));
  return {
    med_list_codg: detach(v[COL.med_list_codg] as string),
    begndate: s(COL.begndate) ?? '',
    enddate: s(COL.enddate),
    hilist_name: s(COL.hilist_name),
    chrgitm_lv: s(COL.chrgitm_lv),
    pric_uplmt_amt: s(COL.pric_uplmt_amt),
    selfpay_prop: s(COL.selfpay_prop),
    vali_flag: s(COL.vali_flag),
    line,
  };
}

function trackedOf(v: readonly (string | number | null)[]): Record<string, string | null> {
  return Object.fromEntries(TRACKED_FIELDS.map((f) => [f, (v[COL[f]] as string | null) ?? null]));
}

/** Did the entry stop being valid: flagged invalid, or an open end became a closed one? */
export function isEnding(before: Record<string, string | null>, after: Record<string, string | null>): boolean {
  if (before.vali_flag !== '0' && after.vali_flag === '0') return true;
  return isOpenEnd(before.enddate) && !isOpenEnd(after.enddate);
}

export async function importCatalog(db: Db, o: CatalogImportOptions): Promise<CatalogImportResult> {
  if (o.files.length === 0) throw inputError('CATALOG_NO_FILES', 'No catalog files given', 'Name one or more files: hisops catalog import 1306.zip').zh('未给出目录文件', '请给出一个或多个文件：hisops catalog import 1306.zip');
  const problems = new ProblemList(o.problemLimit ?? 50);
  let fatal = false;
  let rowProblems = false;
  const report = (p: Problem) => {
    problems.add(p);
    if (FATAL.has(p.code)) fatal = true;
    else rowProblems = true;
  };
  const sources: TableSource[] = [];
  for (const f of o.files) sources.push(...(await openTables(f, { encoding: o.encoding, sheet: o.sheet, onProblem: report })));
  const apply = !!o.apply;
  const nSamples = o.samples ?? 5;
  const today = dayOf(o.now);
  const started = o.now.toISOString();
  const reject = o.skipInvalid ? new RejectWriter(o.rejectFile ?? 'hisops-rejects.csv') : undefined;

  // Tables are created only for a run that writes; a dry run reads what is there (a catalog table
  // hisops has not created yet is empty) and leaves the database as it was.
  if (apply && !fatal) await ensureCatalogTables(db);
  const present = await presentTables(db);
  const trx: Knex.Transaction | undefined = apply && !fatal ? await db.knex.transaction() : undefined;
  const q = (): Knex => trx ?? db.knex;
  /** Rows are written only while nothing has gone wrong (or bad rows are being set aside). */
  const writing = () => !!trx && !fatal && (o.skipInvalid || !rowProblems);
  const states = new Map<CatalogKind, KindState>();
  const files: FileSummary[] = [];
  let rowsRead = 0;

  const stateFor = async (kind: CatalogKind): Promise<KindState> => {
    let st = states.get(kind);
    if (st) return st;
    const k = KINDS[kind];
    const plan = rowPlan(kind);
    st = {
      plan,
      keys: present.has(k.table) ? await loadKeys(q(), k.table) : new KeyTable(1024),
      pending: [],
      maxVer: null,
      sources: [],
      earlier: new Map(),
      summary: { kind, list_type: k.list_type, label: k.label, table: k.table, files: [], rowsRead: 0, added: 0, changed: 0, ended: 0, unchanged: 0, rejected: 0, changedFields: {}, ver: null, ver_name: null, importId: null, samples: { added: [], changed: [], ended: [] } },
    };
    if (trx) {
      st.summary.importId = await insertReturningId(trx, db.dialect, CATALOG_IMPORT_TABLE.name, 'import_id', {
        kind, files: '', rows_read: 0, added: 0, changed: 0, ended: 0, unchanged: 0, rejected: 0, full_catalog: o.full ? 1 : 0, started_at: started, run_id: o.runId ?? null,
      });
      st.writer = await bulkWriter(trx, db.dialect, k.table, CATALOG_COLUMNS_STORED);
    }
    states.set(kind, st);
    return st;
  };

  const processPending = async (st: KindState) => {
    if (st.pending.length === 0) return;
    const batch = st.pending;
    st.pending = [];
    const plan = st.plan;
    const k = plan.k;
    const table = k.table;
    if (st.writer) await st.writer.flush();
    const olds = new Map<string, Record<string, unknown>>();
    // (Without the table, a dry run's "old" entry is one an earlier file of the same run gave.)
    for (let i = 0; i < batch.length && present.has(table); i += 200) {
      const part = batch.slice(i, i + 200);
      const rows = (await keyBatchWhere(q()(table).select(['med_list_codg', ...TRACKED_FIELDS.filter((f) => f !== 'begndate'), 'begndate', 'added_import']), part)) as Record<string, unknown>[];
      for (const r of rows) olds.set(keyOf(String(r.med_list_codg), String(r.begndate)), r);
    }
    const changeRows: Record<string, unknown>[] = [];
    for (const p of batch) {
      const old = olds.get(keyOf(p.code, p.begndate)) ?? st.earlier.get(keyOf(p.code, p.begndate));
      const after = trackedOf(p.values);
      const before: Record<string, string | null> = old ? Object.fromEntries(Object.keys(after).map((f) => [f, (old[f] as string | null) ?? null])) : {};
      const fields: Record<string, [string | null, string | null]> = {};
      if (old) for (const f of Object.keys(after)) if ((before[f] ?? null) !== (after[f] ?? null)) fields[f] = [before[f] ?? null, after[f] ?? null];
      const names = Object.keys(fields);
      if (names.length === 0) names.push(old ? 'other' : 'earlier file');
      const ending = old ? isEnding(before, after) : false;
      if (!writing() && st.earlier.size < 100_000) st.earlier.set(detach(keyOf(p.code, p.begndate)), JSON.parse(JSON.stringify(after)) as Record<string, string | null>);
      const s = st.summary;
      if (ending) s.ended++;
      else s.changed++;
      for (const f of names) s.changedFields[f] = (s.changedFields[f] ?? 0) + 1;
      const list = ending ? s.samples.ended : s.samples.changed;
      if (list.length < nSamples) list.push(JSON.parse(JSON.stringify({ med_list_codg: p.code, begndate: p.begndate, hilist_name: after.hilist_name ?? null, fields, line: p.line })) as ChangeSample);
      if (writing()) {
        p.values[COL.added_import] = (old?.added_import as number | null | undefined) ?? s.importId;
        p.values[COL.import_id] = s.importId;
        changeRows.push({ import_id: s.importId, kind: plan.k.kind, med_list_codg: p.code, begndate: p.begndate, change: ending ? 'ended' : 'changed', fields: names.join(',').slice(0, 200), before: JSON.stringify(before), after: JSON.stringify(after) });
      }
    }
    if (writing() && trx) {
      for (let i = 0; i < batch.length; i += 200) await keyBatchWhere(trx(table), batch.slice(i, i + 200)).delete();
      for (const p of batch) await st.writer!.add(p.values);
      await st.writer!.flush();
      for (let i = 0; i < changeRows.length; i += 100) await trx(CATALOG_CHANGE_TABLE.name).insert(changeRows.slice(i, i + 100));
    }
  };

  try {
    for (let si = 0; si < sources.length; si++) {
      const src = sources[si]!;
      const fsum: FileSummary = { file: src.file, format: src.format, encoding: null, encodingHow: null, kind: null, kindFrom: null, layout: null, rows: 0 };
      files.push(fsum);
      let layout: Layout | undefined;
      let st: KindState | undefined;
      let skipSource = false;
      const ctx: RowContext = { file: src.file, line: 0, layout: undefined as unknown as Layout, plan: undefined as unknown as RowPlan, colName: (i) => (src.format === 'xlsx' ? `col ${columnLetter(i)}` : `col ${i + 1}`), index: new LineIndex() };
      for await (const batch of src.rows()) {
        if (skipSource) continue;
        let start = 0;
        if (!layout) {
          const first = batch[0];
          if (!first) continue;
          const lr = layoutFor(first.cells, src.file, o.kind);
          if (!lr.ok) {
            report({ code: lr.problem, file: src.file, line: first.line, message: lr.message, fix: lr.fix });
            skipSource = true;
            continue;
          }
          layout = lr.layout;
          fsum.kind = layout.kind;
          fsum.kindFrom = layout.kindFrom;
          fsum.layout = layout.mode;
          st = await stateFor(layout.kind);
          st.summary.files.push(src.file);
          st.sources.push({ file: src.file, path: src.path, entry: src.entry ?? null, encoding: null, archived: null });
          ctx.fileIndex = st.sources.length - 1;
          st.keys.newFile();
          ctx.layout = layout;
          ctx.plan = st.plan;
          if (layout.mode === 'header') start = 1;
        }
        const s = st!;
        const plan = s.plan;
        for (let r = start; r < batch.length; r++) {
          const row = batch[r]!;
          rowsRead++;
          fsum.rows++;
          s.summary.rowsRead++;
          ctx.line = row.line;
          const res = catalogRow(row, ctx);
          if (!res.ok) {
            for (const p of res.problems) report(p);
            s.summary.rejected++;
            if (reject) await reject.add(res.problems, row.cells);
            continue;
          }
          const t = s.keys;
          const slot = t.slot(res.code, res.begndate);
          const seenAt = t.line(slot);
          if (seenAt > 0) {
            const p: Problem = { code: 'DUPLICATE_KEY', file: src.file, line: row.line, column: 'med_list_codg + begndate', message: `${res.code} starting ${res.begndate} already appears on line ${seenAt}`, fix: 'Keep one of the two lines (a code may appear again only with a different begndate).', value: res.code };
            report(p);
            s.summary.rejected++;
            if (reject) await reject.add([p], row.cells);
            continue;
          }
          const known = (t.flag(slot) & (EXISTED | SEEN)) !== 0;
          const prevFp = t.fp(slot);
          t.setLine(slot, row.line);
          t.setFp(slot, res.fp);
          t.setFlag(slot, SEEN);
          const ver = res.values[COL.ver] as string | null;
          if (ver !== null && (s.maxVer === null || ver >= s.maxVer)) {
            s.maxVer = ver;
            s.summary.ver = ver;
            s.summary.ver_name = (res.values[COL.ver_name] as string | null) ?? null;
          }
          if (!known) {
            s.summary.added++;
            if (!writing() && sources.length > 1 && s.earlier.size < 100_000) s.earlier.set(detach(keyOf(res.code, res.begndate)), JSON.parse(JSON.stringify(trackedOf(res.values))) as Record<string, string | null>);
            if (s.summary.samples.added.length < nSamples) s.summary.samples.added.push(sampleOf(res.values, row.line));
            if (writing()) {
              res.values[COL.added_import] = s.summary.importId;
              res.values[COL.import_id] = s.summary.importId;
              await s.writer!.add(res.values);
            }
          } else if (prevFp !== res.fp) {
            s.pending.push({ code: res.code, begndate: res.begndate, values: res.values, line: row.line, file: src.file });
            if (s.pending.length >= 1000) await processPending(s);
          } else s.summary.unchanged++;
        }
        o.onProgress?.(rowsRead);
      }
      // A file without a single row is not an empty catalog: it is a failed download or export.
      if (!layout && !skipSource) report({ code: 'FILE_EMPTY', file: src.file, line: 0, message: 'the file holds no rows', fix: 'Download or export the catalog again; an empty file imports nothing.' });
      fsum.encoding = src.encoding ?? null;
      fsum.encodingHow = src.encodingHow ?? null;
      const rec = st?.sources[st.sources.length - 1];
      if (rec && rec.file === src.file) rec.encoding = src.encoding ?? null;
      if (st) {
        await processPending(st);
        if (st.writer && writing()) await st.writer.flush();
      }
    }

    if (o.full) for (const st of states.values()) await endMissing(st);

    const blocked = fatal || (rowProblems && !o.skipInvalid);
    if (trx) {
      if (blocked) await trx.rollback();
      else {
        if (o.archiveDir) await archive(o.archiveDir, [...states.values()].flatMap((st) => st.sources), o.runId ?? o.now.toISOString().replace(/[-:.TZ]/g, '').slice(0, 14));
        for (const st of states.values()) {
          const s = st.summary;
          await trx(CATALOG_IMPORT_TABLE.name)
            .where({ import_id: s.importId })
            .update({ files: JSON.stringify(st.sources), ver: s.ver, ver_name: s.ver_name, rows_read: s.rowsRead, added: s.added, changed: s.changed, ended: s.ended, unchanged: s.unchanged, rejected: s.rejected, finished_at: new Date(o.now.getTime()).toISOString() });
        }
        await trx.commit();
        // A big load leaves the planner without statistics; refresh them so the next import's
        // key scan and the mapping checks use the index.
        for (const st of states.values()) if (st.summary.added + st.summary.changed > 10000) await refreshStats(db, st.plan.k.table);
      }
    }
    if (reject) await reject.close();
    const kinds = [...states.values()].map((s) => {
      if (!apply || blocked) s.summary.importId = null;
      return s.summary;
    });
    return { applied: !!trx && !blocked, blocked, files, kinds, problems: problems.report(), rejectFile: reject?.file ?? null, rejectedRows: reject?.rows ?? kinds.reduce((n, k) => n + k.rejected, 0) };
  } catch (e) {
    if (trx && !trx.isCompleted()) await trx.rollback().catch(() => undefined);
    if (reject) await reject.abort();
    throw e;
  }

  /** Full catalog: stored entries that no file mentioned are ended the day before today. */
  async function endMissing(st: KindState): Promise<void> {
    const k = st.plan.k;
    const table = k.table;
    const yesterday = addDays(today, -1);
    const missing: Array<{ code: string; begndate: string }> = [];
    const handle = async () => {
      const part = missing.splice(0, missing.length);
      if (!part.length) return;
      const rows = (await keyBatchWhere(q()(table).select(['med_list_codg', 'begndate', 'enddate', 'vali_flag', 'hilist_name']), part)) as Array<Record<string, string | null>>;
      for (const r of rows) {
        if (r.vali_flag === '0' || (!isOpenEnd(r.enddate) && r.enddate! < today)) continue; // already ended
        const end = r.begndate! > yesterday ? r.begndate! : yesterday;
        const s = st.summary;
        s.ended++;
        s.changedFields.enddate = (s.changedFields.enddate ?? 0) + 1;
        if (s.samples.ended.length < nSamples) s.samples.ended.push({ med_list_codg: r.med_list_codg!, begndate: r.begndate!, hilist_name: r.hilist_name ?? null, fields: { enddate: [r.enddate ?? null, end], vali_flag: [r.vali_flag ?? null, '0'] }, reason: 'absent from the full catalog' });
        if (writing() && trx) {
          await trx(table).where({ med_list_codg: r.med_list_codg, begndate: r.begndate }).update({ enddate: end, vali_flag: '0', import_id: s.importId });
          await trx(CATALOG_CHANGE_TABLE.name).insert({ import_id: s.importId, kind: k.kind, med_list_codg: r.med_list_codg, begndate: r.begndate, change: 'ended', fields: 'enddate,vali_flag', before: JSON.stringify({ enddate: r.enddate, vali_flag: r.vali_flag }), after: JSON.stringify({ enddate: end, vali_flag: '0', reason: 'absent from the full catalog' }) });
        }
      }
    };
    if (!present.has(table)) return;
    await scanKeys(q(), table, async (code, begndate) => {
      const i = st.keys.has(code, begndate);
      if (i >= 0 && st.keys.flag(i) & SEEN) return;
      missing.push({ code, begndate });
      if (missing.length >= 200) await handle();
    });
    await handle();
  }
}

/** How each dialect refreshes a table's planner statistics after a bulk load. */
const ANALYZE: Record<Db['dialect'], ((t: string) => string) | undefined> = {
  postgres: (t) => `ANALYZE ${t}`,
  mysql: (t) => `ANALYZE TABLE ${t}`,
  sqlite: (t) => `ANALYZE ${t}`,
  oracle: undefined,
  mssql: (t) => `UPDATE STATISTICS ${t}`,
};

async function refreshStats(db: Db, table: string): Promise<void> {
  const sql = ANALYZE[db.dialect];
  if (sql) await db.knex.raw(sql(table)).catch(() => undefined);
}

/** Copy each input file once into the archive folder and note where it went. */
async function archive(dir: string, sources: ArchivedSource[], stamp: string): Promise<void> {
  await fs.promises.mkdir(dir, { recursive: true });
  const done = new Map<string, string>();
  for (const s of sources) {
    let to = done.get(s.path);
    if (!to) {
      to = path.join(dir, `${stamp}-${path.basename(s.path)}`);
      await fs.promises.copyFile(s.path, to);
      done.set(s.path, to);
    }
    s.archived = to;
  }
}

/**
 * Every stored key of a table, read a page at a time in code order. Pages are cut on the leading
 * key column only (a plain index range on every dialect): a page's last code is read again in full
 * by the next page, so no code is split between two pages.
 */
async function scanKeys(knex: Knex, table: string, each: (code: string, begndate: string, fp: string | null) => void | Promise<void>): Promise<void> {
  const page = 20000;
  let after: string | undefined;
  for (;;) {
    const qb = knex(table).select(['med_list_codg', 'begndate', 'row_fp']).orderBy('med_list_codg').limit(page);
    if (after !== undefined) qb.where('med_list_codg', '>', after);
    const rows = (await qb) as Array<{ med_list_codg: string; begndate: string; row_fp: string | null }>;
    let upto = rows.length;
    if (rows.length === page) {
      const lastCode = rows[rows.length - 1]!.med_list_codg;
      while (upto > 0 && rows[upto - 1]!.med_list_codg === lastCode) upto--;
      if (upto === 0) upto = rows.length; // one code filling a page: take it whole (cannot happen with real periods)
    }
    for (let i = 0; i < upto; i++) {
      const r = rows[i]!;
      await each(r.med_list_codg, r.begndate, r.row_fp);
    }
    if (rows.length < page) break;
    after = rows[upto - 1]!.med_list_codg;
  }
}

/** The stored keys and fingerprints of a catalog table. */
async function loadKeys(knex: Knex, table: string): Promise<KeyTable> {
  const [{ n }] = (await knex(table).count({ n: '*' })) as [{ n: number | string }];
  const t = new KeyTable(Number(n) + 1024);
  await scanKeys(knex, table, (code, begndate, fp) => {
    const i = t.slot(code, begndate);
    t.setFp(i, fp ? parseInt(fp, 36) : 0);
    t.setFlag(i, EXISTED);
  });
  return t;
}
