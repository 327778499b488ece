/**
 * The suggested repair of each kind of finding: which step of `hisops settle reverse` (or which
 * manual step) brings the two sides together, and whether that one step is certain enough to hand
 * to the stuck-settlement job with `--apply`. Pure.
 *
 * Certain hand-offs are one-sided settlements whose state the stuck-settlement job re-checks with
 * the center (5203) before it acts: a call the HIS never got the answer to or rolled back, a
 * cancellation the HIS has not booked (whoever sent it), a HIS settlement the center confirmed it
 * does not hold. A settlement the HIS voided or nobody here knows needs a person's decision, which
 * is taken by naming it (`settle reverse <setl_id>`, never `--all`); amount differences and
 * duplicates are by hand: the patient's cash is involved. docs/reconcile.md has the table.
 */
import type { FindingKind, Repair } from './types.js';

export interface RepairInput {
  kind: FindingKind;
  cause: string;
  setl_id: string | null;
  msgid: string | null;
  clr_type: string | null;
  /** The original call's infno when known (2207/2304). */
  infno: string | null;
  /** The center answered 5203 for this settlement (presence or absence confirmed). */
  confirmed: boolean;
}

const cancelInfno = (clr: string | null, infno: string | null) => (infno === '2304' || clr === '21' ? '2305' : '2208');
const settleInfno = (clr: string | null, infno: string | null) =>
  infno === '2304' || infno === '2207' ? infno : clr === '21' ? '2304' : '2207';

function repair(
  action: Repair['action'],
  certain: boolean,
  how: string,
  command: string | null,
  infno: string | null,
): Repair {
  return { action, certain, how, command, status: action === 'none' ? 'not_needed' : 'suggested', infno };
}

export function repairFor(f: RepairInput): Repair {
  const id = f.setl_id ?? f.msgid;
  const reverseCmd = id ? `hisops settle reverse ${id}` : null;
  switch (f.kind) {
    case 'center_only':
      return repairCenterOnly(f, id, reverseCmd);
    case 'his_only':
      return repairHisOnly(f, id, reverseCmd);
    case 'center_duplicate':
      // Not a stuck settlement (the HIS holds the original): the extra call is undone at the center by hand.
      if (f.setl_id)
        return repair(
          'cancel_at_center',
          false,
          `The center holds this settlement twice: cancel the extra one (${cancelInfno(f.clr_type, f.infno)} by setl_id ${f.setl_id}) after checking the patient was charged once.`,
          null,
          cancelInfno(f.clr_type, f.infno),
        );
      return repair(
        'reverse_at_center',
        false,
        `The center holds this settlement twice and withholds the extra one's keys: reverse the duplicate call (2601 with omsgid ${f.msgid ?? '?'}, oinfno ${settleInfno(f.clr_type, f.infno)}) after checking the patient was charged once.`,
        null,
        '2601',
      );
    case 'amount_mismatch':
      return repair(
        'store_center_amounts',
        false,
        "Both sides hold the settlement with different figures: store the center's figures in the HIS row (fields listed) and check the fee lines; settle any cash difference with the patient.",
        null,
        null,
      );
    case 'cross_midnight':
      return repair(
        'none',
        true,
        "A timing difference: the center counts the settlement on the day of its own setl_time; the two days balance together. Make the HIS store the center's setl_time.",
        null,
        null,
      );
    case 'refund_other_period':
      return repair(
        'none',
        true,
        'The refund is counted by the center in the period of its own cancellation time; the periods balance together.',
        null,
        null,
      );
    case 'group_mismatch':
      return repair(
        'fix_his_group',
        false,
        'The center holds the settlement under another insurance type, clearing type or agency: correct the HIS row (or reconcile.clrTypeMap / outOfArea).',
        null,
        null,
      );
    default:
      return repair(
        'manual',
        false,
        'Look at the evidence (raw row) and decide by hand; report the row if hisops should recognise it.',
        null,
        null,
      );
  }
}

