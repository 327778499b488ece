/** Builders of candidates, center answers and findings for the pure tests. */
import { SETTLEMENT_AMOUNTS } from '../../../src/core/his/index.js';
import type { CallRow, Candidate, CenterSetl, HisRow, PriorCall } from '../../../src/core/settle/index.js';

export function hisRow(over: Partial<Record<string, string | null>> = {}): HisRow {
  const row: HisRow = {
    his_setl_no: 'HS1',
    setl_id: null,
    msgid: 'H43010000001202601051000000001',
    infno: '2207',
    mdtrt_id: 'MD1',
    psn_no: 'P1',
    his_status: 'pending',
    insutype: '310',
    clr_type: '11',
    created_at: '2026-01-05 10:00:00',
    medfee_sumamt: '100.00',
    fund_pay_sumamt: null,
    acct_pay: null,
    psn_cash_pay: null,
  };
  return { ...row, ...over } as HisRow;
}

export function setl(over: Partial<CenterSetl> = {}): CenterSetl {
  const amounts = Object.fromEntries(SETTLEMENT_AMOUNTS.map((a) => [a, '0.00'])) as Record<string, string>;
  return {
    ...amounts,
    setl_id: '430100202601050000000001',
    mdtrt_id: 'MD1',
    psn_no: 'P1',
    setl_time: '2026-01-05 10:00:02',
    medins_setl_id: 'H43010000001202601051000000001',
    clr_optins: '430100',
    clr_way: '01',
    clr_type: '11',
    refd_setl_flag: '0',
    pool_prop_selfpay: '0.6',
    medfee_sumamt: '100.00',
    fund_pay_sumamt: '60.00',
    hifp_pay: '60.00',
    psn_part_amt: '40.00',
    acct_pay: '40.00',
    psn_cash_pay: '0.00',
    ...over,
  } as CenterSetl;
}

export function call(over: Partial<CallRow> = {}): CallRow {
  return {
    msgid: 'H43010000001202601051000000001',
    infno: '2207',
    status: 'unknown',
    psn_no: 'P1',
    mdtrt_id: 'MD1',
    setl_id: null,
    created_at: '2026-01-05T02:00:00.000Z',
    err_msg: null,
    output: null,
    resolved_at: null,
    ...over,
  };
}

export function cand(over: Partial<Candidate> & { his?: HisRow | null; prior?: PriorCall[] } = {}): Candidate {
  const his = over.his === undefined ? hisRow() : over.his;
  const c: Candidate = {
    id: 'H43010000001202601051000000001',
    msgid: 'H43010000001202601051000000001',
    setl_id: (his?.setl_id as string | null) ?? null,
    infno: '2207',
    psn_no: 'P1',
    mdtrt_id: 'MD1',
    his_setl_no: his ? 'HS1' : null,
    at: '2026-01-05 10:00:00',
    sources: ['his_pending'],
    his,
    call: null,
    log: null,
    finding: null,
    prior: [],
    ...over,
  };
  return c;
}
