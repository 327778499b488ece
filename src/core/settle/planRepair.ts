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
import { hisState } from './classifyStuck.js';
import { isRefundRow } from './centerView.js';
import { cancelInfno, completeStep, recordCancelSteps, reverseStep, voidStep } from './repairSteps.js';
import type { CenterStep, Finding, HisState, PlanItem, RepairKind, Step } from './types.js';

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

/** The decision a settlement needs before it is cancelled, [English, Chinese]; null when none. */
function decisionFor(f: Finding): [string, string] | null {
  const his = hisState(f.candidate);
  if (his === 'void')
    return [
      'the HIS voided it while the center holds it: check with the cashier whether the patient paid, then cancel it at the center',
      'HIS 已作废而医保中心仍有该结算：请与收费处确认患者是否缴费，然后在医保中心撤销',
    ];
  if (his === 'missing' && !f.candidate.call && !f.candidate.log)
    return [
      'neither the HIS nor hisops has a call for it (test data at the center, or another system): ask the center, then cancel it there',
      'HIS 和 hisops 都没有该结算的交易（医保中心的测试数据或其他系统的结算）：请先向医保中心确认，再在中心撤销',
    ];
  return null;
}

function canComplete(f: Finding, o: PlanOptions): boolean {
  const s = f.center.setl;
  const h = f.candidate.his;
  if (o.centerOnly !== 'complete' || !s || !h || hisState(f.candidate) !== 'pending' || !f.msgid || !s.setl_time)
    return false;
  const sameBill =
    h.medfee_sumamt !== null && h.medfee_sumamt !== undefined && String(h.medfee_sumamt) === s.medfee_sumamt;
  const samePerson = !s.psn_no || !h.psn_no || s.psn_no === h.psn_no;
  return sameBill && samePerson;
}

function resolveStep(f: Finding, repair: RepairKind): Step[] {
  const msgids = f.candidate.call && !f.candidate.call.resolved_at ? [f.candidate.call.msgid] : [];
  // A cancellation of hisops's whose answer never reached the journal (killed, timed out): booking
  // the cancellation settles what became of it.
  if (repair === 'record_cancel')
    for (const p of f.candidate.prior)
      if ((p.infno === '2208' || p.infno === '2305') && (p.status === 'pending' || p.status === 'unknown'))
        msgids.push(p.msgid);
  return msgids.length ? [{ kind: 'resolve', msgids, resolution: `${f.classification}: ${repair}` }] : [];
}

/** `note` is [English, Chinese]. */
function item(
  f: Finding,
  repair: RepairKind,
  steps: Step[],
  note: [string, string] | null,
  decision: string | null = null,
): PlanItem {
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
    note: note?.[0] ?? null,
    note_zh: note?.[1] ?? null,
  };
}

function manual(f: Finding, note: [string, string]): PlanItem {
  return item(f, 'manual', [], note);
}

export function planRepair(f: Finding, o: PlanOptions): PlanItem {
  const his = hisState(f.candidate);
  const run = o.runId ? ` (hisops run ${o.runId})` : '';
  if (his === 'other')
    return manual(f, [
      `the HIS status "${String(f.candidate.his?.his_status)}" is not one hisops knows; repair it by hand`,
      `HIS 状态“${String(f.candidate.his?.his_status)}”不是 hisops 认识的状态；请人工处理`,
    ]);
  switch (f.classification) {
    case 'consistent':
      return item(f, 'resolve', [], null);
    case 'amounts_differ':
      return manual(f, [
        `both sides settled it; ${f.deltas.map((d) => `${d.field} HIS ${d.his} / center ${d.center}`).join(', ')}: check the fee lines and correct the HIS by hand`,
        `双方都已结算；${f.deltas.map((d) => `${d.field} HIS ${d.his} / 中心 ${d.center}`).join('，')}：请核对费用明细并人工更正 HIS`,
      ]);
    case 'unreachable':
      return manual(f, [
        `the center could not be asked (${f.center.note ?? 'no answer'}); run again when it answers`,
        `无法向医保中心查询（${f.center.note ?? '无应答'}）；请在中心恢复应答后再次运行`,
      ]);
    case 'his_only':
      return planHisOnly(f, run);
    case 'neither':
      return planNeither(f, his === 'pending', run);
    case 'cancel_unrecorded':
      return planCancelUnrecorded(f, run);
    case 'center_only':
      return planCenterOnly(f, o, his, run);
    case 'unconfirmed':
      return planUnconfirmed(f, his, run);
  }
}

