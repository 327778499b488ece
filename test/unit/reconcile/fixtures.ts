/** Builders for the reconciliation's unit tests: HIS rows, counted settlements, result rows, scopes. */
import {
  parseReconcileRules,
  type DetailScope,
  type HisSettlement,
  type ReconcileRules,
  type ResultRow,
} from '../../../src/core/reconcile/index.js';

export const RULES: ReconcileRules = parseReconcileRules(undefined, { setl_optins: '430100' });

export function rules(over: Record<string, unknown> = {}): ReconcileRules {
  return parseReconcileRules(over, { setl_optins: '430100' });
}

/** A canonical HIS row as the profile returns it (strings, two-decimal amounts). */
export function hisRow(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    his_setl_no: 'JS1',
    setl_id: 'S1',
    mdtrt_id: 'M1',
    psn_no: 'P1',
    insutype: '310',
    clr_type: '11',
    setl_optins: '430100',
    clr_optins: '430100',
    in_area_flag: '1',
    setl_time: '2025-03-04 10:00:00',
    medfee_sumamt: '100.00',
    fund_pay_sumamt: '60.00',
    acct_pay: '10.00',
    psn_cash_pay: '30.00',
    hosp_part_amt: '0.00',
    refd_setl_flag: '0',
    init_setl_id: null,
    msgid: 'MSG1',
    infno: '2207',
    his_status: 'settled',
    ...over,
  };
}

export function his(over: Partial<HisSettlement> = {}): HisSettlement {
  return {
    his_setl_no: 'JS1',
    setl_id: 'S1',
    mdtrt_id: 'M1',
    psn_no: 'P1',
    insutype: '310',
    clr_type: '11',
    setl_optins: '430100',
    setl_time: '2025-03-04 10:00:00',
    day: '2025-03-04',
    refd_setl_flag: '0',
    init_setl_id: null,
    msgid: 'MSG1',
    infno: '2207',
    his_status: 'settled',
    medfee: 10000n,
    fund: 6000n,
    acct: 1000n,
    cash: 3000n,
    ...over,
  };
}

export function row(over: Partial<ResultRow> = {}): ResultRow {
  return {
    line: 1,
    raw: 'raw',
    psn_no: 'P1',
    mdtrt_id: 'M1',
    setl_id: 'S1',
    msgid: 'MSG1',
    stmt_rslt: '0',
    refd_setl_flag: '0',
    memo: '平',
    medfee: 10000n,
    fund: 6000n,
    acct: 1000n,
    ...over,
  };
}

export const SCOPE: DetailScope = {
  begndate: '2025-03-04',
  enddate: '2025-03-04',
  clr_type: '11',
  setl_optins: '430100',
};
