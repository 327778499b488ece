/**
 * The records of the stuck-settlement job. Everything here is plain data (money as strings with
 * two decimals, times as `yyyy-MM-dd HH:mm:ss`) so that findings, plans and audit rows go into
 * JSON and the journal unchanged.
 */
import type { SettlementAmount } from '../his/index.js';

/** Where a candidate came from. */
export type SourceName = 'client_journal' | 'his_pending' | 'his_log' | 'reconcile';

/** The HIS side: its settlement row's status, or `missing` when it has none. */
export type HisState = 'settled' | 'pending' | 'void' | 'cancelled' | 'missing' | 'other';

/** The center side, as far as it could be learned. */
export type CenterState = 'settled' | 'cancelled' | 'reversed' | 'absent' | 'unknown' | 'unreachable';

/**
 * - center_only: the center settled, the HIS did not (pending, rolled back, or marked void)
 * - his_only: the HIS shows it settled, the center cancelled, reversed or never had it
 * - amounts_differ: both settled, with different figures
 * - neither: nobody settled it; only the HIS's pending state (or the write-ahead entry) is left
 * - unconfirmed: no setl_id is known and 5203 could not tell (not asked, or asked by visit and the
 *   visit held nothing of this call); a 2601 reversal by the original msgid settles it either way
 * - unreachable: the center could not be asked (it failed or answered something unexpected)
 * - consistent: nothing is wrong (the write-ahead entry only needs closing)
 */
export type StuckClass =
  | 'center_only'
  | 'his_only'
  | 'cancel_unrecorded'
  | 'amounts_differ'
  | 'neither'
  | 'unconfirmed'
  | 'unreachable'
  | 'consistent';

/**
 * `cancel_unrecorded`: the center cancelled the settlement (2208/2305: its books hold the original
 * and a negative refund row) and the HIS books do not show both (the original still settled,
 * pending, void or missing, or no refund row). Voiding would leave the original's day unbalanced;
 * the repair records the cancellation as the center holds it.
 */
export const STUCK_CLASSES: readonly StuckClass[] = [
  'center_only',
  'his_only',
  'cancel_unrecorded',
  'amounts_differ',
  'neither',
  'unconfirmed',
  'unreachable',
  'consistent',
];

/** A settlement row as the profile returns it (canonical columns, canonical values). */
export type HisRow = Record<string, string | number | null>;

/** A 2207/2304 row of the client's write-ahead journal (hisops_center_calls). */
export interface CallRow {
  msgid: string;
  infno: string;
  status: 'pending' | 'ok' | 'failed' | 'unknown';
  psn_no: string | null;
  mdtrt_id: string | null;
  setl_id: string | null;
  /** ISO time the row was written. */
  created_at: string;
  err_msg: string | null;
  /** The center's answer (JSON) when there was one. */
  output: string | null;
  resolved_at: string | null;
}

/** A row of the HIS's own center-call log without a settlement row (profile orphan_center_calls). */
export interface LogRow {
  msgid: string;
  infno: string;
  his_setl_no: string | null;
  mdtrt_id: string | null;
  psn_no: string | null;
  setl_id: string | null;
  request_time: string | null;
  response_time: string | null;
  log_status: string | null;
  infcode: string | null;
}

/** A one-sided settlement found by the latest reconciliation (read through core/reconcile). */
export interface OneSidedFinding {
  side: 'center_only' | 'his_only';
  setl_id: string | null;
  msgid: string | null;
  mdtrt_id: string | null;
  psn_no: string | null;
  infno: string | null;
  /** Day it was found in (yyyy-MM-dd). */
  day: string | null;
  /** The finding's cause (his_rollback, cancelled_at_center, unknown_to_his …). */
  cause?: string | null;
  /** The center's refund row of a cancellation (setl_id), when the reconciliation saw it. */
  related_setl_id?: string | null;
}

/** A repair hisops sent earlier for this settlement (from the client journal). */
export interface PriorCall {
  infno: '2208' | '2305' | '2601';
  msgid: string;
  status: 'pending' | 'ok' | 'failed' | 'unknown';
  err_msg: string | null;
  created_at: string;
  /** The center's answer (JSON text) when it answered: a cancellation's refund settlement. */
  output?: string | null;
}

export interface Candidate {
  /** The original call's msgid when known (the id people use), else the setl_id. */
  id: string;
  msgid: string | null;
  setl_id: string | null;
  infno: string | null;
  psn_no: string | null;
  mdtrt_id: string | null;
  his_setl_no: string | null;
  /** When it was sent or created (`yyyy-MM-dd HH:mm:ss`, local). */
  at: string | null;
  sources: SourceName[];
  his: HisRow | null;
  call: CallRow | null;
  log: LogRow | null;
  finding: OneSidedFinding | null;
  /** Cancellations (2208/2305) and reversals (2601) hisops sent for it before. */
  prior: PriorCall[];
  /** The center's refund row of a cancellation, when a reconciliation saw it (setl_id). */
  refund_setl_id?: string | null;
  /** The HIS's refund row of this settlement (refd_setl_flag 1, init_setl_id = its setl_id), when it has one. */
  hisRefund?: HisRow | null;
  /** Reconcile's cause for it (unknown_to_his needs a person's decision). */
  cause?: string | null;
}

