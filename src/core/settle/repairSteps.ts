/**
 * The steps of a repair (pure): the HIS statements with their binds — a row void, completed from
 * the center's settlement, marked cancelled, the original and refund rows of a cancellation written
 * as the center holds them — and the center's 2601 reversal; one line describing each.
 */
import { REVERSIBLE_INFNOS } from '../center/index.js';
import { SETTLEMENT_AMOUNTS } from '../his/index.js';
import { hisState } from './classifyStuck.js';
import { isRefundSettlement } from './centerView.js';
import type { CenterSetl, CenterStep, Finding, HisStep, Step } from './types.js';

const INPATIENT = '2304';

export function cancelInfno(f: Finding): '2208' | '2305' {
  if (f.infno === INPATIENT) return '2305';
  if (f.infno === '2207') return '2208';
  return f.center.setl?.clr_type === '21' ? '2305' : '2208';
}

export function voidStep(f: Finding, reason: string): HisStep {
  return {
    kind: 'his',
    statement: 'mark_settlement_void',
    binds: { msgid: f.msgid, reason: reason.slice(0, 200) },
    why: 'the center holds no settlement for it',
  };
}

export function completeStep(f: Finding): HisStep {
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
  return {
    kind: 'his',
    statement: 'complete_settlement',
    binds,
    why: "store the center's settlement in the pending HIS row",
  };
}

const settleInfnoOf = (f: Finding): string =>
  f.infno === '2207' || f.infno === INPATIENT ? f.infno : f.center.setl?.clr_type === '21' ? INPATIENT : '2207';

function markCancelledStep(f: Finding, reason: string): HisStep {
  return {
    kind: 'his',
    statement: 'mark_settlement_cancelled',
    binds: { msgid: f.msgid, setl_id: f.center.setl?.setl_id ?? f.setl_id, reason: reason.slice(0, 200) },
    why: 'the original counts as cancelled, as the center holds it',
  };
}

/** The fields that place a settlement in its group (and its visit), kept alike on both rows of a pair. */
const GROUP_FIELDS = [
  'mdtrt_id',
  'psn_no',
  'insutype',
  'med_type',
  'clr_type',
  'clr_way',
  'clr_optins',
  'setl_optins',
  'in_area_flag',
  'insuplc_admdvs',
] as const;

const text = (v: unknown): string | null =>
  v === null || v === undefined || String(v).trim() === '' ? null : String(v);

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
function rowBinds(
  s: CenterSetl,
  row: {
    his_setl_no: string;
    msgid: string;
    infno: string;
    his_status: string;
    refd_setl_flag: string;
    init_setl_id: string | null;
  },
  group: Record<string, string | null>,
): Record<string, string | null> {
  const sv = s as unknown as Record<string, unknown>;
  const b: Record<string, string | null> = {
    ...row,
    setl_id: s.setl_id,
    setl_time: s.setl_time,
    medins_setl_id: s.medins_setl_id,
    pool_prop_selfpay: s.pool_prop_selfpay,
  };
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
    binds: rowBinds(
      s,
      { his_setl_no, msgid, infno: settleInfnoOf(f), his_status: 'cancelled', refd_setl_flag: '0', init_setl_id: null },
      groupOf(f),
    ),
    why: 'the HIS has no row of the settlement the center holds: write it, as cancelled',
  };
}

/** Binds of the refund row of a pair; its msgid is that of the cancellation call that made it (medins_setl_id). */
function refundBinds(
  refund: CenterSetl,
  infno: string,
  init_setl_id: string | null,
  group: Record<string, string | null>,
): Record<string, string | null> {
  const msgid = refund.medins_setl_id ?? refund.setl_id;
  return rowBinds(
    refund,
    { his_setl_no: `HO${msgid}`, msgid, infno, his_status: 'settled', refd_setl_flag: '1', init_setl_id },
    group,
  );
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
  return {
    kind: 'his',
    statement: 'insert_settlement',
    binds: refundBinds(refund, cancelInfno(f), init, group),
    why: "write the center's refund row of the cancellation",
  };
}

/**
 * Binds of a refund row from the center's answer to the cancellation sent in the same item: its
 * id, time and amounts; the group and visit of the original, stored in the step when planned.
 * An answer whose amounts are not negative is not a refund row: nothing is written (undefined).
 */
export function refundBindsFromAnswer(
  step: HisStep,
  answer: CenterSetl,
  callMsgid: string,
): Record<string, string | null> | undefined {
  if (!isRefundSettlement(answer)) return undefined;
  const fixed = step.binds;
  const group: Record<string, string | null> = {};
  for (const k of GROUP_FIELDS) group[k] = fixed[k] ?? null;
  // The cancellation call's own msgid: a center may echo the original's medins_setl_id in the answer.
  return refundBinds(
    { ...answer, medins_setl_id: callMsgid || answer.medins_setl_id },
    fixed['infno'] ?? '2208',
    fixed['init_setl_id'] ?? null,
    group,
  );
}

/**
 * The HIS steps that make its books hold a cancellation the center holds: the original as
 * cancelled (completed first when pending, written when missing) and the refund row.
 */
export function recordCancelSteps(f: Finding, refund: CenterSetl | null, reason: string): HisStep[] | undefined {
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

export function reverseStep(f: Finding): CenterStep | undefined {
  if (!f.msgid || !f.psn_no || !f.infno || !REVERSIBLE_INFNOS.includes(f.infno)) return undefined;
  return {
    kind: 'center',
    infno: '2601',
    input: { psn_no: f.psn_no, omsgid: f.msgid, oinfno: f.infno },
    why: `reverse the ${f.infno} call msgid ${f.msgid}`,
  };
}

/** One line per step, for tables and confirmations. */
export function describeStep(s: Step): string {
  switch (s.kind) {
    case 'center': {
      const name = s.infno === '2601' ? '2601 冲正' : s.infno === '2208' ? '2208 门诊结算撤销' : '2305 住院结算撤销';
      return `center ${name} ${Object.entries(s.input)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`;
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
