/**
 * The repair of one finding (pure): which center call, which HIS change, in that order.
 *
 * - center_only: complete the HIS row from the center's answer when the HIS has the pending row,
 *   the center's settlement is of the same bill (medfee_sumamt, person) and the settings prefer
 *   completing (the patient has paid and left: the candidate is older than the threshold);
 *   otherwise cancel at the center — 2208 (outpatient) / 2305 (inpatient) when the setl_id is
 *   known, and book the cancellation in the HIS in the same transaction (the original cancelled,
 *   the refund row from the answer) — or 2601 by the original msgid/infno when it is not and the
 *   transaction is reversible, voiding a pending row (a reversal leaves the center nothing). A
 *   settlement the HIS voided, or that nobody here knows, needs a person: planned only when named.
 * - cancel_unrecorded: book the cancellation the center holds (no center call).
 * - his_only: mark the HIS row void (the cash the patient paid is a person's job: noted).
 * - neither: mark the pending HIS row void; with no HIS row, only close the write-ahead entry.
 * - unconfirmed: 2601 by the original msgid (it reverses what the center did, or the center answers
 *   that it never had it), then mark the pending HIS row void.
 * - amounts_differ, unreachable, and anything the rules cannot settle: manual, nothing sent.
 *
 * Every item that ends well closes the write-ahead entry of the original call.
 */
import { REVERSIBLE_INFNOS } from '../center/index.js';
import { SETTLEMENT_AMOUNTS } from '../his/index.js';
import { hisState } from './classifyStuck.js';
import { isRefundRow, isRefundSettlement } from './centerView.js';
import type { CenterSetl, CenterStep, Finding, HisStep, PlanItem, RepairKind, Step } from './types.js';

export interface PlanOptions {
  centerOnly: 'complete' | 'cancel';
  /** Recorded in the HIS's void reason. */
  runId?: string;
  /**
   * The settlements were named one by one (`settle reverse <id>`): naming one is the decision a
   * person must take for it. With `--all` such items are left alone, saying why.
   */
  named?: boolean;
}

const INPATIENT = '2304';

function cancelInfno(f: Finding): '2208' | '2305' {
  if (f.infno === INPATIENT) return '2305';
  if (f.infno === '2207') return '2208';
  return f.center.setl?.clr_type === '21' ? '2305' : '2208';
}

function voidStep(f: Finding, reason: string): HisStep {
  return { kind: 'his', statement: 'mark_settlement_void', binds: { msgid: f.msgid, reason: reason.slice(0, 200) }, why: 'the center holds no settlement for it' };
}

function completeStep(f: Finding): HisStep {
  const s = f.center.setl!;
  const binds: Record<string, string | null> = {
    msgid: f.msgid,
    setl_id: s.setl_id,
    setl_time: s.setl_time,
    mdtrt_id: s.mdtrt_id,
    pool_prop_selfpay: s.pool_prop_selfpay,
    medins_setl_id: s.medins_setl_id,
    clr_optins: s.clr_optins,
    clr_way: s.clr_way,
    clr_type: s.clr_type,
  };
  for (const a of SETTLEMENT_AMOUNTS) binds[a] = s[a];
  return { kind: 'his', statement: 'complete_settlement', binds, why: "store the center's settlement in the pending HIS row" };
}

const settleInfnoOf = (f: Finding): string => (f.infno === '2207' || f.infno === INPATIENT ? f.infno : f.center.setl?.clr_type === '21' ? INPATIENT : '2207');

function markCancelledStep(f: Finding, reason: string): HisStep {
  return { kind: 'his', statement: 'mark_settlement_cancelled', binds: { msgid: f.msgid, setl_id: f.center.setl?.setl_id ?? f.setl_id, reason: reason.slice(0, 200) }, why: 'the original counts as cancelled, as the center holds it' };
}

