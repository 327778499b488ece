/**
 * 5204 fee detail query: the lines uploaded for a visit (psn_no + mdtrt_id), or only those a
 * settlement booked (setl_id). Output `feedetail` (the reference names no node: the sandbox's
 * choice). A cancelled or reversed settlement has given its lines back, so it books none.
 */
import { toWire } from '../../../money.js';
import type { FeeLineRow } from '../visits.js';
import { node, Refusal, text, type Handler } from './context.js';
import { pricingOf } from './visitRules.js';

function rowOf(l: FeeLineRow): Record<string, unknown> {
  return {
    mdtrt_id: l.mdtrt_id,
    setl_id: l.setl_id ?? '',
    feedetl_sn: l.feedetl_sn,
    rx_drord_no: text(l.record, 'rxno') || text(l.record, 'drord_no'),
    med_type: l.med_type ?? '',
    fee_ocur_time: l.fee_ocur_time,
    cnt: Number(l.cnt.toFixed(4)),
    pric: Number(l.pric.toFixed(6)),
    det_item_fee_sumamt: toWire(l.det_item_fee_sumamt),
    ...pricingOf(l),
    med_list_codg: l.med_list_codg,
    medins_list_codg: l.medins_list_codg,
  };
}

export const queryFeeLines: Handler = (ctx) => {
  const d = node(ctx, 'data');
  const psn_no = text(d, 'psn_no');
  const mdtrt_id = text(d, 'mdtrt_id');
  const setl_id = text(d, 'setl_id');
  const v = ctx.ledger.visits.get(mdtrt_id);
  if (!v || v.fixmedins_code !== ctx.fixmedins_code || v.psn_no !== psn_no) {
    throw new Refusal(
      `未查询到费用明细：mdtrt_id ${mdtrt_id} (no visit of psn_no ${psn_no} registered here; settlements made without 2201/2401 have no lines)`,
    );
  }
  if (setl_id) {
    const s = ctx.ledger.getSettlement(setl_id);
    if (!s || s.mdtrt_id !== mdtrt_id || s.fixmedins_code !== ctx.fixmedins_code)
      throw new Refusal(`未查询到结算信息：setl_id ${setl_id} of mdtrt_id ${mdtrt_id}`);
  }
  const lines = ctx.ledger.visits.lines(mdtrt_id, setl_id ? { setl_id } : {});
  return { output: { feedetail: lines.map(rowOf) } };
};
