/**
 * 3201 totals: the institution's sums for (insutype, clr_type, setl_optins, period by the
 * center's setl_time) against the ledger. refd_setl_flag 0 leaves cancellation rows out; 1, empty
 * or absent keeps them (each counts once, with negative amounts).
 */
import { money } from '../../../money.js';
import { node, Refusal, text, type Handler } from './context.js';

export const stmtTotal: Handler = (ctx) => {
  const d = node(ctx, 'data');
  const from = text(d, 'stmt_begndate');
  const to = text(d, 'stmt_enddate');
  if (from > to) throw new Refusal(`对账开始日期晚于结束日期：${from} > ${to}`);
  const setl_optins = text(d, 'setl_optins');
  const t = ctx.ledger.totals({
    fixmedins_code: ctx.fixmedins_code,
    insutype: text(d, 'insutype'),
    clr_type: text(d, 'clr_type'),
    setl_optins,
    from,
    to,
    refd_setl_flag: text(d, 'refd_setl_flag') === '0' ? '0' : '1',
  });
  const theirs = {
    medfee: money(d.medfee_sumamt as string | number),
    fund: money(d.fund_pay_sumamt as string | number),
    acct: money(d.acct_pay as string | number),
    cnt: Number(d.fixmedins_setl_cnt),
  };
  const balanced =
    t.medfee_sumamt.eq(theirs.medfee) &&
    t.fund_pay_sumamt.eq(theirs.fund) &&
    t.acct_pay.eq(theirs.acct) &&
    t.count === theirs.cnt;
  const dscr = balanced
    ? '平'
    : `不平：中心 medfee_sumamt=${t.medfee_sumamt.toFixed(2)} fund_pay_sumamt=${t.fund_pay_sumamt.toFixed(2)} acct_pay=${t.acct_pay.toFixed(2)} cnt=${t.count}；` +
      `机构 medfee_sumamt=${theirs.medfee.toFixed(2)} fund_pay_sumamt=${theirs.fund.toFixed(2)} acct_pay=${theirs.acct.toFixed(2)} cnt=${theirs.cnt}`;
  return { output: { stmtinfo: { setl_optins, stmt_rslt: balanced ? '0' : '1', stmt_rslt_dscr: dscr } } };
};