/** The fields that place a settlement in its group (and its visit), kept alike on both rows of a pair. */
const GROUP_FIELDS = ['mdtrt_id', 'psn_no', 'insutype', 'med_type', 'clr_type', 'clr_way', 'clr_optins', 'setl_optins', 'in_area_flag', 'insuplc_admdvs'] as const;

const text = (v: unknown): string | null => (v === null || v === undefined || String(v).trim() === '' ? null : String(v));

/**
 * The original's group as the HIS books it (its row first: the agency, in-area flag and insured
 * area reconciliation groups by), else as the center holds it. A refund row takes the same, so the
 * two halves of a pair land in the same group.
 */
function groupOf(f: Finding): Record<string, string | null> {
  const h = f.candidate.his;
  const c = f.center.setl as unknown as Record<string, unknown> | null;
  const out: Record<string, string | null> = {};
  for (const k of GROUP_FIELDS) out[k] = text(h?.[k]) ?? text(c?.[k]);
  out.setl_optins = text(h?.setl_optins) ?? text(c?.clr_optins);
  out.mdtrt_id = out.mdtrt_id ?? f.mdtrt_id;
  out.psn_no = out.psn_no ?? f.psn_no;
  return out;
}

/** Binds of a settlement row as the center holds it (insert_settlement): ids, time and amounts of `s`, the group of `group`. */
function rowBinds(s: CenterSetl, row: { his_setl_no: string; msgid: string; infno: string; his_status: string; refd_setl_flag: string; init_setl_id: string | null }, group: Record<string, string | null>): Record<string, string | null> {
  const sv = s as unknown as Record<string, unknown>;
  const b: Record<string, string | null> = { ...row, setl_id: s.setl_id, setl_time: s.setl_time, medins_setl_id: s.medins_setl_id, pool_prop_selfpay: s.pool_prop_selfpay };
  for (const k of GROUP_FIELDS) b[k] = group[k] ?? text(sv[k]);
  if (!b.setl_optins) b.setl_optins = text(s.clr_optins);
  for (const a of SETTLEMENT_AMOUNTS) b[a] = s[a];
  return b;
}

/** The original row of a settlement the HIS lost (rolled back), written as cancelled. */
function insertOriginalStep(f: Finding): HisStep | undefined {
  const s = f.center.setl;
  const msgid = f.msgid ?? s?.medins_setl_id ?? null;
  if (!s || !s.setl_time || !msgid) return undefined;
  const his_setl_no = f.candidate.log?.his_setl_no ?? `HO${msgid}`;
  return {
    kind: 'his',
    statement: 'insert_settlement',
    binds: rowBinds(s, { his_setl_no, msgid, infno: settleInfnoOf(f), his_status: 'cancelled', refd_setl_flag: '0', init_setl_id: null }, groupOf(f)),
    why: 'the HIS has no row of the settlement the center holds: write it, as cancelled',
  };
}

/** Binds of the refund row of a pair; its msgid is that of the cancellation call that made it (medins_setl_id). */
function refundBinds(refund: CenterSetl, infno: string, init_setl_id: string | null, group: Record<string, string | null>): Record<string, string | null> {
  const msgid = refund.medins_setl_id ?? refund.setl_id;
  return rowBinds(refund, { his_setl_no: `HO${msgid}`, msgid, infno, his_status: 'settled', refd_setl_flag: '1', init_setl_id }, group);
}

/** The refund row the center added when it cancelled (known, or from the answer of the cancel in this item). */
function refundRowStep(f: Finding, refund: CenterSetl | null): HisStep {
  const init = f.center.setl?.setl_id ?? f.setl_id;
  const group = groupOf(f);
  if (!refund) {
    return {
      kind: 'his',
      statement: 'insert_settlement',
      binds: { init_setl_id: init, infno: cancelInfno(f), his_status: 'settled', refd_setl_flag: '1', ...group },
      why: "write the center's refund row (from its answer to the cancellation)",
      fromAnswer: 'refund',
    };
  }
  return { kind: 'his', statement: 'insert_settlement', binds: refundBinds(refund, cancelInfno(f), init, group), why: "write the center's refund row of the cancellation" };
}

