/**
 * Pair the center's 3202 result rows with the HIS rows of the scope and keep what differs. The
 * center's verdict (stmt_rslt) decides whether a pair balances; for a row it marks not balanced
 * the figures decide between "both hold it, amounts differ" and "the center does not hold it"
 * (the center echoes the hospital's own figures for settlements it lacks). Memo texts differ per
 * province and are kept as evidence only. Pure.
 */
import { rowBalanced } from './detailFile.js';
import { DETAIL_FIGURES } from './detailFigures.js';
import type { BalancedLine, Difference, HisSettlement, ResultRow } from './types.js';

export interface MatchResult {
  balanced: number;
  differences: Difference[];
}

function sameFigures(h: HisSettlement, r: ResultRow): boolean {
  return (
    DETAIL_FIGURES.every(({ key }) => r[key] === h[key]) &&
    (r.refd_setl_flag === null || r.refd_setl_flag === h.refd_setl_flag)
  );
}

/** The HIS settlement a center-side duplicate repeats: same person (and visit when given) and refund flag, equal figures preferred. */
function originalOf(r: ResultRow, ofPerson: readonly HisSettlement[]): HisSettlement | null {
  const cands = ofPerson.filter(
    (h) => (r.mdtrt_id === null || h.mdtrt_id === r.mdtrt_id) && h.refd_setl_flag === (r.refd_setl_flag ?? '0'),
  );
  return cands.find((h) => DETAIL_FIGURES.every(({ key }) => h[key] === r[key])) ?? cands[0] ?? null;
}

/**
 * A person's HIS rows, asked for only when a center row is not ours (rare): a scope is tens of
 * thousands of rows, so the first few are found by a pass over them, and an index is made only
 * for more.
 */
function personRows(his: readonly HisSettlement[]): (psn_no: string) => readonly HisSettlement[] {
  let persons: Map<string, HisSettlement[]> | undefined;
  let asked = 0;
  return (psn_no) => {
    if (!persons && ++asked <= SCANS_BEFORE_INDEX) return his.filter((h) => h.psn_no === psn_no);
    if (!persons) {
      persons = new Map();
      for (const h of his) {
        const list = persons.get(h.psn_no);
        if (list) list.push(h);
        else persons.set(h.psn_no, [h]);
      }
    }
    return persons.get(psn_no) ?? [];
  };
}
/** Center rows not ours looked up by a pass over the HIS rows before they are indexed by person. */
const SCANS_BEFORE_INDEX = 8;

/** Each setl_id's first HIS row (its index), and which rows are such a first. */
function firstOfEach(his: readonly HisSettlement[]): { byIndex: Map<string, number>; first: Uint8Array } {
  const byIndex = new Map<string, number>();
  // From the last row back, so that each setl_id is left with its first row: one map call a row.
  for (let i = his.length - 1; i >= 0; i--) byIndex.set(his[i]!.setl_id, i);
  const first = new Uint8Array(his.length);
  for (const i of byIndex.values()) first[i] = 1;
  return { byIndex, first };
}

/**
 * `rows` are the result lines in full; `balanced` the lines the center marked balanced, kept by
 * key only (see parseResultText); `reparse` reads such a line in full when it does not pair with a
 * HIS row of ours (it is then handled like any other line).
 */
export function matchDetail(
  his: readonly HisSettlement[],
  rows: readonly ResultRow[],
  balancedLines: readonly BalancedLine[] = [],
  reparse?: (b: BalancedLine) => ResultRow,
): MatchResult {
  const { byIndex, first } = firstOfEach(his);
  // Marks each setl_id's first row once a line pairs with it (one map lookup a line, no set of keys).
  const seen = new Uint8Array(his.length);
  const rowsOf = personRows(his);
  const differences: Difference[] = [];
  let balanced = 0;
  const full: ResultRow[] = [];
  for (const b of balancedLines) {
    const i = byIndex.get(b.setl_id);
    if (i !== undefined && !seen[i]) {
      seen[i] = 1;
      balanced++;
    } else if (reparse) full.push(reparse(b));
    else throw new Error(`matchDetail: line ${b.line} needs reparse`);
  }
  for (const r of [...full, ...rows]) {
    if (r.problem) {
      // The line names a settlement of ours: it is that settlement's finding (not also "missing from the result").
      const i = r.setl_id !== null ? byIndex.get(r.setl_id) : undefined;
      if (i !== undefined && !seen[i]) {
        seen[i] = 1;
        differences.push({ type: 'bad_row', center: r, his: his[i]! });
      } else differences.push({ type: 'bad_row', center: r });
      continue;
    }
    if (r.setl_id === null) {
      // The center leaves the keys empty when it holds several rows for one settlement of ours.
      differences.push({ type: 'duplicate', center: r, original: originalOf(r, rowsOf(r.psn_no ?? '')) });
      continue;
    }
    const i = byIndex.get(r.setl_id);
    if (i !== undefined) {
      const h = his[i]!;
      if (seen[i]) {
        differences.push({
          type: 'bad_row',
          center: { ...r, problem: `setl_id ${r.setl_id} is listed twice in the result file` },
        });
        continue;
      }
      seen[i] = 1;
      if (rowBalanced(r)) balanced++;
      else if (sameFigures(h, r)) differences.push({ type: 'his_only', his: h, center: r });
      else differences.push({ type: 'mismatch', his: h, center: r });
      continue;
    }
    // Only at the center. Another settlement of a visit and person we hold (same refund flag) is
    // a duplicate at the center even when the province sends its keys.
    const same =
      r.mdtrt_id !== null
        ? rowsOf(r.psn_no ?? '').find(
            (x) => x.mdtrt_id === r.mdtrt_id && x.refd_setl_flag === (r.refd_setl_flag ?? '0'),
          )
        : undefined;
    if (same) differences.push({ type: 'duplicate', center: r, original: same });
    else differences.push({ type: 'center_only', center: r });
  }
  for (let i = 0; i < his.length; i++)
    if (first[i] && !seen[i]) differences.push({ type: 'his_only', his: his[i]!, center: null });
  return { balanced, differences };
}
