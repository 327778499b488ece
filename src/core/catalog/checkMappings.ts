/**
 * The health of the mappings on a day, as a pure function of the stored mappings, what the
 * catalogs say about their codes, and (when the HIS is reachable) the HIS's items and what was
 * billed recently. Findings that need attention make `mapping check` exit 3, so a cron job warns
 * before settlements start failing:
 *
 * - unmapped: HIS items with no mapping valid on the day that were billed in the last 30 days
 *   (without the HIS: items whose mapping ended in the last 90 days and has no successor);
 * - unknown codes: current or future mappings to codes no imported catalog holds (or another
 *   catalog than their list_type says);
 * - ended codes: current or future mappings whose code is not valid on some of their days;
 * - overlaps: two mappings of an item valid on the same day;
 * - gaps: days between two mappings of an item with no mapping (attention when not all past);
 * - ending soon: mappings valid on the day that end within N days with nothing after them.
 */
import { money, sum, ZERO, type Decimal } from '../money.js';
import { addDays, daysBetween, spansOverlap, type Day, type Span } from './day.js';
import { catalogReasons, type CatalogLookup } from './catalogCoverage.js';
import type { StoredMapping } from './intervals.js';

export interface HisItem {
  fixmedins_hilist_id: string;
  fixmedins_hilist_name?: string | null;
  list_type?: string | null;
}

export interface BilledItem {
  fixmedins_hilist_id: string;
  /** Amount billed in the window (decimal text), when the HIS profile reports it. */
  amount: string | null;
  count: number;
  last_billed_time?: string | null;
}

/** The fields of a stored mapping the check reads. */
export type CheckedMapping = Pick<
  StoredMapping,
  'fixmedins_hilist_id' | 'begndate' | 'enddate' | 'fixmedins_hilist_name' | 'list_type' | 'med_list_codg'
>;

export interface CheckInput {
  mappings: readonly CheckedMapping[];
  lookup: CatalogLookup;
  on: Day;
  /** Mappings ending within this many days are listed (default 30). */
  withinDays?: number;
  /** Every HIS item (from the profile); omit when the HIS is not consulted. */
  hisItems?: readonly HisItem[];
  /** Items billed in the last 30 days. */
  billed?: readonly BilledItem[];
}

export interface MappingRef {
  fixmedins_hilist_id: string;
  fixmedins_hilist_name: string | null;
  list_type: string;
  med_list_codg: string;
  begndate: Day;
  enddate: Day | null;
}

export interface CheckFindings {
  on: Day;
  withinDays: number;
  hisConsulted: boolean;
  mappings: number;
  items: number;
  unmapped: Array<{
    fixmedins_hilist_id: string;
    fixmedins_hilist_name: string | null;
    billed_amount: string | null;
    billed_count: number;
    last_billed_time: string | null;
    previous: MappingRef | null;
    next: MappingRef | null;
    attention: boolean;
  }>;
  unknownCodes: Array<{ mapping: MappingRef; code: string; message: string }>;
  endedCodes: Array<{ mapping: MappingRef; uncovered: Span[]; message: string }>;
  overlaps: Array<{ fixmedins_hilist_id: string; a: MappingRef; b: MappingRef; days: Span }>;
  gaps: Array<{ fixmedins_hilist_id: string; gap: Span; before: MappingRef; after: MappingRef; attention: boolean }>;
  endingSoon: Array<{ mapping: MappingRef; daysLeft: number }>;
  /** Sum billed in the window on unmapped items (decimal text, 2 places), when amounts are known. */
  unmappedBilled: string | null;
  attention: boolean;
  counts: Record<'unmapped' | 'unknownCodes' | 'endedCodes' | 'overlaps' | 'gaps' | 'endingSoon', number>;
}

const ref = (m: CheckedMapping): MappingRef => ({
  fixmedins_hilist_id: m.fixmedins_hilist_id,
  fixmedins_hilist_name: m.fixmedins_hilist_name,
  list_type: m.list_type,
  med_list_codg: m.med_list_codg,
  begndate: m.begndate,
  enddate: m.enddate,
});
const spanOf = (m: CheckedMapping): Span => ({ begin: m.begndate, end: m.enddate });

/** Overlaps, gaps, catalog troubles and endings of one item's mappings (sorted by start); whether one is valid on the day. */
function checkItem(
  f: CheckFindings,
  id: string,
  list: readonly CheckedMapping[],
  lookup: CatalogLookup,
  horizon: Day,
): boolean {
  const on = f.on;
  let validOn = false;
  for (let i = 0; i < list.length; i++) {
    const m = list[i]!;
    const s = spanOf(m);
    if (s.begin <= on && (s.end === null || s.end >= on)) validOn = true;
    for (let j = i + 1; j < list.length; j++) {
      const n = list[j]!;
      if (s.end !== null && n.begndate > s.end) break;
      if (spansOverlap(s, spanOf(n))) {
        const end = s.end === null ? n.enddate : n.enddate === null ? s.end : s.end < n.enddate ? s.end : n.enddate;
        f.overlaps.push({ fixmedins_hilist_id: id, a: ref(m), b: ref(n), days: { begin: n.begndate, end } });
      }
    }
    const next = list[i + 1];
    if (next && m.enddate !== null && addDays(m.enddate, 1) < next.begndate) {
      const gap = { begin: addDays(m.enddate, 1), end: addDays(next.begndate, -1) };
      f.gaps.push({ fixmedins_hilist_id: id, gap, before: ref(m), after: ref(next), attention: gap.end >= on });
    }
    // Only mappings still running (or to come) are judged: a past mapping's code may well have
    // ended since. Their uncovered days are all reported, past ones included, once some reach
    // the day checked.
    if (s.end === null || s.end >= on) {
      for (const r of catalogReasons(m, s, lookup)) {
        if (r.code !== 'UNCOVERED_DAYS') f.unknownCodes.push({ mapping: ref(m), code: r.code, message: r.message });
        else if ((r.uncovered ?? []).some((g) => g.end === null || g.end >= on))
          f.endedCodes.push({ mapping: ref(m), uncovered: r.uncovered ?? [], message: r.message });
      }
    }
    if (s.end !== null && s.begin <= horizon && s.end >= on && s.end <= horizon) {
      const follows = list.some((n) => n.begndate === addDays(s.end!, 1));
      if (!follows) f.endingSoon.push({ mapping: ref(m), daysLeft: daysBetween(on, s.end) });
    }
  }
  return validOn;
}

