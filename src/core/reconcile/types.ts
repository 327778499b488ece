/**
 * The records of a reconciliation: the hospital's settlements as the job counts them, the
 * center's 3202 result rows, the differences between the two, the evidence gathered for each and
 * the classified findings with their suggested repair. Plain data, JSON-friendly except the
 * `bigint` fen inside the hot loop (see fen.ts).
 */
import type { Row } from '../his/index.js';

/** One HIS settlement row as the reconciliation counts it (after the province's rules). */
export interface HisSettlement {
  his_setl_no: string | null;
  setl_id: string;
  mdtrt_id: string;
  psn_no: string;
  insutype: string;
  /** The center's clearing type (after reconcile.clrTypeMap). */
  clr_type: string;
  /** The agency the row is reconciled under (after reconcile.outOfArea). */
  setl_optins: string;
  /** The center's settlement time as the HIS stored it. */
  setl_time: string;
  day: string;
  refd_setl_flag: '0' | '1';
  init_setl_id: string | null;
  msgid: string | null;
  infno: string | null;
  his_status: string;
  medfee: bigint;
  /** fund_pay_sumamt after reconcile.hospitalBorne. */
  fund: bigint;
  acct: bigint;
  cash: bigint;
}

/** A HIS row the job cannot count: reported as an "unknown" finding with the raw row. */
export interface HisRowProblem {
  code: 'HIS_NO_SETL_ID' | 'HIS_UNKNOWN_INSUTYPE' | 'HIS_UNKNOWN_CLR_TYPE' | 'HIS_BAD_AMOUNT' | 'HIS_BAD_TIME';
  message: string;
  row: Row;
}

export type ExclusionReason = 'status' | 'refund' | 'out_of_area';

/** A value of settlements_for_reconcile outside the documented set (refd_setl_flag not 0/1, in_area_flag not 0/1/empty). */
export interface OddValue {
  column: 'refd_setl_flag' | 'in_area_flag';
  value: string;
}

/** `value`: what excluded the row (its his_status, refd_setl_flag, or in_area_flag / agency); `odd`: undocumented values the row was read with. */
export type HisRowResult =
  | { kind: 'counted'; s: HisSettlement; odd?: readonly OddValue[] }
  | { kind: 'excluded'; reason: ExclusionReason; value: string; odd?: readonly OddValue[] }
  | { kind: 'problem'; problem: HisRowProblem };

/** One line of the center's 3202 result file, parsed, with the line as it came. */
export interface ResultRow {
  line: number;
  raw: string;
  psn_no: string | null;
  mdtrt_id: string | null;
  setl_id: string | null;
  msgid: string | null;
  stmt_rslt: string | null;
  refd_setl_flag: string | null;
  memo: string | null;
  medfee: bigint | null;
  fund: bigint | null;
  acct: bigint | null;
  /** Why the line does not fit the expected columns (the row becomes an "unknown" finding). */
  problem?: string;
}

/**
 * A line the center marked balanced (stmt_rslt 0) that fits the layout. Only its key is kept: most
 * lines of a result are these, and a full record each would be most of a large run's memory.
 */
export interface BalancedLine {
  line: number;
  raw: string;
  setl_id: string;
}

/** The scope of one 3202 call: a clearing type and an agency over a period (every insutype). */
export interface DetailScope {
  begndate: string;
  enddate: string;
  clr_type: string;
  setl_optins: string;
}

export type Difference =
  /** Both sides hold the settlement; the center marked it not balanced. */
  | { type: 'mismatch'; his: HisSettlement; center: ResultRow }
  /** The HIS holds it; the center answered that it does not (center row may echo the HIS figures) or gave no row. */
  | { type: 'his_only'; his: HisSettlement; center: ResultRow | null }
  /** Only the center holds it (keys present). */
  | { type: 'center_only'; center: ResultRow }
  /** The center holds another settlement of a visit the HIS settled once (keys left empty by the center, or same visit). */
  | { type: 'duplicate'; center: ResultRow; original: HisSettlement | null }
  /** A result line that does not fit the expected columns or values (with the HIS row its setl_id names). */
  | { type: 'bad_row'; center: ResultRow; his?: HisSettlement };

/** What 5203 said about a settlement. */
export type CenterQuery =
  | { ok: true; setlinfo: Record<string, string | number | null> }
  | { ok: false; code: string; err_msg: string | null }
  | { ok: false; code: 'NOT_ASKED'; err_msg: string };

