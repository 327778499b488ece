/**
 * The repair of one finding (pure): which center call, which HIS change, in that order.
 *
 * - center_only: complete the HIS row from the center's answer when the HIS has the pending row,
 *   the center's settlement is of the same bill (medfee_sumamt, person) and the settings prefer
 *   completing (the patient has paid and left: the candidate is older than the threshold);
 *   otherwise cancel at the center — 2208 (outpatient) / 2305 (inpatient) when the setl_id is
 *   known, 2601 by the original msgid/infno only when it is not and the transaction is reversible —
 *   and mark a pending HIS row void.
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
import type { CenterStep, Finding, HisStep, PlanItem, RepairKind, Step } from './types.js';

export interface PlanOptions {
  centerOnly: 'complete' | 'cancel';
  /** Recorded in the HIS's void reason. */
  runId?: string;
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
  return msgids.length ? [{ kind: 'resolve', msgids, resolution: `${f.classification}: ${repair}` }] : [];
}

function item(f: Finding, repair: RepairKind, steps: Step[], note: string | null): PlanItem {
  return {
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
    case 'center_only': {
      if (canComplete(f, o)) return item(f, 'complete', [completeStep(f)], null);
      const setl_id = f.center.setl?.setl_id ?? f.setl_id;
      const hisSteps = hisPending && f.msgid ? [voidStep(f, `cancelled at the center${run}`)] : [];
      if (setl_id && f.psn_no && (f.center.setl?.mdtrt_id ?? f.mdtrt_id)) {
        const infno = cancelInfno(f);
        const cancel: CenterStep = {
          kind: 'center',
          infno,
          input: { setl_id, mdtrt_id: (f.center.setl?.mdtrt_id ?? f.mdtrt_id)!, psn_no: f.psn_no },
          why: `cancel settlement ${setl_id} at the center`,
        };
        const why = o.centerOnly === 'complete' && his === 'pending' ? "the center's settlement is not of the HIS bill" : null;
        return item(f, 'cancel', [cancel, ...hisSteps], why ? `not completed: ${why}` : null);
      }
      const rev = reverseStep(f);
      if (rev) return item(f, 'reverse', [rev, ...hisSteps], null);
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
      return s.statement === 'complete_settlement'
        ? `HIS complete_settlement msgid=${s.binds.msgid} setl_id=${s.binds.setl_id} medfee_sumamt=${s.binds.medfee_sumamt} fund_pay_sumamt=${s.binds.fund_pay_sumamt}`
        : `HIS mark_settlement_void msgid=${s.binds.msgid}`;
    case 'resolve':
      return `journal: close ${s.msgids.join(', ')}`;
  }
}