/** The HIS settled it, the center holds nothing: the HIS row becomes void. */
function planHisOnly(f: Finding, run: string): PlanItem {
  if (!f.msgid)
    return manual(f, ['the HIS row has no msgid to mark it void by', 'HIS 记录没有 msgid，无法据此标记作废']);
  const word = f.center_state === 'absent' ? 'has no such settlement' : f.center_state;
  const paid = f.candidate.his?.psn_cash_pay ? String(f.candidate.his.psn_cash_pay) : null;
  const cash = paid
    ? `; the patient paid ${paid} in cash for a settlement the center does not hold: refund it or collect the insured part by hand`
    : '';
  const cashZh = paid ? `；患者为一笔医保中心没有的结算支付了现金 ${paid}：请人工退还，或收回医保支付部分` : '';
  return item(
    f,
    'void',
    [voidStep(f, `center ${word} (5203)${run}`)],
    [`the HIS row becomes void${cash}`, `HIS 记录将标记为作废${cashZh}`],
  );
}

/** Neither side settled it: a pending HIS row becomes void, anything else is only resolved. */
function planNeither(f: Finding, hisPending: boolean, run: string): PlanItem {
  if (!hisPending) return item(f, 'resolve', [], null);
  if (!f.msgid)
    return manual(f, [
      'the pending HIS row has no msgid to mark it void by',
      '待确认的 HIS 记录没有 msgid，无法据此标记作废',
    ]);
  return item(f, 'void', [voidStep(f, `center never settled it (${f.center.note ?? f.center_state})${run}`)], null);
}

/** The center cancelled it and the HIS does not know: record the cancellation in the HIS. */
function planCancelUnrecorded(f: Finding, run: string): PlanItem {
  const steps = recordCancelSteps(f, f.center.refund ?? null, `cancelled at the center${run}`);
  if (!steps)
    return manual(f, [
      "the center cancelled it, but hisops lacks the original's figures or msgid to record it: record the cancellation in the HIS by hand",
      '医保中心已撤销，但 hisops 缺少原结算的金额或 msgid，无法记账：请在 HIS 中人工记录撤销',
    ]);
  if (!f.center.refund && steps.some((st) => st.fromAnswer)) {
    return manual(f, [
      `the center cancelled it, but its refund row is not known to hisops: run hisops reconcile for the day of the cancellation (it finds the refund row), then hisops settle reverse ${f.setl_id ?? f.id}`,
      `医保中心已撤销，但 hisops 不知道其退费行：请对撤销当天运行 hisops reconcile（会找到退费行），然后运行 hisops settle reverse ${f.setl_id ?? f.id}`,
    ]);
  }
  return item(f, 'record_cancel', steps, null);
}

/** The center settled it and the HIS did not: complete the HIS row, or cancel (or reverse) at the center. */
function planCenterOnly(f: Finding, o: PlanOptions, his: HisState, run: string): PlanItem {
  const decision = decisionFor(f);
  if (decision && !o.named) {
    const note: [string, string] = [
      `needs a decision: ${decision[0]}. To cancel it, name it: hisops settle reverse ${f.setl_id ?? f.id}`,
      `需要人工决定：${decision[1]}。要撤销，请指名处理：hisops settle reverse ${f.setl_id ?? f.id}`,
    ];
    return item(f, 'manual', [], note, decision[0]);
  }
  if (!decision && canComplete(f, o)) return item(f, 'complete', [completeStep(f)], null);
  // A pending refund row (the HIS's cancellation row) the center holds is completed, never cancelled:
  // a refund cannot be cancelled again.
  if (isRefundRow(f.candidate.his)) {
    if (canComplete(f, { ...o, centerOnly: 'complete' })) return item(f, 'complete', [completeStep(f)], null);
    return manual(f, [
      "the HIS refund row is pending while the center holds the refund: complete it by hand from the center's answer",
      'HIS 的退费行仍为待确认，而医保中心已有该退费：请按中心应答人工补记',
    ]);
  }
  const setl_id = f.center.setl?.setl_id ?? f.setl_id;
  if (setl_id && f.psn_no && (f.center.setl?.mdtrt_id ?? f.mdtrt_id))
    return planCancelAtCenter(f, o, his, run, setl_id, decision);
  const hisSteps = his === 'pending' && f.msgid ? [voidStep(f, `cancelled at the center${run}`)] : [];
  const rev = reverseStep(f);
  if (rev) return item(f, 'reverse', [rev, ...hisSteps], null, decision?.[0] ?? null);
  return manual(f, [
    `the center settled it but neither its setl_id nor a reversible original call (${f.infno ?? 'infno unknown'}) is known`,
    `医保中心已结算，但既不知道其 setl_id，也不知道可冲正的原交易（${f.infno ?? 'infno 未知'}）`,
  ]);
}