/**
 * Binds of a refund row from the center's answer to the cancellation sent in the same item: its
 * id, time and amounts; the group and visit of the original, stored in the step when planned.
 * An answer whose amounts are not negative is not a refund row: nothing is written (undefined).
 */
export function refundBindsFromAnswer(step: HisStep, answer: CenterSetl, callMsgid: string): Record<string, string | null> | undefined {
  if (!isRefundSettlement(answer)) return undefined;
  const fixed = step.binds;
  const group: Record<string, string | null> = {};
  for (const k of GROUP_FIELDS) group[k] = fixed[k] ?? null;
  // The cancellation call's own msgid: a center may echo the original's medins_setl_id in the answer.
  return refundBinds({ ...answer, medins_setl_id: callMsgid || answer.medins_setl_id }, fixed['infno'] ?? '2208', fixed['init_setl_id'] ?? null, group);
}

/**
 * The HIS steps that make its books hold a cancellation the center holds: the original as
 * cancelled (completed first when pending, written when missing) and the refund row.
 */
function recordCancelSteps(f: Finding, refund: CenterSetl | null, reason: string): HisStep[] | undefined {
  const his = hisState(f.candidate);
  const pre: HisStep[] = [];
  if (his === 'missing') {
    const orig = insertOriginalStep(f);
    if (!orig) return undefined;
    pre.push(orig);
  } else if (his === 'pending') {
    if (!f.center.setl || !f.center.setl.setl_time || !f.msgid) return undefined;
    pre.push(completeStep(f), markCancelledStep(f, reason));
  } else if (his === 'settled' || his === 'void') {
    if (!f.msgid) return undefined;
    pre.push(markCancelledStep(f, reason));
  }
  return [...pre, ...(f.candidate.hisRefund ? [] : [refundRowStep(f, refund)])];
}

/** A person must decide: the HIS voided it, or nobody here knows the settlement. */
function decisionFor(f: Finding): string | null {
  const his = hisState(f.candidate);
  if (his === 'void') return 'the HIS voided it while the center holds it: check with the cashier whether the patient paid, then cancel it at the center';
  if (his === 'missing' && !f.candidate.call && !f.candidate.log) return 'neither the HIS nor hisops has a call for it (test data at the center, or another system): ask the center, then cancel it there';
  return null;
}

function canComplete(f: Finding, o: PlanOptions): boolean {
  const s = f.center.setl;
  const h = f.candidate.his;
  if (o.centerOnly !== 'complete' || !s || !h || hisState(f.candidate) !== 'pending' || !f.msgid || !s.setl_time) return false;
  const sameBill = h.medfee_sumamt !== null && h.medfee_sumamt !== undefined && String(h.medfee_sumamt) === s.medfee_sumamt;
  const samePerson = !s.psn_no || !h.psn_no || s.psn_no === h.psn_no;
  return sameBill && samePerson;
}

function reverseStep(f: Finding): CenterStep | undefined {
  if (!f.msgid || !f.psn_no || !f.infno || !REVERSIBLE_INFNOS.includes(f.infno)) return undefined;
  return { kind: 'center', infno: '2601', input: { psn_no: f.psn_no, omsgid: f.msgid, oinfno: f.infno }, why: `reverse the ${f.infno} call msgid ${f.msgid}` };
}

function resolveStep(f: Finding, repair: RepairKind): Step[] {
  const msgids = f.candidate.call && !f.candidate.call.resolved_at ? [f.candidate.call.msgid] : [];
  // A cancellation of hisops's whose answer never reached the journal (killed, timed out): booking
  // the cancellation settles what became of it.
  if (repair === 'record_cancel') for (const p of f.candidate.prior) if ((p.infno === '2208' || p.infno === '2305') && (p.status === 'pending' || p.status === 'unknown')) msgids.push(p.msgid);
  return msgids.length ? [{ kind: 'resolve', msgids, resolution: `${f.classification}: ${repair}` }] : [];
}

