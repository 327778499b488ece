/**
 * Fee lines: 2204 (outpatient) and 2301 (inpatient) upload, answered line by line with the
 * center's pricing; 2205 / 2302 delete unsettled lines. An upload is checked whole before anything
 * is written: one bad line refuses the call (infcode -1) naming the line, so the HIS corrects and
 * resends it. The same line again (same feedetl_sn, same content) is accepted without change.
 */
import { money, round2, toWire } from '../../../money.js';
import { digestOf } from '../canonical.js';
import type { FeeLineRow } from '../visits.js';
import { node, Refusal, text, type Handler, type HandlerCtx, type HandlerResult } from './context.js';
import { liveSettlements, liveVisit, priceLine, pricingOf } from './visitRules.js';

function resultOf(l: FeeLineRow): Record<string, unknown> {
  return {
    feedetl_sn: l.feedetl_sn,
    det_item_fee_sumamt: toWire(l.det_item_fee_sumamt),
    cnt: Number(l.cnt.toFixed(4)),
    pric: Number(l.pric.toFixed(6)),
    ...pricingOf(l),
    bas_medn_flag: '0',
    hi_nego_drug_flag: '0',
    chld_medc_flag: '0',
    list_sp_item_flag: '0',
    lmt_used_flag: '0',
    drt_reim_flag: '0',
    memo: '',
  };
}

/** Is the line's visit still open to new lines? (Not for a settled batch or a finally settled stay.) */
function refuseClosedForLines(ctx: HandlerCtx, line: Record<string, unknown>, inpatient: boolean): void {
  const mdtrt_id = text(line, 'mdtrt_id');
  if (inpatient) {
    const final = liveSettlements(ctx, mdtrt_id).find((r) => r.mid_setl_flag !== '1');
    if (final)
      throw new Refusal(
        `该就诊已结算，不能再上传费用明细：mdtrt_id ${mdtrt_id}，setl_id ${final.setl_id} (cancel it with 2305 first)`,
      );
    return;
  }
  const chrg_bchno = text(line, 'chrg_bchno');
  const booked = ctx.ledger.visits.lines(mdtrt_id, { chrg_bchno, unsettled: false })[0];
  if (booked)
    throw new Refusal(
      `收费批次 ${chrg_bchno} 已结算，不能再上传费用明细：setl_id ${booked.setl_id} (upload new charges under a new chrg_bchno)`,
    );
}

/** One line checked and priced; `where` names it in refusals. */
function lineRow(ctx: HandlerCtx, line: Record<string, unknown>, inpatient: boolean, where: string): FeeLineRow {
  const mdtrt_id = text(line, 'mdtrt_id');
  liveVisit(ctx, mdtrt_id, text(line, 'psn_no'), inpatient, inpatient);
  refuseClosedForLines(ctx, line, inpatient);
  const cnt = money(line.cnt as number);
  const pric = money(line.pric as number);
  const total = money(line.det_item_fee_sumamt as number);
  if (!inpatient && !cnt.isPositive())
    throw new Refusal(`${where}数量必须大于 0：cnt ${cnt.toString()} (outpatient refunds are 2205 and a new upload)`);
  if (!round2(cnt.times(pric)).eq(total)) {
    throw new Refusal(
      `${where}明细金额与数量×单价不符：det_item_fee_sumamt ${total.toFixed(2)} ≠ ${cnt.toString()} × ${pric.toString()} = ${round2(cnt.times(pric)).toFixed(2)}`,
    );
  }
  return {
    mdtrt_id,
    feedetl_sn: text(line, 'feedetl_sn'),
    psn_no: text(line, 'psn_no'),
    chrg_bchno: inpatient ? null : text(line, 'chrg_bchno'),
    med_type: inpatient ? text(line, 'med_type') : null,
    fee_ocur_time: text(line, 'fee_ocur_time'),
    med_list_codg: text(line, 'med_list_codg'),
    medins_list_codg: text(line, 'medins_list_codg'),
    det_item_fee_sumamt: total,
    cnt,
    pric,
    ...priceLine(line, total),
    digest: digestOf(line),
    record: line,
    setl_id: null,
    msgid: ctx.msgid,
    uploaded_at: ctx.nowText,
  };
}

function upload(ctx: HandlerCtx, inpatient: boolean): HandlerResult {
  const items = (ctx.input.feedetail ?? []) as Record<string, unknown>[];
  if (!items.length) throw new Refusal('费用明细不能为空：feedetail has no lines');
  const seen = new Set<string>();
  const fresh: FeeLineRow[] = [];
  const results: Record<string, unknown>[] = [];
  items.forEach((line, i) => {
    const where = `第 ${i + 1} 条明细（feedetl_sn ${text(line, 'feedetl_sn')}）`;
    const key = `${text(line, 'mdtrt_id')}\u0000${text(line, 'feedetl_sn')}`;
    if (seen.has(key)) throw new Refusal(`${where}流水号重复 (feedetl_sn must be unique within the visit)`);
    seen.add(key);
    const stored = ctx.ledger.visits.line(text(line, 'mdtrt_id'), text(line, 'feedetl_sn'));
    if (stored) {
      if (stored.digest !== digestOf(line))
        throw new Refusal(
          `${where}已上传且内容不同 (uploaded by msgid ${stored.msgid} at ${stored.uploaded_at}: delete it with ${inpatient ? '2302' : '2205'} first or use a new feedetl_sn)`,
        );
      results.push(resultOf(stored));
      return;
    }
    const row = lineRow(ctx, line, inpatient, where);
    fresh.push(row);
    results.push(resultOf(row));
  });
  for (const row of fresh) ctx.ledger.visits.putLine(row);
  return {
    output: { result: results },
    created: { feeLines: fresh.map((l) => `${l.mdtrt_id}/${l.feedetl_sn}`) },
    psn_no: text(items[0]!, 'psn_no'),
  };
}

/** 2205 by charge batch, 2302 by line; "0000" = every unsettled line of the visit. */
function remove(ctx: HandlerCtx, inpatient: boolean): HandlerResult {
  const d = node(ctx, 'data');
  const mdtrt_id = text(d, 'mdtrt_id');
  liveVisit(ctx, mdtrt_id, text(d, 'psn_no'), inpatient);
  const key = inpatient ? 'feedetl_sn' : 'chrg_bchno';
  const value = text(d, key);
  const filter = value === '0000' ? {} : { [key]: value };
  const booked = ctx.ledger.visits.lines(mdtrt_id, { ...filter, unsettled: false })[0];
  if (booked && value !== '0000') {
    throw new Refusal(
      `费用明细已结算，不能撤销：mdtrt_id ${mdtrt_id}，${key} ${value}，setl_id ${booked.setl_id} (cancel the settlement with ${inpatient ? '2305' : '2208'} first)`,
    );
  }
  const n = ctx.ledger.visits.deleteUnsettled(mdtrt_id, filter);
  if (n === 0) {
    const why = booked
      ? `all settled by setl_id ${booked.setl_id}: cancel it with ${inpatient ? '2305' : '2208'} first`
      : 'nothing uploaded under it';
    throw new Refusal(`未查询到可撤销的费用明细：mdtrt_id ${mdtrt_id}，${key} ${value} (${why})`);
  }
  return { output: {}, psn_no: text(d, 'psn_no') };
}

export const uploadOutpatientLines: Handler = (ctx) => upload(ctx, false);
export const uploadInpatientLines: Handler = (ctx) => upload(ctx, true);
export const deleteOutpatientLines: Handler = (ctx) => remove(ctx, false);
export const deleteInpatientLines: Handler = (ctx) => remove(ctx, true);
