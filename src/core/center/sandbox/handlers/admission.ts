/**
 * Inpatient visits: 2401 admission (the center's mdtrt_id; reversible with 2601), 2402 discharge,
 * 2403 the stay's information changed, 2404 admission cancelled, 2405 discharge cancelled. A person is in one hospital bed at a time
 * per institution; settlement (2304) may come before or after discharge.
 */
import { node, Refusal, text, type Handler } from './context.js';
import { cancelVisit, openVisit, refuseTakenNumber } from './visit.js';
import { insuredPerson, isInpatientMedType, liveSettlements, liveVisit } from './visitRules.js';

export const admit: Handler = (ctx) => {
  const m = node(ctx, 'mdtrtinfo');
  const psn_no = text(m, 'psn_no');
  const insutype = text(m, 'insutype');
  const med_type = text(m, 'med_type');
  if (!isInpatientMedType(med_type))
    throw new Refusal(`医疗类别 ${med_type} 不是住院类别 (an admission takes an inpatient med_type, e.g. 21)`);
  insuredPerson(ctx, psn_no, insutype);
  const inBed = ctx.ledger.visits
    .liveOfPerson(ctx.fixmedins_code, psn_no)
    .find((v) => v.inpatient && v.status === 'open');
  if (inBed)
    throw new Refusal(
      `参保人已在院，不能重复办理入院：mdtrt_id ${inBed.mdtrt_id} (admitted at ${inBed.begntime}; discharge with 2402 or cancel with 2404 first)`,
    );
  const ipt_no = text(m, 'ipt_no');
  refuseTakenNumber(ctx, ipt_no, '住院号', '2404');
  const mdtrt_id = openVisit(ctx, {
    psn_no,
    insutype,
    inpatient: true,
    ipt_otp_no: ipt_no,
    med_type,
    begntime: text(m, 'begntime'),
    dise_codg: text(m, 'dise_codg') || text(m, 'dscg_maindiag_code') || null,
    dise_name: text(m, 'dise_name') || text(m, 'dscg_maindiag_name') || null,
    info: { mdtrtinfo: m, diseinfo: ctx.input.diseinfo ?? [] },
  });
  return { output: { result: { mdtrt_id, psn_no, ipt_otp_no: ipt_no } }, created: { visits: [mdtrt_id] }, psn_no };
};

/** 2403: correct an open stay's admission time, medical type or diagnosis (not after discharge). */
export const changeStay: Handler = (ctx) => {
  const a = node(ctx, 'adminfo');
  const mdtrt_id = text(a, 'mdtrt_id');
  const v = liveVisit(ctx, mdtrt_id, text(a, 'psn_no'), true, false);
  const med_type = text(a, 'med_type');
  if (!isInpatientMedType(med_type))
    throw new Refusal(`医疗类别 ${med_type} 不是住院类别 (a stay keeps an inpatient med_type, e.g. 21)`);
  ctx.ledger.visits.update(mdtrt_id, {
    med_type,
    begntime: text(a, 'begntime'),
    dise_codg: text(a, 'dise_codg') || text(a, 'dscg_maindiag_code') || v.dise_codg,
    dise_name: text(a, 'dise_name') || text(a, 'dscg_maindiag_name') || v.dise_name,
    info: { ...v.info, adminfo: a },
  });
  return { output: {}, psn_no: v.psn_no };
};

export const discharge: Handler = (ctx) => {
  const d = node(ctx, 'dscginfo');
  const mdtrt_id = text(d, 'mdtrt_id');
  const v = liveVisit(ctx, mdtrt_id, text(d, 'psn_no'), true, false);
  const endtime = text(d, 'endtime');
  if (endtime < v.begntime) throw new Refusal(`出院时间早于入院时间：endtime ${endtime} < begntime ${v.begntime}`);
  ctx.ledger.visits.update(mdtrt_id, {
    status: 'discharged',
    endtime,
    dise_codg: text(d, 'dise_codg') || v.dise_codg,
    dise_name: text(d, 'dise_name') || v.dise_name,
    info: { ...v.info, dscginfo: d },
  });
  return { output: {}, psn_no: v.psn_no };
};

export const cancelAdmission: Handler = (ctx) => {
  const d = node(ctx, 'data');
  const mdtrt_id = text(d, 'mdtrt_id');
  const v = liveVisit(ctx, mdtrt_id, text(d, 'psn_no'), true, false);
  cancelVisit(ctx, mdtrt_id, '2305', '2302');
  return { output: {}, psn_no: v.psn_no };
};

export const cancelDischarge: Handler = (ctx) => {
  const d = node(ctx, 'data');
  const mdtrt_id = text(d, 'mdtrt_id');
  const v = liveVisit(ctx, mdtrt_id, text(d, 'psn_no'), true);
  if (v.status !== 'discharged')
    throw new Refusal(`就诊 ${mdtrt_id} 未办理出院，无需撤销 (the patient is still admitted)`);
  const final = liveSettlements(ctx, mdtrt_id).find((r) => r.mid_setl_flag !== '1');
  if (final)
    throw new Refusal(`该就诊已结算，不能撤销出院：setl_id ${final.setl_id} (cancel the settlement with 2305 first)`);
  ctx.ledger.visits.update(mdtrt_id, { status: 'open', endtime: null });
  return { output: {}, psn_no: v.psn_no };
};
