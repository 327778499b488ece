/**
 * The interval rules of mappings (目录对照), as a pure planner: given the rows of a mapping file,
 * the mappings already stored for the same HIS items and what the imported catalogs say about
 * each national code, decide what is added, changed, closed, left as it is, or rejected — and why.
 *
 * Rules:
 * 1. A mapping runs from begndate to enddate, both days included; no end means "until further
 *    notice". The end is on or after the start (checked per row).
 * 2. An HIS item has at most one mapping valid on any day. Two rows of the file that overlap are
 *    both rejected, each naming the other; a file row that overlaps a stored mapping is rejected,
 *    naming the stored one. A row with the same item and start as a stored mapping replaces it.
 * 3. A stored mapping without an end, for an item the file maps from a later day, is closed the
 *    day before the new mapping starts (reported as "closed"). Rows of the file are never closed:
 *    two rows of one file that overlap are the hospital's own contradiction, and are reported.
 * 4. The national code must exist in the imported catalog of the row's list_type and be valid on
 *    every day of the mapping (as closed); otherwise the row is rejected with the days not covered.
 * Rejections can undo closings (a rejected row closes nothing), so the rules are applied again
 * until nothing changes.
 */
import { catalogReasons, type CatalogLookup } from './catalogCoverage.js';
import { addDays, formatSpan, type Day, type Span } from './day.js';
import type { MappingRow } from './mappingRow.js';
import type { ProblemCode } from './problems.js';

export interface StoredMapping {
  fixmedins_hilist_id: string;
  begndate: Day;
  enddate: Day | null;
  fixmedins_hilist_name: string | null;
  list_type: string;
  med_list_codg: string;
  extra: Record<string, string>;
  /** Where it came from (`file.csv:12`), for messages. */
  source: string | null;
}

export interface Reason {
  code: ProblemCode;
  message: string;
  fix: string;
  /** The other file line involved (overlaps). */
  otherLine?: number;
  /** The stored mapping involved (overlaps). */
  otherStored?: { begndate: Day; enddate: Day | null; med_list_codg: string; source: string | null };
  /** Days of the mapping the catalog does not cover. */
  uncovered?: Span[];
}

export interface Rejected {
  row: MappingRow;
  reasons: Reason[];
}

export interface Added {
  row: MappingRow;
  /** The end it gets (closed when a later mapping follows). */
  enddate: Day | null;
}

export interface Changed {
  before: StoredMapping;
  row: MappingRow;
  enddate: Day | null;
  fields: string[];
}

export interface Closed {
  fixmedins_hilist_id: string;
  begndate: Day;
  med_list_codg: string;
  from: 'stored' | 'file';
  /** File line of the closed mapping (file rows). */
  line?: number;
  source?: string | null;
  oldEnd: Day | null;
  newEnd: Day;
  /** The mapping that closes it: its start, and its file line when it comes from the file. */
  byBegin: Day;
  byLine?: number;
}

export interface MappingPlan {
  added: Added[];
  changed: Changed[];
  closed: Closed[];
  unchanged: MappingRow[];
  rejected: Rejected[];
}

export interface PlanOptions {
  /** Check codes against the imported catalogs (default true). */
  checkCatalog?: boolean;
}

type Cand =
  | { t: 'stored'; s: StoredMapping; begin: Day; end: Day | null }
  | { t: 'file'; r: MappingRow; begin: Day; end: Day | null; replaces?: StoredMapping };

const describeStored = (s: StoredMapping) =>
  `the stored mapping ${formatSpan({ begin: s.begndate, end: s.enddate })} → ${s.med_list_codg}${s.source ? ` (from ${s.source})` : ''}`;

function sameContent(
  a: { fixmedins_hilist_name: string | null; list_type: string; med_list_codg: string; extra: Record<string, string> },
  b: typeof a,
): boolean {
  return (
    a.fixmedins_hilist_name === b.fixmedins_hilist_name &&
    a.list_type === b.list_type &&
    a.med_list_codg === b.med_list_codg &&
    JSON.stringify(a.extra) === JSON.stringify(b.extra)
  );
}

type FileCand = Extract<Cand, { t: 'file' }>;
type Reject = (r: MappingRow, reason: Reason) => void;
interface ItemGroup {
  rows: MappingRow[];
  stored: StoredMapping[];
}

/** Same item, same start, twice in the file: identical lines are one mapping written twice; different lines cannot both hold. */
function rejectSameStart(g: ItemGroup, reject: Reject): void {
  const firstByStart = new Map<Day, MappingRow>();
  for (const r of [...g.rows].sort((a, b) => a.line - b.line)) {
    const prev = firstByStart.get(r.begndate);
    if (!prev) {
      firstByStart.set(r.begndate, r);
      continue;
    }
    if (sameContent(prev, r) && prev.enddate === r.enddate) {
      reject(r, {
        code: 'DUPLICATE_KEY',
        message: `the same mapping as line ${prev.line}`,
        fix: `Delete one of lines ${prev.line} and ${r.line}.`,
        otherLine: prev.line,
      });
    } else {
      reject(prev, {
        code: 'OVERLAP',
        message: `overlaps line ${r.line}: both start on ${r.begndate} (${prev.med_list_codg} / ${r.med_list_codg})`,
        fix: `Keep one of lines ${prev.line} and ${r.line}, or give them consecutive periods.`,
        otherLine: r.line,
      });
      reject(r, {
        code: 'OVERLAP',
        message: `overlaps line ${prev.line}: both start on ${r.begndate} (${prev.med_list_codg} / ${r.med_list_codg})`,
        fix: `Keep one of lines ${prev.line} and ${r.line}, or give them consecutive periods.`,
        otherLine: prev.line,
      });
    }
  }
}

