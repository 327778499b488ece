/**
 * Reading the catalog and mapping tables: the validity periods of national codes, the stored
 * mappings of HIS items, whole-table scans for `mapping check`. Queries go in chunks so IN lists
 * stay under every dialect's bind limit.
 */
import type { Knex } from '../../db/index.js';
import { isOpenEnd, type Day, type Span } from '../day.js';
import type { CodeCoverage } from '../catalogCoverage.js';
import type { StoredMapping } from '../intervals.js';
import { KIND_LIST, type CatalogKind } from '../kinds.js';
import { MAPPING_TABLE } from './tables.js';
import { chunks } from './sql.js';

export interface CatalogPeriod {
  kind: CatalogKind;
  med_list_codg: string;
  begndate: Day;
  enddate: Day | null;
  vali_flag: string | null;
  hilist_name: string | null;
  chrgitm_lv: string | null;
  pric_uplmt_amt: string | null;
  selfpay_prop: string | null;
}

/**
 * Whether a stored catalog period counts as valid, and over which days: vali_flag 1 over its
 * dates; vali_flag 0 with an end date is a period that has ended (valid up to that end); vali_flag
 * 0 without an end is a withdrawn entry, valid on no day.
 */
export function validSpan(p: Pick<CatalogPeriod, 'begndate' | 'enddate' | 'vali_flag'>): Span | undefined {
  const end = isOpenEnd(p.enddate) ? null : p.enddate;
  if (p.vali_flag === '0' && end === null) return undefined;
  return { begin: p.begndate, end };
}

/** The stored columns of a `CatalogPeriod` (its kind is the table's). */
export const PERIOD_COLUMNS = [
  'med_list_codg',
  'begndate',
  'enddate',
  'vali_flag',
  'hilist_name',
  'chrgitm_lv',
  'pric_uplmt_amt',
  'selfpay_prop',
];

/** A table is read when no list of present tables is given, or when it is on the list. */
export const readable = (present: ReadonlySet<string> | undefined, table: string) => !present || present.has(table);

/** Every stored period of the given codes, in every kind (of the tables present, when given). */
export async function catalogPeriods(
  knex: Knex,
  codes: Iterable<string>,
  present?: ReadonlySet<string>,
): Promise<CatalogPeriod[]> {
  const list = [...new Set(codes)];
  const out: CatalogPeriod[] = [];
  for (const k of KIND_LIST) {
    if (!readable(present, k.table)) continue;
    for (const part of chunks(list, 500)) {
      const rows = (await knex(k.table).select(PERIOD_COLUMNS).whereIn('med_list_codg', part)) as Omit<
        CatalogPeriod,
        'kind'
      >[];
      for (const r of rows) out.push({ kind: k.kind, ...r });
    }
  }
  return out;
}

/** One stored period into the coverage of its code (a code known but never valid keeps an empty list). */
export function addPeriod(
  map: Map<string, CodeCoverage>,
  kind: CatalogKind,
  p: Pick<CatalogPeriod, 'med_list_codg' | 'begndate' | 'enddate' | 'vali_flag'>,
): void {
  let c = map.get(p.med_list_codg);
  if (!c) map.set(p.med_list_codg, (c = { periods: {} }));
  const list = (c.periods[kind] ??= []);
  const s = validSpan(p);
  if (s) list.push(s);
}

/** Periods → what the interval planner needs per code. */
export function coverageOf(periods: readonly CatalogPeriod[]): Map<string, CodeCoverage> {
  const map = new Map<string, CodeCoverage>();
  for (const p of periods) addPeriod(map, p.kind, p);
  return map;
}

/** How many entries each catalog table holds (to tell "unknown code" from "no catalog imported"). */
export async function catalogCounts(knex: Knex, present?: ReadonlySet<string>): Promise<Record<CatalogKind, number>> {
  const out = {} as Record<CatalogKind, number>;
  for (const k of KIND_LIST) {
    if (!readable(present, k.table)) {
      out[k.kind] = 0;
      continue;
    }
    const [r] = (await knex(k.table).count({ n: '*' })) as Array<{ n: number | string }>;
    out[k.kind] = Number(r?.n ?? 0);
  }
  return out;
}

interface MappingDbRow {
  fixmedins_hilist_id: string;
  begndate: string;
  enddate: string | null;
  fixmedins_hilist_name: string | null;
  list_type: string;
  med_list_codg: string;
  extra: string | null;
  source: string | null;
}

function toStored(r: MappingDbRow): StoredMapping {
  let extra: Record<string, string> = {};
  if (r.extra) {
    try {
      extra = JSON.parse(r.extra) as Record<string, string>;
    } catch {
      extra = {};
    }
  }
  return {
    fixmedins_hilist_id: r.fixmedins_hilist_id,
    begndate: r.begndate,
    enddate: isOpenEnd(r.enddate) ? null : r.enddate,
    fixmedins_hilist_name: r.fixmedins_hilist_name,
    list_type: r.list_type,
    med_list_codg: r.med_list_codg,
    extra,
    source: r.source,
  };
}

const MAPPING_COLUMNS = [
  'fixmedins_hilist_id',
  'begndate',
  'enddate',
  'fixmedins_hilist_name',
  'list_type',
  'med_list_codg',
  'extra',
  'source',
];

/** The stored mappings of some HIS items (all their periods). */
export async function storedMappingsOf(
  knex: Knex,
  items: Iterable<string>,
  present?: ReadonlySet<string>,
): Promise<StoredMapping[]> {
  const out: StoredMapping[] = [];
  if (!readable(present, MAPPING_TABLE.name)) return out;
  for (const part of chunks([...new Set(items)], 500)) {
    const rows = (await knex(MAPPING_TABLE.name)
      .select(MAPPING_COLUMNS)
      .whereIn('fixmedins_hilist_id', part)) as MappingDbRow[];
    for (const r of rows) out.push(toStored(r));
  }
  return out;
}

/** Every stored mapping, in item and start order. (Two hundred thousand mappings are a few dozen MB.) */
export async function allStoredMappings(knex: Knex, present?: ReadonlySet<string>): Promise<StoredMapping[]> {
  if (!readable(present, MAPPING_TABLE.name)) return [];
  const rows = (await knex(MAPPING_TABLE.name)
    .select(MAPPING_COLUMNS)
    .orderBy([{ column: 'fixmedins_hilist_id' }, { column: 'begndate' }])) as MappingDbRow[];
  return rows.map(toStored);
}
