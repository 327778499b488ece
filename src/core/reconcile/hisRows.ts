/**
 * Turn the HIS's settlement rows (canonical columns from the profile) into what the job counts,
 * applying the province's rules: which statuses count, refunds in or out, how out-of-area
 * settlements are cleared, hospital-borne amounts, local clearing-type codes. A row the job cannot
 * count (null setl_id, unknown insurance type, an amount that is not an amount) is returned as a
 * problem — it becomes an "unknown" finding with the raw row, never a silent skip. Pure.
 */
import type { Row } from '../his/index.js';
import { parseFen } from './fen.js';
import { isClrType, isInsutype, type ReconcileRules } from './rules.js';
import type { HisRowResult, HisSettlement } from './types.js';

/** Columns the reconciliation reads (statement settlements_for_reconcile). */
export const RECONCILE_COLUMNS = [
  'his_setl_no',
  'setl_id',
  'mdtrt_id',
  'psn_no',
  'insutype',
  'clr_type',
  'setl_optins',
  'clr_optins',
  'in_area_flag',
  'setl_time',
  'medfee_sumamt',
  'fund_pay_sumamt',
  'acct_pay',
  'psn_cash_pay',
  'hosp_part_amt',
  'refd_setl_flag',
  'init_setl_id',
  'msgid',
  'infno',
  'his_status',
] as const;

const DATETIME = /^(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}:\d{2}/;

const text = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
};

/** Is the row an out-of-area (异地) settlement: flagged so, or cleared by another agency? */
function outOfArea(row: Row, agency: string, local: string): boolean {
  const flag = text(row.in_area_flag);
  if (flag === '0') return true;
  if (flag === '1') return false;
  return agency !== local;
}

export function readHisRow(row: Row, rules: ReconcileRules): HisRowResult {
  const status = text(row.his_status) ?? '';
  if (!rules.statuses.includes(status)) return { kind: 'excluded', reason: 'status' };
  const refd = text(row.refd_setl_flag) === '1' ? '1' : '0';
  if (refd === '1' && rules.refunds === 'exclude') return { kind: 'excluded', reason: 'refund' };
  const setl_id = text(row.setl_id);
  if (!setl_id) {
    return { kind: 'problem', problem: { code: 'HIS_NO_SETL_ID', message: `the HIS settlement ${text(row.his_setl_no) ?? '(no number)'} counts as ${status} but has no setl_id, so it cannot be matched with the center`, row } };
  }
  const time = text(row.setl_time);
  const tm = time ? DATETIME.exec(time) : null;
  if (!tm) return { kind: 'problem', problem: { code: 'HIS_BAD_TIME', message: `setl_time "${time ?? ''}" of settlement ${setl_id} is not a time`, row } };
  const insutype = text(row.insutype) ?? '';
  if (!isInsutype(rules, insutype)) {
    return {
      kind: 'problem',
      problem: { code: 'HIS_UNKNOWN_INSUTYPE', message: `settlement ${setl_id} has insutype "${insutype}", which is neither a national code nor in reconcile.extraInsutypes`, row },
    };
  }
  const hisClr = text(row.clr_type) ?? '';
  const clr_type = rules.clrTypeMap[hisClr] ?? hisClr;
  if (!isClrType(rules, clr_type)) {
    return {
      kind: 'problem',
      problem: { code: 'HIS_UNKNOWN_CLR_TYPE', message: `settlement ${setl_id} has clr_type "${hisClr}", which is not a clearing type the center knows (map it in reconcile.clrTypeMap or add it to reconcile.extraClrTypes)`, row },
    };
  }
  // medfee_sumamt and fund_pay_sumamt must be there; the others are zero when the HIS has none.
  const amount = (k: string, required: boolean) => parseFen(row[k] === null || row[k] === undefined ? (required ? undefined : '0') : row[k]);
  const medfee = amount('medfee_sumamt', true);
  const fundRaw = amount('fund_pay_sumamt', true);
  const acct = amount('acct_pay', false);
  const cash = amount('psn_cash_pay', false);
  const hosp = amount('hosp_part_amt', false);
  if (medfee === undefined || fundRaw === undefined || acct === undefined || cash === undefined || hosp === undefined) {
    const bad = (['medfee_sumamt', 'fund_pay_sumamt', 'acct_pay', 'psn_cash_pay', 'hosp_part_amt'] as const).filter((k, i) => amount(k, i < 2) === undefined);
    return { kind: 'problem', problem: { code: 'HIS_BAD_AMOUNT', message: `settlement ${setl_id} has ${bad.join(', ')} that is not an amount with at most two decimals`, row } };
  }
  const agency = text(row.setl_optins) ?? text(row.clr_optins) ?? rules.setl_optins;
  let setl_optins = agency;
  if (outOfArea(row, agency, rules.setl_optins)) {
    if (rules.outOfArea === 'exclude') return { kind: 'excluded', reason: 'out_of_area' };
    if (rules.outOfArea === 'local_agency') setl_optins = rules.setl_optins;
  }
  const fund = rules.hospitalBorne === 'subtract' ? fundRaw - hosp : rules.hospitalBorne === 'add' ? fundRaw + hosp : fundRaw;
  const s: HisSettlement = {
    his_setl_no: text(row.his_setl_no),
    setl_id,
    mdtrt_id: text(row.mdtrt_id) ?? '',
    psn_no: text(row.psn_no) ?? '',
    insutype,
    clr_type,
    setl_optins,
    setl_time: time!.replace('T', ' ').slice(0, 19),
    day: tm[1]!,
    refd_setl_flag: refd,
    init_setl_id: text(row.init_setl_id),
    msgid: text(row.msgid),
    infno: text(row.infno),
    his_status: status,
    medfee,
    fund,
    acct,
    cash,
  };
  return { kind: 'counted', s };
}
