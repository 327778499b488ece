/** 5203 settlement query by setl_id (psn_no must match; mdtrt_id too when given). */
import { node, Refusal, text, type Handler } from './context.js';
import { setldetailOf, setlinfo5203Of } from './setlinfo.js';

export const querySettlement: Handler = (ctx) => {
  const d = node(ctx, 'data');
  const setl_id = text(d, 'setl_id');
  const r = ctx.ledger.getSettlement(setl_id);
  if (!r || r.fixmedins_code !== ctx.fixmedins_code) throw new Refusal(`未查询到结算信息：setl_id ${setl_id} (no such settlement for institution ${ctx.fixmedins_code})`);
  if (r.psn_no !== text(d, 'psn_no')) throw new Refusal(`未查询到结算信息：settlement ${setl_id} does not belong to psn_no ${text(d, 'psn_no')}`);
  const mdtrt_id = text(d, 'mdtrt_id');
  if (mdtrt_id && r.mdtrt_id !== mdtrt_id) throw new Refusal(`未查询到结算信息：settlement ${setl_id} does not belong to mdtrt_id ${mdtrt_id}`);
  if (r.status === 'reversed') throw new Refusal(`结算 ${setl_id} 已冲正 (reversed by msgid ${r.reversed_by} at ${r.reversed_at}; it no longer exists at the center)`);
  return { output: { setlinfo: setlinfo5203Of(r, ctx.opts.admdvs), setldetail: setldetailOf(r) } };
};
