/**
 * The bill a 2206/2207 (2303/2304) settles. For a visit the sandbox registered (2201/2401) it is
 * the visit's unsettled fee lines — of the charge batch for outpatients — and the request must
 * match them: medfee_sumamt equal to their sum (interface reference: "must equal uploaded lines"),
 * and on 2207/2304 the four echoed parts equal to what pre-settlement answered. A visit it never
 * registered is refused, unless the sandbox runs lenient (`lenientVisits`), where the request's
 * own four parts are the bill, as before the visit flow existed.
 */
import { money, ZERO, type Decimal } from '../../../money.js';
import { node, Refusal, text, type HandlerCtx } from './context.js';
import { billOfLines, liveVisit, type Bill } from './visitRules.js';

const BILL_PARTS = ['fulamt_ownpay_amt', 'overlmt_selfpay', 'preselfpay_amt', 'inscp_scp_amt'] as const;

export function amount(d: Record<string, unknown>, k: string): Decimal {
  const v = d[k];
  return v === undefined || v === null || v === '' ? ZERO : money(v as string | number);
}

const present = (d: Record<string, unknown>, k: string) => d[k] !== undefined && d[k] !== null && d[k] !== '';

/** The request's own parts (lenient mode); a pre-settlement without parts is all within scope. */
function requestBill(d: Record<string, unknown>): Bill {
  const medfee = amount(d, 'medfee_sumamt');
  if (!BILL_PARTS.some((k) => present(d, k))) {
    return {
      medfee_sumamt: medfee,
      fulamt_ownpay_amt: ZERO,
      overlmt_selfpay: ZERO,
      preselfpay_amt: ZERO,
      inscp_scp_amt: medfee,
      lines: null,
    };
  }
  const bill: Bill = {
    medfee_sumamt: medfee,
    fulamt_ownpay_amt: ZERO,
    overlmt_selfpay: ZERO,
    preselfpay_amt: ZERO,
    inscp_scp_amt: ZERO,
    lines: null,
  };
  for (const k of BILL_PARTS) bill[k] = amount(d, k);
  const partsSum = BILL_PARTS.reduce((acc, k) => acc.plus(bill[k]), ZERO);
  if (!partsSum.eq(medfee)) {
    throw new Refusal(
      `医疗费总额与明细合计不符：medfee_sumamt ${medfee.toFixed(2)} ≠ fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt + inscp_scp_amt = ${partsSum.toFixed(2)} (send the amounts of the pre-settlement)`,
    );
  }
  return bill;
}

function linesBill(ctx: HandlerCtx, d: Record<string, unknown>, inpatient: boolean, presettle: boolean): Bill {
  const mdtrt_id = text(d, 'mdtrt_id');
  liveVisit(ctx, mdtrt_id, text(d, 'psn_no'), inpatient);
  const chrg_bchno = inpatient ? undefined : text(d, 'chrg_bchno');
  const lines = ctx.ledger.visits.lines(mdtrt_id, {
    unsettled: true,
    ...(chrg_bchno !== undefined ? { chrg_bchno } : {}),
  });
  const where = chrg_bchno !== undefined ? `mdtrt_id ${mdtrt_id}，收费批次 ${chrg_bchno}` : `mdtrt_id ${mdtrt_id}`;
  if (!lines.length)
    throw new Refusal(
      `无待结算的费用明细：${where} (upload the fee lines with ${inpatient ? '2301' : '2204'} before settling)`,
    );
  const bill = billOfLines(lines);
  const medfee = amount(d, 'medfee_sumamt');
  if (!bill.medfee_sumamt.eq(medfee)) {
    throw new Refusal(
      `医疗费总额与上传的费用明细合计不符：medfee_sumamt ${medfee.toFixed(2)} ≠ ${lines.length} 条明细合计 ${bill.medfee_sumamt.toFixed(2)}${chrg_bchno !== undefined ? `，收费批次 ${chrg_bchno}` : ''} (send the lines' total or correct them: ${inpatient ? '2302/2301' : '2205/2204'})`,
    );
  }
  if (presettle) return bill;
  for (const k of BILL_PARTS) {
    if (present(d, k) && !amount(d, k).eq(bill[k])) {
      throw new Refusal(
        `${k} 与预结算结果不符：${amount(d, k).toFixed(2)} ≠ ${bill[k].toFixed(2)} (send the amounts ${inpatient ? '2303' : '2206'} answered)`,
      );
    }
  }
  return bill;
}

/** The bill of a settlement or pre-settlement request (see the module comment). */
export function settlementBill(ctx: HandlerCtx, inpatient: boolean, presettle: boolean): Bill {
  const d = node(ctx, 'data');
  for (const k of ['medfee_sumamt', ...BILL_PARTS]) {
    if (amount(d, k).isNegative())
      throw new Refusal(`${k} 不能为负数 (${k} must not be negative; refunds are cancellations: 2208/2305)`);
  }
  const v = ctx.ledger.visits.get(text(d, 'mdtrt_id'));
  const registered = v !== undefined && v.fixmedins_code === ctx.fixmedins_code;
  if (registered || !ctx.opts.lenientVisits) return linesBill(ctx, d, inpatient, presettle);
  return requestBill(d);
}
