/** Records and rows for the trace unit tests, with every field the center requires filled in. */
import {
  DEFAULT_FILL,
  groupDispensing,
  groupStock,
  mappingIndex,
  prefixIndex,
  TraceChecker,
  type TraceRecord,
} from '../../../src/core/trace/index.js';

export const DRUG = 'YP00021';
export const PREFIX = '8302540';
export const NATIONAL = 'XR03DCM077A001010100445';

/** A valid 20-digit code of the test drug with a serial. */
export const code = (serial: number, prefix = PREFIX) => prefix + String(serial).padStart(13, '0');

type Row = Record<string, unknown>;

export function saleRows(id: string, time: string, codes: Array<string | null>, over: Row = {}): Row[] {
  const base: Row = {
    disp_id: id,
    disp_type: 'sale',
    orig_disp_id: null,
    fixmedins_hilist_id: DRUG,
    fixmedins_hilist_name: '孟鲁司特钠片',
    fixmedins_bchno: 'B20250303YP00021',
    setl_id: null,
    mdtrt_sn: 'ZF2025030300001',
    psn_no: null,
    psn_cert_type: '99',
    certno: null,
    psn_name: null,
    mdtrt_setl_type: '2',
    manu_lotnum: '24103077',
    manu_date: '2024-10-30',
    expy_end: '2026-10-30',
    rx_flag: '1',
    trdn_flag: '0',
    finl_trns_pric: '39.6',
    sel_retn_cnt: String(Math.max(1, codes.length)),
    sel_retn_time: time,
    sel_retn_opter_name: '谢婷',
    prsc_dr_name: '周建国',
    phar_name: '谢婷',
    phar_prac_cert_no: 'YS430100201801',
    rxno: null,
    ...over,
  };
  if (codes.length === 0) return [{ ...base, trac_seq: null, drug_trac_codg: null }];
  return codes.map((c, i) => ({ ...base, trac_seq: i + 1, drug_trac_codg: c }));
}

export function returnRows(
  id: string,
  time: string,
  codes: Array<string | null>,
  orig: string | null,
  over: Row = {},
): Row[] {
  return saleRows(id, time, codes, { disp_type: 'return', orig_disp_id: orig, ...over });
}

export function stockRows(id: string, time: string, codes: string[], over: Row = {}): Row[] {
  const base: Row = {
    stock_id: id,
    inv_chg_type: '108',
    fixmedins_hilist_id: DRUG,
    fixmedins_hilist_name: '孟鲁司特钠片',
    fixmedins_bchno: 'B20250303YP00021',
    pric: '33.66',
    cnt: String(codes.length),
    rx_flag: '1',
    trdn_flag: '0',
    inv_chg_time: time,
    inv_chg_opter_name: '药库管理员',
    manu_lotnum: '24103077',
    manu_date: '2024-10-30',
    expy_end: '2026-10-30',
    memo: null,
    ...over,
  };
  return codes.map((c, i) => ({ ...base, trac_seq: i + 1, drug_trac_codg: c }));
}

export const sale = (id: string, time: string, codes: Array<string | null>, over: Row = {}): TraceRecord =>
  groupDispensing(saleRows(id, time, codes, over))[0]!;
export const ret = (
  id: string,
  time: string,
  codes: Array<string | null>,
  orig: string | null,
  over: Row = {},
): TraceRecord => groupDispensing(returnRows(id, time, codes, orig, over))[0]!;
export const stockIn = (id: string, time: string, codes: string[], over: Row = {}): TraceRecord =>
  groupStock(stockRows(id, time, codes, over))[0]!;

export const mapping = mappingIndex([
  { fixmedins_hilist_id: DRUG, med_list_codg: NATIONAL, begndate: '2020-01-01', enddate: '2099-12-31' },
  // YP90001 stops being mapped after 2025-03-03; YP00099 has two codes on overlapping days.
  {
    fixmedins_hilist_id: 'YP90001',
    med_list_codg: 'XC01EBQ082A006010100112',
    begndate: '2020-01-01',
    enddate: '2025-03-03',
  },
  { fixmedins_hilist_id: 'YP00099', med_list_codg: 'A1', begndate: '2020-01-01', enddate: '2099-12-31' },
  { fixmedins_hilist_id: 'YP00099', med_list_codg: 'A2', begndate: '2025-03-01', enddate: '2099-12-31' },
]);

export const prefixes = prefixIndex([
  { fixmedins_hilist_id: DRUG, trac_prefix: PREFIX },
  { fixmedins_hilist_id: DRUG, trac_prefix: '8302541' },
]);

export const checker = () => new TraceChecker({ mapping, prefixes, defaults: { ...DEFAULT_FILL } });
