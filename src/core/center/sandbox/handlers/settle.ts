/**
 * 2207 outpatient and 2304 inpatient settlement; 2208 / 2305 cancellation as a negative settlement
 * with a new setl_id. The bill is the request's own amounts (the sandbox keeps no fee lines): the
 * four parts must add up to medfee_sumamt, and the split decides the fund's and the person's shares.
 */
import { money, ZERO, type Decimal } from '../../../money.js';
import { clrTypeForMedType, type SettlementRow } from '../ledger.js';
import { LEDGER_AMOUNTS } from '../ledgerSchema.js';
import { certnoInPsnNo, personAge, withInsutype } from '../roster.js';
import { node, Refusal, text, type Handler, type HandlerCtx, type HandlerResult } from './context.js';
import { setldetailOf, setlinfoOf } from './setlinfo.js';

function amount(d: Record<string, unknown>, k: string): Decimal {
  const v = d[k];
  return v === undefined || v === null || v === '' ? ZERO : money(v as string | number);
}

function answer(row: SettlementRow): Record<string, unknown> {
  return { setlinfo: setlinfoOf(row), setldetail: setldetailOf(row) };
}

function settle(ctx: HandlerCtx, inpatient: boolean): HandlerResult {
  const d = node(ctx, 'data');
  const psn_no = text(d, 'psn_no');
  const mdtrt_id = text(d, 'mdtrt_id');
  const insutype = text(d, 'insutype');
  const med_type = inpatient ? text(d, 'med_type') || '21' : text(d, 'med_type');
  const clr_type = inpatient ? '21' : clrTypeForMedType(med_type);
  if (!inpatient && clr_type === '21') throw new Refusal(`医疗类别 ${med_type} 为住院类别，请使用 2304 住院结算 (med_type ${med_type} is inpatient: settle it with 2304)`);

  const parts = ['fulamt_ownpay_amt', 'overlmt_selfpay', 'preselfpay_amt', 'inscp_scp_amt'] as const;
  const medfee = amount(d, 'medfee_sumamt');
  const values = Object.fromEntries(parts.map((k) => [k, amount(d, k)])) as Record<(typeof parts)[number], Decimal>;
  for (const k of ['medfee_sumamt', ...parts]) {
    if (amount(d, k).isNegative()) throw new Refusal(`${k} 不能为负数 (${k} must not be negative; refunds are cancellations: 2208/2305)`);
  }
  const partsSum = parts.reduce((acc, k) => acc.plus(values[k]), ZERO);
  if (!partsSum.eq(medfee)) {
    throw new Refusal(
      `医疗费总额与明细合计不符：medfee_sumamt ${medfee.toFixed(2)} ≠ fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt + inscp_scp_amt = ${partsSum.toFixed(2)} (send the amounts of the pre-settlement)`,
    );
  }

  const known = ctx.ledger.hasPerson(psn_no) || certnoInPsnNo(psn_no) !== undefined;
  let person = ctx.ledger.person(psn_no, ctx.today);
  if (!person.insured) throw new Refusal(`参保人 ${psn_no} 无有效参保信息 (the person is not insured)`);
  if (person.insutype !== insutype) {
    if (known) throw new Refusal(`参保人 ${psn_no} 无险种 ${insutype} 的参保信息 (the person is insured under ${person.insutype}; check 1101 insuinfo)`);
    // First sight of a person by psn_no: the request decides their insurance type.
    person = withInsutype(person, insutype, ctx.today);
    ctx.ledger.updatePerson(person);
  }

  if (!ctx.opts.allowDuplicateSettlements) {
    const chrg_bchno = text(d, 'chrg_bchno');
    const live = ctx.ledger
      .settlementsOfVisit(mdtrt_id)
      .filter((r) => r.status === 'settled' && r.psn_no === psn_no && r.fixmedins_code === ctx.fixmedins_code && r.infno === ctx.infno);
    const dup = inpatient ? live.find((r) => r.mid_setl_flag !== '1' && text(d, 'mid_setl_flag') !== '1') : live.find((r) => r.chrg_bchno === chrg_bchno);
    if (dup) {
      throw new Refusal(
        `该${inpatient ? '就诊' : '收费批次'}已结算，不能重复结算：setl_id ${dup.setl_id}，medins_setl_id ${dup.medins_setl_id} (already settled at ${dup.setl_time}; query it with 5203 or cancel it with ${inpatient ? '2305' : '2208'} before settling again)`,
      );
    }
  }

  const balcBefore = ctx.ledger.balance(psn_no, ctx.today);
  const split = ctx.opts.split({
    psn_no,
    insutype,
    setl_time: ctx.nowText,
    cvlserv_flag: person.cvlserv_flag,
    clr_type,
    med_type,
    psn_type: person.psn_type,
    age: personAge(person, ctx.today),
    medfee_sumamt: medfee,
    ...values,
    acct_used_flag: text(d, 'acct_used_flag'),
    balc: balcBefore,
    out_of_area: person.insuplc_admdvs !== ctx.opts.admdvs,
  });
  const amounts = {} as Record<(typeof LEDGER_AMOUNTS)[number], Decimal>;
  for (const a of LEDGER_AMOUNTS) amounts[a] = (split as unknown as Record<string, Decimal>)[a] ?? ZERO;

  const setl_id = ctx.ledger.newSetlId(ctx.nowText);
  const row = ctx.ledger.putSettlement({
    ...amounts,
    setl_id,
    fixmedins_code: ctx.fixmedins_code,
    fixmedins_name: ctx.fixmedins_name,
    infno: ctx.infno,
    medins_setl_id: ctx.msgid,
    mdtrt_id,
    psn_no,
    psn_name: person.psn_name,
    psn_cert_type: person.psn_cert_type,
    certno: person.certno,
    gend: person.gend,
    naty: person.naty,
    brdy: person.brdy,
    age: personAge(person, ctx.today),
    insutype,
    psn_type: person.psn_type,
    cvlserv_flag: person.cvlserv_flag,
    med_type,
    mdtrt_cert_type: text(d, 'mdtrt_cert_type'),
    psn_setlway: text(d, 'psn_setlway'),
    chrg_bchno: inpatient ? null : text(d, 'chrg_bchno'),
    mid_setl_flag: inpatient ? text(d, 'mid_setl_flag') : null,
    invono: text(d, 'invono') || null,
    clr_type,
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
  });
  ctx.ledger.setBalance(psn_no, split.balc);
  return { output: answer(row), created: { settlements: [setl_id] }, psn_no };
}

