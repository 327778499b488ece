/**
 * Turn a settlement the HIS recorded (a canonical row of the profile's settlement statements and
 * its fee lines from `fee_lines_of_settlement`) into the rules engine's input. Pure.
 *
 * The HIS knows less than the engine needs: it has no year-to-date accumulators, often no person
 * groups and no n-th admission. What the row has is used; everything else comes from the audit's
 * assumptions, and each input that was assumed (not read) is named in `assumed`, so a difference
 * can be judged against what the recomputation took for granted.
 */
import { D, type Decimal } from '../money.js';

/** 按项目 clearing: the national table writes it 01, some provinces 1 (nhsa-interface §6, settlement-invariants). */
const BY_ITEM = new Set(['1', '01']);
import {
  AMOUNT_FIELDS,
  type ChrgitmLv,
  type FeeLine,
  type Policy,
  type SettleInput,
  type SetlinfoLike,
  type TotalsInput,
} from '../rules/index.js';

export type Row = Record<string, unknown>;

/** Values for the inputs the HIS row does not carry. */
export interface AuditAssumptions {
  /** Hospital level as the policy names it; default: the policy's last level. */
  hosp_lv?: string;
  /** Age when the row has none (default 40: an adult in no age band or child rule). */
  age?: number;
  /** Person groups added to the ones the row shows (cvlserv_flag 1 → civil_servant). */
  psn_groups?: string[];
  /** n-th admission of the year for inpatient stays (default 1). */
  admission_count?: number;
}

export const DEFAULT_AGE = 40;

export type SkipReason = 'cancellation' | 'fixed_amount';

export type AuditInput =
  | {
      kind: 'lines' | 'totals';
      setl_id: string;
      input: SettleInput | TotalsInput;
      recorded: SetlinfoLike;
      /** Inputs not read from the HIS, as `name=value (why)`. */
      assumed: string[];
    }
  | { kind: 'skip'; setl_id: string; reason: SkipReason; detail: string };

const text = (v: unknown): string | null =>
  v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim();
const ZERO = new D(0);
const dec = (v: unknown): Decimal | null => {
  const t = text(v);
  return t === null ? null : new D(t);
};

/** A cancellation (negative row) or fixed-amount clearing cannot be recomputed from the items. */
export function skipReason(row: Row): { reason: SkipReason; detail: string } | null {
  const medfee = dec(row['medfee_sumamt']);
  if (text(row['refd_setl_flag']) === '1' || (medfee !== null && medfee.isNeg())) {
    return {
      reason: 'cancellation',
      detail: `cancellation row${text(row['init_setl_id']) ? ` of ${String(row['init_setl_id'])}` : ''} (negative amounts)`,
    };
  }
  const clrWay = text(row['clr_way']);
  if (clrWay !== null && !BY_ITEM.has(clrWay))
    return {
      reason: 'fixed_amount',
      detail: `clr_way ${clrWay}: fixed-amount clearing (DRG/DIP/单病种) is not modelled by the policy`,
    };
  return null;
}

/** The amount fields the HIS recorded (absent when the column is null). */
export function recordedSetlinfo(row: Row): SetlinfoLike {
  const out: SetlinfoLike = {};
  for (const f of [...AMOUNT_FIELDS, 'balc' as const]) {
    const v = dec(row[f]);
    if (v !== null) out[f] = v;
  }
  return out;
}

/** chrgitm_lv as the engine reads it: 1/2/3 → 01/02/03, empty → null (no valid mapping). */
function level(v: unknown): ChrgitmLv {
  const t = text(v);
  if (t === null) return null;
  return (t.length === 1 ? `0${t}` : t) as ChrgitmLv;
}

export function feeLineOf(r: Row): FeeLine {
  return {
    feedetl_sn: String(r['feedetl_sn']),
    medins_list_codg: text(r['fixmedins_hilist_id']) ?? undefined,
    med_list_codg: text(r['med_list_codg']),
    chrgitm_lv: level(r['chrgitm_lv']),
    cnt: new D(text(r['cnt']) ?? '0'),
    pric: new D(text(r['pric']) ?? '0'),
    fee_ocur_time: String(r['fee_ocur_time'] ?? '').slice(0, 10),
    pric_uplmt_amt: dec(r['pric_uplmt_amt']),
    selfpay_prop: dec(r['selfpay_prop']),
    list_type: text(r['list_type']),
  };
}

/**
 * The engine input of one recorded settlement. `policy` is the one in force for its insutype and
 * date (hospital level and person groups are checked against it). Without fee lines the category
 * totals of the row are used (`splitTotals`): those five fields then agree by construction.
 */
