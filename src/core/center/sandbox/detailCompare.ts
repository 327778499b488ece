/**
 * The center's side of 3202: compare the institution's detail rows with the center's rows of the
 * same period and produce the result file's rows (pure).
 *
 * - A row on both sides (same setl_id): stmt_rslt 0 and memo 平 when medfee_sumamt,
 *   fund_pay_sumamt, acct_pay and refd_setl_flag agree; otherwise 1 and "金额不符" with the
 *   institution's figures in the memo and the center's in the amount columns.
 * - Only at the institution: 1 and the reason the center knows — 中心无此结算, 中心已冲正,
 *   结算时间不在对账期内 (the center settled it on another day), or 清算类别/经办机构不符.
 * - Only at the center: 1 and 医药机构无此结算, with every key and the msgid (for a 2601).
 *   When the institution holds another settlement of the same visit and person, the extra one is
 *   a center-side duplicate: its setl_id and mdtrt_id come back empty, memo 中心端有多条明细, and
 *   the msgid says which call to reverse.
 * Result rows come in the institution's file order, then the center-only rows by setl_time.
 */
import { fenOfText, textOfFen } from '../../money.js';
import type { StmtResultLine, StmtUploadLine } from '../protocol/index.js';
import type { SettlementBrief, SettlementRow } from './ledger.js';

/** An upload line with its amounts in fen (the comparison runs over a day's lines; see money.fenOfText). */
export type UploadLine = StmtUploadLine<number>;

/** What explaining a missing settlement needs of any center row. */
export type SettlementKeys = Pick<
  SettlementRow,
  | 'setl_id'
  | 'fixmedins_code'
  | 'medins_setl_id'
  | 'setl_time'
  | 'clr_type'
  | 'clr_optins'
  | 'reversed_by'
  | 'reversed_at'
>;

export const DETAIL_MEMO = {
  balanced: '平',
  amounts: '金额不符',
  centerMissing: '中心无此结算',
  centerReversed: '中心已冲正',
  outOfPeriod: '结算时间不在对账期内',
  otherGroup: '清算类别或经办机构不符',
  institutionMissing: '医药机构无此结算',
  duplicate: '中心端有多条明细',
} as const;

export interface DetailScope {
  from: string;
  to: string;
  setl_optins: string;
  /** Empty = every clearing type. */
  clr_type: string;
  fixmedins_code: string;
}

function centerRow(c: SettlementBrief, stmt_rslt: string, memo: string, keys = true): StmtResultLine {
  return {
    psn_no: c.psn_no,
    mdtrt_id: keys ? c.mdtrt_id : null,
    setl_id: keys ? c.setl_id : null,
    msgid: c.medins_setl_id,
    stmt_rslt,
    refd_setl_flag: c.refd_setl_flag,
    memo,
    medfee_sumamt: c.medfee_sumamt,
    fund_pay_sumamt: c.fund_pay_sumamt,
    acct_pay: c.acct_pay,
  };
}

function institutionRow(h: UploadLine, memo: string, msgid: string | null = null): StmtResultLine {
  return {
    psn_no: h.psn_no,
    mdtrt_id: h.mdtrt_id,
    setl_id: h.setl_id,
    msgid,
    stmt_rslt: '1',
    refd_setl_flag: h.refd_setl_flag,
    memo,
    medfee_sumamt: textOfFen(h.medfee_sumamt),
    fund_pay_sumamt: textOfFen(h.fund_pay_sumamt),
    acct_pay: textOfFen(h.acct_pay),
  };
}

/**
 * `center` holds the center's rows in scope (period, agency, clearing type, refund filter);
 * `lookup` finds any center row by setl_id (reversed or out of scope) to explain a missing one.
 */
