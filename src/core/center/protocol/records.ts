/**
 * Typed records from the center's output, tolerant of what real centers send: objects where
 * arrays are expected and the reverse, numbers or strings for amounts and codes, null or "" for
 * absent values, camelCase or upper-case key variants, unknown keys (ignored). Money becomes
 * Decimal; a value that is present but not a number is a protocol violation and throws.
 */
import type { Decimal } from 'decimal.js';
import { externalError } from '../../errors.js';
import { parseMoney, ZERO } from '../../money.js';
import { SETL_AMOUNT_FIELDS } from './transactions.js';

type Obj = Record<string, unknown>;

const canon = (k: string): string => k.toLowerCase().replace(/_/g, '');

/** A value by national name, falling back to camelCase / case variants (`cashPayamt`, `SETL_ID`). */
export function pick(o: Obj | null | undefined, name: string): unknown {
  if (!o) return undefined;
  if (name in o) return o[name];
  const want = canon(name);
  for (const k of Object.keys(o)) if (canon(k) === want) return o[k];
  return undefined;
}

/** null → [], object → [object], array → array (nulls dropped). */
export function asArray(v: unknown): Obj[] {
  if (v === null || v === undefined || v === '') return [];
  if (Array.isArray(v)) return v.filter((x): x is Obj => x !== null && typeof x === 'object' && !Array.isArray(x));
  if (typeof v === 'object') return [v as Obj];
  return [];
}

/** null → undefined, object → object, array → its first object. */
export function asObject(v: unknown): Obj | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return asArray(v)[0];
  if (typeof v === 'object') return v as Obj;
  return undefined;
}

/** Text or null; numbers become text (codes arrive as 310 or "310"). */
export function asStr(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? null : t;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** An amount as Decimal; absent → undefined; present but not a number → throws. */
function asMoneyOpt(v: unknown, field: string): Decimal | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const d = parseMoney(v);
  if (!d) {
    throw externalError(
      'CENTER_BAD_AMOUNT',
      `The center sent "${String(v).slice(0, 40)}" as ${field}, which is not an amount`,
      "Report the response to the center's help desk; hisops will not guess an amount.",
      undefined,
      { field },
    ).zh(
      `医保中心返回的 ${field} 为 "${String(v).slice(0, 40)}"，不是金额`,
      '请将该应答报告给医保中心服务台；hisops 不会猜测金额。',
    );
  }
  return d;
}

function asMoney(v: unknown, field: string): Decimal {
  return asMoneyOpt(v, field) ?? ZERO;
}

export function asNum(v: unknown): number | null {
  const d = parseMoney(v);
  return d ? d.toNumber() : null;
}

/**
 * A node of `output` by name: `output[node]`, a case variant, or — when the center put the fields
 * flat into output — output itself if it holds `probe`.
 */
export function outputNode(output: Obj, node: string, probe?: string): unknown {
  const v = pick(output, node);
  if (v !== undefined && v !== null) return v;
  if (probe && pick(output, probe) !== undefined) return output;
  return undefined;
}

// ---- records -------------------------------------------------------------------------------

interface SignInResult {
  sign_no: string;
  sign_time: string | null;
}

interface BaseInfo {
  psn_no: string;
  psn_cert_type: string | null;
  certno: string | null;
  psn_name: string | null;
  gend: string | null;
  naty: string | null;
  brdy: string | null;
  age: number | null;
  exp_content: string | null;
}

interface InsuInfo {
  balc: Decimal;
  insutype: string;
  psn_type: string | null;
  psn_insu_stas: string | null;
  psn_insu_date: string | null;
  paus_insu_date: string | null;
  cvlserv_flag: string | null;
  insuplc_admdvs: string | null;
  emp_name: string | null;
}

interface IdetInfo {
  psn_idet_type: string | null;
  psn_type_lv: string | null;
  memo: string | null;
  begntime: string | null;
  endtime: string | null;
}

export interface PersonInfo {
  baseinfo: BaseInfo;
  insuinfo: InsuInfo[];
  idetinfo: IdetInfo[];
}

type SetlAmountField = (typeof SETL_AMOUNT_FIELDS)[number];

/** The settlement block (§5.S) — full for 2207/2304/5203, reduced for 2208/2305 (person fields null). */
export type SetlInfo = {
  mdtrt_id: string | null;
  setl_id: string;
  psn_no: string | null;
  psn_name: string | null;
  psn_cert_type: string | null;
  certno: string | null;
  gend: string | null;
  naty: string | null;
  brdy: string | null;
  age: number | null;
  insutype: string | null;
  psn_type: string | null;
  cvlserv_flag: string | null;
  setl_time: string | null;
  mdtrt_cert_type: string | null;
  med_type: string | null;
  pool_prop_selfpay: Decimal | null;
  medins_setl_id: string | null;
  clr_optins: string | null;
  clr_way: string | null;
  clr_type: string | null;
  /** 5203 extras and province fields, present when sent. */
  refd_setl_flag: string | null;
  cash_payamt: Decimal | null;
  psn_pay: Decimal | null;
  hifdm_pay: Decimal | null;
  fixmedins_code: string | null;
  opt_time: string | null;
} & { [K in SetlAmountField]: Decimal };

