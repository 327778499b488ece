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
  const byId = new Map(center.map((c) => [c.setl_id, c]));
  const matched = new Set<string>();
  const out: StmtResultLine[] = [];
  for (const h of institution) {
    const c = byId.get(h.setl_id);
    if (c && !matched.has(c.setl_id)) {
      matched.add(c.setl_id);
      const same =
        fenOfText(c.medfee_sumamt) === h.medfee_sumamt &&
        fenOfText(c.fund_pay_sumamt) === h.fund_pay_sumamt &&
        fenOfText(c.acct_pay) === h.acct_pay &&
        c.refd_setl_flag === h.refd_setl_flag;
      out.push(
        same
          ? centerRow(c, '0', DETAIL_MEMO.balanced)
          : centerRow(
              c,
              '1',
              `${DETAIL_MEMO.amounts}：机构 medfee_sumamt=${textOfFen(h.medfee_sumamt)} fund_pay_sumamt=${textOfFen(h.fund_pay_sumamt)} acct_pay=${textOfFen(h.acct_pay)} refd_setl_flag=${h.refd_setl_flag}`,
            ),
      );
      continue;
    }
    const any = lookup(h.setl_id);
    if (!any || any.fixmedins_code !== scope.fixmedins_code) out.push(institutionRow(h, DETAIL_MEMO.centerMissing));
    else if (any.reversed_by)
      out.push(
        institutionRow(
          h,
          `${DETAIL_MEMO.centerReversed}：msgid ${any.reversed_by} ${any.reversed_at}`,
          any.medins_setl_id,
        ),
      );
    else if (any.setl_time.slice(0, 10) < scope.from || any.setl_time.slice(0, 10) > scope.to) {
      out.push(institutionRow(h, `${DETAIL_MEMO.outOfPeriod}：中心结算时间 ${any.setl_time}`, any.medins_setl_id));
    } else
      out.push(
        institutionRow(
          h,
          `${DETAIL_MEMO.otherGroup}：中心 clr_type=${any.clr_type} clr_optins=${any.clr_optins}`,
          any.medins_setl_id,
        ),
      );
  }
  const visitKey = (c: { mdtrt_id: string; psn_no: string; refd_setl_flag: string }) =>
    `${c.mdtrt_id}\u0000${c.psn_no}\u0000${c.refd_setl_flag}`;
  const knownVisits = new Set(center.filter((c) => matched.has(c.setl_id)).map(visitKey));
  const extras = center
    .filter((c) => !matched.has(c.setl_id))
    .sort((a, b) =>
      a.setl_time === b.setl_time ? a.setl_id.localeCompare(b.setl_id) : a.setl_time.localeCompare(b.setl_time),
    );
  for (const c of extras) {
    out.push(
      knownVisits.has(visitKey(c))
        ? centerRow(c, '1', DETAIL_MEMO.duplicate, false)
        : centerRow(c, '1', DETAIL_MEMO.institutionMissing),
    );
  }
  return out;
}
