/**
 * 2206/2207 outpatient and 2303/2304 inpatient (pre-)settlement; 2208 / 2305 cancellation as a
 * negative settlement with a new setl_id. The bill is the visit's uploaded fee lines (settleBill.ts);
 * the split decides the fund's and the person's shares. A settlement books the lines it settled; a
 * cancellation gives them back. Pre-settlement answers the same blocks and writes nothing.
 */
import type { Decimal } from '../../../money.js';
import { ZERO } from '../../../money.js';
import { clrTypeForMedType, type NewSettlement, type SettlementRow } from '../ledger.js';
import { LEDGER_AMOUNTS } from '../ledgerSchema.js';
import { personAge, type Person } from '../roster.js';
import { node, Refusal, text, type Handler, type HandlerCtx, type HandlerResult } from './context.js';
import { setldetailOf, setlinfoOf } from './setlinfo.js';
import { settlementBill } from './settleBill.js';
import { insuredPerson, type Bill } from './visitRules.js';
import type { SplitResult } from '../simpleSplit.js';

function answer(row: SettlementRow): Record<string, unknown> {
  return { setlinfo: setlinfoOf(row), setldetail: setldetailOf(row) };
}

/** A second live settlement of the same visit and charge batch (2207) or a second final one (2304). */
function refuseDuplicate(ctx: HandlerCtx, d: Record<string, unknown>, inpatient: boolean): void {
  if (ctx.opts.allowDuplicateSettlements) return;
  const infno = inpatient ? '2304' : '2207';
  const live = ctx.ledger
    .settlementsOfVisit(text(d, 'mdtrt_id'))
    .filter(
      (r) =>
        r.status === 'settled' &&
        r.psn_no === text(d, 'psn_no') &&
        r.fixmedins_code === ctx.fixmedins_code &&
        r.infno === infno,
    );
  const dup = inpatient
    ? live.find((r) => r.mid_setl_flag !== '1' && text(d, 'mid_setl_flag') !== '1')
    : live.find((r) => r.chrg_bchno === text(d, 'chrg_bchno'));
  if (dup) {
    throw new Refusal(
      `该${inpatient ? '就诊' : '收费批次'}已结算，不能重复结算：setl_id ${dup.setl_id}，medins_setl_id ${dup.medins_setl_id} (already settled at ${dup.setl_time}; query it with 5203 or cancel it with ${inpatient ? '2305' : '2208'} before settling again)`,
    );
  }
}

function splitOf(
  ctx: HandlerCtx,
  d: Record<string, unknown>,
  person: Person,
  bill: Bill,
  clr_type: string,
  med_type: string,
): SplitResult {
  return ctx.opts.split({
    psn_no: person.psn_no,
    insutype: text(d, 'insutype'),
    setl_time: ctx.nowText,
    cvlserv_flag: person.cvlserv_flag,
    clr_type,
    med_type,
    psn_type: person.psn_type,
    age: personAge(person, ctx.today),
    medfee_sumamt: bill.medfee_sumamt,
    fulamt_ownpay_amt: bill.fulamt_ownpay_amt,
    overlmt_selfpay: bill.overlmt_selfpay,
    preselfpay_amt: bill.preselfpay_amt,
    inscp_scp_amt: bill.inscp_scp_amt,
    acct_used_flag: text(d, 'acct_used_flag'),
    balc: ctx.ledger.balance(person.psn_no, ctx.today),
    out_of_area: person.insuplc_admdvs !== ctx.opts.admdvs,
  });
}

function rowOf(
  ctx: HandlerCtx,
  d: Record<string, unknown>,
  person: Person,
  split: SplitResult,
  inpatient: boolean,
  setl_id: string,
): NewSettlement {
  const amounts = {} as Record<(typeof LEDGER_AMOUNTS)[number], Decimal>;
  for (const a of LEDGER_AMOUNTS) amounts[a] = (split as unknown as Record<string, Decimal>)[a] ?? ZERO;
  const med_type = inpatient
    ? text(d, 'med_type') || ctx.ledger.visits.get(text(d, 'mdtrt_id'))?.med_type || '21'
    : text(d, 'med_type');
  return {
    ...amounts,
    setl_id,
    fixmedins_code: ctx.fixmedins_code,
    fixmedins_name: ctx.fixmedins_name,
    infno: inpatient ? '2304' : '2207',
    medins_setl_id: ctx.msgid,
    mdtrt_id: text(d, 'mdtrt_id'),
    psn_no: person.psn_no,
    psn_name: person.psn_name,
    psn_cert_type: person.psn_cert_type,
    certno: person.certno,
    gend: person.gend,
    naty: person.naty,
    brdy: person.brdy,
    age: personAge(person, ctx.today),
    insutype: text(d, 'insutype'),
    psn_type: person.psn_type,
    cvlserv_flag: person.cvlserv_flag,
    med_type,
    mdtrt_cert_type: text(d, 'mdtrt_cert_type'),
    psn_setlway: text(d, 'psn_setlway'),
    chrg_bchno: inpatient ? null : text(d, 'chrg_bchno'),
    mid_setl_flag: inpatient ? text(d, 'mid_setl_flag') : null,
    invono: text(d, 'invono') || null,
    clr_type: inpatient ? '21' : clrTypeForMedType(med_type),
    clr_way: '01',
    clr_optins: person.insuplc_admdvs,
    setl_time: ctx.nowText,
    refd_setl_flag: '0',
    pool_prop_selfpay: split.pool_prop_selfpay,
    setldetail: split.setldetail,
    opter: text(ctx.env, 'opter'),
    opter_name: text(ctx.env, 'opter_name'),
    source: 'wire',
    memo: null,
    created_at: ctx.nowText,
  };
}