export interface SetlDetail {
  fund_pay_type: string | null;
  fund_pay_type_name: string | null;
  inscp_scp_amt: Decimal;
  crt_payb_lmt_amt: Decimal | null;
  fund_payamt: Decimal;
  setl_proc_info: string | null;
}

export interface SettlementResult {
  setlinfo: SetlInfo;
  setldetail: SetlDetail[];
}

export interface StmtInfo {
  setl_optins: string | null;
  stmt_rslt: string;
  stmt_rslt_dscr: string | null;
  /** stmt_rslt 0 (and the `000000` some mock platforms send). */
  balanced: boolean;
}

export interface FileInfo {
  file_qury_no: string;
  filename: string;
  dld_endtime: string | null;
  /** Record count of a catalog file, when sent (spelled data_cnt or data_cn). */
  data_cnt: number | null;
}

export interface GoodsResult {
  /** '1' accepted, '0' rejected. */
  retRslt: string;
  msgRslt: string | null;
  ok: boolean;
}

function missing(what: string, field: string): never {
  throw externalError(
    'CENTER_BAD_RESPONSE',
    `The center's answer to ${what} has no ${field}`,
    "Check the center's status with its help desk; the call may have to be repeated or queried.",
    undefined,
    { field },
  ).zh(`医保中心对 ${what} 的应答中没有 ${field}`, '请向医保中心服务台确认其状态；该调用可能需要重发或查询。');
}

export function parseSignIn(output: Obj): SignInResult {
  const o = asObject(outputNode(output, 'signinoutb', 'sign_no'));
  const sign_no = asStr(pick(o, 'sign_no'));
  if (!sign_no) missing('sign-in (9001)', 'signinoutb.sign_no');
  return { sign_no, sign_time: asStr(pick(o, 'sign_time')) };
}

export function parsePersonInfo(output: Obj): PersonInfo {
  const b = asObject(outputNode(output, 'baseinfo', 'psn_no'));
  const psn_no = asStr(pick(b, 'psn_no'));
  if (!psn_no) missing('person info (1101)', 'baseinfo.psn_no');
  return {
    baseinfo: {
      psn_no,
      psn_cert_type: asStr(pick(b, 'psn_cert_type')),
      certno: asStr(pick(b, 'certno')),
      psn_name: asStr(pick(b, 'psn_name')),
      gend: asStr(pick(b, 'gend')),
      naty: asStr(pick(b, 'naty')),
      brdy: asStr(pick(b, 'brdy')),
      age: asNum(pick(b, 'age')),
      exp_content: asStr(pick(b, 'exp_content')),
    },
    insuinfo: asArray(pick(output, 'insuinfo')).map((i) => ({
      balc: asMoney(pick(i, 'balc'), 'insuinfo.balc'),
      insutype: asStr(pick(i, 'insutype')) ?? '',
      psn_type: asStr(pick(i, 'psn_type')),
      psn_insu_stas: asStr(pick(i, 'psn_insu_stas')),
      psn_insu_date: asStr(pick(i, 'psn_insu_date')),
      paus_insu_date: asStr(pick(i, 'paus_insu_date')),
      cvlserv_flag: asStr(pick(i, 'cvlserv_flag')),
      insuplc_admdvs: asStr(pick(i, 'insuplc_admdvs') ?? pick(i, 'insu_admdvs')),
      emp_name: asStr(pick(i, 'emp_name')),
    })),
    idetinfo: asArray(pick(output, 'idetinfo')).map((i) => ({
      psn_idet_type: asStr(pick(i, 'psn_idet_type')),
      psn_type_lv: asStr(pick(i, 'psn_type_lv')),
      memo: asStr(pick(i, 'memo')),
      begntime: asStr(pick(i, 'begntime')),
      endtime: asStr(pick(i, 'endtime')),
    })),
  };
}

