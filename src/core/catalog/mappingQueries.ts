/**
 * The effectful side of `mapping check` and `mapping lookup`: read the stored mappings, the
 * catalog periods of their codes and (through the HIS profile, behind a small interface) the
 * HIS's items and recent billing; then hand everything to the pure checks.
 */
import type { Db } from '../db/index.js';
import { checkMappings, type BilledItem, type CheckFindings, type HisItem } from './checkMappings.js';
import { addDays, formatSpan, isOpenEnd, spanContains, type Day } from './day.js';
import type { StoredMapping } from './intervals.js';
import { KINDS, kindOfListType, type CatalogKind } from './kinds.js';
import { PERIOD_COLUMNS, readable, storedMappingsOf, validSpan, type CatalogPeriod } from './store/catalogQuery.js';
import { checkedMappings, mappedCoverage } from './store/checkQueries.js';
import { MAPPING_CHANGE_TABLE, presentTables } from './store/tables.js';

/** What `mapping check` needs from the HIS (built from the profile's his_items and items_billed_since). */
export interface HisItemSource {
  items(): Promise<HisItem[]>;
  /** Items billed since a time (`yyyy-MM-dd HH:mm:ss`), with count and amount. */
  billedSince(since: string): Promise<BilledItem[]>;
}

export interface MappingCheckOptions {
  on: Day;
  withinDays?: number;
  his?: HisItemSource;
  /** Window of "billed recently", in days (default 30). */
  billedDays?: number;
}

export async function runMappingCheck(
  db: Db,
  o: MappingCheckOptions,
): Promise<CheckFindings & { timings: Record<string, number> }> {
  const t0 = Date.now();
  // A check only reads: tables hisops has not created yet are read as empty, and none is created.
  const present = await presentTables(db);
  const mappings = await checkedMappings(db, present);
  const t1 = Date.now();
  const coverage = await mappedCoverage(db, mappings, present);
  const t2 = Date.now();
  let hisItems: HisItem[] | undefined;
  let billed: BilledItem[] | undefined;
  if (o.his) {
    hisItems = await o.his.items();
    billed = await o.his.billedSince(`${addDays(o.on, -(o.billedDays ?? 30))} 00:00:00`);
  }
  const t3 = Date.now();
  const f = checkMappings({
    mappings,
    lookup: (c) => coverage.get(c),
    on: o.on,
    withinDays: o.withinDays,
    hisItems,
    billed,
  });
  const t4 = Date.now();
  return { ...f, timings: { mappings: t1 - t0, catalog: t2 - t1, his: t3 - t2, check: t4 - t3 } };
}

export interface LookupResult {
  fixmedins_hilist_id: string;
  on: Day;
  /** The mapping valid on the day, if any. */
  current:
    | (StoredMapping & {
        catalog: null | {
          kind: CatalogKind;
          hilist_name: string | null;
          chrgitm_lv: string | null;
          pric_uplmt_amt: string | null;
          selfpay_prop: string | null;
          begndate: Day;
          enddate: Day | null;
          vali_flag: string | null;
          valid: boolean;
        };
      })
    | null;
  /** Every mapping of the item, oldest first, with what each imported change did. */
  history: Array<StoredMapping & { validOnDay: boolean }>;
  changes: Array<{
    import_id: number;
    begndate: Day;
    action: string;
    line: number | null;
    before: unknown;
    after: unknown;
    at: string;
  }>;
  /** When no mapping is valid on the day: the nearest before and after. */
  nearest: { before: StoredMapping | null; after: StoredMapping | null };
}

/** Which national code, category and self-pay ratio applied to an HIS item on a day, and its history. */
export async function lookupMapping(db: Db, id: string, on: Day): Promise<LookupResult> {
  const present = await presentTables(db);
  const list = (await storedMappingsOf(db.knex, [id], present)).sort((a, b) => (a.begndate < b.begndate ? -1 : 1));
  const hit = list.find((m) => spanContains({ begin: m.begndate, end: m.enddate }, on)) ?? null;
  let current: LookupResult['current'] = null;
  if (hit) {
    const kind = kindOfListType(hit.list_type);
    let catalog: NonNullable<LookupResult['current']>['catalog'] = null;
    if (kind && readable(present, KINDS[kind].table)) {
      const rows = (await db
        .knex(KINDS[kind].table)
        .select(PERIOD_COLUMNS)
        .where({ med_list_codg: hit.med_list_codg })
        .orderBy('begndate')) as Omit<CatalogPeriod, 'kind'>[];
      // The period valid on the day; else the latest that started before it (to show why it is not valid).
      const valid = rows.find((r) => {
        const s = validSpan(r);
        return s ? spanContains(s, on) : false;
      });
      const shown = valid ?? [...rows].reverse().find((r) => r.begndate <= on) ?? rows[0];
      if (shown)
        catalog = {
          kind,
          hilist_name: shown.hilist_name,
          chrgitm_lv: shown.chrgitm_lv,
          pric_uplmt_amt: shown.pric_uplmt_amt,
          selfpay_prop: shown.selfpay_prop,
          begndate: shown.begndate,
          enddate: isOpenEnd(shown.enddate) ? null : shown.enddate,
          vali_flag: shown.vali_flag,
          valid: !!valid,
        };
    }
    current = { ...hit, catalog };
  }
  const changes = !readable(present, MAPPING_CHANGE_TABLE.name)
    ? []
    : ((await db
        .knex(MAPPING_CHANGE_TABLE.name)
        .select(['import_id', 'begndate', 'action', 'line', 'before', 'after', 'at'])
        .where({ fixmedins_hilist_id: id })
        .orderBy([{ column: 'import_id' }, { column: 'seq' }])) as Array<{
        import_id: number;
        begndate: string;
        action: string;
        line: number | null;
        before: string | null;
        after: string | null;
        at: string;
      }>);
  const parse = (s: string | null) => {
    if (!s) return null;
    try {
      return JSON.parse(s) as unknown;
    } catch {
      return s;
    }
  };
  return {
    fixmedins_hilist_id: id,
    on,
    current,
    history: list.map((m) => ({ ...m, validOnDay: m === hit })),
    changes: changes.map((c) => ({
      ...c,
      import_id: Number(c.import_id),
      line: c.line === null ? null : Number(c.line),
      before: parse(c.before),
      after: parse(c.after),
    })),
    nearest: {
      before: hit ? null : ([...list].reverse().find((m) => m.begndate <= on) ?? null),
      after: hit ? null : (list.find((m) => m.begndate > on) ?? null),
    },
  };
}

export { formatSpan };