/** 2207/2304 (book) and 2206/2303 (presettle: the same answer without setl_id and setl_time, nothing written). */
function settle(ctx: HandlerCtx, inpatient: boolean, presettle: boolean): HandlerResult {
  const d = node(ctx, 'data');
  const psn_no = text(d, 'psn_no');
  const med_type = inpatient ? text(d, 'med_type') || '21' : text(d, 'med_type');
  const clr_type = inpatient ? '21' : clrTypeForMedType(med_type);
  if (!inpatient && clr_type === '21')
    throw new Refusal(
      `医疗类别 ${med_type} 为住院类别，请使用 2304 住院结算 (med_type ${med_type} is inpatient: settle it with 2304)`,
    );
  const person = insuredPerson(ctx, psn_no, text(d, 'insutype'));
  refuseDuplicate(ctx, d, inpatient);
  const bill = settlementBill(ctx, inpatient, presettle);
  const split = splitOf(ctx, d, person, bill, clr_type, med_type);
  if (presettle) {
    const setlinfo = setlinfoOf({ ...rowOf(ctx, d, person, split, inpatient, ''), status: 'settled' } as SettlementRow);
    delete setlinfo.setl_id;
    delete setlinfo.setl_time;
    return { output: { setlinfo, setldetail: setldetailOf({ setldetail: split.setldetail } as SettlementRow) } };
  }
  const setl_id = ctx.ledger.newSetlId(ctx.nowText);
  const row = ctx.ledger.putSettlement(rowOf(ctx, d, person, split, inpatient, setl_id));
  if (bill.lines)
    ctx.ledger.visits.book(
      row.mdtrt_id,
      bill.lines.map((l) => l.feedetl_sn),
      setl_id,
    );
  ctx.ledger.setBalance(psn_no, split.balc);
  return { output: answer(row), created: { settlements: [setl_id] }, psn_no };
}

function cancel(ctx: HandlerCtx, inpatient: boolean): HandlerResult {
  const d = node(ctx, 'data');
  const setl_id = text(d, 'setl_id');
  const orig = ctx.ledger.getSettlement(setl_id);
  if (!orig || orig.fixmedins_code !== ctx.fixmedins_code)
    throw new Refusal(
      `结算信息不存在：setl_id ${setl_id} (no settlement ${setl_id} for institution ${ctx.fixmedins_code}; check the id with 5203)`,
    );
  if (orig.mdtrt_id !== text(d, 'mdtrt_id'))
    throw new Refusal(
      `就诊ID与结算信息不符：settlement ${setl_id} belongs to mdtrt_id ${orig.mdtrt_id}, not ${text(d, 'mdtrt_id')}`,
    );
  if (orig.psn_no !== text(d, 'psn_no'))
    throw new Refusal(
      `人员编号与结算信息不符：settlement ${setl_id} belongs to psn_no ${orig.psn_no}, not ${text(d, 'psn_no')}`,
    );
  if (orig.status === 'cancellation')
    throw new Refusal(`${setl_id} 是撤销结算记录，不能再撤销 (it cancels ${orig.orig_setl_id}; nothing to cancel)`);
  if (orig.status === 'reversed')
    throw new Refusal(
      `结算 ${setl_id} 已被冲正 (reversed by msgid ${orig.reversed_by} at ${orig.reversed_at}; nothing to cancel)`,
    );
  if (orig.status === 'cancelled')
    throw new Refusal(`结算 ${setl_id} 已撤销，不能重复撤销 (already cancelled by setl_id ${orig.cancelled_by})`);
  const origInpatient = orig.infno === '2304';
  if (origInpatient !== inpatient) {
    throw new Refusal(
      `结算 ${setl_id} 是${origInpatient ? '住院' : '门诊'}结算，请使用 ${origInpatient ? '2305' : '2208'} 撤销 (settlement ${setl_id} was made by ${orig.infno})`,
    );
  }
  const row = ctx.ledger.cancelSettlement(orig, {
    setl_time: ctx.nowText,
    setl_id: ctx.ledger.newSetlId(ctx.nowText),
    medins_setl_id: ctx.msgid,
    source: 'wire',
    memo: null,
    opter: text(ctx.env, 'opter'),
    opter_name: text(ctx.env, 'opter_name'),
  });
  ctx.ledger.visits.release(orig.setl_id);
  return { output: answer(row), created: { cancellations: [row.setl_id] }, psn_no: orig.psn_no };
}

export const settleOutpatient: Handler = (ctx) => settle(ctx, false, false);
export const settleInpatient: Handler = (ctx) => settle(ctx, true, false);
export const presettleOutpatient: Handler = (ctx) => settle(ctx, false, true);
export const presettleInpatient: Handler = (ctx) => settle(ctx, true, true);
export const cancelOutpatient: Handler = (ctx) => cancel(ctx, false);
export const cancelInpatient: Handler = (ctx) => cancel(ctx, true);