/** Evidence gathered for one difference (every field optional: what could be found). */
export interface Evidence {
  /** The HIS settlement row with this setl_id (full profile columns), when there is one. */
  hisBySetlId?: Row | null;
  /** The HIS settlement whose request carried the center row's msgid. */
  hisByMsgid?: Row | null;
  /** Every HIS settlement of the visit (refunds and duplicates). */
  hisVisit?: Row[];
  /** The HIS's own write-ahead log row of the msgid (profile: center_log_by_msgid). */
  hisLog?: Row | null;
  /** hisops's own write-ahead journal row of the msgid (hisops_center_calls). */
  call?: Record<string, unknown> | null;
  /** 5203 about the settlement. */
  center?: CenterQuery;
  /** A HIS row of the period the job could not count (null setl_id, unknown insutype …) with the same keys. */
  problem?: HisRowProblem;
}

export type FindingKind =
  | 'center_only'
  | 'his_only'
  | 'amount_mismatch'
  | 'center_duplicate'
  | 'refund_other_period'
  | 'cross_midnight'
  | 'group_mismatch'
  | 'unknown';

export const FINDING_KINDS: readonly FindingKind[] = [
  'center_only',
  'his_only',
  'amount_mismatch',
  'center_duplicate',
  'refund_other_period',
  'cross_midnight',
  'group_mismatch',
  'unknown',
];

type RepairAction =
  /** Hand to the stuck-settlement job: it asks the center (5203) and completes the HIS or cancels at the center. */
  | 'stuck_job'
  /** Cancel the center's settlement (2208/2305 by setl_id). */
  | 'cancel_at_center'
  /** Reverse the center's call (2601 by msgid/infno): the settlement id is not known. */
  | 'reverse_at_center'
  /** Mark the HIS settlement void through the profile (the center has none). */
  | 'void_his'
  /** Record the center's cancellation (a refund) in the HIS and settle the cash with the patient. */
  | 'record_refund_in_his'
  /** Store the center's figures in the HIS row and check the fee lines. */
  | 'store_center_amounts'
  /** Correct the HIS row's group fields (insutype, clr_type, agency) or the reconcile rules. */
  | 'fix_his_group'
  /** Nothing to repair: a timing difference that balances over the adjacent period. */
  | 'none'
  | 'manual';

export interface Repair {
  action: RepairAction;
  /** The one right repair is known (and safe to hand to the stuck-settlement job with --apply). */
  certain: boolean;
  /** What to do, in a sentence. */
  how: string;
  /** The hisops command that carries it out, when there is one. */
  command: string | null;
  /** suggested: nothing done · pending: handed to the stuck-settlement job (--apply) · not_needed. */
  status: 'suggested' | 'pending' | 'not_needed';
  /** Center transaction the repair would use. */
  infno: string | null;
}

export interface FieldDiff {
  field: string;
  his: string | null;
  center: string | null;
  /** center − HIS for amounts. */
  diff: string | null;
}

/** What a finding does to one period's totals: center minus HIS. */
export interface Effect {
  begndate: string;
  enddate: string;
  insutype: string | null;
  clr_type: string | null;
  setl_optins: string | null;
  count: number;
  medfee_sumamt: string;
  fund_pay_sumamt: string;
  acct_pay: string;
}

export interface Finding {
  kind: FindingKind;
  /** The cause within the kind (his_rollback, no_answer, reversed_at_center, near_midnight …). */
  cause: string;
  /** First period the finding showed in (merged findings list every period in `effects`). */
  begndate: string;
  enddate: string;
  insutype: string | null;
  clr_type: string | null;
  setl_optins: string | null;
  setl_id: string | null;
  mdtrt_id: string | null;
  psn_no: string | null;
  msgid: string | null;
  /**
   * The other settlement involved: for a center-side duplicate the HIS settlement it repeats; for a
   * settlement cancelled at the center, the center's cancellation (refund) row.
   */
  related_setl_id: string | null;
  refd_setl_flag: string | null;
  his_setl_time: string | null;
  center_setl_time: string | null;
  fields: FieldDiff[];
  effects: Effect[];
  detail: string;
  evidence: {
    his: Row | null;
    center_row: { line: number; raw: string; memo: string | null; stmt_rslt: string | null } | null;
    center_query: CenterQuery | null;
    his_log: Row | null;
    call: Record<string, unknown> | null;
  };
  repair: Repair;
}
