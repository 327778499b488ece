/**
 * The HIS side of mappings, through the profile's statements: the HIS's items and what was billed
 * recently (for `mapping check`), its mapping table (for the demo and for exports), and writing an
 * applied import into that table (`mapping import --apply --to-his`) with insert_mapping and
 * end_mapping, in one HIS transaction.
 */
import type { Db, Knex } from '../db/index.js';
import { runStatement, runWrite, type Profile } from '../his/index.js';
import { OPEN_END } from './day.js';
import type { DemoHisMapping } from './demoStep.js';
import type { MappingImportResult } from './importMappings.js';
import type { HisItemSource } from './mappingQueries.js';

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** HIS items and recent billing from the profile's his_items and items_billed_since. */
export function profileItemSource(db: Db, profile: Profile): HisItemSource {
  return {
    async items() {
      return (await runStatement(db, profile, 'his_items')).map((r) => ({
        fixmedins_hilist_id: String(r.fixmedins_hilist_id),
        fixmedins_hilist_name: str(r.fixmedins_hilist_name),
        list_type: str(r.list_type),
      }));
    },
    async billedSince(since) {
      // bill_amt is optional in a profile: without it the check shows how often, not how much.
      return (await runStatement(db, profile, 'items_billed_since', { since })).map((r) => ({
        fixmedins_hilist_id: String(r.fixmedins_hilist_id),
        amount: str(r.bill_amt),
        count: Number(r.bill_cnt ?? 0),
        last_billed_time: str(r.last_billed_time),
      }));
    },
  };
}

/** Every row of the HIS's mapping table (profile statement `mappings`). */
export async function hisMappingRows(db: Db, profile: Profile): Promise<DemoHisMapping[]> {
  return (await runStatement(db, profile, 'mappings')).map((m) => ({
    fixmedins_hilist_id: String(m.fixmedins_hilist_id),
    fixmedins_hilist_name: str(m.fixmedins_hilist_name),
    list_type: String(m.list_type),
    med_list_codg: String(m.med_list_codg),
    begndate: String(m.begndate).slice(0, 10),
    enddate: m.enddate ? String(m.enddate).slice(0, 10) : null,
  }));
}

export interface HisWriteResult {
  inserted: number;
  ended: number;
  /** Changes the profile's statements cannot express (a new code for the same start). */
  skipped: Array<{ fixmedins_hilist_id: string; begndate: string; why: string }>;
}

/** Write an applied mapping import into the HIS's own mapping table. */
export async function writeMappingsToHis(
  db: Db,
  profile: Profile,
  r: Pick<MappingImportResult, 'added' | 'changed' | 'closed'>,
  now: Date,
): Promise<HisWriteResult> {
  const out: HisWriteResult = { inserted: 0, ended: 0, skipped: [] };
  await db.knex.transaction(async (trx: Knex.Transaction) => {
    for (const c of r.closed) {
      if (c.from !== 'stored') continue;
      await runWrite(
        db,
        profile,
        'end_mapping',
        {
          fixmedins_hilist_id: c.fixmedins_hilist_id,
          med_list_codg: c.med_list_codg,
          begndate: c.begndate,
          enddate: c.newEnd,
          now,
        },
        { trx },
      );
      out.ended++;
    }
    for (const c of r.changed) {
      if (c.fields.every((f) => f === 'enddate' || f === 'fixmedins_hilist_name' || f === 'extra')) {
        await runWrite(
          db,
          profile,
          'end_mapping',
          {
            fixmedins_hilist_id: c.row.fixmedins_hilist_id,
            med_list_codg: c.row.med_list_codg,
            begndate: c.row.begndate,
            enddate: c.enddate ?? OPEN_END,
            now,
          },
          { trx },
        );
        out.ended++;
      } else
        out.skipped.push({
          fixmedins_hilist_id: c.row.fixmedins_hilist_id,
          begndate: c.row.begndate,
          why: `changed ${c.fields.join(', ')}: the profile has no statement to change a row's code; change it in the HIS`,
        });
    }
    for (const a of r.added) {
      await runWrite(
        db,
        profile,
        'insert_mapping',
        {
          fixmedins_hilist_id: a.row.fixmedins_hilist_id,
          fixmedins_hilist_name: a.row.fixmedins_hilist_name,
          list_type: a.row.list_type,
          med_list_codg: a.row.med_list_codg,
          begndate: a.row.begndate,
          enddate: a.enddate ?? OPEN_END,
          now,
        },
        { trx },
      );
      out.inserted++;
    }
  });
  return out;
}