function item(f: Finding, repair: RepairKind, steps: Step[], note: string | null, decision: string | null = null): PlanItem {
  return {
    decision,
    id: f.id,
    classification: f.classification,
    repair,
    msgid: f.msgid,
    setl_id: f.setl_id,
    psn_no: f.psn_no,
    mdtrt_id: f.mdtrt_id,
    infno: f.infno,
    his_setl_no: f.his_setl_no,
    steps: repair === 'manual' ? [] : [...steps, ...resolveStep(f, repair)],
    note,
  };
}

function manual(f: Finding, note: string): PlanItem {
  return item(f, 'manual', [], note);
}

export function planRepair(f: Finding, o: PlanOptions): PlanItem {
  const his = hisState(f.candidate);
  const run = o.runId ? ` (hisops run ${o.runId})` : '';
  const hisPending = his === 'pending';
  if (his === 'other') return manual(f, `the HIS status "${String(f.candidate.his?.his_status)}" is not one hisops knows; repair it by hand`);
  switch (f.classification) {
    case 'consistent':
      return item(f, 'resolve', [], null);
    case 'amounts_differ':
      return manual(f, `both sides settled it; ${f.deltas.map((d) => `${d.field} HIS ${d.his} / center ${d.center}`).join(', ')}: check the fee lines and correct the HIS by hand`);
    case 'unreachable':
      return manual(f, `the center could not be asked (${f.center.note ?? 'no answer'}); run again when it answers`);
    case 'his_only': {
      if (!f.msgid) return manual(f, 'the HIS row has no msgid to mark it void by');
      const word = f.center_state === 'absent' ? 'has no such settlement' : f.center_state;
      const cash = f.candidate.his?.psn_cash_pay ? `; the patient paid ${String(f.candidate.his.psn_cash_pay)} in cash for a settlement the center does not hold: refund it or collect the insured part by hand` : '';
      return item(f, 'void', [voidStep(f, `center ${word} (5203)${run}`)], `the HIS row becomes void${cash}`);
    }
    case 'neither':
      if (hisPending) {
        if (!f.msgid) return manual(f, 'the pending HIS row has no msgid to mark it void by');
        return item(f, 'void', [voidStep(f, `center never settled it (${f.center.note ?? f.center_state})${run}`)], null);
      }
      return item(f, 'resolve', [], null);
    case 'cancel_unrecorded': {
      const steps = recordCancelSteps(f, f.center.refund ?? null, `cancelled at the center${run}`);
      if (!steps) return manual(f, "the center cancelled it, but hisops lacks the original's figures or msgid to record it: record the cancellation in the HIS by hand");
      if (!f.center.refund && steps.some((st) => st.fromAnswer)) {
        return manual(f, `the center cancelled it, but its refund row is not known to hisops: run hisops reconcile for the day of the cancellation (it finds the refund row), then hisops settle reverse ${f.setl_id ?? f.id}`);
      }
      return item(f, 'record_cancel', steps, null);
    }
    case 'center_only': {
      const decision = decisionFor(f);
      if (decision && !o.named) return item(f, 'manual', [], `needs a decision: ${decision}. To cancel it, name it: hisops settle reverse ${f.setl_id ?? f.id}`, decision);
      if (!decision && canComplete(f, o)) return item(f, 'complete', [completeStep(f)], null);
      // A pending refund row (the HIS's cancellation row) the center holds is completed, never cancelled:
      // a refund cannot be cancelled again.
      if (isRefundRow(f.candidate.his)) {
        if (canComplete(f, { ...o, centerOnly: 'complete' })) return item(f, 'complete', [completeStep(f)], null);
        return manual(f, 'the HIS refund row is pending while the center holds the refund: complete it by hand from the center\'s answer');
      }
      const setl_id = f.center.setl?.setl_id ?? f.setl_id;
      if (setl_id && f.psn_no && (f.center.setl?.mdtrt_id ?? f.mdtrt_id)) {
        const infno = cancelInfno(f);
        const cancel: CenterStep = {
          kind: 'center',
          infno,
          input: { setl_id, mdtrt_id: (f.center.setl?.mdtrt_id ?? f.mdtrt_id)!, psn_no: f.psn_no },
          why: `cancel settlement ${setl_id} at the center`,
        };
        // The HIS books then hold what the center's do: the original as cancelled, and the refund
        // row from the answer (written after it, in the same HIS transaction).
        const record = recordCancelSteps(f, null, `cancelled at the center${run}`);
        if (!record) return manual(f, `the center settled it; hisops lacks its figures to record a cancellation in the HIS: cancel ${setl_id} and record it by hand`);
        const pre = record.filter((st) => !st.fromAnswer);
        const post = record.filter((st) => st.fromAnswer);
        const why = o.centerOnly === 'complete' && his === 'pending' ? "the center's settlement is not of the HIS bill" : null;
        return item(f, 'cancel', [...pre, cancel, ...post], why ? `not completed: ${why}` : null, decision);
      }
      const hisSteps = hisPending && f.msgid ? [voidStep(f, `cancelled at the center${run}`)] : [];
      const rev = reverseStep(f);
      if (rev) return item(f, 'reverse', [rev, ...hisSteps], null, decision);
      return manual(f, `the center settled it but neither its setl_id nor a reversible original call (${f.infno ?? 'infno unknown'}) is known`);
    }
    case 'unconfirmed': {
      if (his === 'settled') return manual(f, 'the HIS shows it settled but has no setl_id to ask the center with; look it up in the HIS');
      const rev = reverseStep(f);
      if (!rev) {
        const why = f.infno && !REVERSIBLE_INFNOS.includes(f.infno) ? `${f.infno} cannot be reversed with 2601 (only ${REVERSIBLE_INFNOS.join(', ')})` : 'the original msgid, psn_no or infno is missing';
        return manual(f, `no setl_id to cancel with and ${why}`);
      }
      const hisSteps = hisPending && f.msgid ? [voidStep(f, `reversed at the center or never settled there (2601)${run}`)] : [];
      return item(f, 'reverse', [rev, ...hisSteps], null);
    }
  }
}

