/**
 * The end of an import: under `full`, stored entries no file mentioned are ended; then the
 * transaction commits (files archived, each kind's import record completed, planner statistics
 * refreshed after a big load) or, when problems block the write, rolls back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { addDays, isOpenEnd } from '../day.js';
import { SEEN } from '../keyTable.js';
import { scanKeys } from '../store/keyScan.js';
import { keyBatchWhere, refreshStats } from '../store/sql.js';
import { CATALOG_CHANGE_TABLE, CATALOG_IMPORT_TABLE } from '../store/tables.js';
import type { ImportRun, KindState } from './importRun.js';
import type { ArchivedSource } from './importTypes.js';

type StoredEnd = Record<'med_list_codg' | 'begndate' | 'enddate' | 'vali_flag' | 'hilist_name', string | null>;

/** One stored entry absent from the full catalog: ended the day before today (or on its start). */
async function endEntry(run: ImportRun, st: KindState, r: StoredEnd): Promise<void> {
  const today = run.today;
  if (r.vali_flag === '0' || (!isOpenEnd(r.enddate) && r.enddate! < today)) return; // already ended
  const yesterday = addDays(today, -1);
  const end = r.begndate! > yesterday ? r.begndate! : yesterday;
  const s = st.summary;
  s.ended++;
  s.changedFields.enddate = (s.changedFields.enddate ?? 0) + 1;
  if (s.samples.ended.length < run.nSamples)
    s.samples.ended.push({
      med_list_codg: r.med_list_codg!,
      begndate: r.begndate!,
      hilist_name: r.hilist_name ?? null,
      fields: { enddate: [r.enddate ?? null, end], vali_flag: [r.vali_flag ?? null, '0'] },
      reason: 'absent from the full catalog',
    });
  const trx = run.trx;
  if (!run.writing() || !trx) return;
  await trx(st.plan.k.table)
    .where({ med_list_codg: r.med_list_codg, begndate: r.begndate })
    .update({ enddate: end, vali_flag: '0', import_id: s.importId });
  await trx(CATALOG_CHANGE_TABLE.name).insert({
    import_id: s.importId,
    kind: st.plan.k.kind,
    med_list_codg: r.med_list_codg,
    begndate: r.begndate,
    change: 'ended',
    fields: 'enddate,vali_flag',
    before: JSON.stringify({ enddate: r.enddate, vali_flag: r.vali_flag }),
    after: JSON.stringify({ enddate: end, vali_flag: '0', reason: 'absent from the full catalog' }),
  });
}

/** Full catalog: stored entries that no file mentioned are ended the day before today. */
export async function endMissing(run: ImportRun, st: KindState): Promise<void> {
  const table = st.plan.k.table;
  if (!run.present.has(table)) return;
  const missing: Array<{ code: string; begndate: string }> = [];
  const handle = async () => {
    const part = missing.splice(0, missing.length);
    if (!part.length) return;
    const rows = (await keyBatchWhere(
      run.q()(table).select(['med_list_codg', 'begndate', 'enddate', 'vali_flag', 'hilist_name']),
      part,
    )) as StoredEnd[];
    for (const r of rows) await endEntry(run, st, r);
  };
  await scanKeys(run.q(), table, async (code, begndate) => {
    const i = st.keys.has(code, begndate);
    if (i >= 0 && st.keys.flag(i) & SEEN) return;
    missing.push({ code, begndate });
    if (missing.length >= 200) await handle();
  });
  await handle();
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

/** Commit a clean run (archive, import records, statistics) or roll back a blocked one. */
export async function finishImport(run: ImportRun): Promise<void> {
  const trx = run.trx;
  if (!trx) return;
  if (run.blocked) {
    await trx.rollback();
    return;
  }
  const o = run.o;
  const states = [...run.states.values()];
  if (o.archiveDir)
    await archive(
      o.archiveDir,
      states.flatMap((st) => st.sources),
      o.runId ??
        o.now
          .toISOString()
          .replace(/[-:.TZ]/g, '')
          .slice(0, 14),
    );
  for (const st of states) {
    const s = st.summary;
    await trx(CATALOG_IMPORT_TABLE.name)
      .where({ import_id: s.importId })
      .update({
        files: JSON.stringify(st.sources),
        ver: s.ver,
        ver_name: s.ver_name,
        rows_read: s.rowsRead,
        added: s.added,
        changed: s.changed,
        ended: s.ended,
        unchanged: s.unchanged,
        rejected: s.rejected,
        finished_at: new Date(o.now.getTime()).toISOString(),
      });
  }
  await trx.commit();
  // A big load leaves the planner without statistics; refresh them so the next import's key scan
  // and the mapping checks use the index.
  for (const st of states)
    if (st.summary.added + st.summary.changed > 10000) await refreshStats(run.db, st.plan.k.table);
}
