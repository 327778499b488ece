/**
 * Rows seen again with another fingerprint, a batch at a time: compared field by field with the
 * stored entry (or, in a dry run over several files, with an earlier file's row), counted as
 * changed or ended, sampled, and — in a run that writes — replaced, each with its change record.
 */
import { COL } from '../storedColumns.js';
import { isOpenEnd } from '../day.js';
import { CATALOG_CHANGE_TABLE } from '../store/tables.js';
import { keyBatchWhere } from '../store/sql.js';
import type { ImportRun, KindState, PendingChange } from './importRun.js';
import { TRACKED_FIELDS, type ChangeSample, type EntrySample } from './importTypes.js';

type Values = readonly (string | number | null)[];
type Tracked = Record<string, string | null>;

export const keyOf = (code: string, begn: string) => code + '\u0001' + begn;

/**
 * A copy of a string that shares no memory with the text it was cut from. A code sliced out of a
 * line keeps the whole decoded chunk (a megabyte or two) alive; kept as a key for every row, that
 * would make memory grow with the file. Concatenating and slicing makes V8 copy the characters.
 */
export function detach(s: string): string {
  return (' ' + s).slice(1);
}

export function sampleOf(v: Values, line?: number): EntrySample {
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

export function trackedOf(v: Values): Tracked {
  return Object.fromEntries(TRACKED_FIELDS.map((f) => [f, (v[COL[f]] as string | null) ?? null]));
}

/** A detached copy of tracked fields, kept across batches without holding their text. */
export const detachedCopy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Did the entry stop being valid: flagged invalid, or an open end became a closed one? */
function isEnding(before: Tracked, after: Tracked): boolean {
  if (before.vali_flag !== '0' && after.vali_flag === '0') return true;
  return isOpenEnd(before.enddate) && !isOpenEnd(after.enddate);
}

/** The stored entries of a batch, by key. (Without the table, a dry run's "old" entry is one an earlier file of the same run gave.) */
async function storedOf(
  run: ImportRun,
  table: string,
  batch: readonly PendingChange[],
): Promise<Map<string, Record<string, unknown>>> {
  const olds = new Map<string, Record<string, unknown>>();
  if (!run.present.has(table)) return olds;
  const columns = ['med_list_codg', ...TRACKED_FIELDS.filter((f) => f !== 'begndate'), 'begndate', 'added_import'];
  for (let i = 0; i < batch.length; i += 200) {
    const rows = (await keyBatchWhere(run.q()(table).select(columns), batch.slice(i, i + 200))) as Record<
      string,
      unknown
    >[];
    for (const r of rows) olds.set(keyOf(String(r.med_list_codg), String(r.begndate)), r);
  }
  return olds;
}

/** Count and sample one changed row; its change record when the run writes. */
function noteChange(
  run: ImportRun,
  st: KindState,
  p: PendingChange,
  old: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  const after = trackedOf(p.values);
  const before: Tracked = old
    ? Object.fromEntries(Object.keys(after).map((f) => [f, (old[f] as string | null) ?? null]))
    : {};
  const fields: Record<string, [string | null, string | null]> = {};
  if (old)
    for (const f of Object.keys(after))
      if ((before[f] ?? null) !== (after[f] ?? null)) fields[f] = [before[f] ?? null, after[f] ?? null];
  const names = Object.keys(fields);
  if (names.length === 0) names.push(old ? 'other' : 'earlier file');
  const ending = old ? isEnding(before, after) : false;
  if (!run.writing() && st.earlier.size < 100_000)
    st.earlier.set(detach(keyOf(p.code, p.begndate)), detachedCopy(after));
  const s = st.summary;
  if (ending) s.ended++;
  else s.changed++;
  for (const f of names) s.changedFields[f] = (s.changedFields[f] ?? 0) + 1;
  const list = ending ? s.samples.ended : s.samples.changed;
  if (list.length < run.nSamples)
    list.push(
      detachedCopy<ChangeSample>({
        med_list_codg: p.code,
        begndate: p.begndate,
        hilist_name: after.hilist_name ?? null,
        fields,
        line: p.line,
      }),
    );
  if (!run.writing()) return undefined;
  p.values[COL.added_import] = (old?.added_import as number | null | undefined) ?? s.importId;
  p.values[COL.import_id] = s.importId;
  return {
    import_id: s.importId,
    kind: st.plan.k.kind,
    med_list_codg: p.code,
    begndate: p.begndate,
    change: ending ? 'ended' : 'changed',
    fields: names.join(',').slice(0, 200),
    before: JSON.stringify(before),
    after: JSON.stringify(after),
  };
}

/** Compare, count and (when writing) replace the rows waiting in `st.pending`. */
export async function processPending(run: ImportRun, st: KindState): Promise<void> {
  if (st.pending.length === 0) return;
  const batch = st.pending;
  st.pending = [];
  const table = st.plan.k.table;
  if (st.writer) await st.writer.flush();
  const olds = await storedOf(run, table, batch);
  const changeRows: Record<string, unknown>[] = [];
  for (const p of batch) {
    const key = keyOf(p.code, p.begndate);
    const row = noteChange(run, st, p, olds.get(key) ?? st.earlier.get(key));
    if (row) changeRows.push(row);
  }
  const trx = run.trx;
  if (!run.writing() || !trx) return;
  for (let i = 0; i < batch.length; i += 200) await keyBatchWhere(trx(table), batch.slice(i, i + 200)).delete();
  for (const p of batch) await st.writer!.add(p.values);
  await st.writer!.flush();
  for (let i = 0; i < changeRows.length; i += 100)
    await trx(CATALOG_CHANGE_TABLE.name).insert(changeRows.slice(i, i + 100));
}