function cancel(ctx: HandlerCtx, inpatient: boolean): HandlerResult {
  const d = node(ctx, 'data');
  const setl_id = text(d, 'setl_id');
  const orig = ctx.ledger.getSettlement(setl_id);
  if (!orig || orig.fixmedins_code !== ctx.fixmedins_code) throw new Refusal(`结算信息不存在：setl_id ${setl_id} (no settlement ${setl_id} for institution ${ctx.fixmedins_code}; check the id with 5203)`);
  if (orig.mdtrt_id !== text(d, 'mdtrt_id')) throw new Refusal(`就诊ID与结算信息不符：settlement ${setl_id} belongs to mdtrt_id ${orig.mdtrt_id}, not ${text(d, 'mdtrt_id')}`);
  if (orig.psn_no !== text(d, 'psn_no')) throw new Refusal(`人员编号与结算信息不符：settlement ${setl_id} belongs to psn_no ${orig.psn_no}, not ${text(d, 'psn_no')}`);
  if (orig.status === 'cancellation') throw new Refusal(`${setl_id} 是撤销结算记录，不能再撤销 (it cancels ${orig.orig_setl_id}; nothing to cancel)`);
  if (orig.status === 'reversed') throw new Refusal(`结算 ${setl_id} 已被冲正 (reversed by msgid ${orig.reversed_by} at ${orig.reversed_at}; nothing to cancel)`);
  if (orig.status === 'cancelled') throw new Refusal(`结算 ${setl_id} 已撤销，不能重复撤销 (already cancelled by setl_id ${orig.cancelled_by})`);
  const origInpatient = orig.infno === '2304';
  if (origInpatient !== inpatient) {
    throw new Refusal(`结算 ${setl_id} 是${origInpatient ? '住院' : '门诊'}结算，请使用 ${origInpatient ? '2305' : '2208'} 撤销 (settlement ${setl_id} was made by ${orig.infno})`);
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
  return { output: answer(row), created: { cancellations: [row.setl_id] }, psn_no: orig.psn_no };
}

export const settleOutpatient: Handler = (ctx) => settle(ctx, false);
export const settleInpatient: Handler = (ctx) => settle(ctx, true);
export const cancelOutpatient: Handler = (ctx) => cancel(ctx, false);
export const cancelInpatient: Handler = (ctx) => cancel(ctx, true);
