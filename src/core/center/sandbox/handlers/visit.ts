/**
 * Outpatient visits: 2201 registration (the center's mdtrt_id), 2202 its cancellation, 2203 /
 * 2203A the visit information (medical type, diagnoses) that 5203 answers later.
 */
import { node, Refusal, text, type Handler, type HandlerCtx } from './context.js';
import type { VisitRow } from '../visits.js';
import { insuredPerson, isInpatientMedType, liveSettlements, liveVisit, newMdtrtId } from './visitRules.js';

/** A HIS visit number may name one live visit at a time. */
export function refuseTakenNumber(ctx: HandlerCtx, ipt_otp_no: string, label: string, cancelWith: string): void {
  const taken = ctx.ledger.visits.liveByIptOtpNo(ctx.fixmedins_code, ipt_otp_no);
  if (taken)
    throw new Refusal(
      `${label} ${ipt_otp_no} 已登记：mdtrt_id ${taken.mdtrt_id} (registered at ${taken.created_at}; use a new number or cancel it with ${cancelWith})`,
    );
}

type NewVisit = Pick<
  VisitRow,
  'psn_no' | 'insutype' | 'inpatient' | 'ipt_otp_no' | 'med_type' | 'begntime' | 'dise_codg' | 'dise_name' | 'info'
>;

/** Opens a visit (2201, 2401) under a new mdtrt_id, made by this call and not yet closed. */
export function openVisit(ctx: HandlerCtx, v: NewVisit): string {
  const mdtrt_id = newMdtrtId(ctx);
  ctx.ledger.visits.put({
    ...v,
    mdtrt_id,
    fixmedins_code: ctx.fixmedins_code,
    endtime: null,
    status: 'open',
    msgid: ctx.msgid,
    created_at: ctx.nowText,
    closed_at: null,
    closed_msgid: null,
  });
  return mdtrt_id;
}

export const registerOutpatient: Handler = (ctx) => {
  const d = node(ctx, 'data');
  const psn_no = text(d, 'psn_no');
  const insutype = text(d, 'insutype');
  insuredPerson(ctx, psn_no, insutype);
  const ipt_otp_no = text(d, 'ipt_otp_no');
  refuseTakenNumber(ctx, ipt_otp_no, '门诊号', '2202');
  const mdtrt_id = openVisit(ctx, {
    psn_no,
    insutype,
    inpatient: false,
    ipt_otp_no,
    med_type: null,
    begntime: text(d, 'begntime'),
    dise_codg: null,
    dise_name: null,
    info: { registration: d },
  });
  return { output: { data: { mdtrt_id, psn_no, ipt_otp_no } }, created: { visits: [mdtrt_id] }, psn_no };
};

/** The visit's own state must allow ending it: no live settlement, no fee lines left. */
function refuseBusyVisit(
  ctx: HandlerCtx,
  mdtrt_id: string,
  cancelSettlementWith: string,
  deleteLinesWith: string,
): void {
  const live = liveSettlements(ctx, mdtrt_id)[0];
  if (live)
    throw new Refusal(
      `该就诊已结算，不能撤销：mdtrt_id ${mdtrt_id}，setl_id ${live.setl_id} (cancel the settlement with ${cancelSettlementWith} first)`,
    );
  const lines = ctx.ledger.visits.lines(mdtrt_id);
  if (lines.length)
    throw new Refusal(
      `该就诊存在未撤销的费用明细：mdtrt_id ${mdtrt_id}，${lines.length} 条 (delete them with ${deleteLinesWith} first)`,
    );
}

/** Cancels a visit (2202, 2404) once no settlement and no fee line hangs on it. */
export function cancelVisit(
  ctx: HandlerCtx,
  mdtrt_id: string,
  cancelSettlementWith: string,
  deleteLinesWith: string,
): void {
  refuseBusyVisit(ctx, mdtrt_id, cancelSettlementWith, deleteLinesWith);
  ctx.ledger.visits.update(mdtrt_id, { status: 'cancelled', closed_at: ctx.nowText, closed_msgid: ctx.msgid });
}

export const cancelRegistration: Handler = (ctx) => {
  const d = node(ctx, 'data');
  const mdtrt_id = text(d, 'mdtrt_id');
  const v = liveVisit(ctx, mdtrt_id, text(d, 'psn_no'), false);
  if (v.ipt_otp_no !== text(d, 'ipt_otp_no'))
    throw new Refusal(
      `门诊号与就诊信息不符：mdtrt_id ${mdtrt_id} was registered as ipt_otp_no ${v.ipt_otp_no}, not ${text(d, 'ipt_otp_no')}`,
    );
  cancelVisit(ctx, mdtrt_id, '2208', '2205');
  return { output: {}, psn_no: v.psn_no };
};

export const uploadVisitInfo: Handler = (ctx) => {
  const m = node(ctx, 'mdtrtinfo');
  const mdtrt_id = text(m, 'mdtrt_id');
  const v = liveVisit(ctx, mdtrt_id, text(m, 'psn_no'), false);
  const med_type = text(m, 'med_type');
  if (isInpatientMedType(med_type))
    throw new Refusal(
      `医疗类别 ${med_type} 为住院类别，门诊就诊不能使用 (an outpatient visit takes an outpatient med_type, e.g. 11)`,
    );
  ctx.ledger.visits.update(mdtrt_id, {
    med_type,
    dise_codg: text(m, 'dise_codg') || null,
    dise_name: text(m, 'dise_name') || null,
    info: { ...v.info, mdtrtinfo: m, diseinfo: ctx.input.diseinfo ?? [] },
  });
  return { output: {}, psn_no: v.psn_no };
};