/** The candidates still standing, in start order, and the end each gets (a stored open mapping closes before the file's next one). */
function effectiveEnds(
  g: ItemGroup,
  fileCands: readonly FileCand[],
  rejected: ReadonlyMap<MappingRow, Reason[]>,
): { cands: Cand[]; live: FileCand[]; eff: Map<Cand, Day | null> } {
  const live = fileCands.filter((c) => !rejected.has(c.r));
  const replaced = new Set(live.map((c) => c.replaces).filter((s): s is StoredMapping => !!s));
  const cands: Cand[] = [
    ...g.stored
      .filter((s) => !replaced.has(s))
      .map((s): Cand => ({ t: 'stored', s, begin: s.begndate, end: s.enddate })),
    ...live,
  ];
  cands.sort((a, b) => (a.begin < b.begin ? -1 : a.begin > b.begin ? 1 : a.t === 'stored' ? -1 : 1));
  const eff = new Map<Cand, Day | null>();
  cands.forEach((c, i) => {
    const next = c.t === 'stored' && c.end === null ? cands.slice(i + 1).find((n) => n.begin > c.begin) : undefined;
    // Only a new mapping of the file closes a stored one; two stored mappings that overlap are
    // an old conflict for `mapping check`.
    eff.set(c, next && next.t === 'file' ? addDays(next.begin, -1) : c.end);
  });
  return { cands, live, eff };
}

/** Reject every file row that overlaps another candidate under the ends given; whether any was. */
function rejectOverlaps(cands: readonly Cand[], eff: ReadonlyMap<Cand, Day | null>, reject: Reject): boolean {
  let changed = false;
  const span = (c: Cand) => formatSpan({ begin: c.begin, end: eff.get(c) ?? null });
  for (let i = 0; i < cands.length; i++) {
    const a = cands[i]!;
    const aEnd = eff.get(a) ?? null;
    for (let j = i + 1; j < cands.length; j++) {
      const b = cands[j]!;
      if (aEnd !== null && b.begin > aEnd) break;
      if (a.t === 'stored' && b.t === 'stored') continue; // an old conflict: `mapping check` reports it
      if (a.t === 'file' && b.t === 'file') {
        reject(a.r, {
          code: 'OVERLAP',
          message: `overlaps line ${b.r.line} (${span(a)} → ${a.r.med_list_codg} and ${span(b)} → ${b.r.med_list_codg})`,
          fix: `Make line ${a.r.line} end before ${b.begin}, or start line ${b.r.line} later.`,
          otherLine: b.r.line,
        });
        reject(b.r, {
          code: 'OVERLAP',
          message: `overlaps line ${a.r.line} (${span(a)} → ${a.r.med_list_codg} and ${span(b)} → ${b.r.med_list_codg})`,
          fix: `Make line ${a.r.line} end before ${b.begin}, or start line ${b.r.line} later.`,
          otherLine: a.r.line,
        });
      } else {
        const f = (a.t === 'file' ? a : b) as FileCand;
        const s = (a.t === 'stored' ? a : b) as Extract<Cand, { t: 'stored' }>;
        reject(f.r, {
          code: 'OVERLAP',
          message: `overlaps ${describeStored(s.s)}`,
          fix:
            s.begin < f.begin
              ? `Start the new mapping after ${s.s.enddate}, or end the stored one first (import it again with an end date).`
              : `End this mapping before ${s.begin}, or import the stored one again with a later start.`,
          otherStored: {
            begndate: s.s.begndate,
            enddate: s.s.enddate,
            med_list_codg: s.s.med_list_codg,
            source: s.s.source,
          },
        });
      }
      changed = true;
    }
  }
  return changed;
}

/**
 * The ends of one item's mappings once the rules hold: codes that fail whatever the interval are
 * settled first; then overlaps and the catalog's days are judged again until no rejection changes
 * what closes what.
 */