export function auditInputOf(row: Row, feeLines: Row[], policy: Policy, a: AuditAssumptions = {}): AuditInput {
  const setl_id = String(row['setl_id'] ?? row['his_setl_no'] ?? '');
  const skip = skipReason(row);
  if (skip) return { kind: 'skip', setl_id, ...skip };
  const assumed: string[] = [];
  const recorded = recordedSetlinfo(row);

  const hosp_lv = a.hosp_lv ?? policy.levels[policy.levels.length - 1]!;
  assumed.push(
    `hosp_lv=${hosp_lv} (${a.hosp_lv ? 'given' : "the policy's last level"}; the HIS row has no hospital level)`,
  );
  const person = personOf(row, policy, a, recorded, assumed);
  const visit = visitOf(row, a, recorded, assumed);
  assumed.push(
    'ytd accumulators=0 (the HIS keeps none: deductible paid, ceilings and caps as at the start of the year)',
  );
  assumed.push(`acct_used_flag=${visit.acct_used_flag} (read from acct_pay > 0)`);

  const base: Omit<SettleInput, 'lines'> = {
    insutype: String(row['insutype']),
    setl_time: String(row['setl_time'] ?? '').slice(0, 10),
    hosp_lv,
    person,
    visit,
    source: { file: `setl_id ${setl_id}` },
  };
  if (feeLines.length > 0)
    return { kind: 'lines', setl_id, input: { ...base, lines: feeLines.map(feeLineOf) }, recorded, assumed };
  assumed.push('category totals from the record (no fee lines): medfee … inscp_scp_amt agree by construction');
  return { kind: 'totals', setl_id, input: { ...base, totals: totalsOf(recorded) }, recorded, assumed };
}

/** The insured person: age, retired, groups and account balances, each read or assumed (and named so). */
function personOf(
  row: Row,
  policy: Policy,
  a: AuditAssumptions,
  recorded: SetlinfoLike,
  assumed: string[],
): SettleInput['person'] {
  const rowAge = dec(row['age']);
  const age = rowAge !== null ? Math.floor(rowAge.toNumber()) : (a.age ?? DEFAULT_AGE);
  if (rowAge === null) assumed.push(`age=${age} (${a.age !== undefined ? 'given' : 'default'}; the row has none)`);

  const psnType = text(row['psn_type']);
  const retired = psnType === '12';
  if (psnType === null) assumed.push('retired=false (the row has no psn_type)');

  const groups = new Set(a.psn_groups ?? []);
  if (text(row['cvlserv_flag']) === '1' && policy.person_groups.includes('civil_servant')) groups.add('civil_servant');
  if (a.psn_groups?.length) assumed.push(`psn_groups+=${a.psn_groups.join(',')} (given)`);

  // Balance before = balance after + what the own account paid; mutual aid at least what it paid.
  const acctPay = recorded.acct_pay ?? ZERO;
  const mulaid = recorded.acct_mulaid_pay ?? ZERO;
  const balc = recorded.balc;
  if (balc === undefined) assumed.push('acct_balc=acct_pay (the row has no balc)');
  const acct_balc = (balc ?? ZERO).plus(acctPay.minus(mulaid));
  return {
    psn_no: text(row['psn_no']) ?? undefined,
    age,
    retired,
    psn_groups: [...groups],
    acct_balc,
    mulaid_balc: mulaid,
    ytd: {},
  };
}

/** The visit: outpatient or inpatient (n-th admission), in area or not, own account used. */
function visitOf(row: Row, a: AuditAssumptions, recorded: SetlinfoLike, assumed: string[]): SettleInput['visit'] {
  const acctPay = recorded.acct_pay ?? ZERO;
  const inAreaFlag = text(row['in_area_flag']);
  if (inAreaFlag === null) assumed.push('in_area=true (the row has no in_area_flag)');
  const inpatient = text(row['clr_type']) === '21';
  const admission_count = a.admission_count ?? 1;
  if (inpatient)
    assumed.push(`admission_count=${admission_count} (${a.admission_count !== undefined ? 'given' : 'default'})`);
  return {
    type: inpatient ? 'inpatient' : 'outpatient',
    admission_count,
    in_area: inAreaFlag !== '0',
    acct_used_flag: acctPay.gt(0),
    mdtrt_id: text(row['mdtrt_id']) ?? undefined,
  };
}

/** Without fee lines: the row's five category totals (zero when absent). */
function totalsOf(recorded: SetlinfoLike): TotalsInput['totals'] {
  const t = (
    f: 'medfee_sumamt' | 'fulamt_ownpay_amt' | 'overlmt_selfpay' | 'preselfpay_amt' | 'inscp_scp_amt',
  ): Decimal => recorded[f] ?? ZERO;
  return {
    medfee_sumamt: t('medfee_sumamt'),
    fulamt_ownpay_amt: t('fulamt_ownpay_amt'),
    overlmt_selfpay: t('overlmt_selfpay'),
    preselfpay_amt: t('preselfpay_amt'),
    inscp_scp_amt: t('inscp_scp_amt'),
  };
}
