/**
 * The reads of `mapping check`, made for two hundred thousand mappings: rows come as arrays
 * (`core/db` queryEach: no object per row, PostgreSQL through COPY), only the columns the check
 * reads are selected, and the catalog periods of the mapped codes go straight into the coverage
 * map instead of through a period object each.
 */
import { queryEach, type Db } from '../../db/index.js';
import { isOpenEnd } from '../day.js';
import type { CodeCoverage } from '../catalogCoverage.js';
import { KIND_LIST, type CatalogKind } from '../kinds.js';
import type { CheckedMapping } from '../checkMappings.js';
import { addPeriod, catalogPeriods, readable } from './catalogQuery.js';
import { MAPPING_TABLE } from './tables.js';

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Every stored mapping (the fields the check reads), in item and start order. */
export async function checkedMappings(db: Db, present?: ReadonlySet<string>): Promise<CheckedMapping[]> {
  if (!readable(present, MAPPING_TABLE.name)) return [];
  const q = db
    .knex(MAPPING_TABLE.name)
    .select(['fixmedins_hilist_id', 'begndate', 'enddate', 'fixmedins_hilist_name', 'list_type', 'med_list_codg'])
    .orderBy([{ column: 'fixmedins_hilist_id' }, { column: 'begndate' }])
    .toSQL();
  const out: CheckedMapping[] = [];
  await queryEach(db, q.sql, q.bindings as string[], (v) => {
    const end = str(v[2]);
    out.push({
      fixmedins_hilist_id: String(v[0]),
      begndate: String(v[1]),
      enddate: isOpenEnd(end) ? null : end,
      fixmedins_hilist_name: str(v[3]),
      list_type: String(v[4]),
      med_list_codg: String(v[5]),
    });
  });
  return out;
}

/**
 * What the catalogs say about every code some mapping points to: one query per catalog the
 * mappings use (joined on the mapping table inside the database), then, for the few codes their
 * own catalog does not hold, a look in the other catalogs — to tell a wrong list type from an
 * unknown code.
 */
export async function mappedCoverage(
  db: Db,
  mappings: readonly CheckedMapping[],
  present?: ReadonlySet<string>,
): Promise<Map<string, CodeCoverage>> {
  const map = new Map<string, CodeCoverage>();
  if (!readable(present, MAPPING_TABLE.name)) return map;
  const used = new Set(mappings.map((m) => m.list_type));
  for (const k of KIND_LIST) {
    if (!used.has(k.list_type) || !readable(present, k.table)) continue;
    const q = db
      .knex(k.table)
      .select(['med_list_codg', 'begndate', 'enddate', 'vali_flag'])
      .whereIn('med_list_codg', db.knex(MAPPING_TABLE.name).select('med_list_codg').where('list_type', k.list_type))
      .toSQL();
    const kind: CatalogKind = k.kind;
    await queryEach(db, q.sql, q.bindings as string[], (v) =>
      addPeriod(map, kind, {
        med_list_codg: String(v[0]),
        begndate: String(v[1]),
        enddate: str(v[2]),
        vali_flag: str(v[3]),
      }),
    );
  }
  const missing = new Set<string>();
  for (const m of mappings) if (!map.has(m.med_list_codg)) missing.add(m.med_list_codg);
  // Thousands of codes missing means a catalog was never imported, not a few wrong list types.
  if (missing.size && missing.size <= 2000)
    for (const p of await catalogPeriods(db.knex, missing, present)) addPeriod(map, p.kind, p);
  return map;
}
