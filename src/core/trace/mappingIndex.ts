/**
 * Which national code (med_list_codg) a HIS item maps to on a day. The trace job asks through the
 * MappingLookup interface; `mappingIndex` builds one from the rows of the HIS's own mapping table
 * (the profile's `mappings` statement). A catalog-backed lookup can replace it without changing
 * the checks.
 */

export interface MappingLookup {
  /** Distinct national codes valid for the item on the day (yyyy-MM-dd), sorted. */
  codesOn(fixmedins_hilist_id: string, day: string): string[];
  /** Every national code the item maps to on any day (the four-code library check: a drug whose code changed). */
  codesEver?(fixmedins_hilist_id: string): string[];
}

export interface MappingRow {
  fixmedins_hilist_id: unknown;
  med_list_codg: unknown;
  begndate: unknown;
  enddate: unknown;
}

interface Interval {
  code: string;
  begn: string;
  end: string;
}

const day = (v: unknown, fallback: string): string =>
  v === null || v === undefined || v === '' ? fallback : String(v).slice(0, 10);

export function mappingIndex(rows: readonly MappingRow[]): MappingLookup {
  const byItem = new Map<string, Interval[]>();
  for (const r of rows) {
    if (
      r.fixmedins_hilist_id === null ||
      r.fixmedins_hilist_id === undefined ||
      r.med_list_codg === null ||
      r.med_list_codg === undefined ||
      r.med_list_codg === ''
    )
      continue;
    const item = String(r.fixmedins_hilist_id);
    const list = byItem.get(item) ?? [];
    // An open end (NULL enddate) means "until further notice".
    list.push({
      code: String(r.med_list_codg),
      begn: day(r.begndate, '0000-01-01'),
      end: day(r.enddate, '9999-12-31'),
    });
    byItem.set(item, list);
  }
  return {
    codesOn(item, d) {
      const list = byItem.get(item);
      if (!list) return [];
      const codes = new Set<string>();
      for (const iv of list) if (iv.begn <= d && d <= iv.end) codes.add(iv.code);
      return [...codes].sort();
    },
    codesEver(item) {
      return [...new Set((byItem.get(item) ?? []).map((iv) => iv.code))].sort();
    },
  };
}

/** Product-identification codes (first 7 digits) the HIS knows per drug. */
export type PrefixIndex = ReadonlyMap<string, ReadonlySet<string>>;

export function prefixIndex(rows: ReadonlyArray<{ fixmedins_hilist_id: unknown; trac_prefix: unknown }>): PrefixIndex {
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    if (
      r.fixmedins_hilist_id === null ||
      r.fixmedins_hilist_id === undefined ||
      r.trac_prefix === null ||
      r.trac_prefix === undefined
    )
      continue;
    const p = String(r.trac_prefix).trim();
    if (p === '') continue;
    const item = String(r.fixmedins_hilist_id);
    const set = out.get(item) ?? new Set<string>();
    set.add(p.slice(0, 7));
    out.set(item, set);
  }
  return out;
}