/** The center's settlement as 5203 (or the original answer) gave it. */
export type CenterSetl = {
  setl_id: string;
  insutype?: string | null;
  med_type?: string | null;
  mdtrt_id: string | null;
  psn_no: string | null;
  setl_time: string | null;
  medins_setl_id: string | null;
  clr_optins: string | null;
  clr_way: string | null;
  clr_type: string | null;
  refd_setl_flag: string | null;
  pool_prop_selfpay: string | null;
} & { [K in SettlementAmount]: string };

/**
 * How 5203 was asked: by the candidate's setl_id, or by its visit (psn_no + mdtrt_id) when no
 * setl_id is known — then the answer may be another settlement of the visit.
 */
export type AskedBy = 'setl_id' | 'visit';

/** What the center answered when asked (before interpretation). `by` defaults to setl_id. */
export type CenterAnswer =
  | { kind: 'setlinfo'; setl: CenterSetl; msgid: string; by?: AskedBy }
  | { kind: 'refused'; err_msg: string; msgid: string | null; by?: AskedBy }
  | { kind: 'error'; code: string; message: string; by?: AskedBy }
  | { kind: 'not_asked'; why: string };

export interface CenterView {
  state: CenterState;
  /** How it is known: the center's 5203 answer, hisops's journal of earlier calls, the HIS's log, or not at all. */
  via: '5203' | 'journal' | 'his_log' | 'none';
  setl: CenterSetl | null;
  /** The center's message or why the state is what it is. */
  note: string | null;
  /** On `cancelled`: the center's refund (cancellation) row, when hisops knows it. */
  refund?: CenterSetl | null;
}

export interface AmountDelta {
  field: string;
  his: string;
  center: string;
  /** center − HIS */
  diff: string;
}

export interface Finding {
  id: string;
  classification: StuckClass;
  msgid: string | null;
  setl_id: string | null;
  infno: string | null;
  psn_no: string | null;
  mdtrt_id: string | null;
  his_setl_no: string | null;
  at: string | null;
  sources: SourceName[];
  his_state: HisState;
  center_state: CenterState;
  center_via: CenterView['via'];
  /** Amounts of the settlement (the center's when it has one, else the HIS's). */
  medfee_sumamt: string | null;
  fund_pay_sumamt: string | null;
  acct_pay: string | null;
  psn_cash_pay: string | null;
  deltas: AmountDelta[];
  /** Why it was classified so, in one sentence. */
  why: string;
  candidate: Candidate;
  center: CenterView;
}

/** One call to the center in a plan. */
export interface CenterStep {
  kind: 'center';
  infno: '2208' | '2305' | '2601';
  input: Record<string, string>;
  why: string;
}

/** One change in the HIS, through a profile statement. */
export interface HisStep {
  kind: 'his';
  statement: 'mark_settlement_void' | 'complete_settlement' | 'mark_settlement_cancelled' | 'insert_settlement';
  /** Binds without `now` (added when applied). */
  binds: Record<string, string | null>;
  why: string;
  /**
   * The refund row of a cancellation hisops sends in the same item: its binds (setl_id, setl_time,
   * amounts, msgid) come from the center's answer, so the step runs after the center step.
   */
  fromAnswer?: 'refund';
}

/** Close the write-ahead entries of the original call. */
export interface ResolveStep {
  kind: 'resolve';
  msgids: string[];
  resolution: string;
}

export type Step = CenterStep | HisStep | ResolveStep;

export type RepairKind = 'complete' | 'cancel' | 'reverse' | 'void' | 'record_cancel' | 'resolve' | 'manual';

export interface PlanItem {
  id: string;
  classification: StuckClass;
  repair: RepairKind;
  msgid: string | null;
  setl_id: string | null;
  psn_no: string | null;
  mdtrt_id: string | null;
  infno: string | null;
  his_setl_no: string | null;
  steps: Step[];
  /** What a person must do (manual items, and what hisops cannot do such as refunding cash). */
  note: string | null;
  /** The same note in Chinese (shown under --lang zh-CN). */
  note_zh: string | null;
  /**
   * A person must decide (the HIS voided it, or neither the HIS nor hisops knows the settlement):
   * `--all` leaves it alone; naming it on the command line plans the repair.
   */
  decision?: string | null;
}

/** How one item ended when applied. */
type ItemOutcome = 'done' | 'refused' | 'locked' | 'stale' | 'unknown' | 'failed' | 'declined' | 'manual';

export interface ItemResult {
  id: string;
  classification: StuckClass;
  repair: RepairKind;
  outcome: ItemOutcome;
  center: { infno: string; msgid: string | null; answer: string; err_msg: string | null } | null;
  his: { statement: string; affected: number | null } | null;
  message: string;
}