/**
 * Items without a mapping on the day: the HIS's items (attention when billed recently), or
 * without the HIS, items whose mapping ended in the last 90 days with nothing after it.
 */
function findUnmapped(
  f: CheckFindings,
  input: CheckInput,
  byItem: ReadonlyMap<string, CheckedMapping[]>,
  validOn: ReadonlySet<string>,
): void {
  const on = f.on;
  const billed = new Map((input.billed ?? []).map((b) => [b.fixmedins_hilist_id, b]));
  const around = (id: string) => {
    const list = byItem.get(id) ?? [];
    const previous = [...list].reverse().find((m) => m.enddate !== null && m.enddate < on);
    const next = list.find((m) => m.begndate > on);
    return { previous: previous ? ref(previous) : null, next: next ? ref(next) : null };
  };
  if (input.hisItems) {
    for (const it of input.hisItems) {
      if (validOn.has(it.fixmedins_hilist_id)) continue;
      const b = billed.get(it.fixmedins_hilist_id);
      f.unmapped.push({
        fixmedins_hilist_id: it.fixmedins_hilist_id,
        fixmedins_hilist_name: it.fixmedins_hilist_name ?? null,
        billed_amount: b?.amount ?? null,
        billed_count: b?.count ?? 0,
        last_billed_time: b?.last_billed_time ?? null,
        ...around(it.fixmedins_hilist_id),
        attention: (b?.count ?? 0) > 0,
      });
    }
    return;
  }
  const since = addDays(on, -90);
  for (const [id, list] of byItem) {
    if (validOn.has(id)) continue;
    const a = around(id);
    const recentlyLost = a.previous !== null && a.previous.enddate! >= since && a.next === null;
    if (!recentlyLost) continue;
    const b = billed.get(id);
    f.unmapped.push({
      fixmedins_hilist_id: id,
      fixmedins_hilist_name: list[list.length - 1]!.fixmedins_hilist_name,
      billed_amount: b?.amount ?? null,
      billed_count: b?.count ?? 0,
      last_billed_time: b?.last_billed_time ?? null,
      ...a,
      attention: true,
    });
  }
}

/** Unmapped items by attention, amount billed, count and id; endings soonest first; the counts. */
function conclude(f: CheckFindings): void {
  // Amounts are parsed once: a sort would otherwise build two decimals per comparison.
  const amount = new Map<string, Decimal>();
  for (const u of f.unmapped) if (u.billed_amount !== null) amount.set(u.fixmedins_hilist_id, money(u.billed_amount));
  const amountOf = (x: { fixmedins_hilist_id: string }): Decimal => amount.get(x.fixmedins_hilist_id) ?? ZERO;
  f.unmapped.sort(
    (a, b) =>
      Number(b.attention) - Number(a.attention) ||
      amountOf(b).comparedTo(amountOf(a)) ||
      b.billed_count - a.billed_count ||
      (a.fixmedins_hilist_id < b.fixmedins_hilist_id ? -1 : 1),
  );
  if (f.unmapped.some((u) => u.billed_amount !== null))
    f.unmappedBilled = sum(f.unmapped.filter((u) => u.attention).map((u) => u.billed_amount ?? 0)).toFixed(2);
  f.endingSoon.sort((a, b) => a.daysLeft - b.daysLeft);
  f.counts = {
    unmapped: f.unmapped.filter((u) => u.attention).length,
    unknownCodes: f.unknownCodes.length,
    endedCodes: f.endedCodes.length,
    overlaps: f.overlaps.length,
    gaps: f.gaps.filter((g) => g.attention).length,
    endingSoon: f.endingSoon.length,
  };
  f.attention = Object.values(f.counts).some((n) => n > 0);
}

export function checkMappings(input: CheckInput): CheckFindings {
  const { on, lookup } = input;
  const within = input.withinDays ?? 30;
  const byItem = new Map<string, CheckedMapping[]>();
  for (const m of input.mappings) {
    let l = byItem.get(m.fixmedins_hilist_id);
    if (!l) byItem.set(m.fixmedins_hilist_id, (l = []));
    l.push(m);
  }
  const f: CheckFindings = {
    on,
    withinDays: within,
    hisConsulted: !!input.hisItems,
    mappings: input.mappings.length,
    items: byItem.size,
    unmapped: [],
    unknownCodes: [],
    endedCodes: [],
    overlaps: [],
    gaps: [],
    endingSoon: [],
    unmappedBilled: null,
    attention: false,
    counts: { unmapped: 0, unknownCodes: 0, endedCodes: 0, overlaps: 0, gaps: 0, endingSoon: 0 },
  };
  const validOn = new Set<string>();
  const horizon = addDays(on, within);
  for (const [id, list] of byItem) {
    list.sort((a, b) => (a.begndate < b.begndate ? -1 : a.begndate > b.begndate ? 1 : 0));
    if (checkItem(f, id, list, lookup, horizon)) validOn.add(id);
  }
  findUnmapped(f, input, byItem, validOn);
  conclude(f);
  return f;
}
