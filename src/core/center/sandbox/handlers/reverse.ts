/**
 * 2601 reversal (冲正): undo whatever the original message created, found by omsgid. Only
 * 2102, 2207, 2304 and 2401 may be reversed; a reversal is itself final (reversing twice answers
 * with an error naming the first reversal). Reversed settlements stop counting anywhere (3201,
 * 3202, 5203), give the personal account back and give their fee lines back (unsettled again);
 * a reversed 2401 admission ends the visit (refused while it has a live settlement).
 */
import { REVERSIBLE_INFNOS } from '../../protocol/index.js';
import { node, Refusal, text, type Handler } from './context.js';
import { liveSettlements } from './visitRules.js';

export const reverse: Handler = (ctx) => {
  const d = node(ctx, 'data');
  const omsgid = text(d, 'omsgid');
  const oinfno = text(d, 'oinfno');
  const psn_no = text(d, 'psn_no');
  if (!REVERSIBLE_INFNOS.includes(oinfno)) {
    throw new Refusal(
      `交易 ${oinfno} 不允许冲正 (2601 reverses only ${REVERSIBLE_INFNOS.join(', ')}; cancel settlements with 2208/2305)`,
    );
  }
  const m = ctx.ledger.getMessage(omsgid);
  if (!m || m.fixmedins_code !== ctx.fixmedins_code) {
    throw new Refusal(
      `原交易不存在：omsgid ${omsgid} (the center has no successful call with that msgid, so there is nothing to reverse)`,
    );
  }
  if (m.infno !== oinfno) throw new Refusal(`原交易类型不符：msgid ${omsgid} was a ${m.infno}, not a ${oinfno}`);
  if (m.psn_no && m.psn_no !== psn_no)
    throw new Refusal(`人员编号与原交易不符：msgid ${omsgid} was for psn_no ${m.psn_no}, not ${psn_no}`);
  if (m.reversed_by)
    throw new Refusal(
      `原交易已冲正，不能重复冲正 (msgid ${omsgid} was reversed by msgid ${m.reversed_by} at ${m.reversed_at})`,
    );
  const ids = m.created?.settlements ?? [];
  const rows = ids.map((id) => ctx.ledger.getSettlement(id)).filter((r) => r !== undefined);
  for (const r of rows) {
    if (r.status === 'cancelled') {
      throw new Refusal(
        `原交易的结算 ${r.setl_id} 已撤销，不能冲正 (cancelled by setl_id ${r.cancelled_by}; nothing left to reverse)`,
      );
    }
  }
  const visits = (m.created?.visits as string[] | undefined) ?? [];
  for (const mdtrt_id of visits) {
    const live = liveSettlements(ctx, mdtrt_id)[0];
    if (live)
      throw new Refusal(
        `原交易的就诊 ${mdtrt_id} 已结算，不能冲正 (settlement ${live.setl_id} is live: cancel it with 2305 first)`,
      );
    ctx.ledger.visits.update(mdtrt_id, { status: 'reversed', closed_at: ctx.nowText, closed_msgid: ctx.msgid });
  }
  for (const r of rows) {
    ctx.ledger.visits.release(r.setl_id);
    ctx.ledger.markReversed(r.setl_id, ctx.msgid, ctx.nowText);
    ctx.ledger.setBalance(r.psn_no, ctx.ledger.balance(r.psn_no, ctx.today).plus(r.acct_pay));
  }
  ctx.ledger.markMessageReversed(omsgid, ctx.msgid, ctx.nowText);
  return { output: {}, created: { reversed: ids, ...(visits.length ? { reversedVisits: visits } : {}) }, psn_no };
};
