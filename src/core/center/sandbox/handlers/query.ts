/**
 * 5203 settlement query, as a center's settlement record answers it:
 *
 * - by `setl_id` (psn_no must match; mdtrt_id too when given). A settlement cancelled with
 *   2208/2305 is still on record and answers with `refd_setl_flag` "1"; its cancellation row
 *   answers by its own setl_id (negative amounts, flag "1"). A settlement reversed with 2601 no
 *   longer exists: infcode -1, "…已冲正…".
 * - by `psn_no` + `mdtrt_id` without setl_id (a caller whose settlement answer was lost knows the
 *   visit but not the id): the visit's live settlement (the latest when several), else its latest
 *   cancelled one (flag "1"), else infcode -1 "未查询到结算信息". Reversed rows do not exist, so
 *   they are never answered; the refusal names them for people, without the word 已冲正, because
 *   it speaks of the visit, not of one call.
 *
 * The refusal texts are the ones the stuck-settlement job's default `stuck.patterns` read:
 * "未查询到" → absent, "已冲正" → reversed (src/core/settle/stuckConfig.ts).
 */
import type { SettlementRow } from '../ledger.js';
import { node, Refusal, text, type Handler, type HandlerCtx, type HandlerResult } from './context.js';
import { setldetailOf, setlinfo5203Of } from './setlinfo.js';

/** The answer for one row; a cancelled original is flagged as a refunded settlement. */
function answer(ctx: HandlerCtx, r: SettlementRow): HandlerResult {
  const setlinfo = setlinfo5203Of(r, ctx.opts.admdvs);
  if (r.status === 'cancelled') setlinfo.refd_setl_flag = '1';
  // A registered visit (2201/2401) tells its dates and disease.
  const v = ctx.ledger.visits.get(r.mdtrt_id);
  if (v && v.fixmedins_code === r.fixmedins_code) {
    setlinfo.begndate = v.begntime.slice(0, 10);
    setlinfo.enddate = (v.endtime ?? r.setl_time).slice(0, 10);
    setlinfo.dise_codg = v.dise_codg ?? '';
    setlinfo.dise_name = v.dise_name ?? '';
  }
  return { output: { setlinfo, setldetail: setldetailOf(r) } };
}

function bySetlId(ctx: HandlerCtx, setl_id: string, psn_no: string, mdtrt_id: string): HandlerResult {
  const r = ctx.ledger.getSettlement(setl_id);
  if (!r || r.fixmedins_code !== ctx.fixmedins_code)
    throw new Refusal(
      `未查询到结算信息：setl_id ${setl_id} (no such settlement for institution ${ctx.fixmedins_code})`,
    );
  if (r.psn_no !== psn_no)
    throw new Refusal(`未查询到结算信息：settlement ${setl_id} does not belong to psn_no ${psn_no}`);
  if (mdtrt_id && r.mdtrt_id !== mdtrt_id)
    throw new Refusal(`未查询到结算信息：settlement ${setl_id} does not belong to mdtrt_id ${mdtrt_id}`);
  if (r.status === 'reversed') {
    throw new Refusal(
      `该结算已冲正：setl_id ${setl_id} (reversed at ${r.reversed_at} by 2601 msgid ${r.reversed_by}; the center no longer holds it — ask by psn_no + mdtrt_id for a later one)`,
    );
  }
  return answer(ctx, r);
}

function byVisit(ctx: HandlerCtx, psn_no: string, mdtrt_id: string): HandlerResult {
  const rows = ctx.ledger
    .settlementsOfVisit(mdtrt_id)
    .filter((r) => r.fixmedins_code === ctx.fixmedins_code && r.psn_no === psn_no);
  // Oldest first, so the last match is the latest.
  const live = rows.filter((r) => r.status === 'settled');
  const cancelled = rows.filter((r) => r.status === 'cancelled');
  const pick = live.at(-1) ?? cancelled.at(-1);
  if (pick) return answer(ctx, pick);
  // err_msg holds 200 characters: name the latest reversed row only.
  const reversed = rows.filter((r) => r.status === 'reversed');
  const last = reversed.at(-1);
  const note = last
    ? `; reversed by 2601: setl_id ${last.setl_id}, msgid ${last.medins_setl_id ?? '?'}${reversed.length > 1 ? ` (+${reversed.length - 1})` : ''}`
    : '';
  throw new Refusal(`未查询到结算信息：no settlement of mdtrt_id ${mdtrt_id} for psn_no ${psn_no}${note}`);
}

export const querySettlement: Handler = (ctx) => {
  const d = node(ctx, 'data');
  const setl_id = text(d, 'setl_id');
  const psn_no = text(d, 'psn_no');
  const mdtrt_id = text(d, 'mdtrt_id');
  if (setl_id) return bySetlId(ctx, setl_id, psn_no, mdtrt_id);
  if (mdtrt_id) return byVisit(ctx, psn_no, mdtrt_id);
  // setl_id is conditional in the field table: one of the two keys must be there.
  throw new Refusal(
    '结算ID与就诊ID不能同时为空：5203 needs setl_id, or psn_no with mdtrt_id to look the settlement up by visit',
  );
};
