/**
 * Writing a mapping import's plan (importMappings.ts): the import record, new and changed
 * mappings, closings and the change log, in one transaction.
 */
import type { Db, Knex } from '../db/index.js';
import type { MappingPlan, StoredMapping } from './intervals.js';
import { insertReturningId } from './store/sql.js';
import { MAPPING_CHANGE_TABLE, MAPPING_IMPORT_TABLE, MAPPING_TABLE } from './store/tables.js';

/** A mapping's stored columns, as its row and the change log keep them. */
const storedRecord = (m: Omit<StoredMapping, 'source'>) => ({
  fixmedins_hilist_id: m.fixmedins_hilist_id,
  begndate: m.begndate,
  enddate: m.enddate,
  fixmedins_hilist_name: m.fixmedins_hilist_name,
  list_type: m.list_type,
  med_list_codg: m.med_list_codg,
  extra: Object.keys(m.extra).length ? JSON.stringify(m.extra) : null,
});

/** Write a plan in one transaction: the import record, new and changed mappings, closings, the change log. */
export async function applyPlan(
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