/** Cancel a settlement the center holds (2208/2305), and record the cancellation in the HIS around the call. */
function planCancelAtCenter(
  f: Finding,
  o: PlanOptions,
  his: HisState,
  run: string,
  setl_id: string,
  decision: [string, string] | null,
): PlanItem {
  const cancel: CenterStep = {
    kind: 'center',
    infno: cancelInfno(f),
    input: { setl_id, mdtrt_id: (f.center.setl?.mdtrt_id ?? f.mdtrt_id)!, psn_no: f.psn_no! },
    why: `cancel settlement ${setl_id} at the center`,
  };
  // The HIS books then hold what the center's do: the original as cancelled, and the refund
  // row from the answer (written after it, in the same HIS transaction).
  const record = recordCancelSteps(f, null, `cancelled at the center${run}`);
  if (!record)
    return manual(f, [
      `the center settled it; hisops lacks its figures to record a cancellation in the HIS: cancel ${setl_id} and record it by hand`,
      `医保中心已结算；hisops 缺少其金额，无法在 HIS 中记录撤销：请人工撤销 ${setl_id} 并记账`,
    ]);
  const pre = record.filter((st) => !st.fromAnswer);
  const post = record.filter((st) => st.fromAnswer);
  const notOurs = o.centerOnly === 'complete' && his === 'pending';
  const note: [string, string] | null = notOurs
    ? ["not completed: the center's settlement is not of the HIS bill", '未补记：医保中心的结算与 HIS 账单不符']
    : null;
  return item(f, 'cancel', [...pre, cancel, ...post], note, decision?.[0] ?? null);
}

/** Nobody knows whether the center settled it: reverse the original call (2601). */
function planUnconfirmed(f: Finding, his: HisState, run: string): PlanItem {
  if (his === 'settled')
    return manual(f, [
      'the HIS shows it settled but has no setl_id to ask the center with; look it up in the HIS',
      'HIS 显示已结算，但没有可用于向医保中心查询的 setl_id；请在 HIS 中查找',
    ]);
  const rev = reverseStep(f);
  if (!rev) {
    const notReversible = f.infno && !REVERSIBLE_INFNOS.includes(f.infno);
    const why = notReversible
      ? `${f.infno} cannot be reversed with 2601 (only ${REVERSIBLE_INFNOS.join(', ')})`
      : 'the original msgid, psn_no or infno is missing';
    const whyZh = notReversible
      ? `${f.infno} 不能用 2601 冲正（只有 ${REVERSIBLE_INFNOS.join('、')} 可以）`
      : '缺少原交易的 msgid、psn_no 或 infno';
    return manual(f, [`no setl_id to cancel with and ${why}`, `没有可用于撤销的 setl_id，且${whyZh}`]);
  }
  const hisSteps =
    his === 'pending' && f.msgid ? [voidStep(f, `reversed at the center or never settled there (2601)${run}`)] : [];
  return item(f, 'reverse', [rev, ...hisSteps], null);
}

export function planRepairs(findings: readonly Finding[], o: PlanOptions): PlanItem[] {
  return findings.map((f) => planRepair(f, o));
}