/** A settlement the center holds and the HIS does not count: by its cause. */
function repairCenterOnly(f: RepairInput, id: string | null, reverseCmd: string | null): Repair {
  switch (f.cause) {
    case 'no_answer':
      return repair(
        'stuck_job',
        f.msgid !== null,
        `The center settled a call the HIS still shows as pending: complete the HIS settlement from the center's answer if the patient paid and left, otherwise cancel it at the center (${cancelInfno(f.clr_type, f.infno)} by setl_id).`,
        f.msgid ? `hisops settle reverse ${f.msgid}` : reverseCmd,
        cancelInfno(f.clr_type, f.infno),
      );
    case 'his_rollback':
      return repair(
        'stuck_job',
        f.msgid !== null,
        `The HIS rolled back after the center settled: cancel the center's settlement (${cancelInfno(f.clr_type, f.infno)} by setl_id), or complete the HIS record if the patient paid.`,
        f.msgid ? `hisops settle reverse ${f.msgid}` : reverseCmd,
        cancelInfno(f.clr_type, f.infno),
      );
    case 'cancel_not_recorded':
      return repair(
        'stuck_job',
        id !== null,
        "The center cancelled the settlement (it holds the original and its refund row); the HIS books neither as such: record the cancellation in the HIS — the original as cancelled, and the center's refund row.",
        reverseCmd,
        null,
      );
    case 'his_void':
      return repair(
        'cancel_at_center',
        false,
        `The HIS marked the settlement void but the center holds it: check with the cashier whether the patient paid. If not, cancel it at the center (${cancelInfno(f.clr_type, f.infno)}) and record the cancellation in the HIS — naming it is the decision: the command plans it, --apply carries it out; otherwise restore the HIS row.`,
        reverseCmd,
        cancelInfno(f.clr_type, f.infno),
      );
    case 'his_missing_setl_id':
      return repair(
        'manual',
        false,
        "The HIS stored the settlement without the center's setl_id: write the setl_id and setl_time from the center's answer (5203) into the HIS row.",
        null,
        null,
      );
    case 'excluded_by_rules':
      return repair(
        'manual',
        false,
        'The HIS holds the settlement but the reconcile rules leave it out (status, refunds or out-of-area): correct the HIS status or reconcile.statuses / refunds / outOfArea in hisops.yaml.',
        null,
        null,
      );
    default:
      // Never part of `settle reverse --all`: naming the settlement is the decision.
      return repair(
        'cancel_at_center',
        false,
        `Neither the HIS nor hisops has any call for this settlement: ask the center whether it is test data or another system's settlement. Only after checking, cancel it there (${cancelInfno(f.clr_type, f.infno)} by setl_id) and record the pair in the HIS: the command plans it, --apply carries it out.`,
        reverseCmd,
        cancelInfno(f.clr_type, f.infno),
      );
  }
}

/** A settlement the HIS counts and the center does not hold: by its cause. */
function repairHisOnly(f: RepairInput, id: string | null, reverseCmd: string | null): Repair {
  switch (f.cause) {
    case 'cancelled_at_center':
      return repair(
        'stuck_job',
        id !== null,
        "The center cancelled the settlement (another terminal, the center's staff, or a repair whose HIS step did not finish): record the cancellation in the HIS — the original as cancelled and the center's refund row; settle any cash with the patient.",
        reverseCmd,
        null,
      );
    case 'pre_settlement':
      return repair(
        'manual',
        false,
        'The HIS kept a pre-settlement (2206/2303) as final: settle the visit for real (2207/2304), or void the HIS row and collect the full amount from the patient.',
        null,
        null,
      );
    default:
      return repair(
        'void_his',
        f.confirmed,
        'The center holds no such settlement (cancelled or reversed there, or never committed): mark the HIS settlement void and collect the insured part from the patient, or settle again.',
        reverseCmd,
        null,
      );
  }
}

/** Repairs `--apply` hands to the stuck-settlement job: certain ones of one-sided settlements. */
export function handedOff(kind: FindingKind, r: Repair): boolean {
  return (
    r.certain &&
    (kind === 'center_only' || kind === 'his_only') &&
    (r.action === 'stuck_job' || r.action === 'void_his')
  );
}
