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
export type StuckClass = 'center_only' | 'his_only' | 'amounts_differ' | 'neither' | 'unconfirmed' | 'unreachable' | 'consistent';

export const STUCK_CLASSES: readonly StuckClass[] = ['center_only', 'his_only', 'amounts_differ', 'neither', 'unconfirmed', 'unreachable', 'consistent'];

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
}

/** A repair hisops sent earlier for this settlement (from the client journal). */
export interface PriorCall {
  infno: '2208' | '2305' | '2601';
  msgid: string;
  status: 'pending' | 'ok' | 'failed' | 'unknown';
  err_msg: string | null;
  created_at: string;
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
}

/** The center's settlement as 5203 (or the original answer) gave it. */
export type CenterSetl = {
  setl_id: string;
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
  statement: 'mark_settlement_void' | 'complete_settlement';
  /** Binds without `now` (added when applied). */
  binds: Record<string, string | null>;
  why: string;
}

/** Close the write-ahead entries of the original call. */
export interface ResolveStep {
  kind: 'resolve';
  msgids: string[];
  resolution: string;
}

export type Step = CenterStep | HisStep | ResolveStep;

export type RepairKind = 'complete' | 'cancel' | 'reverse' | 'void' | 'resolve' | 'manual';

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
}

/** How one item ended when applied. */
export type ItemOutcome = 'done' | 'refused' | 'locked' | 'stale' | 'unknown' | 'failed' | 'declined' | 'manual';

export interface ItemResult {
  id: string;
  classification: StuckClass;
  repair: RepairKind;
  outcome: ItemOutcome;
  center: { infno: string; msgid: string | null; answer: string; err_msg: string | null } | null;
  his: { statement: string; affected: number | null } | null;
  message: string;
}
