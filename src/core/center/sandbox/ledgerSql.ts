/** The ledger's filters as SQL (pure). */
import type { SettlementFilter, TraceCodeFilter } from './ledgerTypes.js';

/** The 3201 sums of Ledger.totals (see there; exported so that its use of the index is checked). */
export function totalsSql(f: SettlementFilter): { sql: string; args: unknown[] } {
  const { sql, args } = filterSql(f);
  const fen = (c: string) => `COALESCE(SUM(CAST(ROUND(${c} * 100) AS INTEGER)), 0) AS ${c}`;
  return {
    sql: `SELECT COUNT(*) AS n, ${fen('medfee_sumamt')}, ${fen('fund_pay_sumamt')}, ${fen('acct_pay')}, ${fen('psn_cash_pay')} FROM settlements ${sql}`,
    args,
  };
}

export function filterSql(f: SettlementFilter): { sql: string; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  const eq = (col: string, v: string | undefined) => {
    if (v !== undefined && v !== '') {
      where.push(`${col} = ?`);
      args.push(v);
    }
  };
  eq('fixmedins_code', f.fixmedins_code);
  eq('insutype', f.insutype);
  eq('clr_type', f.clr_type);
  eq('clr_optins', f.setl_optins);
  eq('psn_no', f.psn_no);
  eq('mdtrt_id', f.mdtrt_id);
  if (f.from) {
    where.push('setl_time >= ?');
    args.push(`${f.from} 00:00:00`);
  }
  if (f.to) {
    where.push('setl_time <= ?');
    args.push(`${f.to} 23:59:59`);
  }
  if (f.refd_setl_flag === '0') where.push("refd_setl_flag = '0'");
  if (!f.includeReversed) where.push('reversed_by IS NULL');
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
}

export function traceFilterSql(f: TraceCodeFilter): { sql: string; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.fixmedins_code) {
    where.push('fixmedins_code = ?');
    args.push(f.fixmedins_code);
  }
  if (f.infno) {
    where.push('infno = ?');
    args.push(f.infno);
  }
  if (f.drug_trac_codg) {
    where.push('drug_trac_codg = ?');
    args.push(f.drug_trac_codg);
  }
  if (f.movement) {
    where.push('movement = ?');
    args.push(f.movement);
  }
  if (f.accepted !== false) where.push('accepted = 1');
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
}
