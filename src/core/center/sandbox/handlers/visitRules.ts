/**
 * The center's rules of the visit flow, shared by the registration, fee-line and settlement
 * handlers: whose visit it is and in which state, what a fee line costs the fund, and the bill a
 * settlement of a registered visit must match (medfee_sumamt = the sum of the uploaded lines).
 */
import { money, toWire, ZERO, type Decimal } from '../../../money.js';
import { clrTypeForMedType, type SettlementRow } from '../ledger.js';
import { certnoInPsnNo, withInsutype, type Person } from '../roster.js';
import type { FeeLineRow, LinePricing, VisitRow } from '../visits.js';
import { Refusal, text, type HandlerCtx } from './context.js';

export const isInpatientMedType = (med_type: string): boolean => clrTypeForMedType(med_type) === '21';

/**
 * The insured person for a registration or settlement: insured, and under this insurance type.
 * A psn_no met for the first time (not one of the roster's) takes the request's insurance type.
 */
export function insuredPerson(ctx: HandlerCtx, psn_no: string, insutype: string): Person {
  const known = ctx.ledger.hasPerson(psn_no) || certnoInPsnNo(psn_no) !== undefined;
  let person = ctx.ledger.person(psn_no, ctx.today);
  if (!person.insured) throw new Refusal(`参保人 ${psn_no} 无有效参保信息 (the person is not insured)`);
  if (person.insutype !== insutype) {
    if (known)
      throw new Refusal(
        `参保人 ${psn_no} 无险种 ${insutype} 的参保信息 (the person is insured under ${person.insutype}; check 1101 insuinfo)`,
      );
    person = withInsutype(person, insutype, ctx.today);
    ctx.ledger.updatePerson(person);
  }
  return person;
}

/** A new platform visit id: the division, the day and a serial (24 characters). */
export function newMdtrtId(ctx: HandlerCtx): string {
  return `${ctx.opts.admdvs}${ctx.today.replaceAll('-', '')}${String(ctx.ledger.nextSerial('mdtrt_id')).padStart(10, '0')}`;
}

const KIND = (inpatient: boolean) => (inpatient ? '住院' : '门诊');

/**
 * The institution's visit `mdtrt_id` of `psn_no`, of the right kind and still usable: open, or
 * (inpatients) discharged when `discharged` allows it. Refusals say which step comes first.
 */
export function liveVisit(
  ctx: HandlerCtx,
  mdtrt_id: string,
  psn_no: string,
  inpatient: boolean,
  discharged = true,
): VisitRow {
  const v = ctx.ledger.visits.get(mdtrt_id);
  if (!v || v.fixmedins_code !== ctx.fixmedins_code) {
    throw new Refusal(
      `就诊信息不存在：mdtrt_id ${mdtrt_id} (no visit registered for institution ${ctx.fixmedins_code}: ${inpatient ? 'admit with 2401' : 'register with 2201'} first)`,
    );
  }
  if (v.psn_no !== psn_no)
    throw new Refusal(`人员编号与就诊信息不符：mdtrt_id ${mdtrt_id} belongs to psn_no ${v.psn_no}, not ${psn_no}`);
  if (v.inpatient !== inpatient) {
    throw new Refusal(
      `就诊 ${mdtrt_id} 是${KIND(v.inpatient)}就诊，不能办理${KIND(inpatient)}业务 (use the ${v.inpatient ? '2301-2305' : '2203-2208'} transactions for it)`,
    );
  }
  if (v.status === 'cancelled')
    throw new Refusal(
      `就诊 ${mdtrt_id} 已撤销 (cancelled by msgid ${v.closed_msgid} at ${v.closed_at}; register a new visit)`,
    );
  if (v.status === 'reversed')
    throw new Refusal(
      `就诊 ${mdtrt_id} 已冲正 (the admission was reversed by 2601 msgid ${v.closed_msgid}; admit again)`,
    );
  if (v.status === 'discharged' && !discharged)
    throw new Refusal(`就诊 ${mdtrt_id} 已出院 (discharged at ${v.endtime}; cancel the discharge with 2405 first)`);
  return v;
}

/** The visit's live settlements at this institution (not cancelled, not reversed). */
export function liveSettlements(ctx: HandlerCtx, mdtrt_id: string): SettlementRow[] {
  return ctx.ledger
    .settlementsOfVisit(mdtrt_id)
    .filter((r) => r.status === 'settled' && r.fixmedins_code === ctx.fixmedins_code);
}

/**
 * The sandbox's pricing of a line (its catalog is not consulted): a line whose hospital approval
 * was refused (hosp_appr_flag 2) is 丙类, paid by the person in full; every other line is 甲类,
 * wholly within the policy's scope.
 */
export function priceLine(line: Record<string, unknown>, total: Decimal): LinePricing {
  const refused = text(line, 'hosp_appr_flag') === '2';
  return {
    fulamt_ownpay_amt: refused ? total : ZERO,
    overlmt_amt: ZERO,
    preselfpay_amt: ZERO,
    inscp_scp_amt: refused ? ZERO : total,
    selfpay_prop: refused ? money(1) : ZERO,
    chrgitm_lv: refused ? '03' : '01',
  };
}

export interface Bill {
  medfee_sumamt: Decimal;
  fulamt_ownpay_amt: Decimal;
  overlmt_selfpay: Decimal;
  preselfpay_amt: Decimal;
  inscp_scp_amt: Decimal;
  /** The lines a settlement books (null: a visit the sandbox never registered, lenient mode). */
  lines: FeeLineRow[] | null;
}

/** The bill of some lines: their totals and parts. */
/** A priced line's pricing as 2204/2301 answer it and 5204 lists it (same fields, same order). */
export function pricingOf(l: FeeLineRow): Record<string, unknown> {
  return {
    pric_uplmt_amt: 999999,
    selfpay_prop: Number(l.selfpay_prop.toFixed(4)),
    fulamt_ownpay_amt: toWire(l.fulamt_ownpay_amt),
    overlmt_amt: toWire(l.overlmt_amt),
    preselfpay_amt: toWire(l.preselfpay_amt),
    inscp_scp_amt: toWire(l.inscp_scp_amt),
    chrgitm_lv: l.chrgitm_lv,
    med_chrgitm_type: '',
  };
}

export function billOfLines(lines: FeeLineRow[]): Bill {
  const sum = (f: (l: FeeLineRow) => Decimal) => lines.reduce((acc, l) => acc.plus(f(l)), ZERO);
  return {
    medfee_sumamt: sum((l) => l.det_item_fee_sumamt),
    fulamt_ownpay_amt: sum((l) => l.fulamt_ownpay_amt),
    overlmt_selfpay: sum((l) => l.overlmt_amt),
    preselfpay_amt: sum((l) => l.preselfpay_amt),
    inscp_scp_amt: sum((l) => l.inscp_scp_amt),
    lines,
  };
}