function parseSetlinfo(o: Obj, what: string): SetlInfo {
  const setl_id = asStr(pick(o, 'setl_id'));
  if (!setl_id) missing(what, 'setlinfo.setl_id');
  const amounts = Object.fromEntries(SETL_AMOUNT_FIELDS.map((f) => [f, asMoney(pick(o, f), `setlinfo.${f}`)])) as {
    [K in SetlAmountField]: Decimal;
  };
  const s = (k: string): string | null => asStr(pick(o, k));
  const m = (k: string): Decimal | null => asMoneyOpt(pick(o, k), `setlinfo.${k}`) ?? null;
  return {
    mdtrt_id: s('mdtrt_id'),
    setl_id,
    psn_no: s('psn_no'),
    psn_name: s('psn_name'),
    psn_cert_type: s('psn_cert_type'),
    certno: s('certno'),
    gend: s('gend'),
    naty: s('naty'),
    brdy: s('brdy'),
    age: asNum(pick(o, 'age')),
    insutype: s('insutype'),
    psn_type: s('psn_type'),
    cvlserv_flag: s('cvlserv_flag'),
    setl_time: s('setl_time'),
    mdtrt_cert_type: s('mdtrt_cert_type'),
    med_type: s('med_type'),
    pool_prop_selfpay: m('pool_prop_selfpay'),
    medins_setl_id: s('medins_setl_id'),
    clr_optins: s('clr_optins'),
    clr_way: s('clr_way'),
    clr_type: s('clr_type'),
    refd_setl_flag: s('refd_setl_flag'),
    cash_payamt: m('cash_payamt'),
    psn_pay: m('psn_pay'),
    hifdm_pay: m('hifdm_pay'),
    fixmedins_code: s('fixmedins_code'),
    opt_time: s('opt_time'),
    ...amounts,
  };
}

function parseSetldetail(v: unknown): SetlDetail[] {
  return asArray(v).map((d) => ({
    fund_pay_type: asStr(pick(d, 'fund_pay_type')),
    fund_pay_type_name: asStr(pick(d, 'fund_pay_type_name')),
    inscp_scp_amt: asMoney(pick(d, 'inscp_scp_amt'), 'setldetail.inscp_scp_amt'),
    crt_payb_lmt_amt: asMoneyOpt(pick(d, 'crt_payb_lmt_amt'), 'setldetail.crt_payb_lmt_amt') ?? null,
    fund_payamt: asMoney(pick(d, 'fund_payamt'), 'setldetail.fund_payamt'),
    setl_proc_info: asStr(pick(d, 'setl_proc_info')),
  }));
}

/** 2207/2208/2304/2305/5203 output. */
export function parseSettlement(output: Obj, what: string): SettlementResult {
  const o = asObject(outputNode(output, 'setlinfo', 'setl_id'));
  if (!o) missing(what, 'setlinfo');
  return { setlinfo: parseSetlinfo(o, what), setldetail: parseSetldetail(pick(output, 'setldetail')) };
}

export function parseStmtInfo(output: Obj): StmtInfo {
  const o = asObject(outputNode(output, 'stmtinfo', 'stmt_rslt'));
  const stmt_rslt = asStr(pick(o, 'stmt_rslt'));
  if (stmt_rslt === null) missing('total reconciliation (3201)', 'stmtinfo.stmt_rslt');
  return {
    setl_optins: asStr(pick(o, 'setl_optins')),
    stmt_rslt,
    stmt_rslt_dscr: asStr(pick(o, 'stmt_rslt_dscr')),
    balanced: /^0+$/.test(stmt_rslt),
  };
}

/** 9101 / 3202 / 13xx output: the file info, flat in output or under fileinfo / data. */
export function parseFileInfo(output: Obj, what: string): FileInfo {
  const o = asObject(outputNode(output, 'fileinfo', 'file_qury_no')) ?? asObject(pick(output, 'data'));
  const file_qury_no = asStr(pick(o, 'file_qury_no'));
  if (!file_qury_no) missing(what, 'file_qury_no');
  return {
    file_qury_no,
    filename: asStr(pick(o, 'filename')) ?? '',
    dld_endtime: asStr(pick(o, 'dld_endtime') ?? pick(o, 'dld_end_time')),
    data_cnt: asNum(pick(o, 'data_cnt') ?? pick(o, 'data_cn')),
  };
}

/** 3501–3506 (and A variants) output: result.retRslt/msgRslt; a list of results is ok only if all are. */
export function parseGoodsResult(output: Obj): GoodsResult {
  const items = asArray(outputNode(output, 'result', 'retRslt'));
  if (items.length === 0) return { retRslt: '1', msgRslt: null, ok: true };
  const bad = items.find((i) => asStr(pick(i, 'retRslt')) !== '1');
  const r = bad ?? items[0]!;
  const retRslt = asStr(pick(r, 'retRslt')) ?? '0';
  return { retRslt, msgRslt: asStr(pick(r, 'msgRslt')), ok: retRslt === '1' };
}