function settleItem(
  g: ItemGroup,
  fileCands: readonly FileCand[],
  check: boolean,
  lookup: CatalogLookup,
  rejectedBy: ReadonlyMap<MappingRow, Reason[]>,
  reject: Reject,
): Map<Cand, Day | null> {
  if (check) {
    for (const c of fileCands) {
      if (rejectedBy.has(c.r)) continue;
      for (const reason of catalogReasons(c.r, { begin: c.begin, end: null }, lookup))
        if (reason.code !== 'UNCOVERED_DAYS') reject(c.r, reason);
    }
  }
  let eff = new Map<Cand, Day | null>();
  for (let round = 0; round < 1000; round++) {
    const now = effectiveEnds(g, fileCands, rejectedBy);
    eff = now.eff;
    let changed = rejectOverlaps(now.cands, eff, reject);
    if (!changed && check) {
      for (const c of now.live) {
        for (const reason of catalogReasons(c.r, { begin: c.begin, end: eff.get(c) ?? null }, lookup)) {
          reject(c.r, reason);
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return eff;
}

/** What the settled ends mean: stored mappings closed, file rows added, changed, unchanged (and closed). */
function planItem(plan: MappingPlan, eff: ReadonlyMap<Cand, Day | null>): void {
  const byOf = (end: Day) => [...eff.keys()].find((n) => n.begin === addDays(end, 1));
  for (const [c, end] of eff) {
    if (c.t === 'stored') {
      if (end !== c.end && end !== null) {
        const by = byOf(end);
        plan.closed.push({
          fixmedins_hilist_id: c.s.fixmedins_hilist_id,
          begndate: c.begin,
          med_list_codg: c.s.med_list_codg,
          from: 'stored',
          source: c.s.source,
          oldEnd: c.end,
          newEnd: end,
          byBegin: addDays(end, 1),
          byLine: by?.t === 'file' ? by.r.line : undefined,
        });
      }
      continue;
    }
    if (end !== c.end && end !== null) {
      const by = byOf(end);
      plan.closed.push({
        fixmedins_hilist_id: c.r.fixmedins_hilist_id,
        begndate: c.begin,
        med_list_codg: c.r.med_list_codg,
        from: 'file',
        line: c.r.line,
        oldEnd: c.end,
        newEnd: end,
        byBegin: addDays(end, 1),
        byLine: by?.t === 'file' ? by.r.line : undefined,
      });
    }
    if (!c.replaces) {
      plan.added.push({ row: c.r, enddate: end });
      continue;
    }
    const s = c.replaces;
    const fields: string[] = [];
    if (s.med_list_codg !== c.r.med_list_codg) fields.push('med_list_codg');
    if (s.list_type !== c.r.list_type) fields.push('list_type');
    if (s.fixmedins_hilist_name !== c.r.fixmedins_hilist_name) fields.push('fixmedins_hilist_name');
    if (s.enddate !== end) fields.push('enddate');
    if (JSON.stringify(s.extra) !== JSON.stringify(c.r.extra)) fields.push('extra');
    if (fields.length) plan.changed.push({ before: s, row: c.r, enddate: end, fields });
    else plan.unchanged.push(c.r);
  }
}

/** Every list of the plan in file order (closings by item and start). */
function sortPlan(plan: MappingPlan): void {
  const byLine =
    <T>(f: (x: T) => number) =>
    (a: T, b: T) =>
      f(a) - f(b);
  plan.added.sort(byLine((a) => a.row.line));
  plan.changed.sort(byLine((a) => a.row.line));
  plan.unchanged.sort(byLine((a) => a.line));
  plan.rejected.sort(byLine((a) => a.row.line));
  plan.closed.sort((a, b) =>
    a.fixmedins_hilist_id < b.fixmedins_hilist_id
      ? -1
      : a.fixmedins_hilist_id > b.fixmedins_hilist_id
        ? 1
        : a.begndate < b.begndate
          ? -1
          : 1,
  );
}

/** Plan one import. Rows must already have passed the per-row checks (mappingRow). */
export function planMappings(
  rows: readonly MappingRow[],
  stored: readonly StoredMapping[],
  lookup: CatalogLookup,
  opts: PlanOptions = {},
): MappingPlan {
  const check = opts.checkCatalog !== false;
  const plan: MappingPlan = { added: [], changed: [], closed: [], unchanged: [], rejected: [] };
  const rejectedBy = new Map<MappingRow, Reason[]>();
  const reject: Reject = (r, reason) => {
    const list = rejectedBy.get(r);
    if (list) list.push(reason);
    else rejectedBy.set(r, [reason]);
  };
  const byItem = new Map<string, ItemGroup>();
  for (const r of rows) {
    let g = byItem.get(r.fixmedins_hilist_id);
    if (!g) byItem.set(r.fixmedins_hilist_id, (g = { rows: [], stored: [] }));
    g.rows.push(r);
  }
  for (const s of stored) byItem.get(s.fixmedins_hilist_id)?.stored.push(s);
  for (const g of byItem.values()) {
    rejectSameStart(g, reject);
    const storedByStart = new Map(g.stored.map((s) => [s.begndate, s]));
    const fileCands: FileCand[] = g.rows.map((r) => ({
      t: 'file',
      r,
      begin: r.begndate,
      end: r.enddate,
      replaces: storedByStart.get(r.begndate),
    }));
    planItem(plan, settleItem(g, fileCands, check, lookup, rejectedBy, reject));
  }
  for (const r of rows) {
    const reasons = rejectedBy.get(r);
    if (reasons) plan.rejected.push({ row: r, reasons });
  }
  sortPlan(plan);
  return plan;
}