export function compareDetails(
  institution: readonly UploadLine[],
  center: readonly SettlementBrief[],
  lookup: (setl_id: string) => SettlementKeys | undefined,
  scope: DetailScope,
): StmtResultLine[] {
  // Each center row by its index (setl_id is the ledger's key: one row per id), matched rows marked.
  const byId = new Map<string, number>();
  for (let i = 0; i < center.length; i++) byId.set(center[i]!.setl_id, i);
  const matched = new Uint8Array(center.length);
  const out: StmtResultLine[] = [];
  for (const h of institution) {
    const i = byId.get(h.setl_id);
    if (i !== undefined && !matched[i]) {
      matched[i] = 1;
      out.push(matchedRow(center[i]!, h));
      continue;
    }
    out.push(missingRow(h, lookup(h.setl_id), scope));
  }
  const extras = center
    .filter((_, i) => !matched[i])
    .sort((a, b) =>
      a.setl_time === b.setl_time ? a.setl_id.localeCompare(b.setl_id) : a.setl_time.localeCompare(b.setl_time),
    );
  const known = visitsMatched(center, matched, extras);
  for (const c of extras) {
    out.push(
      known.has(visitKey(c))
        ? centerRow(c, '1', DETAIL_MEMO.duplicate, false)
        : centerRow(c, '1', DETAIL_MEMO.institutionMissing),
    );
  }
  return out;
}

const visitKey = (c: { mdtrt_id: string; psn_no: string; refd_setl_flag: string }) =>
  `${c.mdtrt_id}\u0000${c.psn_no}\u0000${c.refd_setl_flag}`;

/**
 * The visits (visit, person, refund flag) of the center-only rows that a matched row also has: only
 * the few matched rows of their visits are keyed, not every matched row of the day.
 */
function visitsMatched(
  center: readonly SettlementBrief[],
  matched: Uint8Array,
  extras: readonly SettlementBrief[],
): Set<string> {
  const known = new Set<string>();
  if (extras.length === 0) return known;
  const visits = new Set(extras.map((c) => c.mdtrt_id));
  for (let i = 0; i < center.length; i++) {
    const c = center[i]!;
    if (matched[i] && visits.has(c.mdtrt_id)) known.add(visitKey(c));
  }
  return known;
}

/** A row on both sides: balanced when the figures and the refund flag agree. */
function matchedRow(c: SettlementBrief, h: UploadLine): StmtResultLine {
  const same =
    fenOfText(c.medfee_sumamt) === h.medfee_sumamt &&
    fenOfText(c.fund_pay_sumamt) === h.fund_pay_sumamt &&
    fenOfText(c.acct_pay) === h.acct_pay &&
    c.refd_setl_flag === h.refd_setl_flag;
  return same
    ? centerRow(c, '0', DETAIL_MEMO.balanced)
    : centerRow(
        c,
        '1',
        `${DETAIL_MEMO.amounts}：机构 medfee_sumamt=${textOfFen(h.medfee_sumamt)} fund_pay_sumamt=${textOfFen(h.fund_pay_sumamt)} acct_pay=${textOfFen(h.acct_pay)} refd_setl_flag=${h.refd_setl_flag}`,
      );
}

/** A row only at the institution, with the reason the center knows (`any`: its row of that id, if any). */
function missingRow(h: UploadLine, any: SettlementKeys | undefined, scope: DetailScope): StmtResultLine {
  if (!any || any.fixmedins_code !== scope.fixmedins_code) return institutionRow(h, DETAIL_MEMO.centerMissing);
  if (any.reversed_by)
    return institutionRow(
      h,
      `${DETAIL_MEMO.centerReversed}：msgid ${any.reversed_by} ${any.reversed_at}`,
      any.medins_setl_id,
    );
  if (any.setl_time.slice(0, 10) < scope.from || any.setl_time.slice(0, 10) > scope.to)
    return institutionRow(h, `${DETAIL_MEMO.outOfPeriod}：中心结算时间 ${any.setl_time}`, any.medins_setl_id);
  return institutionRow(
    h,
    `${DETAIL_MEMO.otherGroup}：中心 clr_type=${any.clr_type} clr_optins=${any.clr_optins}`,
    any.medins_setl_id,
  );
}