export function planRepairs(findings: readonly Finding[], o: PlanOptions): PlanItem[] {
  return findings.map((f) => planRepair(f, o));
}

/** One line per step, for tables and confirmations. */
export function describeStep(s: Step): string {
  switch (s.kind) {
    case 'center': {
      const name = s.infno === '2601' ? '2601 冲正' : s.infno === '2208' ? '2208 门诊结算撤销' : '2305 住院结算撤销';
      return `center ${name} ${Object.entries(s.input).map(([k, v]) => `${k}=${v}`).join(' ')}`;
    }
    case 'his':
      switch (s.statement) {
        case 'complete_settlement':
          return `HIS complete_settlement msgid=${s.binds.msgid} setl_id=${s.binds.setl_id} medfee_sumamt=${s.binds.medfee_sumamt} fund_pay_sumamt=${s.binds.fund_pay_sumamt}`;
        case 'mark_settlement_cancelled':
          return `HIS mark_settlement_cancelled msgid=${s.binds.msgid}`;
        case 'insert_settlement':
          return s.fromAnswer
            ? `HIS insert_settlement refund row of ${s.binds.init_setl_id} (from the center's answer)`
            : `HIS insert_settlement setl_id=${s.binds.setl_id} ${s.binds.refd_setl_flag === '1' ? `refund of ${s.binds.init_setl_id}` : s.binds.his_status} medfee_sumamt=${s.binds.medfee_sumamt}`;
        default:
          return `HIS mark_settlement_void msgid=${s.binds.msgid}`;
      }
    case 'resolve':
      return `journal: close ${s.msgids.join(', ')}`;
  }
}
